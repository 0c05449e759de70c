using Brigade.Jobs.Domain;

namespace Brigade.Jobs.Tests.Domain;

/// <summary>The booking and posting state machines as tables: every pair of statuses, allowed or not.</summary>
public sealed class LifecycleTests
{
    private static readonly string[][] BookingMoves =
    [
        [BookingStatus.Applied, BookingStatus.Accepted],
        [BookingStatus.Applied, BookingStatus.Declined],
        [BookingStatus.Applied, BookingStatus.Withdrawn],
        [BookingStatus.Applied, BookingStatus.Expired],
        [BookingStatus.Accepted, BookingStatus.CheckedIn],
        [BookingStatus.Accepted, BookingStatus.Cancelled],
        [BookingStatus.Accepted, BookingStatus.NoShow],
        [BookingStatus.CheckedIn, BookingStatus.CheckedOut],
    ];

    private static readonly string[][] PostingMoves =
    [
        [JobStatus.Draft, JobStatus.Open],
        [JobStatus.Draft, JobStatus.Cancelled],
        [JobStatus.Open, JobStatus.Filled],
        [JobStatus.Open, JobStatus.InProgress],
        [JobStatus.Open, JobStatus.Cancelled],
        [JobStatus.Filled, JobStatus.Open],
        [JobStatus.Filled, JobStatus.InProgress],
        [JobStatus.Filled, JobStatus.Cancelled],
        [JobStatus.InProgress, JobStatus.Completed],
    ];

    public static TheoryData<string, string, bool> BookingTable()
    {
        var data = new TheoryData<string, string, bool>();
        foreach (var from in BookingStatus.All)
        {
            foreach (var to in BookingStatus.All)
            {
                data.Add(from, to, BookingMoves.Any(m => m[0] == from && m[1] == to));
            }
        }

        return data;
    }

    public static TheoryData<string, string, bool> PostingTable()
    {
        var data = new TheoryData<string, string, bool>();
        foreach (var from in JobStatus.All)
        {
            foreach (var to in JobStatus.All)
            {
                data.Add(from, to, PostingMoves.Any(m => m[0] == from && m[1] == to));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(BookingTable))]
    public void A_booking_moves_only_as_the_table_says(string from, string to, bool allowed) =>
        BookingStatus.CanMove(from, to).ShouldBe(allowed, $"{from} → {to}");

    [Theory]
    [MemberData(nameof(PostingTable))]
    public void A_posting_moves_only_as_the_table_says(string from, string to, bool allowed) =>
        JobStatus.CanMove(from, to).ShouldBe(allowed, $"{from} → {to}");

    [Fact]
    public void Only_booked_statuses_hold_the_workers_time() =>
        BookingStatus.HoldsShift.ShouldBe([BookingStatus.Accepted, BookingStatus.CheckedIn, BookingStatus.CheckedOut], ignoreOrder: true);
}

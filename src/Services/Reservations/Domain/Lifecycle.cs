using NodaTime;

namespace Brigade.Reservations.Domain;

/// <summary>Reservation statuses as the API spells them.</summary>
public static class Status
{
    public const string PendingPayment = "pending_payment";
    public const string Confirmed = "confirmed";
    public const string Arrived = "arrived";
    public const string Seated = "seated";
    public const string Completed = "completed";
    public const string Cancelled = "cancelled";
    public const string NoShow = "no_show";

    /// <summary>Statuses that hold tables and covers.</summary>
    public static readonly IReadOnlySet<string> Active = new HashSet<string>(StringComparer.Ordinal) { PendingPayment, Confirmed, Arrived, Seated };
}

/// <summary>The reservation state machine: every allowed move, nothing else.</summary>
public static class Lifecycle
{
    private static readonly Dictionary<string, string[]> Moves = new(StringComparer.Ordinal)
    {
        [Status.PendingPayment] = [Status.Confirmed, Status.Cancelled],
        [Status.Confirmed] = [Status.Arrived, Status.Seated, Status.Cancelled, Status.NoShow],
        [Status.Arrived] = [Status.Seated, Status.Cancelled],
        [Status.Seated] = [Status.Completed],
        [Status.Completed] = [],
        [Status.Cancelled] = [],
        [Status.NoShow] = [],
    };

    public static IReadOnlyCollection<string> All => Moves.Keys;

    public static bool CanMove(string from, string to) => Moves.TryGetValue(from, out var next) && next.Contains(to, StringComparer.Ordinal);

    /// <summary>
    /// Guests can be marked arrived (or seated straight away) from <paramref name="window"/> before the start on: earlier,
    /// it is a mistake (the wrong day's booking) that would take their table from the party before them.
    /// </summary>
    public static bool TooEarlyToArrive(string to, Duration untilStart, Duration window) =>
        to is Status.Arrived or Status.Seated && untilStart > window;

    /// <summary>Time and party size can change only before the guests arrive.</summary>
    public static bool CanModify(string status) => status is Status.PendingPayment or Status.Confirmed;
}

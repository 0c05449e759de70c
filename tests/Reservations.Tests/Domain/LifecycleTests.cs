using Brigade.Reservations.Domain;

namespace Brigade.Reservations.Tests.Domain;

public sealed class LifecycleTests
{
    /// <summary>The whole state machine: every pair of statuses, allowed or not.</summary>
    public static TheoryData<string, string, bool> Moves()
    {
        var allowed = new HashSet<(string, string)>
        {
            ("pending_payment", "confirmed"), ("pending_payment", "cancelled"),
            ("confirmed", "arrived"), ("confirmed", "seated"), ("confirmed", "cancelled"), ("confirmed", "no_show"),
            ("arrived", "seated"), ("arrived", "cancelled"),
            ("seated", "completed"),
        };
        string[] all = ["pending_payment", "confirmed", "arrived", "seated", "completed", "cancelled", "no_show"];
        var data = new TheoryData<string, string, bool>();
        foreach (var from in all)
        {
            foreach (var to in all)
            {
                data.Add(from, to, allowed.Contains((from, to)));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Moves))]
    public void Only_the_listed_transitions_are_allowed(string from, string to, bool allowed) =>
        Lifecycle.CanMove(from, to).ShouldBe(allowed);

    [Fact]
    public void Only_reservations_not_yet_honoured_can_be_modified()
    {
        Lifecycle.All.Where(Lifecycle.CanModify).ShouldBe(["pending_payment", "confirmed"], ignoreOrder: true);
    }
}

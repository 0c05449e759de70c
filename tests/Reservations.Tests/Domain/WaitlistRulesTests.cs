using Brigade.Reservations.Domain;

namespace Brigade.Reservations.Tests.Domain;

public sealed class WaitlistRulesTests
{
    [Theory]
    [InlineData(0, 90, 2, 0)]
    [InlineData(1, 90, 2, 45)]
    [InlineData(3, 90, 2, 135)]
    [InlineData(3, 120, 1, 360)]
    [InlineData(2, 90, 0, 180)]
    [InlineData(1, 90, 4, 23)]
    public void The_quoted_wait_is_parties_ahead_times_turn_over_fitting_tables(int ahead, int turn, int tables, int expected) =>
        Waitlist.QuotedWaitMinutes(ahead, turn, tables).ShouldBe(expected);

    [Fact]
    public void Postponing_is_allowed_twice_for_parties_still_in_the_queue()
    {
        Waitlist.CanPostpone(WaitStatus.Waiting, 0).ShouldBeTrue();
        Waitlist.CanPostpone(WaitStatus.Ready, 1).ShouldBeTrue();
        Waitlist.CanPostpone(WaitStatus.Waiting, 2).ShouldBeFalse();
        Waitlist.CanPostpone(WaitStatus.Seated, 0).ShouldBeFalse();
        Waitlist.CanMove(WaitStatus.Ready, WaitStatus.Ready).ShouldBeFalse();
        Waitlist.CanMove(WaitStatus.Left, WaitStatus.Seated).ShouldBeFalse();
        Waitlist.CanMove(WaitStatus.Waiting, WaitStatus.Ready).ShouldBeTrue();
    }
}

using Brigade.Staff.Domain;
using NodaTime;

namespace Brigade.Staff.Tests.Domain;

/// <summary>The clock's windows, the worked spans of a timecard, the schedule's warnings and the labour %.</summary>
public sealed class ClockAndScheduleTests
{
    private static readonly DateTimeZone Seoul = DateTimeZoneProviders.Tzdb["Asia/Seoul"];
    private static readonly Instant Start = Instant.FromUtc(2026, 11, 2, 0, 0); // 09:00 in Seoul

    public static TheoryData<int, ClockInVerdict, int, bool> Punches() => new()
    {
        // minutes relative to the shift's start → verdict, paid from (minutes relative to start), late
        { -16, ClockInVerdict.TooEarly, -16, false },
        { -15, ClockInVerdict.Allowed, 0, false },
        { -3, ClockInVerdict.Allowed, 0, false },
        { 0, ClockInVerdict.Allowed, 0, false },
        { 5, ClockInVerdict.Allowed, 5, false },
        { 6, ClockInVerdict.Allowed, 6, true },
    };

    [Theory]
    [MemberData(nameof(Punches))]
    public void Clock_in_window_and_grace(int minutes, ClockInVerdict verdict, int paidFrom, bool late)
    {
        var decision = TimeClock.Decide(Start + Duration.FromMinutes(minutes), Start, earlyWindowMinutes: 15, graceMinutes: 5);

        decision.Verdict.ShouldBe(verdict);
        decision.PaidFrom.ShouldBe(Start + Duration.FromMinutes(paidFrom));
        decision.Late.ShouldBe(late);
    }

    [Fact]
    public void Without_a_shift_time_counts_from_the_punch()
    {
        var at = Start + Duration.FromMinutes(-120);
        TimeClock.Decide(at, null, 15, 5).ShouldBe(new ClockIn(ClockInVerdict.Allowed, at, false));
    }

    [Fact]
    public void Breaks_are_cut_out_of_the_worked_spans()
    {
        var spans = TimeClock.Spans(Start, Start + Duration.FromHours(9),
            [new BreakSpan(Start + Duration.FromHours(3), Start + Duration.FromHours(4)), new BreakSpan(Start + Duration.FromHours(6), null)], Seoul);

        spans.Count.ShouldBe(2);
        spans[0].ShouldBe(new WorkedSpan(new LocalDateTime(2026, 11, 2, 9, 0), new LocalDateTime(2026, 11, 2, 12, 0)));
        spans[1].ShouldBe(new WorkedSpan(new LocalDateTime(2026, 11, 2, 13, 0), new LocalDateTime(2026, 11, 2, 18, 0)));
        TimeClock.Minutes(spans).ShouldBe(480);
    }

    [Theory]
    [InlineData(239, 0)]
    [InlineData(240, 30)]
    [InlineData(479, 30)]
    [InlineData(480, 60)]
    public void Required_breaks_follow_article_54(int work, int breakMinutes) => TimeClock.RequiredBreakMinutes(work).ShouldBe(breakMinutes);

    [Fact]
    public void A_closing_shift_then_an_opening_one_warns_of_short_rest()
    {
        var close = new PlannedShift(Guid.NewGuid(), Start + Duration.FromHours(13), Start + Duration.FromHours(17), 0); // 22:00–02:00
        var open = new PlannedShift(Guid.NewGuid(), Start + Duration.FromHours(24), Start + Duration.FromHours(27), 0); // 09:00–12:00 next day

        Scheduling.Warnings(open, [close], minimumRestHours: 11, Seoul).ShouldBe([Scheduling.ShortRest]);
        Scheduling.Warnings(open, [close], minimumRestHours: 7, Seoul).ShouldBeEmpty();
    }

    [Fact]
    public void Overlap_daily_weekly_and_break_warnings()
    {
        var day = new PlannedShift(Guid.NewGuid(), Start, Start + Duration.FromHours(10), 30);
        var week = Enumerable.Range(1, 4).Select(i => new PlannedShift(Guid.NewGuid(), Start + Duration.FromDays(i), Start + Duration.FromDays(i) + Duration.FromHours(9), 60)).ToList();

        Scheduling.Warnings(day, week, 11, Seoul).ShouldBe([Scheduling.DailyOvertime, Scheduling.WeeklyOvertime, Scheduling.ShortBreak]);
        Scheduling.Warnings(week[0] with { Id = Guid.NewGuid() }, week, 11, Seoul).ShouldContain(Scheduling.Overlap);
    }

    [Theory]
    [InlineData(300_000, 1_000_000L, 30.0)]
    [InlineData(1, 3L, 33.3)]
    [InlineData(100, null, null)]
    [InlineData(100, 0L, null)]
    public void Labour_percent(long cost, long? sales, double? percent) =>
        Scheduling.LabourPercent(cost, sales).ShouldBe(percent is { } p ? (decimal)p : null);

    [Fact]
    public void A_planned_night_shift_costs_its_premium()
    {
        // 18:00–02:00 with a 60-minute break taken from the end: 7 hours, 3 of them at night (22:00–01:00).
        var shift = new PlannedShift(Guid.NewGuid(), Start + Duration.FromHours(9), Start + Duration.FromHours(17), 60);
        Scheduling.Cost(shift, new PayTerms(PayKinds.Hourly, 12_000, false), Seoul).ShouldBe(84_000 + 18_000);
        Scheduling.Cost(shift, new PayTerms(PayKinds.Hourly, 12_000, true), Seoul).ShouldBe(84_000);
    }
}

using Brigade.Staff.Domain;
using NodaTime;
using NodaTime.Text;

namespace Brigade.Staff.Tests.Domain;

/// <summary>
/// Golden payroll cases worked out by hand. At 12,000 won an hour a minute is 200 won and each 50% premium minute
/// 100 won, so every expected number can be checked on paper. Weeks: 2026-11-02 is a Monday; November 2026 has no public
/// holiday; 2026-12-25 (Christmas) is one.
/// </summary>
public sealed class PayCalculatorTests
{
    private const long Wage = 12_000;

    public sealed record Case(
        string Name, string[] Days, long Wage = Wage, bool Small = false, string Kind = PayKinds.Hourly, (int Scheduled, bool Attended)[]? Weeks = null, int Year = 2026,
        long Gross = 0, int Worked = -1, int Overtime = 0, int Night = 0, int Holiday = 0, int HolidayOvertime = 0, int WeeklyHoliday = 0, bool Below = false);

    // A day: "date start-end" with optional breaks "/hh:mm-hh:mm"; an end before the start is the next morning; a leading "~" is
    // a day before the pay period (counted towards its week's 40 hours, not paid again).
    public static TheoryData<Case> Cases() => new()
    {
        new("an 8-hour day with an hour's break", ["2026-11-02 09:00-18:00/12:00-13:00"], Gross: 96_000, Worked: 480),
        new("a 10-hour day: 2 hours of daily overtime (제56조①)", ["2026-11-02 09:00-20:00/12:00-13:00"], Gross: 132_000, Worked: 600, Overtime: 120),
        new("an evening into the night: 4 night hours (제56조③)", ["2026-11-02 18:00-02:00"], Gross: 120_000, Worked: 480, Night: 240),
        new("night and overtime stack: 2 h overtime, 5 h night", ["2026-11-02 16:00-03:00/20:00-21:00"], Gross: 162_000, Worked: 600, Overtime: 120, Night: 300),
        new("a break at night is not night work", ["2026-11-02 18:00-02:00/23:00-00:00"], Gross: 102_000, Worked: 420, Night: 180),
        new("six 8-hour days: the sixth is weekly overtime (제50조①)",
            ["2026-11-02 09:00-18:00/12:00-13:00", "2026-11-03 09:00-18:00/12:00-13:00", "2026-11-04 09:00-18:00/12:00-13:00",
             "2026-11-05 09:00-18:00/12:00-13:00", "2026-11-06 09:00-18:00/12:00-13:00", "2026-11-07 09:00-18:00/12:00-13:00"],
            Gross: 624_000, Worked: 2880, Overtime: 480),
        new("daily overtime is not counted again towards the week",
            ["2026-11-02 08:00-20:00", "2026-11-03 08:00-20:00", "2026-11-04 08:00-20:00", "2026-11-05 08:00-20:00"],
            Gross: 4 * 144_000 + 4 * 24_000, Worked: 2880, Overtime: 960),
        new("a week across two periods is judged whole",
            ["~2026-10-26 09:00-17:00", "~2026-10-27 09:00-17:00", "~2026-10-28 09:00-17:00", "2026-10-29 09:00-17:00", "2026-10-30 09:00-17:00", "2026-10-31 09:00-17:00"],
            Gross: 336_000, Worked: 1440, Overtime: 480),
        new("holiday work: 50% for the first 8 hours (제56조②)", ["2026-12-25 09:00-18:00/12:00-13:00"], Gross: 144_000, Worked: 480, Holiday: 480),
        new("holiday work beyond 8 hours: 100%", ["2026-12-25 09:00-20:00/12:00-13:00"], Gross: 192_000, Worked: 600, Holiday: 600, HolidayOvertime: 120),
        new("holiday hours are not weekly overtime too",
            ["2026-12-21 09:00-17:00", "2026-12-22 09:00-17:00", "2026-12-23 09:00-17:00", "2026-12-24 09:00-17:00", "2026-12-25 09:00-17:00", "2026-12-26 09:00-17:00"],
            Gross: 576_000 + 48_000 + 0, Worked: 2880, Holiday: 480),
        new("under five employees: no premiums, minutes still shown (제11조)", ["2026-11-02 16:00-03:00/20:00-21:00"], Small: true,
            Gross: 120_000, Worked: 600, Overtime: 120, Night: 300),
        new("under five employees: holiday work at the ordinary rate", ["2026-12-25 09:00-18:00/12:00-13:00"], Small: true, Gross: 96_000, Worked: 480, Holiday: 480),
        new("20 contracted hours, attended: 4 hours of weekly holiday pay (제55조)",
            ["2026-11-02 10:00-15:00", "2026-11-03 10:00-15:00", "2026-11-04 10:00-15:00", "2026-11-05 10:00-15:00"], Weeks: [(1200, true)],
            Gross: 240_000 + 48_000, Worked: 1200, WeeklyHoliday: 240),
        new("exactly 15 hours a week earns it", ["2026-11-02 09:00-14:00", "2026-11-03 09:00-14:00", "2026-11-04 09:00-14:00"], Weeks: [(900, true)],
            Gross: 180_000 + 36_000, Worked: 900, WeeklyHoliday: 180),
        new("14 hours a week does not (제18조③)", ["2026-11-02 09:00-16:00", "2026-11-03 09:00-16:00"], Weeks: [(840, true)], Gross: 168_000, Worked: 840),
        new("a missed scheduled day loses the week's holiday pay", ["2026-11-02 10:00-15:00"], Weeks: [(1200, false)], Gross: 60_000, Worked: 300),
        new("weekly holiday pay stops at 8 hours", ["2026-11-02 09:00-18:00"], Weeks: [(2700, true)], Gross: 108_000 + 6_000 + 96_000, Worked: 540, Overtime: 60, WeeklyHoliday: 480),
        new("under five employees still pay weekly holiday pay", ["2026-11-02 10:00-15:00"], Small: true, Weeks: [(1200, true)], Gross: 60_000 + 48_000, Worked: 300, WeeklyHoliday: 240),
        new("pay rounds up to the won, in the worker's favour", ["2026-11-02 09:00-09:07"], Wage: 10_333, Gross: 1_206, Worked: 7),
        new("a 2026 wage of 10,030 is below the minimum of 10,320 (최저임금법 제6조)", ["2026-11-02 09:00-10:00"], Wage: 10_030, Gross: 10_030, Worked: 60, Below: true),
        new("the same wage met the 2025 minimum", ["2025-11-03 09:00-10:00"], Wage: 10_030, Year: 2025, Gross: 10_030, Worked: 60),
        new("a monthly salary: 2,500,000 with no extra hours", [], Kind: PayKinds.Monthly, Wage: 2_500_000, Gross: 2_500_000, Worked: 0),
        new("a salary pays overtime on top at salary / 209 = 11,962 an hour", ["2026-11-02 09:00-20:00/12:00-13:00"], Kind: PayKinds.Monthly, Wage: 2_500_000,
            Gross: 2_500_000 + 23_924 + 11_962, Worked: 600, Overtime: 120),
        new("a salary of 2,000,000 is 9,570 an hour: below the minimum", [], Kind: PayKinds.Monthly, Wage: 2_000_000, Gross: 2_000_000, Worked: 0, Below: true),
        new("a salary does not add weekly holiday pay (it is in the 209 hours)", ["2026-11-02 09:00-14:00"], Kind: PayKinds.Monthly, Wage: 2_500_000,
            Weeks: [(1200, true)], Gross: 2_500_000, Worked: 300),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Pays_to_the_won(Case c)
    {
        var days = c.Days.Select(Day).ToList();
        var weeks = (c.Weeks ?? []).Select(w => new WeekAttendance(new LocalDate(2026, 11, 2), w.Scheduled, w.Attended));

        var slip = PayCalculator.Calculate(new PayTerms(c.Kind, c.Wage, c.Small), days, weeks, c.Year);

        slip.Gross.ShouldBe(c.Gross, c.Name);
        if (c.Worked >= 0)
        {
            slip.WorkedMinutes.ShouldBe(c.Worked, c.Name);
        }

        slip.OvertimeMinutes.ShouldBe(c.Overtime, c.Name);
        slip.NightMinutes.ShouldBe(c.Night, c.Name);
        slip.HolidayMinutes.ShouldBe(c.Holiday, c.Name);
        slip.HolidayOvertimeMinutes.ShouldBe(c.HolidayOvertime, c.Name);
        slip.WeeklyHolidayMinutes.ShouldBe(c.WeeklyHoliday, c.Name);
        slip.BelowMinimumWage.ShouldBe(c.Below, c.Name);
        slip.PremiumsExempt.ShouldBe(c.Small, c.Name);
        (slip.BasePay + slip.OvertimePay + slip.NightPay + slip.HolidayPay + slip.WeeklyHolidayPay).ShouldBe(slip.Gross);
    }

    [Fact]
    public void The_holiday_table_knows_christmas_and_lunar_new_year_but_not_an_ordinary_day()
    {
        Holidays.IsHoliday(new LocalDate(2026, 12, 25)).ShouldBeTrue();
        Holidays.IsHoliday(new LocalDate(2026, 2, 17)).ShouldBeTrue();
        Holidays.IsHoliday(new LocalDate(2026, 11, 4)).ShouldBeFalse();
    }

    private static WorkedDay Day(string text)
    {
        var inPeriod = !text.StartsWith('~');
        var parts = text.TrimStart('~').Split(' ');
        var date = LocalDatePattern.Iso.Parse(parts[0]).Value;
        var pieces = parts[1].Split('/');
        var (start, end) = Span(date, pieces[0]);
        var spans = new List<WorkedSpan>();
        var from = start;
        foreach (var b in pieces.Skip(1))
        {
            var (bs, be) = Span(date, b);
            if (bs < start)
            {
                (bs, be) = (bs.PlusDays(1), be.PlusDays(1));
            }

            spans.Add(new WorkedSpan(from, bs));
            from = be;
        }

        spans.Add(new WorkedSpan(from, end));
        return new WorkedDay(date, spans, inPeriod);
    }

    private static (LocalDateTime, LocalDateTime) Span(LocalDate date, string text)
    {
        var t = text.Split('-');
        var start = date + LocalTimePattern.CreateWithInvariantCulture("HH:mm").Parse(t[0]).Value;
        var end = date + LocalTimePattern.CreateWithInvariantCulture("HH:mm").Parse(t[1]).Value;
        return (start, end <= start ? end.PlusDays(1) : end);
    }
}

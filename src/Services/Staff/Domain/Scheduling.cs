using NodaTime;

namespace Brigade.Staff.Domain;

public static class ShiftStatus
{
    public const string Draft = "draft";
    public const string Published = "published";
}

public static class SwapStatus
{
    public const string Pending = "pending";
    public const string Approved = "approved";
    public const string Declined = "declined";
}

public static class EmploymentTypes
{
    public const string FullTime = "full_time";
    public const string PartTime = "part_time";

    /// <summary>A one-day worker booked through the jobs marketplace; created from <c>jobs.shift.completed</c>.</summary>
    public const string DayWorker = "day_worker";

    public static readonly IReadOnlyList<string> All = [FullTime, PartTime, DayWorker];
}

/// <summary>One shift of an employee, as the schedule warnings see it.</summary>
public sealed record PlannedShift(Guid Id, Instant Start, Instant End, int BreakMinutes)
{
    public int PaidMinutes => Math.Max(0, (int)(End - Start).TotalMinutes - BreakMinutes);
}

/// <summary>The schedule's warnings and the labour budget.</summary>
public static class Scheduling
{
    public const string Overlap = "overlap";
    public const string DailyOvertime = "daily_overtime";
    public const string WeeklyOvertime = "weekly_overtime";
    public const string WeeklyLimit = "weekly_limit";
    public const string ShortRest = "short_rest";
    public const string ShortBreak = "short_break";

    /// <summary>근로기준법 제53조①: at most 12 hours of overtime a week on top of the 40, so 52 hours in all.</summary>
    public const int WeeklyLimitMinutes = 52 * 60;

    /// <summary>
    /// Warnings for <paramref name="shift"/> among the employee's other shifts of the same week and around it:
    /// overtime by the day (over 8 h) or the week (over 40 h), beyond the 52-hour limit, fewer than
    /// <paramref name="minimumRestHours"/> between two shifts (a "clopen"), or a break shorter than 제54조 requires.
    /// <see cref="Overlap"/> means the employee would be in two places at once, which the schedule refuses.
    /// </summary>
    public static IReadOnlyList<string> Warnings(PlannedShift shift, IReadOnlyList<PlannedShift> others, int minimumRestHours, DateTimeZone zone)
    {
        var warnings = new List<string>();
        var mine = others.Where(o => o.Id != shift.Id).ToList();
        if (mine.Any(o => o.Start < shift.End && shift.Start < o.End))
        {
            warnings.Add(Overlap);
        }

        if (shift.PaidMinutes > PayCalculator.DailyStandardMinutes)
        {
            warnings.Add(DailyOvertime);
        }

        var monday = PayCalculator.Monday(shift.Start.InZone(zone).Date);
        var week = mine.Where(o => PayCalculator.Monday(o.Start.InZone(zone).Date) == monday).Sum(o => o.PaidMinutes) + shift.PaidMinutes;
        if (week > PayCalculator.WeeklyStandardMinutes)
        {
            warnings.Add(WeeklyOvertime);
        }

        if (week > WeeklyLimitMinutes)
        {
            warnings.Add(WeeklyLimit);
        }

        var rest = Duration.FromHours(minimumRestHours);
        if (mine.Any(o => (o.End <= shift.Start && shift.Start - o.End < rest) || (shift.End <= o.Start && o.Start - shift.End < rest)))
        {
            warnings.Add(ShortRest);
        }

        var length = (int)(shift.End - shift.Start).TotalMinutes;
        if (shift.BreakMinutes < TimeClock.RequiredBreakMinutes(length - shift.BreakMinutes))
        {
            warnings.Add(ShortBreak);
        }

        return warnings;
    }

    /// <summary>Scheduled labour cost as a share of forecast sales, in percent with one decimal; null without a forecast.</summary>
    public static decimal? LabourPercent(long cost, long? forecastSales) =>
        forecastSales is > 0 ? Math.Round(cost * 100m / forecastSales.Value, 1, MidpointRounding.AwayFromZero) : null;

    /// <summary>
    /// The cost of a planned shift at the employee's terms: the break is taken from the end (its exact time is not planned),
    /// daily overtime, night and holiday premiums included. Weekly overtime is left to payroll.
    /// </summary>
    public static long Cost(PlannedShift shift, PayTerms terms, DateTimeZone zone)
    {
        // A salary is costed by the hour at its hourly rate (salary / 209) so the day's labour % sees everyone scheduled.
        if (terms.Kind == PayKinds.Monthly)
        {
            terms = terms with { Kind = PayKinds.Hourly, Rate = (terms.Rate + MinimumWage.MonthlyStandardHours - 1) / MinimumWage.MonthlyStandardHours };
        }

        var start = shift.Start.InZone(zone).LocalDateTime;
        var day = new WorkedDay(start.Date, [new WorkedSpan(start, start.PlusMinutes(shift.PaidMinutes))]);
        return PayCalculator.Calculate(terms, [day], [], start.Year).Gross;
    }
}

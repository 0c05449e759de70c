using NodaTime;

namespace Brigade.Jobs.Domain;

/// <summary>Worked time and pay of a shift. Breaks are unpaid; pay is rounded up to the won in the worker's favour.</summary>
public static class Timesheet
{
    /// <summary>A break is deducted only from a stint long enough to have required one (근로기준법 제54조: from 4 hours).</summary>
    public const int BreakDueFromMinutes = 240;

    public const int MaxAdjustedMinutes = 16 * 60;

    /// <summary>Paid minutes of the shift as scheduled.</summary>
    public static int ScheduledPaidMinutes(int lengthMinutes, int breakMinutes) => Math.Max(0, lengthMinutes - breakMinutes);

    /// <summary>
    /// Paid minutes from the check-in and check-out: time before the scheduled start or after the scheduled end is not
    /// paid unless the employer adjusts the timesheet; the posting's break is deducted from a stint of 4 hours or more.
    /// </summary>
    public static int PaidMinutes(Instant checkedIn, Instant checkedOut, Instant start, Instant end, int breakMinutes)
    {
        var from = checkedIn > start ? checkedIn : start;
        var to = checkedOut < end ? checkedOut : end;
        return Deduct(to > from ? (int)(to - from).TotalMinutes : 0, breakMinutes);
    }

    /// <summary>Paid minutes of times the employer set: the whole span counts, less the break they state.</summary>
    public static int AdjustedPaidMinutes(Instant checkedIn, Instant checkedOut, int breakMinutes) =>
        Math.Max(0, (int)(checkedOut - checkedIn).TotalMinutes - breakMinutes);

    /// <summary>Pay in minor units (KRW has none below the won) for <paramref name="minutes"/> at an hourly wage, rounded up.</summary>
    public static long Gross(int minutes, long hourlyWage) => (minutes * hourlyWage + 59) / 60;

    private static int Deduct(int span, int breakMinutes) => span >= BreakDueFromMinutes ? Math.Max(0, span - breakMinutes) : span;
}

/// <summary>What a cancellation of a booked shift costs, decided by who cancels and how close to the start.</summary>
public sealed record CancellationTerms(bool Late, long Compensation, Duration? Suspension);

public static class CancellationPolicy
{
    /// <summary>
    /// A worker cancelling within <paramref name="freeHours"/> of the start is suspended for <paramref name="workerSuspension"/>;
    /// a restaurant cancelling that late pays the worker <paramref name="payPercent"/> of the scheduled pay, at least
    /// <paramref name="minimumPayMinutes"/> of the wage, never more than the scheduled pay. Earlier cancellations are free.
    /// </summary>
    public static CancellationTerms Terms(
        string by, Instant now, Instant start, long scheduledPay, long hourlyWage,
        int freeHours, int payPercent, int minimumPayMinutes, Duration workerSuspension)
    {
        var late = start - now < Duration.FromHours(freeHours);
        if (!late)
        {
            return new CancellationTerms(false, 0, null);
        }

        return by == Party.Worker
            ? new CancellationTerms(true, 0, workerSuspension)
            : new CancellationTerms(true, Math.Min(scheduledPay, Math.Max(scheduledPay * payPercent / 100, Timesheet.Gross(minimumPayMinutes, hourlyWage))), null);
    }
}

using Brigade.ServiceDefaults;
using Brigade.Jobs.Data;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Brigade.Jobs.Jobs;

/// <summary>
/// Moves shifts with the clock: starts and completes postings, asks booked workers to reconfirm, checks out workers who
/// forgot, and approves timesheets left past their deadline (each approval announces the shift, so the worker is paid).
/// Safe on several replicas: each step claims its rows with <c>FOR UPDATE SKIP LOCKED</c> or a conditional update.
/// </summary>
public sealed class ShiftClock(JobStore jobs, BookingStore bookings, TimeProvider clock, IOptions<JobsOptions> options, ILogger<ShiftClock> logger) : PeriodicJob(clock, logger)
{
    protected override TimeSpan Interval => options.Value.ClockInterval;

    protected override Task RunRoundAsync(CancellationToken ct) => RunAsync(Instant.FromDateTimeOffset(Clock.GetUtcNow()), ct);

    /// <summary>Everything due at <paramref name="now"/>, each step until it finds nothing more.</summary>
    public async Task RunAsync(Instant now, CancellationToken ct)
    {
        var o = options.Value;
        await UntilDoneAsync(() => bookings.RequestReconfirmationsAsync(now, Duration.FromHours(o.ReconfirmHours), ct), ct);
        await UntilDoneAsync(() => jobs.StartDueAsync(now, ct), ct);
        await UntilDoneAsync(() => bookings.AutoCheckOutAsync(now, Duration.FromTimeSpan(o.AutoCheckOutAfter), Duration.FromTimeSpan(o.TimesheetApprovalWindow), ct), ct);
        await UntilDoneAsync(() => jobs.CompleteDueAsync(now, ct), ct);
        await UntilDoneAsync(() => bookings.AutoApproveAsync(now, ct), ct);
    }

    private static async Task UntilDoneAsync(Func<Task<int>> step, CancellationToken ct)
    {
        while (await step() > 0 && !ct.IsCancellationRequested)
        {
        }
    }
}

using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Brigade.ServiceDefaults;

/// <summary>
/// The one way a service runs work on a timer (reconcilers, expiries, reminders, clean-ups). A round that fails —
/// the database restarting, a timeout, a bug on one row — is logged and tried again next round; only the host
/// stopping ends the job. (A filter like <c>e is not OperationCanceledException</c> is not enough: a timeout
/// inside a round is an <see cref="OperationCanceledException"/> too, and ended the loop for good.)
/// </summary>
public abstract class PeriodicJob(TimeProvider clock, ILogger logger) : BackgroundService
{
    /// <summary>The clock the rounds run by (and the work should read).</summary>
    protected TimeProvider Clock { get; } = clock;

    /// <summary>Time between the starts of two rounds.</summary>
    protected abstract TimeSpan Interval { get; }

    /// <summary>False to not run at all (switched off by configuration).</summary>
    protected virtual bool Enabled => true;

    /// <summary>Whether the first round runs at start, or one interval later.</summary>
    protected virtual bool RunAtStart => true;

    /// <summary>One round of the work.</summary>
    protected abstract Task RunRoundAsync(CancellationToken ct);

    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Enabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(Interval, Clock);
        if (!RunAtStart && !await timer.WaitForNextTickAsync(stoppingToken))
        {
            return;
        }

        do
        {
            try
            {
                await RunRoundAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(e, "{Job}: the round failed; trying again in {Interval}", GetType().Name, Interval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}

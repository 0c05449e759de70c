using Brigade.Reservations.Data;

namespace Brigade.Reservations.Jobs;

/// <summary>Announces <c>reservations.reservation.reminder_due</c> once for each confirmed reservation 24 hours before it starts.</summary>
public sealed class Reminders(ReservationStore reservations, TimeProvider clock, IConfiguration configuration, ILogger<Reminders> logger) : BackgroundService
{
    public static readonly TimeSpan Ahead = TimeSpan.FromHours(24);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = configuration.GetValue("Reservations:ReminderInterval", TimeSpan.FromMinutes(1));
        using var timer = new PeriodicTimer(interval, clock);
        do
        {
            try
            {
                await SendAsync(clock.GetUtcNow(), stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Sending reminders failed; retrying next round");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Announces every reminder due at <paramref name="now"/>; returns how many.</summary>
    public async Task<int> SendAsync(DateTimeOffset now, CancellationToken ct)
    {
        var total = 0;
        int sent;
        do
        {
            sent = await reservations.SendRemindersAsync(now, Ahead, ct);
            total += sent;
        }
        while (sent > 0 && !ct.IsCancellationRequested);

        return total;
    }
}

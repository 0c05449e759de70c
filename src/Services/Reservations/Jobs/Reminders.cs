using Brigade.ServiceDefaults;
using Brigade.Reservations.Data;
using Microsoft.Extensions.Options;

namespace Brigade.Reservations.Jobs;

/// <summary>Announces <c>reservations.reservation.reminder_due</c> once for each confirmed reservation 24 hours before it starts.</summary>
public sealed class Reminders(ReservationStore reservations, TimeProvider clock, IOptions<ReservationsOptions> options, ILogger<Reminders> logger) : PeriodicJob(clock, logger)
{
    public static readonly TimeSpan Ahead = TimeSpan.FromHours(24);

    protected override TimeSpan Interval => options.Value.ReminderInterval;

    protected override Task RunRoundAsync(CancellationToken ct) => SendAsync(Clock.GetUtcNow(), ct);

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

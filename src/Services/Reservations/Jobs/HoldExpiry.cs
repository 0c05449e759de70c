using Brigade.ServiceDefaults;
using Brigade.Reservations.Data;
using Brigade.Reservations.Domain;
using Microsoft.Extensions.Options;

namespace Brigade.Reservations.Jobs;

/// <summary>
/// Cancels pending-payment reservations whose deposit hold ran out, so their tables and covers return to sale.
/// Safe on several replicas: each cancellation is a conditional update, so only one replica's wins.
/// </summary>
public sealed class HoldExpiry(ReservationStore reservations, TimeProvider clock, IOptions<ReservationsOptions> options, ILogger<HoldExpiry> logger) : PeriodicJob(clock, logger)
{
    protected override TimeSpan Interval => options.Value.HoldExpiryInterval;

    protected override Task RunRoundAsync(CancellationToken ct) => ExpireAsync(Clock.GetUtcNow(), ct);

    /// <summary>Cancels every expired hold (full refund: nothing was paid); returns how many.</summary>
    public async Task<int> ExpireAsync(DateTimeOffset now, CancellationToken ct)
    {
        var count = 0;
        foreach (var id in await reservations.ExpiredHoldsAsync(now, ct))
        {
            if (await reservations.TransitionAsync(id, Status.PendingPayment, Status.Cancelled, now, ct, cancelledBy: "system", refundPercent: 100, paymentStatus: "expired") is not null)
            {
                count++;
            }
        }

        return count;
    }
}

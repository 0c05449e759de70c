using Brigade.Reservations.Data;
using Brigade.Reservations.Domain;
using Microsoft.Extensions.Options;

namespace Brigade.Reservations.Jobs;

/// <summary>
/// Cancels pending-payment reservations whose deposit hold ran out, so their tables and covers return to sale.
/// Safe on several replicas: each cancellation is a conditional update, so only one replica's wins.
/// </summary>
public sealed class HoldExpiry(ReservationStore reservations, TimeProvider clock, IOptions<ReservationsOptions> options, ILogger<HoldExpiry> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.HoldExpiryInterval, clock);
        do
        {
            try
            {
                await ExpireAsync(clock.GetUtcNow(), stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Expiring payment holds failed; retrying next round");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

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

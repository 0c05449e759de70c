using Brigade.Api;
using Brigade.Payments.Data;
using Brigade.Payments.Domain;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Brigade.Payments.Jobs;

/// <summary>
/// Periodic settlement: each round settles, for every restaurant and worker, what they earned before the start of
/// the current day in Asia/Seoul, so statements cover whole days (a day missed while the service was down is settled
/// with the next). <see cref="RunAsync"/> also serves the admin's "run now".
/// </summary>
public sealed class SettlementJob(SettlementStore settlements, IOptions<PaymentsOptions> options, TimeProvider clock, ILogger<SettlementJob> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.SettlementJobEnabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(options.Value.SettlementInterval, clock);
        do
        {
            try
            {
                var created = await RunAsync(StartOfToday(clock.GetUtcNow()), null, stoppingToken);
                if (created.Count > 0)
                {
                    logger.LogInformation("Settled {Count} payees", created.Count);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Settlement round failed; trying again next round");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Settles every payee (or only <paramref name="only"/>) up to <paramref name="cutoff"/>.</summary>
    public async Task<IReadOnlyList<SettlementRow>> RunAsync(DateTimeOffset cutoff, Owner? only, CancellationToken ct)
    {
        var created = new List<SettlementRow>();
        foreach (var (payee, currency) in await settlements.PayeesAsync(cutoff, only, ct))
        {
            if (await settlements.SettleAsync(payee, currency, cutoff, clock.GetUtcNow(), ct) is { } row)
            {
                created.Add(row);
            }
        }

        return created;
    }

    public static DateTimeOffset StartOfToday(DateTimeOffset now) =>
        Instant.FromDateTimeOffset(now).InZone(RestaurantTime.DefaultZone).Date.AtStartOfDayInZone(RestaurantTime.DefaultZone).ToDateTimeOffset();
}

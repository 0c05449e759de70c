using Brigade.ServiceDefaults;
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
public sealed class SettlementJob(SettlementStore settlements, IOptions<PaymentsOptions> options, TimeProvider clock, ILogger<SettlementJob> logger) : PeriodicJob(clock, logger)
{
    protected override bool Enabled => options.Value.SettlementJobEnabled;

    protected override TimeSpan Interval => options.Value.SettlementInterval;

    protected override async Task RunRoundAsync(CancellationToken ct)
    {
        var created = await RunAsync(StartOfToday(Clock.GetUtcNow()), null, ct);
        if (created.Count > 0)
        {
            logger.LogInformation("Settled {Count} payees", created.Count);
        }
    }

    /// <summary>Settles every payee (or only <paramref name="only"/>) up to <paramref name="cutoff"/>.</summary>
    public async Task<IReadOnlyList<SettlementRow>> RunAsync(DateTimeOffset cutoff, Owner? only, CancellationToken ct)
    {
        var created = new List<SettlementRow>();
        foreach (var (payee, currency) in await settlements.PayeesAsync(cutoff, only, ct))
        {
            if (await settlements.SettleAsync(payee, currency, cutoff, Clock.GetUtcNow(), ct) is { } row)
            {
                created.Add(row);
            }
        }

        return created;
    }

    public static DateTimeOffset StartOfToday(DateTimeOffset now) =>
        Instant.FromDateTimeOffset(now).InZone(RestaurantTime.DefaultZone).Date.AtStartOfDayInZone(RestaurantTime.DefaultZone).ToDateTimeOffset();
}

using Brigade.Api;
using Brigade.Inventory.Data;
using Brigade.Inventory.Domain;
using Brigade.Messaging;
using Brigade.ServiceDefaults;
using Dapper;
using Microsoft.Extensions.Options;
using NodaTime;
using Npgsql;

namespace Brigade.Inventory.Jobs;

/// <summary>
/// Tells the restaurant's managers about stock on hand that expires within <c>Inventory:ExpiryWarningDays</c>, once per
/// item and expiry date. Safe on several replicas: the alert is claimed by a conditional update in the transaction that
/// writes it to the outbox, so one replica's wins.
/// </summary>
public sealed class ExpiryWatch(NpgsqlDataSource db, IOutbox outbox, TimeProvider clock, IOptions<InventoryOptions> options, ILogger<ExpiryWatch> logger) : PeriodicJob(clock, logger)
{
    private sealed class Expiring
    {
        public Guid RestaurantId { get; init; }
        public string Name { get; init; } = "";
        public DateTime ExpiresOn { get; init; }
        public decimal OnHand { get; init; }
        public string BaseUnit { get; init; } = "";
    }

    protected override TimeSpan Interval => options.Value.ExpiryCheckInterval;

    protected override Task RunRoundAsync(CancellationToken ct) => AlertAsync(ct);

    /// <summary>Alerts every item newly within the warning window; returns how many.</summary>
    public async Task<int> AlertAsync(CancellationToken ct)
    {
        var now = Clock.GetUtcNow();
        // Restaurants' zones are not inventory's facts; the default zone's date is at most a few hours off for any.
        var horizon = Instant.FromDateTimeOffset(now).InZone(RestaurantTime.DefaultZone).Date.PlusDays(options.Value.ExpiryWarningDays).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        await using var c = await db.OpenConnectionAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        var due = (await c.QueryAsync<Expiring>(new CommandDefinition("""
            UPDATE stock_items SET expiry_alerted_on = expires_on
            WHERE active AND on_hand > 0 AND expires_on <= @horizon::date AND expiry_alerted_on IS DISTINCT FROM expires_on
            RETURNING restaurant_id, name, expires_on, on_hand, base_unit
            """, new { horizon }, tx, cancellationToken: ct))).ToList();
        foreach (var item in due)
        {
            await StockLedger.NotifyAsync(outbox, c, tx, item.RestaurantId,
                Messages.Expiring(item.RestaurantId, item.Name, item.ExpiresOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), item.OnHand, item.BaseUnit), now, ct);
        }

        await tx.CommitAsync(ct);
        return due.Count;
    }
}

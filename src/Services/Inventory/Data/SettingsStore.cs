using Brigade.Inventory.Domain;
using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Brigade.Inventory.Data;

public sealed record InventorySettings(string Currency, bool AutoSendPurchaseOrders);

/// <summary>A restaurant's inventory settings, and the period figures its food-cost report is made of.</summary>
public sealed class SettingsStore(NpgsqlDataSource db, IOptions<InventoryOptions> options)
{
    private sealed class SettingsRow
    {
        public string Currency { get; init; } = "";
        public bool AutoSendPurchaseOrders { get; init; }
    }

    private sealed class Sums
    {
        public long Sale { get; init; }
        public long SaleReversed { get; init; }
        public long Waste { get; init; }
        public long Count { get; init; }
        public long Receipt { get; init; }
    }

    public async Task<InventorySettings> GetAsync(Guid restaurantId, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        var row = await c.QuerySingleOrDefaultAsync<SettingsRow>(new CommandDefinition(
            "SELECT currency, auto_send_purchase_orders FROM inventory_settings WHERE restaurant_id = @restaurantId", new { restaurantId }, cancellationToken: ct));
        return row is null ? new InventorySettings(options.Value.DefaultCurrency, false) : new InventorySettings(row.Currency, row.AutoSendPurchaseOrders);
    }

    public async Task SaveAsync(Guid restaurantId, InventorySettings settings, DateTimeOffset now, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        await c.ExecuteAsync(new CommandDefinition("""
            INSERT INTO inventory_settings (restaurant_id, currency, auto_send_purchase_orders, updated_at) VALUES (@restaurantId, @Currency, @AutoSendPurchaseOrders, @now)
            ON CONFLICT (restaurant_id) DO UPDATE SET currency = EXCLUDED.currency, auto_send_purchase_orders = EXCLUDED.auto_send_purchase_orders, updated_at = EXCLUDED.updated_at
            """, new { restaurantId, settings.Currency, settings.AutoSendPurchaseOrders, now = now.ToUniversalTime() }, cancellationToken: ct));
    }

    /// <summary>Sales of orders accepted in [from, to) and the value of stock movements by kind in the same period.</summary>
    public async Task<PeriodMovements> PeriodAsync(Guid restaurantId, DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        var args = new { restaurantId, from = from.ToUniversalTime(), to = to.ToUniversalTime() };
        var sales = await c.ExecuteScalarAsync<long>(new CommandDefinition("""
            SELECT coalesce(sum(sales), 0)::bigint FROM order_depletions WHERE restaurant_id = @restaurantId AND status = 'accepted' AND accepted_at >= @from AND accepted_at < @to
            """, args, cancellationToken: ct));
        var sums = await c.QuerySingleAsync<Sums>(new CommandDefinition("""
            SELECT coalesce(sum(cost) FILTER (WHERE kind = 'sale'), 0)::bigint AS sale, coalesce(sum(cost) FILTER (WHERE kind = 'sale_reversed'), 0)::bigint AS sale_reversed,
                   coalesce(sum(cost) FILTER (WHERE kind = 'waste'), 0)::bigint AS waste, coalesce(sum(cost) FILTER (WHERE kind = 'count'), 0)::bigint AS count,
                   coalesce(sum(cost) FILTER (WHERE kind = 'receipt'), 0)::bigint AS receipt
            FROM stock_movements WHERE restaurant_id = @restaurantId AND at >= @from AND at < @to
            """, args, cancellationToken: ct));
        return new PeriodMovements(sales, sums.Sale, sums.SaleReversed, sums.Waste, sums.Count, sums.Receipt);
    }
}

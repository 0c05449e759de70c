using Dapper;
using Npgsql;

namespace Brigade.Ordering.Data;

public sealed record SalesBucket(int Key, long Orders, long Sales);

public sealed record SalesDay(DateOnly Date, long Orders, long Sales);

public sealed record ItemSales(Guid MenuItemId, string Name, long Quantity, long Sales);

public sealed record OpenOrders(long Count, long Total);

/// <summary>Sales of closed orders in a period, by the hour and day of the restaurant's clock, item mix and open orders now.</summary>
public sealed record SalesStats(
    long Orders,
    long Sales,
    IReadOnlyList<SalesBucket> ByHour,
    IReadOnlyList<SalesDay> ByDay,
    IReadOnlyList<ItemSales> ItemMix,
    OpenOrders Open,
    long Cancelled);

/// <summary>
/// The restaurant's sales from its own orders: a closed order counts at the local hour and date it was placed, in the
/// restaurant's zone (PostgreSQL converts with the same IANA database); cancelled and voided orders are counted apart.
/// </summary>
public sealed class StatsStore(NpgsqlDataSource db)
{
    public async Task<SalesStats> SalesAsync(Guid restaurantId, DateTimeOffset from, DateTimeOffset to, string timeZone, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        using var grid = await c.QueryMultipleAsync(new CommandDefinition("""
            SELECT count(*) AS orders, coalesce(sum(total), 0)::bigint AS sales
              FROM orders WHERE restaurant_id = @restaurantId AND status = 'closed' AND placed_at >= @from AND placed_at < @to;
            SELECT extract(hour FROM placed_at AT TIME ZONE @zone)::int AS key, count(*) AS orders, sum(total)::bigint AS sales
              FROM orders WHERE restaurant_id = @restaurantId AND status = 'closed' AND placed_at >= @from AND placed_at < @to
             GROUP BY 1 ORDER BY 1;
            SELECT to_char(placed_at AT TIME ZONE @zone, 'YYYY-MM-DD') AS date, count(*) AS orders, sum(total)::bigint AS sales
              FROM orders WHERE restaurant_id = @restaurantId AND status = 'closed' AND placed_at >= @from AND placed_at < @to
             GROUP BY 1 ORDER BY 1;
            SELECT l.menu_item_id, min(l.name) AS name, sum(l.quantity)::bigint AS quantity, sum(l.line_total)::bigint AS sales
              FROM orders o JOIN order_lines l ON l.order_id = o.id
             WHERE o.restaurant_id = @restaurantId AND o.status = 'closed' AND o.placed_at >= @from AND o.placed_at < @to
               AND l.status NOT IN ('cancelled', 'voided')
             GROUP BY l.menu_item_id ORDER BY 4 DESC, 2 LIMIT 50;
            SELECT count(*) AS count, coalesce(sum(total), 0)::bigint AS total
              FROM orders WHERE restaurant_id = @restaurantId AND status NOT IN ('closed', 'cancelled', 'voided');
            SELECT count(*) FROM orders
             WHERE restaurant_id = @restaurantId AND status IN ('cancelled', 'voided') AND placed_at >= @from AND placed_at < @to;
            """, new { restaurantId, from = from.ToUniversalTime(), to = to.ToUniversalTime(), zone = timeZone }, cancellationToken: ct));
        var totals = await grid.ReadSingleAsync<(long Orders, long Sales)>();
        var byHour = (await grid.ReadAsync<(int Key, long Orders, long Sales)>()).Select(h => new SalesBucket(h.Key, h.Orders, h.Sales)).ToList();
        var byDay = (await grid.ReadAsync<(string Date, long Orders, long Sales)>()).Select(d => new SalesDay(DateOnly.ParseExact(d.Date, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), d.Orders, d.Sales)).ToList();
        var mix = (await grid.ReadAsync<(Guid MenuItemId, string Name, long Quantity, long Sales)>()).Select(i => new ItemSales(i.MenuItemId, i.Name, i.Quantity, i.Sales)).ToList();
        var open = await grid.ReadSingleAsync<(long Count, long Total)>();
        var cancelled = await grid.ReadSingleAsync<long>();
        return new SalesStats(totals.Orders, totals.Sales, byHour, byDay, mix, new OpenOrders(open.Count, open.Total), cancelled);
    }
}

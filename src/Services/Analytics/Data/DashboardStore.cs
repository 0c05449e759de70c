using Dapper;
using Npgsql;

namespace Brigade.Analytics.Data;

public sealed record DayRow
{
    public DateTime ServiceDate { get; init; }
    public long Orders { get; init; }
    public long Covers { get; init; }
    public long GrossSales { get; init; }
    public long Refunds { get; init; }
    public long Payments { get; init; }
    public long Reservations { get; init; }
    public long BookedCovers { get; init; }
    public long Completed { get; init; }
    public long NoShows { get; init; }
    public long Cancellations { get; init; }
    public long LabourMinutes { get; init; }
    public long LabourCost { get; init; }
    public long FoodCost { get; init; }
}

public sealed record HourRow(int Hour, long Orders, long Covers, long GrossSales);

/// <summary>An item's sales over a range, and what a portion costs in ingredients now when inventory has said so.</summary>
public sealed record ItemRow(Guid MenuItemId, string Name, string? Category, long Quantity, long Sales, long? PortionCost);

/// <summary>Reads the rollups (and the item mix from the closed orders' lines) of a restaurant over a range of service days.</summary>
public sealed class DashboardStore(NpgsqlDataSource db)
{
    private const string DayColumns = """
        service_date AS ServiceDate, orders, covers, gross_sales AS GrossSales, refunds, payments, reservations, booked_covers AS BookedCovers,
        completed, no_shows AS NoShows, cancellations, labour_minutes AS LabourMinutes, labour_cost AS LabourCost, food_cost AS FoodCost
        """;

    public async Task<IReadOnlyList<DayRow>> DaysAsync(Guid restaurantId, DateOnly from, DateOnly to, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return (await c.QueryAsync<DayRow>(new CommandDefinition($"""
            SELECT {DayColumns} FROM daily_rollup
            WHERE restaurant_id = @restaurantId AND service_date BETWEEN @from::date AND @to::date ORDER BY service_date
            """, new { restaurantId, from = Iso(from), to = Iso(to) }, cancellationToken: ct))).ToList();
    }

    /// <summary>The totals of a range, summed in the database (a year of days stays one row on the wire).</summary>
    public async Task<DayRow> TotalsAsync(Guid restaurantId, DateOnly from, DateOnly to, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return await c.QuerySingleAsync<DayRow>(new CommandDefinition("""
            SELECT @from::date::timestamp AS ServiceDate, coalesce(sum(orders), 0)::bigint AS Orders, coalesce(sum(covers), 0)::bigint AS Covers,
                   coalesce(sum(gross_sales), 0)::bigint AS GrossSales, coalesce(sum(refunds), 0)::bigint AS Refunds,
                   coalesce(sum(payments), 0)::bigint AS Payments, coalesce(sum(reservations), 0)::bigint AS Reservations,
                   coalesce(sum(booked_covers), 0)::bigint AS BookedCovers, coalesce(sum(completed), 0)::bigint AS Completed,
                   coalesce(sum(no_shows), 0)::bigint AS NoShows, coalesce(sum(cancellations), 0)::bigint AS Cancellations,
                   coalesce(sum(labour_minutes), 0)::bigint AS LabourMinutes, coalesce(sum(labour_cost), 0)::bigint AS LabourCost,
                   coalesce(sum(food_cost), 0)::bigint AS FoodCost
            FROM daily_rollup WHERE restaurant_id = @restaurantId AND service_date BETWEEN @from::date AND @to::date
            """, new { restaurantId, from = Iso(from), to = Iso(to) }, cancellationToken: ct));
    }

    public async Task<IReadOnlyList<HourRow>> HoursAsync(Guid restaurantId, DateOnly from, DateOnly to, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return (await c.QueryAsync<HourRow>(new CommandDefinition("""
            SELECT hour::int AS Hour, sum(orders)::bigint AS Orders, sum(covers)::bigint AS Covers, sum(gross_sales)::bigint AS GrossSales
            FROM hourly_rollup WHERE restaurant_id = @restaurantId AND service_date BETWEEN @from::date AND @to::date
            GROUP BY hour
            """, new { restaurantId, from = Iso(from), to = Iso(to) }, cancellationToken: ct))).ToList();
    }

    /// <summary>Menu items by sales over the range, best first (<paramref name="limit"/> of them).</summary>
    public async Task<IReadOnlyList<ItemRow>> ItemsAsync(Guid restaurantId, DateOnly from, DateOnly to, int limit, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return (await c.QueryAsync<ItemRow>(new CommandDefinition("""
            SELECT l.menu_item_id AS MenuItemId, max(l.name) AS Name, max(l.category) AS Category, sum(l.quantity)::bigint AS Quantity,
                   sum(l.line_total)::bigint AS Sales, max(c.portion_cost) AS PortionCost
            FROM order_line_facts l LEFT JOIN item_cost_facts c ON c.menu_item_id = l.menu_item_id AND c.restaurant_id = l.restaurant_id
            WHERE l.restaurant_id = @restaurantId AND l.service_date BETWEEN @from::date AND @to::date
            GROUP BY l.menu_item_id ORDER BY Sales DESC, MenuItemId LIMIT @limit
            """, new { restaurantId, from = Iso(from), to = Iso(to), limit }, cancellationToken: ct))).ToList();
    }

    /// <summary>
    /// Diners (signed-in guests) with a closed order in the range: new when their first closed order at the restaurant is in
    /// the range, returning when they had one before it. Guests without an account cannot be told apart and are not counted.
    /// </summary>
    public async Task<(long New, long Returning)> GuestsAsync(Guid restaurantId, DateOnly from, DateOnly to, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return await c.QuerySingleAsync<(long, long)>(new CommandDefinition("""
            SELECT count(*) FILTER (WHERE f.first >= @from::date) AS New, count(*) FILTER (WHERE f.first < @from::date) AS Returning
            FROM (SELECT DISTINCT diner_id FROM order_facts
                  WHERE restaurant_id = @restaurantId AND diner_id IS NOT NULL AND status = 'closed' AND service_date BETWEEN @from::date AND @to::date) d
            CROSS JOIN LATERAL (SELECT min(service_date) AS first FROM order_facts o
                                WHERE o.restaurant_id = @restaurantId AND o.diner_id = d.diner_id AND o.status = 'closed') f
            """, new { restaurantId, from = Iso(from), to = Iso(to) }, cancellationToken: ct));
    }

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}

// Properties, not a positional record: Npgsql reports a date column's type in a way Dapper's constructor matching refuses.
public sealed record HourlyCsvRow
{
    public DateTime ServiceDate { get; init; }
    public int Hour { get; init; }
    public long Orders { get; init; }
    public long Covers { get; init; }
    public long GrossSales { get; init; }
}

public static class HourlyReport
{
    /// <summary>Each day's hours in the order they happen (from the day's start through the small hours).</summary>
    public static async Task<IReadOnlyList<HourlyCsvRow>> RowsAsync(NpgsqlDataSource db, Guid restaurantId, DateOnly from, DateOnly to, int dayStartsAtHour, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return (await c.QueryAsync<HourlyCsvRow>(new CommandDefinition("""
            SELECT service_date AS ServiceDate, hour::int AS Hour, orders::bigint AS Orders, covers::bigint AS Covers, gross_sales AS GrossSales
            FROM hourly_rollup WHERE restaurant_id = @restaurantId AND service_date BETWEEN @from::date AND @to::date
            ORDER BY service_date, (hour + 24 - @startHour) % 24
            """, new
            {
                restaurantId, from = from.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                to = to.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), startHour = dayStartsAtHour,
            }, cancellationToken: ct))).ToList();
    }
}

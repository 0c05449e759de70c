using System.Globalization;
using Brigade.Api;
using Brigade.Contracts.Ordering;
using Brigade.Forecasting.Domain;
using Dapper;
using NodaTime;
using Npgsql;

namespace Brigade.Forecasting.Data;

public sealed class DayRow
{
    public DateTime ServiceDate { get; init; }
    public int Hour { get; init; }
    public double Covers { get; init; }
    public double Sales { get; init; }
}

/// <summary>
/// The demand history: closed orders (from ordering's events, one row per order so a redelivered or re-closed order replaces
/// itself), bookings (from reservations' events) and the seeded demo history; read back per service day and hour.
/// </summary>
public sealed class HistoryStore(NpgsqlDataSource db)
{
    internal static string Iso(LocalDate d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    internal static LocalDate Local(DateTime d) => LocalDate.FromDateTime(d);

    public static async Task<DateTimeZone> ZoneAsync(NpgsqlConnection c, NpgsqlTransaction tx, Guid restaurantId, CancellationToken ct) =>
        RestaurantTime.Zone(await c.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT time_zone FROM restaurants WHERE id = @restaurantId", new { restaurantId }, tx, cancellationToken: ct)));

    /// <summary>
    /// Books a closed order. Covers: the guests a dine-in order fed (one when not told); takeout and delivery feed no table.
    /// </summary>
    public static async Task ClosedAsync(NpgsqlConnection c, NpgsqlTransaction tx, OrderClosed e, CancellationToken ct)
    {
        var zone = await ZoneAsync(c, tx, e.RestaurantId, ct);
        var (date, hour) = ServiceDay.Of(e.ClosedAt, zone);
        var covers = e.Source.Channel == "dine_in" ? Math.Max(1, e.Source.Covers ?? 1) : 0;
        await c.ExecuteAsync(new CommandDefinition("""
            DELETE FROM closed_orders WHERE order_id = @OrderId;
            INSERT INTO closed_orders (order_id, restaurant_id, diner_id, service_date, hour, covers, total, currency, closed_at)
            VALUES (@OrderId, @RestaurantId, @DinerId, @date::date, @hour, @covers, @Total, @Currency, @closedAt);
            """, new { e.OrderId, e.RestaurantId, e.DinerId, date = Iso(date), hour, covers, e.Total, e.Currency, closedAt = e.ClosedAt.ToUniversalTime() }, tx, cancellationToken: ct));
        var lines = e.Lines.GroupBy(l => l.MenuItemId).Select(g => new { order = e.OrderId, item = g.Key, quantity = g.Sum(l => l.Quantity) }).ToList();
        await c.ExecuteAsync(new CommandDefinition(
            "INSERT INTO closed_order_items (order_id, menu_item_id, quantity) VALUES (@order, @item, @quantity)", lines, tx, cancellationToken: ct));
    }

    /// <summary>A reopened or cancelled order is not a sale (until it closes again).</summary>
    public static Task RemoveOrderAsync(NpgsqlConnection c, NpgsqlTransaction tx, Guid orderId, CancellationToken ct) =>
        c.ExecuteAsync(new CommandDefinition("DELETE FROM closed_orders WHERE order_id = @orderId", new { orderId }, tx, cancellationToken: ct));

    /// <summary>
    /// Records a reservation's state. <paramref name="status"/> <c>booked</c> never overwrites a terminal status (a late
    /// modification after a cancellation is stale); terminal statuses replace each other.
    /// </summary>
    public static async Task BookingAsync(NpgsqlConnection c, NpgsqlTransaction tx, Guid reservationId, Guid restaurantId, Guid? dinerId,
        DateTimeOffset start, string? serviceDate, int? partySize, string status, DateTimeOffset at, CancellationToken ct)
    {
        var date = serviceDate is not null && DateOnly.TryParseExact(serviceDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
            ? serviceDate
            : Iso(ServiceDay.Of(start, await ZoneAsync(c, tx, restaurantId, ct)).Date);
        await c.ExecuteAsync(new CommandDefinition("""
            INSERT INTO bookings (reservation_id, restaurant_id, diner_id, service_date, party_size, status, updated_at)
            VALUES (@reservationId, @restaurantId, @dinerId, @date::date, COALESCE(@partySize, 0), @status, @at)
            ON CONFLICT (reservation_id) DO UPDATE SET
                diner_id = COALESCE(EXCLUDED.diner_id, bookings.diner_id),
                service_date = EXCLUDED.service_date,
                party_size = CASE WHEN @partySize IS NULL THEN bookings.party_size ELSE EXCLUDED.party_size END,
                status = EXCLUDED.status,
                updated_at = EXCLUDED.updated_at
            WHERE @status <> 'booked' OR bookings.status = 'booked'
            """, new { reservationId, restaurantId, dinerId, date, partySize, status, at = at.ToUniversalTime() }, tx, cancellationToken: ct));
    }

    /// <summary>Covers and sales per service day and hour, events and seeded history together, from <paramref name="from"/>.</summary>
    public async Task<IReadOnlyList<DayRow>> HoursAsync(Guid restaurantId, LocalDate from, LocalDate toExclusive, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return (await c.QueryAsync<DayRow>(new CommandDefinition("""
            SELECT service_date, hour, sum(covers)::float8 AS covers, sum(sales)::float8 AS sales FROM (
                SELECT service_date, hour, covers, total AS sales FROM closed_orders
                WHERE restaurant_id = @restaurantId AND service_date >= @from::date AND service_date < @to::date
                UNION ALL
                SELECT service_date, hour, covers, sales FROM seeded_hours
                WHERE restaurant_id = @restaurantId AND service_date >= @from::date AND service_date < @to::date
            ) h GROUP BY service_date, hour ORDER BY service_date, hour
            """, new { restaurantId, from = Iso(from), to = Iso(toExclusive) }, cancellationToken: ct))).ToList();
    }

    /// <summary>Covers already booked per service day (booked or completed reservations).</summary>
    public async Task<IReadOnlyDictionary<LocalDate, int>> BookedCoversAsync(Guid restaurantId, LocalDate from, LocalDate toExclusive, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        var rows = await c.QueryAsync<(DateTime Date, long Covers)>(new CommandDefinition("""
            SELECT service_date, sum(party_size) FROM bookings
            WHERE restaurant_id = @restaurantId AND status IN ('booked', 'completed') AND service_date >= @from::date AND service_date < @to::date
            GROUP BY service_date
            """, new { restaurantId, from = Iso(from), to = Iso(toExclusive) }, cancellationToken: ct));
        return rows.ToDictionary(r => Local(r.Date), r => (int)r.Covers);
    }

    /// <summary>Menu items sold per cover over a window (what each guest orders), for item forecasts.</summary>
    public async Task<IReadOnlyList<(Guid MenuItemId, string Name, double PerCover)>> ItemsPerCoverAsync(Guid restaurantId, LocalDate from, LocalDate toExclusive, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        var rows = await c.QueryAsync<(Guid, string, double)>(new CommandDefinition("""
            WITH o AS (SELECT order_id, covers FROM closed_orders
                       WHERE restaurant_id = @restaurantId AND service_date >= @from::date AND service_date < @to::date),
                 total AS (SELECT NULLIF(sum(covers), 0)::float8 AS covers FROM o)
            SELECT i.menu_item_id, COALESCE(m.name, ''), sum(i.quantity)::float8 / (SELECT covers FROM total)
            FROM closed_order_items i JOIN o ON o.order_id = i.order_id
            LEFT JOIN menu_items m ON m.id = i.menu_item_id
            WHERE (SELECT covers FROM total) IS NOT NULL
            GROUP BY i.menu_item_id, m.name ORDER BY 3 DESC, 1
            """, new { restaurantId, from = Iso(from), to = Iso(toExclusive) }, cancellationToken: ct));
        return rows.ToList();
    }

    /// <summary>Restaurants with any history (for the nightly retrain).</summary>
    public async Task<IReadOnlyList<Guid>> RestaurantsWithHistoryAsync(CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return (await c.QueryAsync<Guid>(new CommandDefinition("""
            SELECT DISTINCT restaurant_id FROM closed_orders UNION SELECT DISTINCT restaurant_id FROM seeded_hours
            """, cancellationToken: ct))).ToList();
    }

    public async Task<RestaurantRow?> RestaurantAsync(Guid restaurantId, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return await c.QuerySingleOrDefaultAsync<RestaurantRow>(new CommandDefinition(
            "SELECT id, name, name_en, status, currency, time_zone, demo FROM restaurants WHERE id = @restaurantId", new { restaurantId }, cancellationToken: ct));
    }

    /// <summary>Writes generated history for a restaurant (rows already there are kept: a second load changes nothing).</summary>
    public async Task<int> SeedAsync(Guid restaurantId, IReadOnlyList<SeededHour> hours, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return await c.ExecuteAsync(new CommandDefinition("""
            INSERT INTO seeded_hours (restaurant_id, service_date, hour, covers, sales)
            SELECT @restaurantId, d::date, h, c, s FROM unnest(@dates, @hours, @covers, @sales) AS t(d, h, c, s)
            ON CONFLICT DO NOTHING
            """, new
        {
            restaurantId,
            dates = hours.Select(h => Iso(h.Date)).ToArray(),
            hours = hours.Select(h => h.Hour).ToArray(),
            covers = hours.Select(h => h.Covers).ToArray(),
            sales = hours.Select(h => h.Sales).ToArray(),
        }, cancellationToken: ct));
    }

    /// <summary>Demo restaurants (created without an owner) that have no seeded history yet.</summary>
    public async Task<IReadOnlyList<Guid>> DemoRestaurantsWithoutHistoryAsync(CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return (await c.QueryAsync<Guid>(new CommandDefinition("""
            SELECT r.id FROM restaurants r WHERE r.demo AND NOT EXISTS (SELECT 1 FROM seeded_hours s WHERE s.restaurant_id = r.id) ORDER BY r.id
            """, cancellationToken: ct))).ToList();
    }
}

public sealed class RestaurantRow
{
    public Guid Id { get; init; }
    public string Name { get; init; } = "";
    public string? NameEn { get; init; }
    public string Status { get; init; } = "";
    public string Currency { get; init; } = "KRW";
    public string TimeZone { get; init; } = RestaurantTime.DefaultZoneId;
    public bool Demo { get; init; }
}

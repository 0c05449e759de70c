using Dapper;
using Npgsql;

namespace Brigade.Forecasting.Data;

public sealed class RestaurantCard
{
    public Guid Id { get; init; }
    public string Name { get; init; } = "";
    public string? NameEn { get; init; }
}

public sealed class DishCard
{
    public Guid Id { get; init; }
    public Guid RestaurantId { get; init; }
    public string Name { get; init; } = "";
    public string? Category { get; init; }
    public long Price { get; init; }
    public string Currency { get; init; } = "";
}

/// <summary>
/// Who chose what, for recommendations: a diner chose a restaurant by closing an order there or completing a reservation,
/// and a dish by ordering it. Also what can be offered: published restaurants the diner was not a no-show at lately,
/// and their dishes that are on the menu, not sold out and in stock.
/// </summary>
public sealed class RecommendationStore(NpgsqlDataSource db)
{
    private const string DinerRestaurants = """
        SELECT diner_id, restaurant_id FROM closed_orders WHERE diner_id IS NOT NULL
        UNION SELECT diner_id, restaurant_id FROM bookings WHERE diner_id IS NOT NULL AND status = 'completed'
        """;

    private const string DinerDishes = """
        SELECT DISTINCT o.diner_id, i.menu_item_id FROM closed_orders o JOIN closed_order_items i ON i.order_id = o.order_id WHERE o.diner_id IS NOT NULL
        """;

    private const string OfferableRestaurants = """
        SELECT r.id FROM restaurants r WHERE r.status = 'published'
          AND NOT EXISTS (SELECT 1 FROM bookings b WHERE b.restaurant_id = r.id AND b.diner_id = @diner AND b.status = 'no_show' AND b.updated_at > @noShowSince)
        """;

    public Task<(List<(Guid, Guid)> Pairs, Dictionary<Guid, int> Choosers)> RestaurantNeighbourhoodAsync(Guid diner, CancellationToken ct) =>
        NeighbourhoodAsync(DinerRestaurants, diner, ct);

    public Task<(List<(Guid, Guid)> Pairs, Dictionary<Guid, int> Choosers)> DishNeighbourhoodAsync(Guid diner, CancellationToken ct) =>
        NeighbourhoodAsync(DinerDishes, diner, ct);

    private async Task<(List<(Guid, Guid)>, Dictionary<Guid, int>)> NeighbourhoodAsync(string choices, Guid diner, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        var pairs = (await c.QueryAsync<(Guid, Guid)>(new CommandDefinition($"""
            WITH choice(diner_id, thing) AS ({choices}),
                 mine AS (SELECT thing FROM choice WHERE diner_id = @diner),
                 peers AS (SELECT DISTINCT diner_id FROM choice WHERE thing IN (SELECT thing FROM mine) LIMIT 5000)
            SELECT diner_id, thing FROM choice WHERE diner_id IN (SELECT diner_id FROM peers) OR diner_id = @diner
            """, new { diner }, cancellationToken: ct))).ToList();
        var things = pairs.Select(p => p.Item2).Distinct().ToArray();
        var choosers = (await c.QueryAsync<(Guid, int)>(new CommandDefinition($"""
            WITH choice(diner_id, thing) AS ({choices})
            SELECT thing, count(DISTINCT diner_id)::int FROM choice WHERE thing = ANY(@things) GROUP BY thing
            """, new { things }, cancellationToken: ct))).ToDictionary(r => r.Item1, r => r.Item2);
        return (pairs, choosers);
    }

    /// <summary>Published restaurants the diner may be offered, most chosen in the last <paramref name="since"/> first.</summary>
    public async Task<IReadOnlyList<RestaurantCard>> OfferableRestaurantsAsync(Guid diner, DateTimeOffset noShowSince, DateTimeOffset since, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return (await c.QueryAsync<RestaurantCard>(new CommandDefinition($"""
            WITH offerable AS ({OfferableRestaurants}),
                 recent AS (SELECT restaurant_id, diner_id FROM closed_orders WHERE closed_at >= @since
                            UNION ALL SELECT restaurant_id, diner_id FROM bookings WHERE status = 'completed' AND updated_at >= @since)
            SELECT r.id, r.name, r.name_en FROM restaurants r JOIN offerable o ON o.id = r.id
            LEFT JOIN (SELECT restaurant_id, count(*) AS n FROM recent GROUP BY restaurant_id) p ON p.restaurant_id = r.id
            ORDER BY COALESCE(p.n, 0) DESC, r.id
            """, new { diner, noShowSince, since }, cancellationToken: ct))).ToList();
    }

    /// <summary>Dishes the diner may be offered (in offerable restaurants, orderable now), most ordered since <paramref name="since"/> first.</summary>
    public async Task<IReadOnlyList<DishCard>> OfferableDishesAsync(Guid diner, DateTimeOffset noShowSince, DateTimeOffset since, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return (await c.QueryAsync<DishCard>(new CommandDefinition($"""
            WITH offerable AS ({OfferableRestaurants}),
                 recent AS (SELECT i.menu_item_id, sum(i.quantity) AS n FROM closed_order_items i JOIN closed_orders o ON o.order_id = i.order_id
                            WHERE o.closed_at >= @since GROUP BY i.menu_item_id)
            SELECT m.id, m.restaurant_id, m.name, m.category, m.price, m.currency FROM menu_items m JOIN offerable o ON o.id = m.restaurant_id
            LEFT JOIN recent p ON p.menu_item_id = m.id
            WHERE m.name <> '' AND NOT m.removed AND NOT m.sold_out AND m.in_stock
            ORDER BY COALESCE(p.n, 0) DESC, m.id
            """, new { diner, noShowSince, since }, cancellationToken: ct))).ToList();
    }

    /// <summary>
    /// For a menu item: each other item with the number of orders holding both, each item's number of orders, and the
    /// orderable items of the same published restaurant. Null when the item is unknown.
    /// </summary>
    public async Task<(Dictionary<Guid, int> Together, Dictionary<Guid, int> Orders, List<DishCard> Orderable)?> AlsoOrderedAsync(Guid item, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        var restaurantId = await c.ExecuteScalarAsync<Guid?>(new CommandDefinition(
            "SELECT restaurant_id FROM menu_items WHERE id = @item AND name <> ''", new { item }, cancellationToken: ct));
        if (restaurantId is null)
        {
            return null;
        }

        var together = (await c.QueryAsync<(Guid, int)>(new CommandDefinition("""
            SELECT b.menu_item_id, count(*)::int FROM closed_order_items a JOIN closed_order_items b ON b.order_id = a.order_id AND b.menu_item_id <> a.menu_item_id
            WHERE a.menu_item_id = @item GROUP BY b.menu_item_id
            """, new { item }, cancellationToken: ct))).ToDictionary(r => r.Item1, r => r.Item2);
        var things = together.Keys.Append(item).ToArray();
        var orders = (await c.QueryAsync<(Guid, int)>(new CommandDefinition(
            "SELECT menu_item_id, count(*)::int FROM closed_order_items WHERE menu_item_id = ANY(@things) GROUP BY menu_item_id",
            new { things }, cancellationToken: ct))).ToDictionary(r => r.Item1, r => r.Item2);
        var orderable = (await c.QueryAsync<DishCard>(new CommandDefinition("""
            SELECT m.id, m.restaurant_id, m.name, m.category, m.price, m.currency FROM menu_items m JOIN restaurants r ON r.id = m.restaurant_id
            WHERE m.restaurant_id = @restaurantId AND r.status = 'published' AND m.name <> '' AND NOT m.removed AND NOT m.sold_out AND m.in_stock
            """, new { restaurantId }, cancellationToken: ct))).ToList();
        return (together, orders, orderable);
    }
}

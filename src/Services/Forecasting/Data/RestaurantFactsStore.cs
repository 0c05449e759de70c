using Brigade.Contracts.Restaurants;
using Dapper;
using Npgsql;

namespace Brigade.Forecasting.Data;

/// <summary>
/// What a diner can book or order, learned from restaurants' and inventory's events: a restaurant is bookable while
/// <c>published</c>; a menu item can be ordered while not removed, not sold out and in stock. A restaurant event carries its
/// profile's version, so an older one redelivered after a newer one changes nothing.
/// </summary>
public static class RestaurantFactsStore
{
    public static Task ProfileAsync(NpgsqlConnection c, NpgsqlTransaction tx, RestaurantSnapshot r, bool? demo, DateTimeOffset at, CancellationToken ct) =>
        c.ExecuteAsync(new CommandDefinition("""
            INSERT INTO restaurants (id, name, name_en, status, currency, time_zone, demo, updated_at)
            VALUES (@RestaurantId, @Name, @NameEn, @Status, @Currency, @TimeZone, COALESCE(@demo, false), @at)
            ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, name_en = EXCLUDED.name_en, status = EXCLUDED.status,
                currency = EXCLUDED.currency, time_zone = EXCLUDED.time_zone, demo = COALESCE(@demo, restaurants.demo), updated_at = EXCLUDED.updated_at
            WHERE restaurants.updated_at <= EXCLUDED.updated_at
            """, new { r.RestaurantId, r.Name, r.NameEn, r.Status, r.Currency, r.TimeZone, demo, at = at.ToUniversalTime() }, tx, cancellationToken: ct));

    public static Task ClosedAsync(NpgsqlConnection c, NpgsqlTransaction tx, Guid restaurantId, DateTimeOffset at, CancellationToken ct) =>
        c.ExecuteAsync(new CommandDefinition("""
            INSERT INTO restaurants (id, status, updated_at) VALUES (@restaurantId, 'closed', @at)
            ON CONFLICT (id) DO UPDATE SET status = 'closed', updated_at = EXCLUDED.updated_at WHERE restaurants.updated_at <= EXCLUDED.updated_at
            """, new { restaurantId, at = at.ToUniversalTime() }, tx, cancellationToken: ct));

    public static Task MenuItemAsync(NpgsqlConnection c, NpgsqlTransaction tx, MenuItemChanged e, CancellationToken ct) =>
        c.ExecuteAsync(new CommandDefinition("""
            INSERT INTO menu_items (id, restaurant_id, name, category, price, currency, sold_out, removed, version)
            VALUES (@ItemId, @RestaurantId, @Name, @Category, @price, @currency, @SoldOut, @Removed, @Version)
            ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, category = EXCLUDED.category, price = EXCLUDED.price, currency = EXCLUDED.currency,
                sold_out = EXCLUDED.sold_out, removed = EXCLUDED.removed, version = EXCLUDED.version
            WHERE menu_items.version <= EXCLUDED.version
            """, new { e.ItemId, e.RestaurantId, e.Name, e.Category, price = e.Price.Amount, currency = e.Price.Currency, e.SoldOut, e.Removed, e.Version }, tx, cancellationToken: ct));

    /// <summary>
    /// Inventory's word on whether the item can be made, remembered even before the menu event arrives; an older word
    /// delivered after a newer one changes nothing.
    /// </summary>
    public static Task AvailabilityAsync(NpgsqlConnection c, NpgsqlTransaction tx, Guid restaurantId, Guid menuItemId, bool available, DateTimeOffset at, CancellationToken ct) =>
        c.ExecuteAsync(new CommandDefinition("""
            INSERT INTO menu_items (id, restaurant_id, name, price, currency, sold_out, removed, in_stock, in_stock_at, version)
            VALUES (@menuItemId, @restaurantId, '', 0, 'KRW', false, false, @available, @at, 0)
            ON CONFLICT (id) DO UPDATE SET in_stock = EXCLUDED.in_stock, in_stock_at = EXCLUDED.in_stock_at
            WHERE menu_items.in_stock_at <= EXCLUDED.in_stock_at
            """, new { restaurantId, menuItemId, available, at = at.ToUniversalTime() }, tx, cancellationToken: ct));
}

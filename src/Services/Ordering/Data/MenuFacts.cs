using System.Security.Cryptography;
using System.Text.Json;
using Brigade.Api;
using Brigade.Contracts.Inventory;
using Brigade.Contracts.Restaurants;
using Brigade.Ordering.Domain;
using Dapper;
using NodaTime;
using NodaTime.Text;
using Npgsql;

namespace Brigade.Ordering.Data;

/// <summary>What ordering knows about a restaurant: name, zone, currency, status, dayparts.</summary>
public sealed class RestaurantRow
{
    public Guid Id { get; init; }
    public string Name { get; init; } = "";
    public string TimeZone { get; init; } = RestaurantTime.DefaultZoneId;
    public string Currency { get; init; } = "KRW";
    public string Status { get; init; } = "unknown";
    public string Dayparts { get; init; } = "[]";

    public DateTimeZone Zone => RestaurantTime.Zone(TimeZone);

    /// <summary>Diners order only from published restaurants; the restaurant's own people may ring up orders in any status but closed.</summary>
    public bool TakesOrdersFromDiners => Status == "published";

    public IReadOnlyList<DaypartFact> DaypartFacts() => MenuFacts.ReadDayparts(Dayparts);
}

public sealed class MenuItemRow
{
    public Guid Id { get; init; }
    public Guid RestaurantId { get; init; }
    public string Name { get; init; } = "";
    public string? Category { get; init; }
    public string? Description { get; init; }
    public string? PhotoUrl { get; init; }
    public long Price { get; init; }
    public string Currency { get; init; } = "KRW";
    public bool SoldOut { get; init; }
    public string[] Dayparts { get; init; } = [];
    public string ModifierGroups { get; init; } = "[]";
    public int SortOrder { get; init; }
    public bool Removed { get; init; }
    public bool? StockAvailable { get; init; }
    public int? PortionsLeft { get; init; }

    public MenuItemFact ToFact() => new(
        Id, RestaurantId, Name, Category, Price, Currency, SoldOut, Dayparts,
        JsonSerializer.Deserialize<List<ModifierGroupFact>>(ModifierGroups, JsonSerializerOptions.Web) ?? [],
        Removed, StockAvailable ?? true, PortionsLeft);
}

public sealed class TableRow
{
    public Guid Id { get; init; }
    public Guid RestaurantId { get; init; }
    public string Label { get; init; } = "";
    public bool Active { get; init; }
    public string QrToken { get; init; } = "";
}

/// <summary>A reservation as ordering knows it, for pre-orders.</summary>
public sealed class ReservationRow
{
    public Guid Id { get; init; }
    public Guid RestaurantId { get; init; }
    public Guid? DinerId { get; init; }
    public DateTimeOffset StartsAt { get; init; }
    public int PartySize { get; init; }
    public Guid[] TableIds { get; init; } = [];
    public string Status { get; init; } = "";
}

/// <summary>
/// Facts learned from other services' events. Each write is guarded by the event's version or time, so a late or
/// redelivered event never overwrites a newer fact.
/// </summary>
public static class MenuFacts
{
    private static readonly LocalTimePattern Hhmm = LocalTimePattern.CreateWithInvariantCulture("HH:mm");

    private const string ItemColumns = """
        i.id, i.restaurant_id, i.name, i.category, i.description, i.photo_url, i.price, i.currency, i.sold_out, i.dayparts,
        i.modifier_groups::text AS modifier_groups, i.sort_order, i.removed, s.available AS stock_available, s.portions_left
        """;

    public static Task ApplyProfileAsync(NpgsqlConnection c, NpgsqlTransaction tx, RestaurantSnapshot r, DateTimeOffset at, CancellationToken ct) =>
        c.ExecuteAsync(new CommandDefinition("""
            INSERT INTO restaurants (id, name, time_zone, currency, status, status_at) VALUES (@RestaurantId, @Name, @TimeZone, @Currency, @Status, @at)
            ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, time_zone = EXCLUDED.time_zone, currency = EXCLUDED.currency,
                status = EXCLUDED.status, status_at = EXCLUDED.status_at
            WHERE restaurants.status_at <= EXCLUDED.status_at
            """, new { r.RestaurantId, r.Name, r.TimeZone, r.Currency, r.Status, at = at.ToUniversalTime() }, tx, cancellationToken: ct));

    public static Task ApplyClosedAsync(NpgsqlConnection c, NpgsqlTransaction tx, Guid restaurantId, DateTimeOffset at, CancellationToken ct) =>
        c.ExecuteAsync(new CommandDefinition("""
            INSERT INTO restaurants (id, status, status_at) VALUES (@restaurantId, 'closed', @at)
            ON CONFLICT (id) DO UPDATE SET status = 'closed', status_at = EXCLUDED.status_at
            WHERE restaurants.status_at <= EXCLUDED.status_at
            """, new { restaurantId, at = at.ToUniversalTime() }, tx, cancellationToken: ct));

    public static Task ApplyDaypartsAsync(NpgsqlConnection c, NpgsqlTransaction tx, MenuDaypartsChanged e, CancellationToken ct) =>
        c.ExecuteAsync(new CommandDefinition("""
            INSERT INTO restaurants (id, dayparts, dayparts_at) VALUES (@RestaurantId, @dayparts::jsonb, @at)
            ON CONFLICT (id) DO UPDATE SET dayparts = EXCLUDED.dayparts, dayparts_at = EXCLUDED.dayparts_at
            WHERE restaurants.dayparts_at <= EXCLUDED.dayparts_at
            """, new { e.RestaurantId, dayparts = JsonSerializer.Serialize(e.Dayparts, JsonSerializerOptions.Web), at = e.ChangedAt.ToUniversalTime() },
            tx, cancellationToken: ct));

    /// <summary>
    /// The item as it is now. A removal carries the version of the item's last change, so it wins over that version too;
    /// nothing older ever overwrites a newer copy.
    /// </summary>
    public static Task ApplyMenuItemAsync(NpgsqlConnection c, NpgsqlTransaction tx, MenuItemChanged e, CancellationToken ct)
    {
        var groups = (e.ModifierGroups ?? []).Select(g => new ModifierGroupFact(g.GroupId, g.Name, g.Required, g.MinChoices, g.MaxChoices,
            g.Options.Select(o => new ModifierOptionFact(o.OptionId, o.Name, o.PriceDelta)).ToList())).ToList();
        return c.ExecuteAsync(new CommandDefinition("""
            INSERT INTO menu_items (id, restaurant_id, name, category, description, photo_url, price, currency, sold_out, dayparts, modifier_groups, sort_order, removed, version)
            VALUES (@ItemId, @RestaurantId, @Name, @Category, @Description, @PhotoUrl, @price, @currency, @SoldOut, @dayparts, @groups::jsonb, @sortOrder, @Removed, @Version)
            ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, category = EXCLUDED.category, description = EXCLUDED.description,
                photo_url = EXCLUDED.photo_url, price = EXCLUDED.price, currency = EXCLUDED.currency, sold_out = EXCLUDED.sold_out,
                dayparts = EXCLUDED.dayparts, modifier_groups = EXCLUDED.modifier_groups, sort_order = EXCLUDED.sort_order,
                removed = EXCLUDED.removed, version = EXCLUDED.version
            WHERE menu_items.version < EXCLUDED.version OR (menu_items.version = EXCLUDED.version AND EXCLUDED.removed)
            """, new
        {
            e.ItemId, e.RestaurantId, e.Name, e.Category, e.Description, e.PhotoUrl, price = e.Price.Amount, currency = e.Price.Currency, e.SoldOut,
            dayparts = e.Dayparts.ToArray(), groups = JsonSerializer.Serialize(groups, JsonSerializerOptions.Web), sortOrder = e.SortOrder ?? 0, e.Removed, e.Version,
        }, tx, cancellationToken: ct));
    }

    /// <summary>Inventory's count replaces ours (a newer count only); returns the portions left now, or null when not counted.</summary>
    public static Task ApplyStockAsync(NpgsqlConnection c, NpgsqlTransaction tx, MenuItemAvailabilityChanged e, CancellationToken ct) =>
        c.ExecuteAsync(new CommandDefinition("""
            INSERT INTO item_stock (menu_item_id, restaurant_id, available, portions_left, counted_at) VALUES (@MenuItemId, @RestaurantId, @Available, @left, @At)
            ON CONFLICT (menu_item_id) DO UPDATE SET available = EXCLUDED.available, portions_left = EXCLUDED.portions_left, counted_at = EXCLUDED.counted_at
            WHERE item_stock.counted_at <= EXCLUDED.counted_at
            """, new { e.MenuItemId, e.RestaurantId, e.Available, left = e.PortionsLeft is { } n ? Math.Max(0, n) : (int?)null, At = e.At.ToUniversalTime() },
            tx, cancellationToken: ct));

    /// <summary>A table and, the first time, the token its QR code carries.</summary>
    public static Task ApplyTableAsync(NpgsqlConnection c, NpgsqlTransaction tx, TableChanged e, CancellationToken ct) =>
        c.ExecuteAsync(new CommandDefinition("""
            INSERT INTO dining_tables (id, restaurant_id, label, active, version, qr_token) VALUES (@TableId, @RestaurantId, @Label, @Active, @Version, @token)
            ON CONFLICT (id) DO UPDATE SET label = EXCLUDED.label, active = EXCLUDED.active, version = EXCLUDED.version
            WHERE dining_tables.version < EXCLUDED.version
            """, new { e.TableId, e.RestaurantId, e.Label, e.Active, e.Version, token = NewTableToken() }, tx, cancellationToken: ct));

    public static Task ApplyReservationAsync(
        NpgsqlConnection c, NpgsqlTransaction tx, Guid id, Guid restaurantId, Guid? dinerId, DateTimeOffset? start, int? partySize, IReadOnlyList<Guid>? tableIds,
        string status, DateTimeOffset at, CancellationToken ct) =>
        c.ExecuteAsync(new CommandDefinition("""
            INSERT INTO reservations (id, restaurant_id, diner_id, starts_at, party_size, table_ids, status, changed_at)
            VALUES (@id, @restaurantId, @dinerId, coalesce(@start::timestamptz, @at), coalesce(@partySize::int, 1), coalesce(@tableIds::uuid[], '{}'), @status, @at)
            ON CONFLICT (id) DO UPDATE SET diner_id = coalesce(EXCLUDED.diner_id, reservations.diner_id),
                starts_at = coalesce(@start::timestamptz, reservations.starts_at),
                party_size = coalesce(@partySize::int, reservations.party_size),
                table_ids = coalesce(@tableIds::uuid[], reservations.table_ids),
                status = EXCLUDED.status, changed_at = EXCLUDED.changed_at
            WHERE reservations.changed_at <= EXCLUDED.changed_at
            """, new
        {
            id, restaurantId, dinerId, start = start?.ToUniversalTime(), partySize, tableIds = tableIds?.ToArray(), status, at = at.ToUniversalTime(),
        }, tx, cancellationToken: ct));

    /// <summary>A new random table token: 96 bits, URL-safe, unguessable.</summary>
    public static string NewTableToken() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(12)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static Task<RestaurantRow?> FindRestaurantAsync(NpgsqlConnection c, Guid restaurantId, CancellationToken ct, NpgsqlTransaction? tx = null) =>
        c.QuerySingleOrDefaultAsync<RestaurantRow>(new CommandDefinition(
            "SELECT id, name, time_zone, currency, status, dayparts::text AS dayparts FROM restaurants WHERE id = @restaurantId",
            new { restaurantId }, tx, cancellationToken: ct));

    public static async Task<IReadOnlyList<MenuItemRow>> ItemsAsync(NpgsqlConnection c, IReadOnlyCollection<Guid> ids, CancellationToken ct) =>
        (await c.QueryAsync<MenuItemRow>(new CommandDefinition($"""
            SELECT {ItemColumns} FROM menu_items i LEFT JOIN item_stock s ON s.menu_item_id = i.id WHERE i.id = ANY(@ids)
            """, new { ids = ids.ToArray() }, cancellationToken: ct))).ToList();

    /// <summary>
    /// What placing an order needs, in one round trip: the named items, their restaurants (or <paramref name="restaurantId"/>)
    /// and those restaurants' ordering settings.
    /// </summary>
    public static async Task<(IReadOnlyList<MenuItemRow> Items, IReadOnlyList<RestaurantRow> Restaurants, IReadOnlyDictionary<Guid, OrderingSettings> Settings)> OrderFactsAsync(
        NpgsqlConnection c, IReadOnlyCollection<Guid> ids, Guid? restaurantId, CancellationToken ct)
    {
        using var grid = await c.QueryMultipleAsync(new CommandDefinition($"""
            SELECT {ItemColumns} FROM menu_items i LEFT JOIN item_stock s ON s.menu_item_id = i.id WHERE i.id = ANY(@ids);
            SELECT id, name, time_zone, currency, status, dayparts::text AS dayparts FROM restaurants
             WHERE id = @restaurantId OR id IN (SELECT restaurant_id FROM menu_items WHERE id = ANY(@ids));
            SELECT restaurant_id, {SettingsStore.Columns} FROM ordering_settings
             WHERE restaurant_id = @restaurantId OR restaurant_id IN (SELECT restaurant_id FROM menu_items WHERE id = ANY(@ids));
            """, new { ids = ids.ToArray(), restaurantId }, cancellationToken: ct));
        var items = (await grid.ReadAsync<MenuItemRow>()).ToList();
        var restaurants = (await grid.ReadAsync<RestaurantRow>()).ToList();
        var settings = (await grid.ReadAsync<SettingsStore.Row>()).ToDictionary(r => r.RestaurantId, SettingsStore.From);
        return (items, restaurants, settings);
    }

    public static async Task<IReadOnlyList<MenuItemRow>> MenuAsync(NpgsqlConnection c, Guid restaurantId, CancellationToken ct) =>
        (await c.QueryAsync<MenuItemRow>(new CommandDefinition($"""
            SELECT {ItemColumns} FROM menu_items i LEFT JOIN item_stock s ON s.menu_item_id = i.id
             WHERE i.restaurant_id = @restaurantId AND NOT i.removed
             ORDER BY i.category NULLS LAST, i.sort_order, i.name
            """, new { restaurantId }, cancellationToken: ct))).ToList();

    public static Task<TableRow?> TableByTokenAsync(NpgsqlConnection c, string token, CancellationToken ct) =>
        c.QuerySingleOrDefaultAsync<TableRow>(new CommandDefinition(
            "SELECT id, restaurant_id, label, active, qr_token FROM dining_tables WHERE qr_token = @token", new { token }, cancellationToken: ct));

    public static Task<TableRow?> TableAsync(NpgsqlConnection c, Guid tableId, CancellationToken ct) =>
        c.QuerySingleOrDefaultAsync<TableRow>(new CommandDefinition(
            "SELECT id, restaurant_id, label, active, qr_token FROM dining_tables WHERE id = @tableId", new { tableId }, cancellationToken: ct));

    public static async Task<IReadOnlyList<TableRow>> TablesAsync(NpgsqlConnection c, Guid restaurantId, CancellationToken ct) =>
        (await c.QueryAsync<TableRow>(new CommandDefinition(
            "SELECT id, restaurant_id, label, active, qr_token FROM dining_tables WHERE restaurant_id = @restaurantId ORDER BY label",
            new { restaurantId }, cancellationToken: ct))).ToList();

    public static Task<TableRow?> RotateTokenAsync(NpgsqlConnection c, Guid restaurantId, Guid tableId, CancellationToken ct) =>
        c.QuerySingleOrDefaultAsync<TableRow>(new CommandDefinition(
            "UPDATE dining_tables SET qr_token = @token WHERE id = @tableId AND restaurant_id = @restaurantId RETURNING id, restaurant_id, label, active, qr_token",
            new { restaurantId, tableId, token = NewTableToken() }, cancellationToken: ct));

    public static Task<ReservationRow?> ReservationAsync(NpgsqlConnection c, Guid id, CancellationToken ct) =>
        c.QuerySingleOrDefaultAsync<ReservationRow>(new CommandDefinition(
            "SELECT id, restaurant_id, diner_id, starts_at, party_size, table_ids, status FROM reservations WHERE id = @id", new { id }, cancellationToken: ct));

    internal static IReadOnlyList<DaypartFact> ReadDayparts(string json) =>
        (JsonSerializer.Deserialize<List<MenuDaypart>>(json, JsonSerializerOptions.Web) ?? [])
        .Select(d => (d, start: Hhmm.Parse(d.Start), end: Hhmm.Parse(d.End)))
        .Where(x => x.start.Success && x.end.Success)
        .Select(x => new DaypartFact(x.d.Name, x.start.Value, x.end.Value))
        .ToList();
}

/// <summary>Reads facts for the endpoints (each call its own connection).</summary>
public sealed class FactsReader(NpgsqlDataSource db)
{
    public async Task<RestaurantRow?> RestaurantAsync(Guid restaurantId, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return await MenuFacts.FindRestaurantAsync(c, restaurantId, ct);
    }

    public async Task<IReadOnlyList<MenuItemRow>> ItemsAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return await MenuFacts.ItemsAsync(c, ids, ct);
    }

    public async Task<(IReadOnlyList<MenuItemRow> Items, IReadOnlyList<RestaurantRow> Restaurants, IReadOnlyDictionary<Guid, OrderingSettings> Settings)> OrderFactsAsync(
        IReadOnlyCollection<Guid> ids, Guid? restaurantId, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return await MenuFacts.OrderFactsAsync(c, ids, restaurantId, ct);
    }

    public async Task<IReadOnlyList<MenuItemRow>> MenuAsync(Guid restaurantId, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return await MenuFacts.MenuAsync(c, restaurantId, ct);
    }

    public async Task<TableRow?> TableByTokenAsync(string token, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return await MenuFacts.TableByTokenAsync(c, token, ct);
    }

    public async Task<TableRow?> TableAsync(Guid tableId, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return await MenuFacts.TableAsync(c, tableId, ct);
    }

    public async Task<IReadOnlyList<TableRow>> TablesAsync(Guid restaurantId, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return await MenuFacts.TablesAsync(c, restaurantId, ct);
    }

    public async Task<TableRow?> RotateTokenAsync(Guid restaurantId, Guid tableId, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return await MenuFacts.RotateTokenAsync(c, restaurantId, tableId, ct);
    }

    public async Task<ReservationRow?> ReservationAsync(Guid id, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return await MenuFacts.ReservationAsync(c, id, ct);
    }
}

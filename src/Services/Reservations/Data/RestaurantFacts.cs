using System.Text.Json;
using Brigade.Contracts.Restaurants;
using Brigade.Reservations.Domain;
using Dapper;
using NodaTime;
using Npgsql;

namespace Brigade.Reservations.Data;

/// <summary>What this service knows about a restaurant: zone, currency, whether it takes bookings.</summary>
public sealed class RestaurantRow
{
    public Guid Id { get; init; }

    public string TimeZone { get; init; } = "Asia/Seoul";

    public string Currency { get; init; } = "KRW";

    public bool Bookable { get; init; }

    public DateTimeZone Zone => DateTimeZoneProviders.Tzdb.GetZoneOrNull(TimeZone) ?? DateTimeZoneProviders.Tzdb["Asia/Seoul"];
}

/// <summary>
/// Restaurant facts learned from <c>restaurants.*</c> events. Each write is guarded by the event's version or
/// time, so a late or redelivered event never overwrites a newer fact.
/// </summary>
public static class RestaurantFacts
{
    private sealed record HoursDocument(IReadOnlyList<WeeklyHours> Weekly, IReadOnlyList<HoursException> Exceptions);

    public static Task ApplyProfileAsync(NpgsqlConnection c, NpgsqlTransaction tx, RestaurantSnapshot r, DateTimeOffset at, CancellationToken ct) =>
        c.ExecuteAsync(new CommandDefinition("""
            INSERT INTO restaurants (id, time_zone, currency, bookable, status_at) VALUES (@RestaurantId, @TimeZone, @Currency, @bookable, @at)
            ON CONFLICT (id) DO UPDATE SET time_zone = EXCLUDED.time_zone, currency = EXCLUDED.currency,
                bookable = EXCLUDED.bookable, status_at = EXCLUDED.status_at
            WHERE restaurants.status_at <= EXCLUDED.status_at
            """, new { r.RestaurantId, r.TimeZone, r.Currency, bookable = r.Status == "published", at = at.ToUniversalTime() }, tx, cancellationToken: ct));

    public static Task ApplyClosedAsync(NpgsqlConnection c, NpgsqlTransaction tx, Guid restaurantId, DateTimeOffset at, CancellationToken ct) =>
        c.ExecuteAsync(new CommandDefinition("""
            INSERT INTO restaurants (id, bookable, status_at) VALUES (@restaurantId, false, @at)
            ON CONFLICT (id) DO UPDATE SET bookable = false, status_at = EXCLUDED.status_at
            WHERE restaurants.status_at <= EXCLUDED.status_at
            """, new { restaurantId, at = at.ToUniversalTime() }, tx, cancellationToken: ct));

    public static Task ApplyHoursAsync(NpgsqlConnection c, NpgsqlTransaction tx, HoursChanged e, CancellationToken ct) =>
        c.ExecuteAsync(new CommandDefinition("""
            INSERT INTO restaurants (id, time_zone, hours, hours_at) VALUES (@RestaurantId, @TimeZone, @hours::jsonb, @ChangedAt)
            ON CONFLICT (id) DO UPDATE SET time_zone = EXCLUDED.time_zone, hours = EXCLUDED.hours, hours_at = EXCLUDED.hours_at
            WHERE restaurants.hours_at <= EXCLUDED.hours_at
            """, new
        {
            e.RestaurantId,
            e.TimeZone,
            hours = JsonSerializer.Serialize(new HoursDocument(e.Weekly, e.Exceptions), JsonSerializerOptions.Web),
            ChangedAt = e.ChangedAt.ToUniversalTime(),
        }, tx, cancellationToken: ct));

    public static Task ApplyTableAsync(NpgsqlConnection c, NpgsqlTransaction tx, TableChanged e, CancellationToken ct) =>
        c.ExecuteAsync(new CommandDefinition("""
            INSERT INTO dining_tables (id, restaurant_id, label, min_capacity, max_capacity, online_bookable, priority, active, version)
            VALUES (@TableId, @RestaurantId, @Label, @MinCapacity, @MaxCapacity, @OnlineBookable, @Priority, @Active, @Version)
            ON CONFLICT (id) DO UPDATE SET label = EXCLUDED.label, min_capacity = EXCLUDED.min_capacity, max_capacity = EXCLUDED.max_capacity,
                online_bookable = EXCLUDED.online_bookable, priority = EXCLUDED.priority, active = EXCLUDED.active, version = EXCLUDED.version
            WHERE dining_tables.version < EXCLUDED.version
            """, e, tx, cancellationToken: ct));

    public static Task ApplyTableGroupAsync(NpgsqlConnection c, NpgsqlTransaction tx, TableGroupChanged e, CancellationToken ct) =>
        c.ExecuteAsync(new CommandDefinition("""
            INSERT INTO table_groups (id, restaurant_id, name, table_ids, min_capacity, max_capacity, active, changed_at)
            VALUES (@GroupId, @RestaurantId, @Name, @tableIds, @MinCapacity, @MaxCapacity, @active, @ChangedAt)
            ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, table_ids = EXCLUDED.table_ids, min_capacity = EXCLUDED.min_capacity,
                max_capacity = EXCLUDED.max_capacity, active = EXCLUDED.active, changed_at = EXCLUDED.changed_at
            WHERE table_groups.changed_at <= EXCLUDED.changed_at
            """, new { e.GroupId, e.RestaurantId, e.Name, tableIds = e.TableIds.ToArray(), e.MinCapacity, e.MaxCapacity, active = e.Active && !e.Removed, ChangedAt = e.ChangedAt.ToUniversalTime() },
            tx, cancellationToken: ct));

    public static async Task<RestaurantRow?> FindAsync(NpgsqlConnection c, Guid restaurantId, CancellationToken ct) =>
        await c.QuerySingleOrDefaultAsync<RestaurantRow>(new CommandDefinition(
            "SELECT id, time_zone, currency, bookable FROM restaurants WHERE id = @restaurantId", new { restaurantId }, cancellationToken: ct));

    /// <summary>
    /// The restaurant's book between two instants: hours, settings, floor, active holds and covers per slot.
    /// Null when the restaurant is unknown here.
    /// </summary>
    public static async Task<(RestaurantRow Restaurant, BookingBook Book)?> LoadBookAsync(
        NpgsqlConnection c, Guid restaurantId, Instant from, Instant to, CancellationToken ct)
    {
        using var grid = await c.QueryMultipleAsync(new CommandDefinition("""
            SELECT id, time_zone, currency, bookable FROM restaurants WHERE id = @restaurantId;
            SELECT hours::text FROM restaurants WHERE id = @restaurantId;
            SELECT document::text FROM booking_settings WHERE restaurant_id = @restaurantId;
            SELECT id, label, min_capacity, max_capacity, online_bookable, priority, active FROM dining_tables WHERE restaurant_id = @restaurantId;
            SELECT id, name, table_ids, min_capacity, max_capacity, active FROM table_groups WHERE restaurant_id = @restaurantId;
            SELECT table_id, lower(during) AS starts, upper(during) AS ends FROM table_holds
             WHERE restaurant_id = @restaurantId AND active AND during && tstzrange(@from, @to);
            SELECT slot_start, used FROM slot_covers WHERE restaurant_id = @restaurantId AND slot_start >= @from AND slot_start < @to;
            """, new { restaurantId, from = from.ToDateTimeOffset(), to = to.ToDateTimeOffset() }, cancellationToken: ct));
        var restaurant = await grid.ReadSingleOrDefaultAsync<RestaurantRow>();
        var hoursJson = await grid.ReadSingleOrDefaultAsync<string>();
        var settingsJson = await grid.ReadSingleOrDefaultAsync<string>();
        var tables = (await grid.ReadAsync<(Guid Id, string Label, int Min, int Max, bool Online, int Priority, bool Active)>())
            .Select(t => new TableFact(t.Id, t.Label, t.Min, t.Max, t.Online, t.Priority, t.Active)).ToList();
        var groups = (await grid.ReadAsync<(Guid Id, string Name, Guid[] TableIds, int Min, int Max, bool Active)>())
            .Select(g => new TableGroupFact(g.Id, g.Name, g.TableIds, g.Min, g.Max, g.Active)).ToList();
        var holds = (await grid.ReadAsync<(Guid TableId, DateTime Starts, DateTime Ends)>())
            .Select(h => new Hold(h.TableId, Instant.FromDateTimeUtc(DateTime.SpecifyKind(h.Starts, DateTimeKind.Utc)), Instant.FromDateTimeUtc(DateTime.SpecifyKind(h.Ends, DateTimeKind.Utc))))
            .ToList();
        var covers = (await grid.ReadAsync<(DateTime SlotStart, int Used)>())
            .ToDictionary(x => Instant.FromDateTimeUtc(DateTime.SpecifyKind(x.SlotStart, DateTimeKind.Utc)), x => x.Used);
        if (restaurant is null)
        {
            return null;
        }

        var hours = OpeningHours.None;
        if (hoursJson is not null && JsonSerializer.Deserialize<HoursDocument>(hoursJson, JsonSerializerOptions.Web) is { } doc)
        {
            hours = OpeningHours.From(doc.Weekly ?? [], doc.Exceptions ?? []);
        }

        var settings = SettingsStore.Read(settingsJson, restaurant.Currency);
        return (restaurant, new BookingBook(restaurant.Zone, hours, settings, tables, groups, holds, covers));
    }
}

/// <summary>Reads a restaurant's book for the availability engine.</summary>
public sealed class BookReader(NpgsqlDataSource db)
{
    public async Task<(RestaurantRow Restaurant, BookingBook Book)?> LoadAsync(Guid restaurantId, Instant from, Instant to, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return await RestaurantFacts.LoadBookAsync(c, restaurantId, from, to, ct);
    }

    public async Task<RestaurantRow?> FindAsync(Guid restaurantId, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return await RestaurantFacts.FindAsync(c, restaurantId, ct);
    }
}

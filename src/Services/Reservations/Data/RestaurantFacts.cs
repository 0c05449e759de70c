using System.Text.Json;
using Brigade.Api;
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

    public string TimeZone { get; init; } = RestaurantTime.DefaultZoneId;

    public string Currency { get; init; } = "KRW";

    public bool Bookable { get; init; }

    public string? Name { get; init; }

    public string? NameEn { get; init; }

    public DateTimeZone Zone => RestaurantTime.Zone(TimeZone);

    public RestaurantLabel Label => new(Name, NameEn);

    /// <summary>The instant on the restaurant's clock (its offset).</summary>
    public DateTimeOffset Local(DateTimeOffset instant) => RestaurantTime.Local(instant, TimeZone);
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
            INSERT INTO restaurants (id, time_zone, currency, bookable, status_at, name, name_en)
            VALUES (@RestaurantId, @TimeZone, @Currency, @bookable, @at, @Name, @NameEn)
            ON CONFLICT (id) DO UPDATE SET time_zone = EXCLUDED.time_zone, currency = EXCLUDED.currency,
                bookable = EXCLUDED.bookable, status_at = EXCLUDED.status_at, name = EXCLUDED.name, name_en = EXCLUDED.name_en
            WHERE restaurants.status_at <= EXCLUDED.status_at
            """, new { r.RestaurantId, r.TimeZone, r.Currency, bookable = r.Status == "published", at = at.ToUniversalTime(), r.Name, r.NameEn }, tx, cancellationToken: ct));

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

    public static async Task<RestaurantRow?> FindAsync(NpgsqlConnection c, Guid restaurantId, CancellationToken ct, NpgsqlTransaction? tx = null) =>
        await c.QuerySingleOrDefaultAsync<RestaurantRow>(new CommandDefinition(
            "SELECT id, time_zone, currency, bookable, name, name_en FROM restaurants WHERE id = @restaurantId", new { restaurantId }, tx, cancellationToken: ct));

    /// <summary>The restaurant as messages show it (zone and names), read inside a writing transaction; the defaults when unknown.</summary>
    public static async Task<RestaurantRow> NoticeAsync(NpgsqlConnection c, NpgsqlTransaction tx, Guid restaurantId, CancellationToken ct) =>
        await FindAsync(c, restaurantId, ct, tx) ?? new RestaurantRow { Id = restaurantId };

    // What changes only with restaurant events and booking settings (cached for availability), then what every booking changes.
    private const string FactsSql = """
        SELECT id, time_zone, currency, bookable, name, name_en, hours::text AS hours_json,
               (SELECT document::text FROM booking_settings WHERE restaurant_id = @restaurantId) AS settings_json
          FROM restaurants WHERE id = @restaurantId;
        SELECT id, label, min_capacity, max_capacity, online_bookable, priority, active FROM dining_tables WHERE restaurant_id = @restaurantId;
        SELECT id, name, table_ids, min_capacity, max_capacity, active FROM table_groups WHERE restaurant_id = @restaurantId;
        """;

    private const string BookingsSql = """
        SELECT table_id, lower(during) AS starts, upper(during) AS ends FROM table_holds
         WHERE restaurant_id = @restaurantId AND active AND during && tstzrange(@from, @to);
        SELECT slot_start, used FROM slot_covers WHERE restaurant_id = @restaurantId AND slot_start >= @from AND slot_start < @to;
        """;

    /// <summary>
    /// The restaurant's book between two instants: hours, settings, floor, active holds and covers per slot, in one
    /// round trip. Null when the restaurant is unknown here.
    /// </summary>
    public static async Task<(RestaurantRow Restaurant, BookingBook Book)?> LoadBookAsync(
        NpgsqlConnection c, Guid restaurantId, Instant from, Instant to, CancellationToken ct)
    {
        using var grid = await c.QueryMultipleAsync(new CommandDefinition(FactsSql + BookingsSql,
            new { restaurantId, from = from.ToDateTimeOffset(), to = to.ToDateTimeOffset() }, cancellationToken: ct));
        var facts = await ReadFactsAsync(grid);
        var (holds, covers) = await ReadBookingsAsync(grid);
        return facts?.Book(holds, covers);
    }

    /// <summary>What the book holds apart from bookings; null when the restaurant is unknown here.</summary>
    public static async Task<BookFacts?> LoadFactsAsync(NpgsqlConnection c, Guid restaurantId, CancellationToken ct)
    {
        using var grid = await c.QueryMultipleAsync(new CommandDefinition(FactsSql, new { restaurantId }, cancellationToken: ct));
        return await ReadFactsAsync(grid);
    }

    /// <summary>Active holds and covers per slot between two instants.</summary>
    public static async Task<(IReadOnlyList<Hold> Holds, IReadOnlyDictionary<Instant, int> Covers)> LoadBookingsAsync(
        NpgsqlConnection c, Guid restaurantId, Instant from, Instant to, CancellationToken ct)
    {
        using var grid = await c.QueryMultipleAsync(new CommandDefinition(BookingsSql,
            new { restaurantId, from = from.ToDateTimeOffset(), to = to.ToDateTimeOffset() }, cancellationToken: ct));
        return await ReadBookingsAsync(grid);
    }

    private static async Task<BookFacts?> ReadFactsAsync(SqlMapper.GridReader grid)
    {
        var restaurant = await grid.ReadSingleOrDefaultAsync<FactsRow>();
        var tables = (await grid.ReadAsync<(Guid Id, string Label, int Min, int Max, bool Online, int Priority, bool Active)>())
            .Select(t => new TableFact(t.Id, t.Label, t.Min, t.Max, t.Online, t.Priority, t.Active)).ToList();
        var groups = (await grid.ReadAsync<(Guid Id, string Name, Guid[] TableIds, int Min, int Max, bool Active)>())
            .Select(g => new TableGroupFact(g.Id, g.Name, g.TableIds, g.Min, g.Max, g.Active)).ToList();
        return restaurant is { } r ? new BookFacts(r.Id, r.TimeZone, r.Currency, r.Bookable, r.HoursJson, r.SettingsJson, tables, groups, r.Name, r.NameEn) : null;
    }

    private sealed class FactsRow
    {
        public Guid Id { get; init; }
        public string TimeZone { get; init; } = RestaurantTime.DefaultZoneId;
        public string Currency { get; init; } = "KRW";
        public bool Bookable { get; init; }
        public string? Name { get; init; }
        public string? NameEn { get; init; }
        public string? HoursJson { get; init; }
        public string? SettingsJson { get; init; }
    }

    private static async Task<(IReadOnlyList<Hold> Holds, IReadOnlyDictionary<Instant, int> Covers)> ReadBookingsAsync(SqlMapper.GridReader grid)
    {
        var holds = (await grid.ReadAsync<(Guid TableId, DateTime Starts, DateTime Ends)>())
            .Select(h => new Hold(h.TableId, Instant.FromDateTimeUtc(DateTime.SpecifyKind(h.Starts, DateTimeKind.Utc)), Instant.FromDateTimeUtc(DateTime.SpecifyKind(h.Ends, DateTimeKind.Utc))))
            .ToList();
        var covers = (await grid.ReadAsync<(DateTime SlotStart, int Used)>())
            .ToDictionary(x => Instant.FromDateTimeUtc(DateTime.SpecifyKind(x.SlotStart, DateTimeKind.Utc)), x => x.Used);
        return (holds, covers);
    }

    internal static OpeningHours ReadHours(string? json) =>
        json is not null && JsonSerializer.Deserialize<HoursDocument>(json, JsonSerializerOptions.Web) is { } doc
            ? OpeningHours.From(doc.Weekly ?? [], doc.Exceptions ?? [])
            : OpeningHours.None;
}

/// <summary>
/// A restaurant's book apart from its bookings: zone, currency, hours and settings (as stored), tables and groups.
/// It changes only with <c>restaurants.*</c> events and the booking settings, so availability reads it from the cache.
/// Never changed once made: the cache hands out the same instance, and the parsed hours and settings with it.
/// </summary>
[System.ComponentModel.ImmutableObject(true)]
public sealed record BookFacts(
    Guid Id,
    string TimeZone,
    string Currency,
    bool Bookable,
    string? HoursJson,
    string? SettingsJson,
    IReadOnlyList<TableFact> Tables,
    IReadOnlyList<TableGroupFact> Groups,
    string? Name = null,
    string? NameEn = null)
{
    private (RestaurantRow Row, OpeningHours Hours, BookingSettings Settings)? _parsed;

    public (RestaurantRow Restaurant, BookingBook Book) Book(IReadOnlyList<Hold> holds, IReadOnlyDictionary<Instant, int> covers)
    {
        // Parsed once per instance; two threads parsing at once get equal results.
        var (row, hours, settings) = _parsed ??= Parse();
        return (row, new BookingBook(row.Zone, hours, settings, Tables, Groups, holds, covers));
    }

    private (RestaurantRow, OpeningHours, BookingSettings) Parse()
    {
        var row = new RestaurantRow { Id = Id, TimeZone = TimeZone, Currency = Currency, Bookable = Bookable, Name = Name, NameEn = NameEn };
        return (row, RestaurantFacts.ReadHours(HoursJson), SettingsStore.Read(SettingsJson, Currency));
    }
}

/// <summary>Reads a restaurant's book for the availability engine.</summary>
public sealed class BookReader(NpgsqlDataSource db, BookCache cache)
{
    /// <summary>The book from the database alone: what bookings decide on.</summary>
    public async Task<(RestaurantRow Restaurant, BookingBook Book)?> LoadAsync(Guid restaurantId, Instant from, Instant to, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return await RestaurantFacts.LoadBookAsync(c, restaurantId, from, to, ct);
    }

    /// <summary>
    /// The book for showing availability: the restaurant's facts from the cache, its bookings from the database
    /// (they change with every booking, so a slot taken a moment ago is never shown free).
    /// </summary>
    public async Task<(RestaurantRow Restaurant, BookingBook Book)?> LoadForAvailabilityAsync(Guid restaurantId, Instant from, Instant to, CancellationToken ct)
    {
        var facts = await cache.FactsAsync(restaurantId, async token =>
        {
            await using var c = await db.OpenConnectionAsync(token);
            return await RestaurantFacts.LoadFactsAsync(c, restaurantId, token);
        }, ct);
        if (facts is null)
        {
            return null;
        }

        await using var connection = await db.OpenConnectionAsync(ct);
        var (holds, covers) = await RestaurantFacts.LoadBookingsAsync(connection, restaurantId, from, to, ct);
        return facts.Book(holds, covers);
    }

    public async Task<RestaurantRow?> FindAsync(Guid restaurantId, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return await RestaurantFacts.FindAsync(c, restaurantId, ct);
    }
}

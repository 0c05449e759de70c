using System.Text.Json;
using Brigade.Api;
using Brigade.Contracts.Restaurants;
using Brigade.Messaging;
using Brigade.Restaurants.Data;
using Brigade.Restaurants.Domain;
using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Brigade.Restaurants.DemoData;

/// <summary>
/// Loads about thirty Seoul restaurants (Korean and English names, KRW menus, hours, floor plans) for local
/// runs. Every record goes through the same rules as the API and announces itself through the outbox, so
/// search and reservations learn about them like any other restaurant. Ids are derived from each
/// restaurant's key: a restaurant already present is left as it is (edits survive restarts), so loading
/// twice changes nothing.
/// </summary>
public sealed class DemoDataLoader(
    NpgsqlDataSource db,
    IOutbox outbox,
    TimeProvider clock,
    IOptions<RestaurantsOptions> options,
    IHostEnvironment environment,
    RestaurantCache cache,
    ILogger<DemoDataLoader> logger) : IHostedService
{
    private const long LockKey = 0x44_45_4d_4f_52_53; // "DEMORS": one loader at a time across replicas

    public Task StartAsync(CancellationToken cancellationToken) =>
        options.Value.LoadDemoData ?? environment.IsEnvironment("Local") ? LoadAsync(cancellationToken) : Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Inserts the demo restaurants that are not there yet; returns how many it inserted.</summary>
    public async Task<int> LoadAsync(CancellationToken ct)
    {
        var document = Read();
        var owner = options.Value.DemoOwnerUserId;
        var inserted = 0;
        foreach (var restaurant in document.Restaurants)
        {
            var now = clock.GetUtcNow();
            await using var connection = await db.OpenConnectionAsync(ct);
            await using var transaction = await connection.BeginTransactionAsync(ct);
            await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_xact_lock(@LockKey)", new { LockKey }, transaction, cancellationToken: ct));
            var id = DemoIds.Of("restaurant", restaurant.Key);
            var exists = await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
                "SELECT EXISTS (SELECT 1 FROM restaurants WHERE id = @id)", new { id }, transaction, cancellationToken: ct));
            if (!exists)
            {
                await InsertAsync(connection, transaction, id, restaurant, document, owner, now, ct);
                inserted++;
            }
            else if (owner is { } ownerId)
            {
                await AddOwnerAsync(connection, transaction, id, ownerId, now, ct);
            }

            await transaction.CommitAsync(ct);
            if (!exists)
            {
                await cache.InvalidateAsync(id); // a replica may have remembered "no such restaurant"
            }
        }

        logger.LogInformation("Demo data: {Inserted} of {Total} restaurants inserted", inserted, document.Restaurants.Count);
        return inserted;
    }

    private async Task InsertAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Guid id, DemoRestaurant demo, DemoDocument document, Guid? owner, DateTimeOffset now, CancellationToken ct)
    {
        var profile = Checked(demo.Key, errors => ProfileRules.ForCreate(new RestaurantDraft(
            demo.Name, demo.NameEn, demo.Cuisine, demo.Address, new LocationDraft(demo.Lat, demo.Lng), null, demo.Phone,
            demo.PriceRange, demo.Distinction, demo.Description, demo.PhotoUrls, null), errors));
        var row = await RestaurantStore.InsertAsync(connection, transaction, id, profile, RestaurantStatus.Published, now, ct);
        await outbox.AddAsync(connection, transaction, new RestaurantCreated(row.ToSnapshot(), owner, now), ct);
        await outbox.AddAsync(connection, transaction, new RestaurantPublished(row.ToSnapshot(), now), ct);
        if (owner is { } ownerId)
        {
            await AddOwnerAsync(connection, transaction, id, ownerId, now, ct);
        }

        var hours = Checked(demo.Key, errors => OpeningHoursRules.Parse(document.Hours[demo.Hours], errors));
        await HoursStore.ReplaceAsync(connection, transaction, outbox, id, profile.TimeZone, hours, now, ct);

        var dayparts = Checked(demo.Key, errors => MenuRules.Dayparts(demo.Dayparts, errors));
        await MenuStore.ReplaceDaypartsAsync(connection, transaction, outbox, id, dayparts, now, ct);
        var daypartNames = dayparts.Select(d => d.Name).ToList();
        foreach (var item in demo.Menu)
        {
            var spec = Checked($"{demo.Key}/{item.Name}", errors => MenuRules.ForCreate(item, profile.Currency, daypartNames, errors));
            await MenuStore.InsertItemAsync(connection, transaction, outbox, id, DemoIds.Of("item", $"{demo.Key}/{item.Name}"), spec, now, ct);
        }

        var floor = document.Floors[demo.Floor];
        var tableIds = new Dictionary<string, Guid>(StringComparer.Ordinal);
        var capacities = new Dictionary<Guid, int>();
        foreach (var table in floor.Tables)
        {
            var spec = Checked($"{demo.Key}/{table.Label}", errors => FloorRules.ForCreate(table, errors));
            var tableId = DemoIds.Of("table", $"{demo.Key}/{spec.Label}");
            await FloorStore.InsertTableAsync(connection, transaction, outbox, id, tableId, spec, now, ct);
            tableIds[spec.Label] = tableId;
            capacities[tableId] = spec.MaxCapacity;
        }

        foreach (var group in floor.Groups)
        {
            var spec = Checked($"{demo.Key}/{group.Name}", errors => FloorRules.ForGroup(
                new TableGroupDraft(group.Name, group.Tables.Select(label => tableIds[label]).ToList(), group.MinCapacity, group.MaxCapacity, true), null, capacities, errors));
            var groupId = DemoIds.Of("group", $"{demo.Key}/{spec.Name}");
            await connection.ExecuteAsync(new CommandDefinition("""
                INSERT INTO table_groups (id, restaurant_id, name, min_capacity, max_capacity, active, created_at, updated_at)
                VALUES (@groupId, @id, @Name, @MinCapacity, @MaxCapacity, true, @now, @now);
                INSERT INTO table_group_tables (group_id, table_id) SELECT @groupId, unnest(@tables);
                """, new { groupId, id, spec.Name, spec.MinCapacity, spec.MaxCapacity, now, tables = spec.TableIds.ToArray() }, transaction, cancellationToken: ct));
            await outbox.AddAsync(connection, transaction,
                new TableGroupChanged(id, groupId, spec.Name, spec.TableIds, spec.MinCapacity, spec.MaxCapacity, true, false, now), ct);
        }
    }

    private async Task AddOwnerAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid restaurantId, Guid ownerId, DateTimeOffset now, CancellationToken ct)
    {
        var added = await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO restaurant_members (restaurant_id, user_id, role, added_at) VALUES (@restaurantId, @ownerId, 'owner', @now)
            ON CONFLICT (restaurant_id, user_id) DO NOTHING
            """, new { restaurantId, ownerId, now }, transaction, cancellationToken: ct));
        if (added == 1)
        {
            await outbox.AddAsync(connection, transaction, new MemberAdded(restaurantId, ownerId, "owner", now), ct);
        }
    }

    private static T Checked<T>(string what, Func<FieldErrors, T?> check) where T : class
    {
        var errors = new FieldErrors();
        return check(errors) ?? throw new InvalidOperationException(
            $"Demo data '{what}' breaks a rule: {string.Join("; ", errors.ToDictionary().Select(e => $"{e.Key}: {string.Join(" ", e.Value)}"))}");
    }

    internal static DemoDocument Read()
    {
        using var stream = typeof(DemoDataLoader).Assembly.GetManifestResourceStream("Brigade.Restaurants.DemoData.seoul.json")
            ?? throw new InvalidOperationException("The embedded demo data DemoData/seoul.json is missing.");
        return JsonSerializer.Deserialize<DemoDocument>(stream, JsonSerializerOptions.Web)
            ?? throw new InvalidOperationException("The embedded demo data is empty.");
    }
}

internal sealed record DemoDocument(
    IReadOnlyDictionary<string, HoursDraft> Hours,
    IReadOnlyDictionary<string, DemoFloor> Floors,
    IReadOnlyList<DemoRestaurant> Restaurants);

internal sealed record DemoFloor(IReadOnlyList<TableDraft> Tables, IReadOnlyList<DemoTableGroup> Groups);

internal sealed record DemoTableGroup(string Name, IReadOnlyList<string> Tables, int MinCapacity, int MaxCapacity);

internal sealed record DemoRestaurant(
    string Key,
    string Name,
    string NameEn,
    string Cuisine,
    int PriceRange,
    string? Distinction,
    string Address,
    double Lat,
    double Lng,
    string? Phone,
    string Description,
    IReadOnlyList<string?>? PhotoUrls,
    string Hours,
    string Floor,
    IReadOnlyList<DaypartDraft?>? Dayparts,
    IReadOnlyList<MenuItemDraft> Menu);

using Brigade.Contracts.Restaurants;
using Brigade.Messaging;
using Brigade.Restaurants.Domain;
using Dapper;
using Npgsql;

namespace Brigade.Restaurants.Data;

public sealed class TableRow
{
    public Guid Id { get; set; }
    public Guid RestaurantId { get; set; }
    public Guid? AreaId { get; set; }
    public string? Area { get; set; }
    public string Label { get; set; } = "";
    public int MinCapacity { get; set; }
    public int MaxCapacity { get; set; }
    public bool OnlineBookable { get; set; }
    public int Priority { get; set; }
    public bool Active { get; set; }
    public int Version { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public TableSpec ToSpec() => new(Label, MinCapacity, MaxCapacity, Area, OnlineBookable, Priority, Active);

    public TableChanged ToEvent(DateTimeOffset at) =>
        new(RestaurantId, Id, Label, MinCapacity, MaxCapacity, Area, OnlineBookable, Priority, Active, Version, at);
}

public sealed class AreaRow
{
    public Guid Id { get; set; }
    public string Name { get; set; } = "";
    public int SortOrder { get; set; }
}

public sealed class TableGroupRow
{
    public Guid Id { get; set; }
    public Guid RestaurantId { get; set; }
    public string Name { get; set; } = "";
    public Guid[] TableIds { get; set; } = [];
    public int MinCapacity { get; set; }
    public int MaxCapacity { get; set; }
    public bool Active { get; set; }

    public TableGroupSpec ToSpec() => new(Name, TableIds, MinCapacity, MaxCapacity, Active);

    public TableGroupChanged ToEvent(DateTimeOffset at, bool removed = false) =>
        new(RestaurantId, Id, Name, TableIds, MinCapacity, MaxCapacity, Active, removed, at);
}

/// <summary>The floor plan: areas (created on first use by name), tables and combinable table groups.</summary>
public sealed class FloorStore(NpgsqlDataSource db, IOutbox outbox, TimeProvider clock)
{
    private const string TableColumns = """
        t.id, t.restaurant_id, t.area_id, a.name AS area, t.label, t.min_capacity, t.max_capacity, t.online_bookable,
        t.priority, t.active, t.version, t.created_at, t.updated_at
        """;

    private const string GroupColumns = """
        g.id, g.restaurant_id, g.name, g.min_capacity, g.max_capacity, g.active,
        coalesce((SELECT array_agg(gt.table_id ORDER BY gt.table_id) FROM table_group_tables gt WHERE gt.group_id = g.id), '{}') AS table_ids
        """;

    public async Task<IReadOnlyList<TableRow>> ListTablesAsync(Guid restaurantId, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<TableRow>(new CommandDefinition($"""
            SELECT {TableColumns} FROM restaurant_tables t LEFT JOIN floor_areas a ON a.id = t.area_id
             WHERE t.restaurant_id = @restaurantId
             ORDER BY coalesce(a.sort_order, 2147483647), t.label, t.id
            """, new { restaurantId }, cancellationToken: ct));
        return rows.ToList();
    }

    public async Task<IReadOnlyList<AreaRow>> ListAreasAsync(Guid restaurantId, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<AreaRow>(new CommandDefinition(
            "SELECT id, name, sort_order FROM floor_areas WHERE restaurant_id = @restaurantId ORDER BY sort_order, id",
            new { restaurantId }, cancellationToken: ct));
        return rows.ToList();
    }

    public async Task<IReadOnlyList<TableGroupRow>> ListGroupsAsync(Guid restaurantId, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<TableGroupRow>(new CommandDefinition(
            $"SELECT {GroupColumns} FROM table_groups g WHERE g.restaurant_id = @restaurantId ORDER BY g.name, g.id",
            new { restaurantId }, cancellationToken: ct));
        return rows.ToList();
    }

    public async Task<TableRow?> FindTableAsync(Guid restaurantId, Guid tableId, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return await FindTableAsync(connection, null, restaurantId, tableId, ct);
    }

    private static Task<TableRow?> FindTableAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, Guid restaurantId, Guid tableId, CancellationToken ct) =>
        connection.QuerySingleOrDefaultAsync<TableRow>(new CommandDefinition($"""
            SELECT {TableColumns} FROM restaurant_tables t LEFT JOIN floor_areas a ON a.id = t.area_id
             WHERE t.restaurant_id = @restaurantId AND t.id = @tableId
            """, new { restaurantId, tableId }, transaction, cancellationToken: ct));

    /// <summary>Creates a table; null when the label is already used in this restaurant.</summary>
    public async Task<TableRow?> CreateTableAsync(Guid restaurantId, TableSpec spec, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var row = await InsertTableAsync(connection, transaction, outbox, restaurantId, Guid.CreateVersion7(), spec, clock.GetUtcNow(), ct);
        if (row is null)
        {
            return null;
        }

        await transaction.CommitAsync(ct);
        return row;
    }

    internal static async Task<TableRow?> InsertTableAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IOutbox outbox, Guid restaurantId, Guid tableId, TableSpec spec, DateTimeOffset now, CancellationToken ct)
    {
        var areaId = await AreaIdAsync(connection, transaction, restaurantId, spec.Area, ct);
        var inserted = await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO restaurant_tables (id, restaurant_id, area_id, label, min_capacity, max_capacity, online_bookable, priority, active, created_at, updated_at)
            VALUES (@tableId, @restaurantId, @areaId, @Label, @MinCapacity, @MaxCapacity, @OnlineBookable, @Priority, @Active, @now, @now)
            ON CONFLICT (restaurant_id, lower(label)) DO NOTHING
            """, new { tableId, restaurantId, areaId, spec.Label, spec.MinCapacity, spec.MaxCapacity, spec.OnlineBookable, spec.Priority, spec.Active, now },
            transaction, cancellationToken: ct));
        if (inserted == 0)
        {
            return null;
        }

        var row = (await FindTableAsync(connection, transaction, restaurantId, tableId, ct))!;
        await outbox.AddAsync(connection, transaction, row.ToEvent(now), ct);
        return row;
    }

    /// <summary>Updates a table at <paramref name="expectedVersion"/> (any when null). Conflict: the new label is taken.</summary>
    public async Task<(ChangeOutcome Outcome, TableRow? Table)> UpdateTableAsync(Guid restaurantId, Guid tableId, TableSpec spec, int? expectedVersion, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var areaId = await AreaIdAsync(connection, transaction, restaurantId, spec.Area, ct);
        var labelTaken = await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT EXISTS (SELECT 1 FROM restaurant_tables WHERE restaurant_id = @restaurantId AND lower(label) = lower(@Label) AND id <> @tableId)",
            new { restaurantId, tableId, spec.Label }, transaction, cancellationToken: ct));
        if (labelTaken)
        {
            return (ChangeOutcome.NotAllowed, null);
        }

        int updated;
        try
        {
            updated = await connection.ExecuteAsync(new CommandDefinition("""
                UPDATE restaurant_tables
                   SET area_id = @areaId, label = @Label, min_capacity = @MinCapacity, max_capacity = @MaxCapacity,
                       online_bookable = @OnlineBookable, priority = @Priority, active = @Active, version = version + 1, updated_at = @now
                 WHERE restaurant_id = @restaurantId AND id = @tableId AND (@expectedVersion::integer IS NULL OR version = @expectedVersion)
                """, new { restaurantId, tableId, areaId, spec.Label, spec.MinCapacity, spec.MaxCapacity, spec.OnlineBookable, spec.Priority, spec.Active, expectedVersion, now },
                transaction, cancellationToken: ct));
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            return (ChangeOutcome.NotAllowed, null); // the label was taken concurrently
        }

        if (updated == 0)
        {
            var exists = await FindTableAsync(connection, transaction, restaurantId, tableId, ct) is not null;
            return (exists ? ChangeOutcome.VersionMismatch : ChangeOutcome.NotFound, null);
        }

        var row = (await FindTableAsync(connection, transaction, restaurantId, tableId, ct))!;
        await outbox.AddAsync(connection, transaction, row.ToEvent(now), ct);
        await transaction.CommitAsync(ct);
        return (ChangeOutcome.Changed, row);
    }

    /// <summary>The restaurant's tables and how many each seats at most (to check groups).</summary>
    public async Task<IReadOnlyDictionary<Guid, int>> TableCapacitiesAsync(Guid restaurantId, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<(Guid Id, int Max)>(new CommandDefinition(
            "SELECT id, max_capacity FROM restaurant_tables WHERE restaurant_id = @restaurantId", new { restaurantId }, cancellationToken: ct));
        return rows.ToDictionary(r => r.Id, r => r.Max);
    }

    public async Task<TableGroupRow?> FindGroupAsync(Guid restaurantId, Guid groupId, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return await FindGroupAsync(connection, null, restaurantId, groupId, ct);
    }

    private static Task<TableGroupRow?> FindGroupAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, Guid restaurantId, Guid groupId, CancellationToken ct) =>
        connection.QuerySingleOrDefaultAsync<TableGroupRow>(new CommandDefinition(
            $"SELECT {GroupColumns} FROM table_groups g WHERE g.restaurant_id = @restaurantId AND g.id = @groupId",
            new { restaurantId, groupId }, transaction, cancellationToken: ct));

    /// <summary>Creates (<paramref name="create"/>) or replaces a table group; <see cref="ChangeOutcome.NotAllowed"/> when another group has the name.</summary>
    public async Task<(ChangeOutcome Outcome, TableGroupRow? Group)> SaveGroupAsync(Guid restaurantId, Guid groupId, TableGroupSpec spec, bool create, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var nameTaken = await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT EXISTS (SELECT 1 FROM table_groups WHERE restaurant_id = @restaurantId AND lower(name) = lower(@Name) AND id <> @groupId)",
            new { restaurantId, groupId, spec.Name }, transaction, cancellationToken: ct));
        if (nameTaken)
        {
            return (ChangeOutcome.NotAllowed, null);
        }

        int saved;
        try
        {
            saved = await connection.ExecuteAsync(new CommandDefinition(create
                ? """
                  INSERT INTO table_groups (id, restaurant_id, name, min_capacity, max_capacity, active, created_at, updated_at)
                  VALUES (@groupId, @restaurantId, @Name, @MinCapacity, @MaxCapacity, @Active, @now, @now)
                  """
                : """
                  UPDATE table_groups SET name = @Name, min_capacity = @MinCapacity, max_capacity = @MaxCapacity, active = @Active, updated_at = @now
                   WHERE restaurant_id = @restaurantId AND id = @groupId
                  """, new { groupId, restaurantId, spec.Name, spec.MinCapacity, spec.MaxCapacity, spec.Active, now }, transaction, cancellationToken: ct));
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            return (ChangeOutcome.NotAllowed, null); // the name was taken concurrently
        }

        if (saved == 0)
        {
            return (ChangeOutcome.NotFound, null);
        }

        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM table_group_tables WHERE group_id = @groupId", new { groupId }, transaction, cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO table_group_tables (group_id, table_id) SELECT @groupId, unnest(@tableIds)",
            new { groupId, tableIds = spec.TableIds.ToArray() }, transaction, cancellationToken: ct));
        var row = (await FindGroupAsync(connection, transaction, restaurantId, groupId, ct))!;
        await outbox.AddAsync(connection, transaction, row.ToEvent(now), ct);
        await transaction.CommitAsync(ct);
        return (ChangeOutcome.Changed, row);
    }

    public async Task<bool> DeleteGroupAsync(Guid restaurantId, Guid groupId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var row = await FindGroupAsync(connection, transaction, restaurantId, groupId, ct);
        if (row is null)
        {
            return false;
        }

        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM table_groups WHERE restaurant_id = @restaurantId AND id = @groupId", new { restaurantId, groupId }, transaction, cancellationToken: ct));
        await outbox.AddAsync(connection, transaction, row.ToEvent(now, removed: true), ct);
        await transaction.CommitAsync(ct);
        return true;
    }

    internal static async Task<Guid?> AreaIdAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid restaurantId, string? name, CancellationToken ct)
    {
        if (name is null)
        {
            return null;
        }

        return await connection.QuerySingleAsync<Guid>(new CommandDefinition("""
            INSERT INTO floor_areas (id, restaurant_id, name, sort_order)
            VALUES (@id, @restaurantId, @name, (SELECT coalesce(max(sort_order) + 1, 0) FROM floor_areas WHERE restaurant_id = @restaurantId))
            ON CONFLICT (restaurant_id, lower(name)) DO UPDATE SET name = floor_areas.name
            RETURNING id
            """, new { id = Guid.CreateVersion7(), restaurantId, name }, transaction, cancellationToken: ct));
    }
}

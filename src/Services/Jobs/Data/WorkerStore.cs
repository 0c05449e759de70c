using System.Text.Json;
using Brigade.Jobs.Domain;
using Dapper;
using NodaTime;
using Npgsql;

namespace Brigade.Jobs.Data;

/// <summary>A worker's credentials and record on the platform, as employers see it next to an application.</summary>
public sealed class WorkerRow
{
    public Guid Id { get; init; }
    public string Name { get; init; } = "";
    public string CredentialsJson { get; init; } = "[]";
    public DateTimeOffset? SuspendedUntil { get; init; }
    public int CompletedShifts { get; init; }
    public int NoShows { get; init; }
    public int LateCancellations { get; init; }
    public int RatingSum { get; init; }
    public int RatingCount { get; init; }

    public IReadOnlyList<Credential> Credentials =>
        JsonSerializer.Deserialize<List<Credential>>(CredentialsJson, JsonSerializerOptions.Web) ?? [];
}

public sealed class WorkerStore(NpgsqlDataSource db)
{
    /// <summary>Worker columns (alias <c>w</c>), led by a split column for multi-mapping.</summary>
    public const string Columns = """
        w.id AS worker_id_split, w.id, w.name, w.credentials::text AS credentials_json, w.suspended_until, w.completed_shifts, w.no_shows,
        w.late_cancellations, w.rating_sum, w.rating_count
        """;

    public async Task<WorkerRow?> FindAsync(Guid id, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return await c.QuerySingleOrDefaultAsync<WorkerRow>(new CommandDefinition($"SELECT {Columns} FROM workers w WHERE w.id = @id", new { id }, cancellationToken: ct));
    }

    /// <summary>Replaces the worker's declared credentials (creating the worker's record on first use).</summary>
    public async Task<WorkerRow> SaveCredentialsAsync(Guid id, string name, IReadOnlyList<Credential> credentials, Instant now, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return await c.QuerySingleAsync<WorkerRow>(new CommandDefinition($"""
            WITH w AS (
                INSERT INTO workers (id, name, credentials, updated_at) VALUES (@id, @name, @credentials::jsonb, @now)
                ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, credentials = EXCLUDED.credentials, updated_at = EXCLUDED.updated_at
                RETURNING *)
            SELECT {Columns} FROM w
            """, new { id, name, credentials = JsonSerializer.Serialize(credentials, JsonSerializerOptions.Web), now = now.Utc() }, cancellationToken: ct));
    }

    /// <summary>Keeps the name the worker's token carries, for employers' lists.</summary>
    internal static Task RememberAsync(NpgsqlConnection c, NpgsqlTransaction tx, Guid id, string name, Instant now, CancellationToken ct) =>
        c.ExecuteAsync(new CommandDefinition("""
            INSERT INTO workers (id, name, updated_at) VALUES (@id, @name, @now)
            ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, updated_at = EXCLUDED.updated_at WHERE workers.name <> EXCLUDED.name
            """, new { id, name, now = now.Utc() }, tx, cancellationToken: ct));

    /// <summary>Counts a late cancellation or a no-show and extends the suspension (never shortens one already running).</summary>
    internal static Task PenaliseAsync(NpgsqlConnection c, NpgsqlTransaction tx, Guid id, DateTimeOffset? until, bool noShow, Instant now, CancellationToken ct) =>
        c.ExecuteAsync(new CommandDefinition("""
            UPDATE workers SET no_shows = no_shows + @noShows, late_cancellations = late_cancellations + @late,
                suspended_until = GREATEST(suspended_until, @until), updated_at = @now
            WHERE id = @id
            """, new { id, noShows = noShow ? 1 : 0, late = noShow ? 0 : 1, until = until?.ToUniversalTime(), now = now.Utc() }, tx, cancellationToken: ct));
}

public sealed class RosterEntry
{
    public Guid WorkerId { get; init; }
    public string Kind { get; init; } = "";
    public string? WorkerName { get; init; }
    public string? Note { get; init; }
    public DateTimeOffset AddedAt { get; init; }
}

/// <summary>A restaurant's favourite workers (first look at new postings) and blocked workers (never see its postings).</summary>
public sealed class RosterStore(NpgsqlDataSource db)
{
    public const string Favourite = "favourite";
    public const string Blocked = "blocked";

    public async Task<string?> KindAsync(Guid restaurantId, Guid workerId, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return await c.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT kind FROM roster WHERE restaurant_id = @restaurantId AND worker_id = @workerId", new { restaurantId, workerId }, cancellationToken: ct));
    }

    public async Task<RosterEntry> PutAsync(Guid restaurantId, Guid workerId, string kind, string? note, Guid addedBy, Instant now, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return await c.QuerySingleAsync<RosterEntry>(new CommandDefinition("""
            WITH e AS (
                INSERT INTO roster (restaurant_id, worker_id, kind, worker_name, note, added_by, added_at)
                VALUES (@restaurantId, @workerId, @kind, (SELECT name FROM workers WHERE id = @workerId), @note, @addedBy, @now)
                ON CONFLICT (restaurant_id, worker_id) DO UPDATE SET kind = EXCLUDED.kind, note = EXCLUDED.note, added_by = EXCLUDED.added_by,
                    added_at = EXCLUDED.added_at, worker_name = COALESCE(EXCLUDED.worker_name, roster.worker_name)
                RETURNING *)
            SELECT worker_id, kind, worker_name, note, added_at FROM e
            """, new { restaurantId, workerId, kind, note, addedBy, now = now.Utc() }, cancellationToken: ct));
    }

    public async Task<bool> RemoveAsync(Guid restaurantId, Guid workerId, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return await c.ExecuteAsync(new CommandDefinition(
            "DELETE FROM roster WHERE restaurant_id = @restaurantId AND worker_id = @workerId", new { restaurantId, workerId }, cancellationToken: ct)) == 1;
    }

    public async Task<IReadOnlyList<RosterEntry>> ListAsync(Guid restaurantId, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return (await c.QueryAsync<RosterEntry>(new CommandDefinition("""
            SELECT worker_id, kind, worker_name, note, added_at FROM roster
             WHERE restaurant_id = @restaurantId ORDER BY kind, added_at LIMIT 1000
            """, new { restaurantId }, cancellationToken: ct))).ToList();
    }
}

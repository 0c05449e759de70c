using Dapper;
using Npgsql;

namespace Brigade.Reservations.Data;

public sealed class GuestRow
{
    public Guid Id { get; init; }

    public Guid RestaurantId { get; init; }

    public string Phone { get; init; } = "";

    public string Name { get; init; } = "";

    public string[] Tags { get; init; } = [];

    public string? Notes { get; init; }

    public int Visits { get; init; }

    public int NoShows { get; init; }

    public DateTimeOffset? LastVisitAt { get; init; }

    public DateTimeOffset CreatedAt { get; init; }
}

/// <summary>The guest book of each restaurant, kept up to date by bookings and their outcomes.</summary>
public sealed class GuestStore(NpgsqlDataSource db)
{
    private const string Columns = "id, restaurant_id, phone, name, tags, notes, visits, no_shows, last_visit_at, created_at";

    /// <summary>The guest with this phone number, created on first booking; the latest name given wins.</summary>
    public static Task<Guid> RecordBookingAsync(NpgsqlConnection c, NpgsqlTransaction tx, Guid restaurantId, string phone, string name, DateTimeOffset now, CancellationToken ct) =>
        c.ExecuteScalarAsync<Guid>(new CommandDefinition("""
            INSERT INTO guests (id, restaurant_id, phone, name, created_at, updated_at) VALUES (@id, @restaurantId, @phone, @name, @now, @now)
            ON CONFLICT (restaurant_id, phone) DO UPDATE SET name = EXCLUDED.name, updated_at = EXCLUDED.updated_at
            RETURNING id
            """, new { id = Guid.CreateVersion7(), restaurantId, phone, name, now = now.ToUniversalTime() }, tx, cancellationToken: ct));

    /// <summary>Counts a completed visit or a no-show against the reservation's guest.</summary>
    public static Task CountOutcomeAsync(NpgsqlConnection c, NpgsqlTransaction tx, Guid guestId, bool visited, DateTimeOffset now, CancellationToken ct) =>
        c.ExecuteAsync(new CommandDefinition(visited
            ? "UPDATE guests SET visits = visits + 1, last_visit_at = @now, updated_at = @now WHERE id = @guestId"
            : "UPDATE guests SET no_shows = no_shows + 1, updated_at = @now WHERE id = @guestId",
            new { guestId, now = now.ToUniversalTime() }, tx, cancellationToken: ct));

    public async Task<GuestRow?> FindAsync(Guid id, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return await c.QuerySingleOrDefaultAsync<GuestRow>(new CommandDefinition($"SELECT {Columns} FROM guests WHERE id = @id", new { id }, cancellationToken: ct));
    }

    /// <summary>A restaurant's guests by name (then id), optionally only the one with <paramref name="phone"/>; keyset-paged.</summary>
    public async Task<IReadOnlyList<GuestRow>> ListAsync(Guid restaurantId, string? phone, (string Name, Guid Id)? after, int take, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return (await c.QueryAsync<GuestRow>(new CommandDefinition($"""
            SELECT {Columns} FROM guests
            WHERE restaurant_id = @restaurantId AND (@phone::text IS NULL OR phone = @phone)
              AND (@afterName::text IS NULL OR (name, id) > (@afterName, @afterId))
            ORDER BY name, id LIMIT @take
            """, new { restaurantId, phone, afterName = after?.Name, afterId = after?.Id ?? Guid.Empty, take }, cancellationToken: ct))).ToList();
    }

    public async Task<GuestRow?> UpdateAsync(Guid id, string? name, IReadOnlyList<string>? tags, string? notes, bool clearNotes, DateTimeOffset now, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return await c.QuerySingleOrDefaultAsync<GuestRow>(new CommandDefinition($"""
            UPDATE guests SET name = COALESCE(@name, name), tags = COALESCE(@tags, tags),
                notes = CASE WHEN @clearNotes THEN NULL ELSE COALESCE(@notes, notes) END, updated_at = @now
            WHERE id = @id RETURNING {Columns}
            """, new { id, name, tags = tags?.ToArray(), notes, clearNotes, now = now.ToUniversalTime() }, cancellationToken: ct));
    }
}

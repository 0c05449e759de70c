using Dapper;
using Npgsql;

namespace Brigade.Reservations.Data;

public sealed class ConciergeRequestRow
{
    public Guid Id { get; init; }

    public Guid ConciergeId { get; init; }

    public Guid RestaurantId { get; init; }

    public int PartySize { get; init; }

    public DateTimeOffset StartsAt { get; init; }

    public string GuestName { get; init; } = "";

    public string? GuestPhone { get; init; }

    public string? Preferences { get; init; }

    public string Status { get; init; } = "pending";

    public Guid? ReservationId { get; init; }

    public string? DeclineReason { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? DecidedAt { get; init; }
}

/// <summary>Concierge requests: created by a concierge desk, accepted (with the reservation, in its transaction) or declined by the restaurant.</summary>
public sealed class ConciergeStore(NpgsqlDataSource db)
{
    private const string Columns = "id, concierge_id, restaurant_id, party_size, starts_at, guest_name, guest_phone, preferences, status, reservation_id, decline_reason, created_at, decided_at";

    public async Task<ConciergeRequestRow> CreateAsync(ConciergeRequestRow r, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return await c.QuerySingleAsync<ConciergeRequestRow>(new CommandDefinition($"""
            INSERT INTO concierge_requests (id, concierge_id, restaurant_id, party_size, starts_at, guest_name, guest_phone, preferences, status, created_at)
            VALUES (@Id, @ConciergeId, @RestaurantId, @PartySize, @start, @GuestName, @GuestPhone, @Preferences, 'pending', @created)
            RETURNING {Columns}
            """, new { r.Id, r.ConciergeId, r.RestaurantId, r.PartySize, start = r.StartsAt.ToUniversalTime(), r.GuestName, r.GuestPhone, r.Preferences, created = r.CreatedAt.ToUniversalTime() },
            cancellationToken: ct));
    }

    public async Task<ConciergeRequestRow?> FindAsync(Guid id, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return await c.QuerySingleOrDefaultAsync<ConciergeRequestRow>(new CommandDefinition($"SELECT {Columns} FROM concierge_requests WHERE id = @id", new { id }, cancellationToken: ct));
    }

    /// <summary>Requests of one concierge or of one restaurant, newest first.</summary>
    public async Task<IReadOnlyList<ConciergeRequestRow>> ListAsync(Guid? conciergeId, Guid? restaurantId, int take, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return (await c.QueryAsync<ConciergeRequestRow>(new CommandDefinition($"""
            SELECT {Columns} FROM concierge_requests
            WHERE (@conciergeId::uuid IS NULL OR concierge_id = @conciergeId) AND (@restaurantId::uuid IS NULL OR restaurant_id = @restaurantId)
            ORDER BY created_at DESC, id DESC LIMIT @take
            """, new { conciergeId, restaurantId, take }, cancellationToken: ct))).ToList();
    }

    /// <summary>Marks a pending request accepted inside the booking's transaction; false when it was decided meanwhile.</summary>
    public static async Task<bool> AcceptAsync(NpgsqlConnection c, NpgsqlTransaction tx, Guid id, Guid reservationId, DateTimeOffset now) =>
        await c.ExecuteAsync(new CommandDefinition(
            "UPDATE concierge_requests SET status = 'accepted', reservation_id = @reservationId, decided_at = @now WHERE id = @id AND status = 'pending'",
            new { id, reservationId, now = now.ToUniversalTime() }, tx)) == 1;

    public async Task<ConciergeRequestRow?> DeclineAsync(Guid id, string? reason, DateTimeOffset now, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return await c.QuerySingleOrDefaultAsync<ConciergeRequestRow>(new CommandDefinition($"""
            UPDATE concierge_requests SET status = 'declined', decline_reason = @reason, decided_at = @now
            WHERE id = @id AND status = 'pending' RETURNING {Columns}
            """, new { id, reason, now = now.ToUniversalTime() }, cancellationToken: ct));
    }
}

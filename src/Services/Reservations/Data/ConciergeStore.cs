using Brigade.Messaging;
using Brigade.Reservations.Domain;
using Dapper;
using NodaTime;
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

/// <summary>
/// Concierge requests: created by a concierge desk, accepted (with the reservation, in its transaction) or declined by the
/// restaurant. Each step asks notifications, in the same transaction, to tell the other side.
/// </summary>
public sealed class ConciergeStore(NpgsqlDataSource db, IOutbox outbox)
{
    private const string Columns = "id, concierge_id, restaurant_id, party_size, starts_at, guest_name, guest_phone, preferences, status, reservation_id, decline_reason, created_at, decided_at";

    /// <summary>Records the request and asks notifications to tell the restaurant's owners and managers.</summary>
    public async Task<ConciergeRequestRow> CreateAsync(ConciergeRequestRow r, RestaurantRow restaurant, LocalDate serviceDate, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        var row = await c.QuerySingleAsync<ConciergeRequestRow>(new CommandDefinition($"""
            INSERT INTO concierge_requests (id, concierge_id, restaurant_id, party_size, starts_at, guest_name, guest_phone, preferences, status, created_at)
            VALUES (@Id, @ConciergeId, @RestaurantId, @PartySize, @start, @GuestName, @GuestPhone, @Preferences, 'pending', @created)
            RETURNING {Columns}
            """, new { r.Id, r.ConciergeId, r.RestaurantId, r.PartySize, start = r.StartsAt.ToUniversalTime(), r.GuestName, r.GuestPhone, r.Preferences, created = r.CreatedAt.ToUniversalTime() },
            tx, cancellationToken: ct));
        await outbox.AddAsync(c, tx, Notices.ConciergeRequested(
            row.Id, row.RestaurantId, restaurant.Label, row.GuestName, row.PartySize, Instant.FromDateTimeOffset(row.StartsAt), restaurant.Zone, serviceDate,
            Instant.FromDateTimeOffset(row.CreatedAt)), ct);
        await tx.CommitAsync(ct);
        return row;
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

    /// <summary>
    /// Marks a pending request accepted inside the booking's transaction and tells the concierge; false when it was decided
    /// meanwhile (the booking then rolls back).
    /// </summary>
    public async Task<bool> AcceptAsync(NpgsqlConnection c, NpgsqlTransaction tx, Guid id, Guid reservationId, RestaurantRow restaurant, LocalDate serviceDate, DateTimeOffset now)
    {
        var row = await c.QuerySingleOrDefaultAsync<ConciergeRequestRow>(new CommandDefinition($"""
            UPDATE concierge_requests SET status = 'accepted', reservation_id = @reservationId, decided_at = @now WHERE id = @id AND status = 'pending'
            RETURNING {Columns}
            """, new { id, reservationId, now = now.ToUniversalTime() }, tx));
        if (row is null)
        {
            return false;
        }

        await outbox.AddAsync(c, tx, Decided(row, restaurant, serviceDate, accepted: true), CancellationToken.None);
        return true;
    }

    /// <summary>Declines a pending request and tells the concierge; null when it was decided already.</summary>
    public async Task<ConciergeRequestRow?> DeclineAsync(Guid id, string? reason, RestaurantRow restaurant, LocalDate serviceDate, DateTimeOffset now, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        var row = await c.QuerySingleOrDefaultAsync<ConciergeRequestRow>(new CommandDefinition($"""
            UPDATE concierge_requests SET status = 'declined', decline_reason = @reason, decided_at = @now
            WHERE id = @id AND status = 'pending' RETURNING {Columns}
            """, new { id, reason, now = now.ToUniversalTime() }, tx, cancellationToken: ct));
        if (row is null)
        {
            return null;
        }

        await outbox.AddAsync(c, tx, Decided(row, restaurant, serviceDate, accepted: false), ct);
        await tx.CommitAsync(ct);
        return row;
    }

    private static Contracts.Notifications.NotificationRequested Decided(ConciergeRequestRow row, RestaurantRow restaurant, LocalDate serviceDate, bool accepted) =>
        Notices.ConciergeDecided(
            row.Id, row.ConciergeId, restaurant.Label, row.GuestName, row.PartySize, Instant.FromDateTimeOffset(row.StartsAt), restaurant.Zone, serviceDate,
            accepted, row.DeclineReason, Instant.FromDateTimeOffset(row.DecidedAt ?? row.CreatedAt));
}

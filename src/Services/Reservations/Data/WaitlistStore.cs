using Brigade.Contracts.Reservations;
using Brigade.Messaging;
using Brigade.Reservations.Domain;
using Dapper;
using NodaTime;
using Npgsql;

namespace Brigade.Reservations.Data;

public sealed class WaitlistEntryRow
{
    public Guid Id { get; init; }

    public Guid RestaurantId { get; init; }

    public string Name { get; init; } = "";

    public string? Phone { get; init; }

    public int PartySize { get; init; }

    public string Status { get; init; } = WaitStatus.Waiting;

    public long QueueOrder { get; init; }

    public int Postponements { get; init; }

    /// <summary>The diner who joined remotely with their account; null for a party staff put in the queue.</summary>
    public Guid? DinerId { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }
}

public sealed class SlotWatchRow
{
    public Guid Id { get; init; }

    public Guid RestaurantId { get; init; }

    public Guid DinerId { get; init; }

    public DateTimeOffset StartsAt { get; init; }

    public int PartySize { get; init; }

    public string Status { get; init; } = "open";

    public Guid? OfferedReservationId { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? OfferedAt { get; init; }
}

/// <summary>The walk-in queue and "notify me" requests. Moves are conditional updates, so of two racing moves one wins.</summary>
public sealed class WaitlistStore(NpgsqlDataSource db, IOutbox outbox)
{
    private const string Columns = "id, restaurant_id, name, phone, party_size, status, queue_order, postponements, diner_id, created_at, updated_at";

    private const string WatchColumns = "id, restaurant_id, diner_id, starts_at, party_size, status, offered_reservation_id, created_at, offered_at";

    /// <summary>The largest gap between a watched start and a cancelled start that still counts as the same slot.</summary>
    public static readonly TimeSpan OfferWindow = TimeSpan.FromMinutes(30);

    /// <summary>
    /// Puts a party at the end of the queue; <paramref name="dinerId"/> when a diner joins remotely with their account.
    /// Null when that diner already waits at this restaurant (one active entry per diner, held by a unique index).
    /// </summary>
    public async Task<WaitlistEntryRow?> AddAsync(Guid restaurantId, string name, string? phone, int partySize, Guid? dinerId, DateTimeOffset now, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return await c.QuerySingleOrDefaultAsync<WaitlistEntryRow>(new CommandDefinition($"""
            INSERT INTO waitlist_entries (id, restaurant_id, name, phone, party_size, status, diner_id, created_at, updated_at)
            VALUES (@id, @restaurantId, @name, @phone, @partySize, 'waiting', @dinerId, @now, @now)
            ON CONFLICT (restaurant_id, diner_id) WHERE diner_id IS NOT NULL AND status IN ('waiting', 'ready') DO NOTHING
            RETURNING {Columns}
            """, new { id = Guid.CreateVersion7(), restaurantId, name, phone, partySize, dinerId, now = now.ToUniversalTime() }, cancellationToken: ct));
    }

    /// <summary>A diner's entries that are still in a queue (waiting or table ready), oldest first.</summary>
    public async Task<IReadOnlyList<WaitlistEntryRow>> ActiveOfDinerAsync(Guid dinerId, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return (await c.QueryAsync<WaitlistEntryRow>(new CommandDefinition($"""
            SELECT {Columns} FROM waitlist_entries WHERE diner_id = @dinerId AND status IN ('waiting','ready') ORDER BY created_at
            """, new { dinerId }, cancellationToken: ct))).ToList();
    }

    public async Task<WaitlistEntryRow?> FindAsync(Guid id, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return await c.QuerySingleOrDefaultAsync<WaitlistEntryRow>(new CommandDefinition($"SELECT {Columns} FROM waitlist_entries WHERE id = @id", new { id }, cancellationToken: ct));
    }

    /// <summary>The restaurant's waiting and table-ready parties in queue order.</summary>
    public async Task<IReadOnlyList<WaitlistEntryRow>> ActiveAsync(Guid restaurantId, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return (await c.QueryAsync<WaitlistEntryRow>(new CommandDefinition($"""
            SELECT {Columns} FROM waitlist_entries WHERE restaurant_id = @restaurantId AND status IN ('waiting','ready') ORDER BY queue_order
            """, new { restaurantId }, cancellationToken: ct))).ToList();
    }

    /// <summary>The restaurant's active tables as (min, max) seats.</summary>
    public async Task<IReadOnlyList<(int Min, int Max)>> TablesAsync(Guid restaurantId, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return (await c.QueryAsync<(int, int)>(new CommandDefinition(
            "SELECT min_capacity, max_capacity FROM dining_tables WHERE restaurant_id = @restaurantId AND active", new { restaurantId }, cancellationToken: ct))).ToList();
    }

    /// <summary>Moves an entry from <paramref name="from"/> to <paramref name="to"/> if it is still there; table ready announces it in the same transaction.</summary>
    public async Task<WaitlistEntryRow?> MoveAsync(Guid id, string from, string to, DateTimeOffset now, CancellationToken ct)
    {
        now = now.ToUniversalTime();
        await using var c = await db.OpenConnectionAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        var row = await c.QuerySingleOrDefaultAsync<WaitlistEntryRow>(new CommandDefinition($"""
            UPDATE waitlist_entries SET status = @to, updated_at = @now WHERE id = @id AND status = @from RETURNING {Columns}
            """, new { id, from, to, now }, tx, cancellationToken: ct));
        if (row is null)
        {
            return null;
        }

        if (to == WaitStatus.Ready)
        {
            var restaurant = await RestaurantFacts.NoticeAsync(c, tx, row.RestaurantId, ct);
            await outbox.AddAsync(c, tx, new WaitlistReady(row.Id, row.RestaurantId, row.Name, row.Phone, row.PartySize, now,
                row.DinerId, restaurant.Name, restaurant.NameEn, row.DinerId is null ? null : Links.DinerWaitlist, Links.StaffWaitlist(row.RestaurantId)), ct);
            if (row.DinerId is { } diner)
            {
                await outbox.AddAsync(c, tx, Notices.TableReady(diner, restaurant.Label, row.Name, row.PartySize, Instant.FromDateTimeOffset(now)), ct);
            }
        }

        await tx.CommitAsync(ct);
        return row;
    }

    /// <summary>
    /// Moves the party back behind the next active party (swapping places; the last party stays last), back to
    /// waiting, counting the postponement. Null when the entry changed meanwhile or reached the limit.
    /// </summary>
    public async Task<WaitlistEntryRow?> PostponeAsync(Guid id, string from, int postponements, DateTimeOffset now, CancellationToken ct)
    {
        now = now.ToUniversalTime();
        await using var c = await db.OpenConnectionAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        var me = await c.QuerySingleOrDefaultAsync<WaitlistEntryRow>(new CommandDefinition($"""
            SELECT {Columns} FROM waitlist_entries WHERE id = @id AND status = @from AND postponements = @postponements FOR UPDATE
            """, new { id, from, postponements }, tx, cancellationToken: ct));
        if (me is null || !Waitlist.CanPostpone(me.Status, me.Postponements))
        {
            return null;
        }

        var next = await c.QuerySingleOrDefaultAsync<WaitlistEntryRow>(new CommandDefinition($"""
            SELECT {Columns} FROM waitlist_entries
            WHERE restaurant_id = @RestaurantId AND status IN ('waiting','ready') AND queue_order > @QueueOrder
            ORDER BY queue_order LIMIT 1 FOR UPDATE
            """, new { me.RestaurantId, me.QueueOrder }, tx, cancellationToken: ct));
        var order = me.QueueOrder;
        if (next is not null)
        {
            await c.ExecuteAsync(new CommandDefinition("UPDATE waitlist_entries SET queue_order = @order WHERE id = @id",
                new { id = next.Id, order = me.QueueOrder }, tx, cancellationToken: ct));
            order = next.QueueOrder;
        }

        var row = await c.QuerySingleAsync<WaitlistEntryRow>(new CommandDefinition($"""
            UPDATE waitlist_entries SET queue_order = @order, status = 'waiting', postponements = postponements + 1, updated_at = @now
            WHERE id = @id RETURNING {Columns}
            """, new { id, order, now }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        return row;
    }

    /// <summary>A diner's "notify me" requests still open or offered for starts from <paramref name="from"/> on, soonest first.</summary>
    public async Task<IReadOnlyList<SlotWatchRow>> WatchesOfDinerAsync(Guid dinerId, DateTimeOffset from, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return (await c.QueryAsync<SlotWatchRow>(new CommandDefinition($"""
            SELECT {WatchColumns} FROM slot_watches
            WHERE diner_id = @dinerId AND status IN ('open','offered') AND starts_at >= @from
            ORDER BY starts_at, id LIMIT 100
            """, new { dinerId, from = from.ToUniversalTime() }, cancellationToken: ct))).ToList();
    }

    public async Task<SlotWatchRow?> FindWatchAsync(Guid id, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return await c.QuerySingleOrDefaultAsync<SlotWatchRow>(new CommandDefinition($"SELECT {WatchColumns} FROM slot_watches WHERE id = @id", new { id }, cancellationToken: ct));
    }

    /// <summary>The diner withdraws their request: it is never offered again. Withdrawing twice changes nothing.</summary>
    public async Task WithdrawAsync(Guid id, Guid dinerId, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        await c.ExecuteAsync(new CommandDefinition(
            "UPDATE slot_watches SET status = 'withdrawn' WHERE id = @id AND diner_id = @dinerId AND status <> 'withdrawn'", new { id, dinerId }, cancellationToken: ct));
    }

    public async Task<SlotWatchRow> WatchAsync(Guid restaurantId, Guid dinerId, DateTimeOffset start, int partySize, DateTimeOffset now, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return await c.QuerySingleAsync<SlotWatchRow>(new CommandDefinition($"""
            INSERT INTO slot_watches (id, restaurant_id, diner_id, starts_at, party_size, status, created_at)
            VALUES (@id, @restaurantId, @dinerId, @start, @partySize, 'open', @now)
            RETURNING {WatchColumns}
            """, new { id = Guid.CreateVersion7(), restaurantId, dinerId, start = start.ToUniversalTime(), partySize, now = now.ToUniversalTime() }, cancellationToken: ct));
    }

    /// <summary>
    /// Inside a cancellation's transaction: the earliest open request of the restaurant for the same local date, within
    /// <see cref="OfferWindow"/> of the cancelled start and for at most the freed party size, is marked offered and
    /// announced (<see cref="SlotOffered"/>). Requests another transaction is offering are skipped.
    /// </summary>
    public static async Task OfferFreedSlotAsync(
        NpgsqlConnection c, NpgsqlTransaction tx, IOutbox outbox, Guid reservationId, RestaurantRow restaurant, DateTimeOffset start, LocalDate serviceDate,
        int freedCovers, DateTimeOffset now, CancellationToken ct)
    {
        var restaurantId = restaurant.Id;
        var watch = await c.QuerySingleOrDefaultAsync<SlotWatchRow>(new CommandDefinition($"""
            UPDATE slot_watches SET status = 'offered', offered_reservation_id = @reservationId, offered_at = @now
            WHERE id = (
                SELECT w.id FROM slot_watches w
                JOIN restaurants r ON r.id = w.restaurant_id
                WHERE w.restaurant_id = @restaurantId AND w.status = 'open' AND w.party_size <= @freedCovers
                  AND w.starts_at BETWEEN @start - @window AND @start + @window
                  AND (w.starts_at AT TIME ZONE r.time_zone)::date = (@start AT TIME ZONE r.time_zone)::date
                ORDER BY w.created_at, w.id LIMIT 1 FOR UPDATE OF w SKIP LOCKED)
            RETURNING {WatchColumns}
            """, new { reservationId, restaurantId, start = start.ToUniversalTime(), freedCovers, window = OfferWindow, now = now.ToUniversalTime() }, tx, cancellationToken: ct));
        if (watch is not null)
        {
            var at = Instant.FromDateTimeOffset(start);
            var link = Links.Booking(restaurantId, serviceDate, LocalTimes.Clock(at, restaurant.Zone), watch.PartySize);
            await outbox.AddAsync(c, tx, new SlotOffered(watch.Id, restaurantId, watch.DinerId, restaurant.Local(start), watch.PartySize, reservationId, now,
                restaurant.TimeZone, restaurant.Name, restaurant.NameEn, link), ct);
            await outbox.AddAsync(c, tx, Notices.SlotOffered(
                watch.DinerId, restaurantId, restaurant.Label, at, restaurant.Zone, serviceDate, watch.PartySize, Instant.FromDateTimeOffset(now)), ct);
        }
    }
}

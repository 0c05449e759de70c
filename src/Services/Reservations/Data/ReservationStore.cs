using Brigade.Contracts.Reservations;
using Brigade.Messaging;
using Brigade.Reservations.Domain;
using Dapper;
using NodaTime;
using Npgsql;

namespace Brigade.Reservations.Data;

public sealed class ReservationRow
{
    public Guid Id { get; init; }

    public Guid RestaurantId { get; init; }

    public Guid? DinerId { get; init; }

    public int PartySize { get; init; }

    public DateTimeOffset StartsAt { get; init; }

    public DateTimeOffset EndsAt { get; init; }

    public string Status { get; init; } = "";

    public Guid[] TableIds { get; init; } = [];

    public string? GuestName { get; init; }

    public string? GuestPhone { get; init; }

    public Guid? GuestId { get; init; }

    public string? Notes { get; init; }

    public long DepositAmount { get; init; }

    public string Currency { get; init; } = "KRW";

    public string PaymentStatus { get; init; } = "none";

    public DateTimeOffset? HoldExpiresAt { get; init; }

    public int? RefundPercent { get; init; }

    public long? NoShowFee { get; init; }

    public string? CancelledBy { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    public int Version { get; init; }

    /// <summary>The local date whose service the booking belongs to (PostgreSQL <c>date</c>).</summary>
    public DateTime ServiceDate { get; init; }

    public Guid? DepositPaymentId { get; init; }

    public LocalDate ServiceDay => LocalDate.FromDateTime(ServiceDate);

    /// <summary>True when <paramref name="userId"/> is the diner who booked it.</summary>
    public bool IsOf(Guid? userId) => DinerId is { } diner && diner == userId;
}

/// <summary>What a booking writes: the reservation, its slot and how long its tables stay held.</summary>
public sealed record NewBooking(
    Guid RestaurantId,
    Guid? DinerId,
    int PartySize,
    DateTimeOffset Start,
    DateTimeOffset End,
    DateTimeOffset HeldUntil,
    string? GuestName,
    string? GuestPhone,
    string? Notes,
    Money? Deposit,
    string Currency,
    DateTimeOffset? HoldExpiresAt,
    LocalDate ServiceDate);

public enum BookOutcome
{
    Booked,

    /// <summary>The slot's covers would exceed the restaurant's pacing.</summary>
    PacingFull,

    /// <summary>Every fitting table or combination was taken by another booking.</summary>
    TablesTaken,

    /// <summary>The reservation changed meanwhile (status or version).</summary>
    Stale,
}

/// <summary>Bookings. The database holds the invariants: no overlapping holds on a table, no pacing overrun.</summary>
public sealed class ReservationStore(NpgsqlDataSource db, IOutbox outbox)
{
    private const string BusyWaitMilliseconds = "1000";

    private const int BusyAttempts = 3;

    private const string Columns = """
        id, restaurant_id, diner_id, party_size, starts_at, ends_at, status, table_ids, guest_name, guest_phone, guest_id, notes,
        deposit_amount, currency, payment_status, hold_expires_at, refund_percent, no_show_fee, cancelled_by, created_at, updated_at, version,
        service_date, deposit_payment_id
        """;

    public async Task<ReservationRow?> FindAsync(Guid id, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return await c.QuerySingleOrDefaultAsync<ReservationRow>(new CommandDefinition(
            $"SELECT {Columns} FROM reservations WHERE id = @id", new { id }, cancellationToken: ct));
    }

    /// <summary>
    /// Books the first of <paramref name="allocations"/> (best fit first) still free: holds the tables (the exclusion
    /// constraint refuses a table another booking holds), then takes the covers with a conditional update.
    /// </summary>
    /// <remarks><paramref name="alsoInTransaction"/> runs just before the commit with the new reservation's id; false rolls everything back (<see cref="BookOutcome.Stale"/>).</remarks>
    public async Task<(BookOutcome Outcome, ReservationRow? Reservation)> BookAsync(
        NewBooking b, IReadOnlyList<Allocation> allocations, int coversPerSlot, DateTimeOffset now, CancellationToken ct,
        Func<NpgsqlConnection, NpgsqlTransaction, Guid, Task<bool>>? alsoInTransaction = null)
    {
        // Npgsql writes timestamptz only from offset-zero values.
        b = b with { Start = b.Start.ToUniversalTime(), End = b.End.ToUniversalTime(), HeldUntil = b.HeldUntil.ToUniversalTime(), HoldExpiresAt = b.HoldExpiresAt?.ToUniversalTime() };
        now = now.ToUniversalTime();
        await using var c = await db.OpenConnectionAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        var id = Guid.CreateVersion7();
        var status = b.Deposit is null ? Status.Confirmed : Status.PendingPayment;
        await c.ExecuteAsync(new CommandDefinition("""
            INSERT INTO reservations (id, restaurant_id, diner_id, party_size, starts_at, ends_at, status, table_ids, guest_name, guest_phone, notes,
                deposit_amount, currency, payment_status, hold_expires_at, created_at, updated_at, service_date)
            VALUES (@id, @RestaurantId, @DinerId, @PartySize, @Start, @End, @status, '{}', @GuestName, @GuestPhone, @Notes,
                @deposit, @Currency, @paymentStatus, @HoldExpiresAt, @now, @now, @serviceDate::date)
            """, new
        {
            id, b.RestaurantId, b.DinerId, b.PartySize, b.Start, b.End, status, b.GuestName, b.GuestPhone, b.Notes,
            deposit = b.Deposit?.Amount ?? 0, b.Currency, paymentStatus = b.Deposit is null ? "none" : "pending", b.HoldExpiresAt, now,
            serviceDate = LocalTimes.Format(b.ServiceDate),
        }, tx, cancellationToken: ct));

        var tables = await HoldFirstFreeAsync(c, tx, id, b.RestaurantId, b.Start, b.HeldUntil, allocations, ct);
        if (tables is null)
        {
            await tx.RollbackAsync(ct);
            return (BookOutcome.TablesTaken, null);
        }

        // Covers last: the slot's counter row stays locked only from here to the commit.
        if (!await TakeCoversAsync(c, tx, b.RestaurantId, b.Start, b.PartySize, coversPerSlot, ct))
        {
            await tx.RollbackAsync(ct);
            return (BookOutcome.PacingFull, null);
        }

        Guid? guestId = b.GuestPhone is { } phone && GuestBook.NormalizePhone(phone) is { } normalized
            ? await GuestStore.RecordBookingAsync(c, tx, b.RestaurantId, normalized, b.GuestName ?? "", now, ct)
            : null;
        var row = await c.QuerySingleAsync<ReservationRow>(new CommandDefinition(
            $"UPDATE reservations SET table_ids = @tables, guest_id = @guestId WHERE id = @id RETURNING {Columns}", new { id, tables, guestId }, tx, cancellationToken: ct));
        var restaurant = await RestaurantFacts.NoticeAsync(c, tx, row.RestaurantId, ct);
        if (row.Status == Status.Confirmed)
        {
            await outbox.AddAsync(c, tx, Confirmed(row, restaurant, now), ct);
        }
        else
        {
            // The payments service takes the deposit for exactly this amount; the diner is asked to pay before the hold lapses.
            await outbox.AddAsync(c, tx, new DepositRequested(
                row.Id, row.RestaurantId, row.DinerId, row.DepositAmount, row.Currency, restaurant.Local(row.StartsAt), row.HoldExpiresAt!.Value, now,
                restaurant.TimeZone, LocalTimes.Format(row.ServiceDay), row.PartySize, restaurant.Name, restaurant.NameEn, DinerLink(row)), ct);
            if (row.DinerId is { } diner)
            {
                await outbox.AddAsync(c, tx, Notices.DepositDue(
                    row.Id, diner, restaurant.Label, Instant.FromDateTimeOffset(row.StartsAt), restaurant.Zone, row.ServiceDay, row.PartySize,
                    row.DepositAmount, row.Currency, Instant.FromDateTimeOffset(row.HoldExpiresAt.Value), Instant.FromDateTimeOffset(now)), ct);
            }
        }

        if (alsoInTransaction is not null && !await alsoInTransaction(c, tx, row.Id))
        {
            await tx.RollbackAsync(ct);
            return (BookOutcome.Stale, null);
        }

        await tx.CommitAsync(ct);
        return (BookOutcome.Booked, row);
    }

    /// <summary>
    /// Moves the time, party or tables of a reservation in one transaction: its old holds and covers are released
    /// and the new ones taken; if the new ones cannot be had, nothing changes.
    /// </summary>
    public async Task<(BookOutcome Outcome, ReservationRow? Reservation)> ModifyAsync(
        ReservationRow current, int partySize, DateTimeOffset start, DateTimeOffset end, DateTimeOffset heldUntil, LocalDate serviceDate,
        IReadOnlyList<Allocation> allocations, int coversPerSlot, DateTimeOffset now, CancellationToken ct)
    {
        (start, end, heldUntil, now) = (start.ToUniversalTime(), end.ToUniversalTime(), heldUntil.ToUniversalTime(), now.ToUniversalTime());
        await using var c = await db.OpenConnectionAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        var locked = await c.ExecuteScalarAsync<int?>(new CommandDefinition(
            "SELECT version FROM reservations WHERE id = @Id AND version = @Version AND status = ANY(@modifiable) FOR UPDATE",
            new { current.Id, current.Version, modifiable = new[] { Status.PendingPayment, Status.Confirmed } }, tx, cancellationToken: ct));
        if (locked is null)
        {
            return (BookOutcome.Stale, null);
        }

        await c.ExecuteAsync(new CommandDefinition("DELETE FROM table_holds WHERE reservation_id = @Id", new { current.Id }, tx, cancellationToken: ct));
        await ReleaseCoversAsync(c, tx, current, ct);
        var tables = await HoldFirstFreeAsync(c, tx, current.Id, current.RestaurantId, start, heldUntil, allocations, ct);
        if (tables is null)
        {
            await tx.RollbackAsync(ct);
            return (BookOutcome.TablesTaken, null);
        }

        if (!await TakeCoversAsync(c, tx, current.RestaurantId, start, partySize, coversPerSlot, ct))
        {
            await tx.RollbackAsync(ct);
            return (BookOutcome.PacingFull, null);
        }

        var row = await c.QuerySingleAsync<ReservationRow>(new CommandDefinition($"""
            UPDATE reservations SET party_size = @partySize, starts_at = @start, ends_at = @end, table_ids = @tables,
                service_date = @serviceDate::date, updated_at = @now, version = version + 1
            WHERE id = @Id RETURNING {Columns}
            """, new { current.Id, partySize, start, end, tables, now, serviceDate = LocalTimes.Format(serviceDate) }, tx, cancellationToken: ct));
        var restaurant = await RestaurantFacts.NoticeAsync(c, tx, row.RestaurantId, ct);
        await outbox.AddAsync(c, tx, new ReservationModified(
            row.Id, row.RestaurantId, row.DinerId, restaurant.Local(row.StartsAt), restaurant.Local(row.EndsAt), row.PartySize, row.TableIds, now,
            restaurant.TimeZone, LocalTimes.Format(row.ServiceDay), restaurant.Name, restaurant.NameEn, row.GuestName, DinerLink(row), StaffLink(row)), ct);
        await tx.CommitAsync(ct);
        return (BookOutcome.Booked, row);
    }

    /// <summary>
    /// Moves a reservation from <paramref name="from"/> to <paramref name="to"/> if it is still in <paramref name="from"/>
    /// (a conditional update: of two racing transitions one wins). Leaving the active statuses frees the tables;
    /// a cancellation also gives its covers back to the slot.
    /// </summary>
    public async Task<ReservationRow?> TransitionAsync(
        Guid id, string from, string to, DateTimeOffset now, CancellationToken ct,
        string? cancelledBy = null, int? refundPercent = null, long? noShowFee = null, string? paymentStatus = null)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        var row = await MoveAsync(c, tx, outbox, id, from, to, now, ct, cancelledBy, refundPercent, noShowFee, paymentStatus);
        if (row is not null)
        {
            await tx.CommitAsync(ct);
        }

        return row;
    }

    /// <summary><see cref="TransitionAsync"/> inside the caller's transaction (an event handler's); its events go to the same outbox transaction.</summary>
    public static async Task<ReservationRow?> MoveAsync(
        NpgsqlConnection c, NpgsqlTransaction tx, IOutbox outbox, Guid id, string from, string to, DateTimeOffset now, CancellationToken ct,
        string? cancelledBy = null, int? refundPercent = null, long? noShowFee = null, string? paymentStatus = null, Guid? depositPaymentId = null)
    {
        now = now.ToUniversalTime();
        var row = await c.QuerySingleOrDefaultAsync<ReservationRow>(new CommandDefinition($"""
            UPDATE reservations SET status = @to, updated_at = @now, version = version + 1,
                cancelled_by = COALESCE(@cancelledBy, cancelled_by), refund_percent = COALESCE(@refundPercent, refund_percent),
                no_show_fee = COALESCE(@noShowFee, no_show_fee), payment_status = COALESCE(@paymentStatus, payment_status),
                deposit_payment_id = COALESCE(@depositPaymentId, deposit_payment_id),
                hold_expires_at = CASE WHEN @to = 'pending_payment' THEN hold_expires_at END
            WHERE id = @id AND status = @from
            RETURNING {Columns}
            """, new { id, from, to, now, cancelledBy, refundPercent, noShowFee, paymentStatus, depositPaymentId }, tx, cancellationToken: ct));
        if (row is null)
        {
            return null;
        }

        if (!Status.Active.Contains(to))
        {
            await c.ExecuteAsync(new CommandDefinition("UPDATE table_holds SET active = false WHERE reservation_id = @id", new { id }, tx, cancellationToken: ct));
        }

        var restaurant = await RestaurantFacts.NoticeAsync(c, tx, row.RestaurantId, ct);
        var serviceDate = LocalTimes.Format(row.ServiceDay);
        if (to == Status.Cancelled)
        {
            await ReleaseCoversAsync(c, tx, row, ct);
            await outbox.AddAsync(c, tx, new ReservationCancelled(
                row.Id, row.RestaurantId, row.DinerId, restaurant.Local(row.StartsAt), cancelledBy ?? "restaurant", refundPercent ?? 0, now,
                restaurant.TimeZone, serviceDate, restaurant.Name, restaurant.NameEn, row.GuestName, DinerLink(row), StaffLink(row), row.PartySize), ct);
            await WaitlistStore.OfferFreedSlotAsync(c, tx, outbox, row.Id, restaurant, row.StartsAt, row.ServiceDay, row.PartySize, now, ct);
        }
        else if (to == Status.Confirmed)
        {
            await outbox.AddAsync(c, tx, Confirmed(row, restaurant, now), ct);
        }

        if (row.GuestId is { } guest && to is Status.Completed or Status.NoShow)
        {
            await GuestStore.CountOutcomeAsync(c, tx, guest, visited: to == Status.Completed, now, ct);
        }

        if (to == Status.Completed)
        {
            await outbox.AddAsync(c, tx, new ReservationCompleted(row.Id, row.RestaurantId, row.DinerId, now), ct);
        }
        else if (to == Status.NoShow)
        {
            await outbox.AddAsync(c, tx, new ReservationNoShow(
                row.Id, row.RestaurantId, row.DinerId, restaurant.Local(row.StartsAt), noShowFee ?? 0, row.Currency, now,
                restaurant.TimeZone, serviceDate, restaurant.Name, restaurant.NameEn, row.GuestName, DinerLink(row), StaffLink(row)), ct);
        }

        return row;
    }

    /// <summary>
    /// Records what the payments service says about a deposit payment while the booking still waits for it
    /// (<paramref name="paymentStatus"/> <c>failed</c>: the diner may pay again until the hold lapses). False when the
    /// booking no longer waits for payment.
    /// </summary>
    public static async Task<bool> RecordPaymentAsync(NpgsqlConnection c, NpgsqlTransaction tx, Guid id, string paymentStatus, Guid paymentId, DateTimeOffset now, CancellationToken ct) =>
        await c.ExecuteAsync(new CommandDefinition("""
            UPDATE reservations SET payment_status = @paymentStatus, deposit_payment_id = @paymentId, updated_at = @now, version = version + 1
            WHERE id = @id AND status = 'pending_payment'
            """, new { id, paymentStatus, paymentId, now = now.ToUniversalTime() }, tx, cancellationToken: ct)) == 1;

    /// <summary>A deposit paid after its booking was no longer held: recorded, so the restaurant and payments can see it is owed back.</summary>
    public static Task RecordLatePaymentAsync(NpgsqlConnection c, NpgsqlTransaction tx, Guid id, Guid paymentId, DateTimeOffset now, CancellationToken ct) =>
        c.ExecuteAsync(new CommandDefinition("""
            UPDATE reservations SET payment_status = 'paid_after_release', deposit_payment_id = @paymentId, updated_at = @now, version = version + 1
            WHERE id = @id AND status = 'cancelled' AND payment_status <> 'paid_after_release'
            """, new { id, paymentId, now = now.ToUniversalTime() }, tx, cancellationToken: ct));

    public static Task<ReservationRow?> FindAsync(NpgsqlConnection c, NpgsqlTransaction tx, Guid id, CancellationToken ct) =>
        c.QuerySingleOrDefaultAsync<ReservationRow>(new CommandDefinition($"SELECT {Columns} FROM reservations WHERE id = @id FOR UPDATE", new { id }, tx, cancellationToken: ct));

    private static ReservationConfirmed Confirmed(ReservationRow r, RestaurantRow restaurant, DateTimeOffset now) => new(
        r.Id, r.RestaurantId, r.DinerId, restaurant.Local(r.StartsAt), restaurant.Local(r.EndsAt), r.PartySize, r.TableIds, now,
        restaurant.TimeZone, LocalTimes.Format(r.ServiceDay), restaurant.Name, restaurant.NameEn, r.GuestName, DinerLink(r), StaffLink(r));

    private static string? DinerLink(ReservationRow r) => r.DinerId is null ? null : Links.Diner(r.Id);

    private static string StaffLink(ReservationRow r) => Links.Staff(r.RestaurantId, r.ServiceDay, r.Id);

    /// <summary>
    /// Marks confirmed reservations starting within <paramref name="ahead"/> as reminded and announces each once,
    /// in one transaction; replicas skip rows another one is handling.
    /// </summary>
    public async Task<int> SendRemindersAsync(DateTimeOffset now, TimeSpan ahead, CancellationToken ct)
    {
        now = now.ToUniversalTime();
        await using var c = await db.OpenConnectionAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        var due = (await c.QueryAsync<ReservationRow>(new CommandDefinition($"""
            UPDATE reservations SET reminder_sent_at = @now
            WHERE id IN (
                SELECT id FROM reservations
                WHERE status = 'confirmed' AND reminder_sent_at IS NULL AND starts_at > @now AND starts_at <= @until
                ORDER BY starts_at LIMIT 200 FOR UPDATE SKIP LOCKED)
            RETURNING {Columns}
            """, new { now, until = now + ahead }, tx, cancellationToken: ct))).ToList();
        var restaurants = new Dictionary<Guid, RestaurantRow>();
        foreach (var r in due)
        {
            if (!restaurants.TryGetValue(r.RestaurantId, out var restaurant))
            {
                restaurants[r.RestaurantId] = restaurant = await RestaurantFacts.NoticeAsync(c, tx, r.RestaurantId, ct);
            }

            await outbox.AddAsync(c, tx, new ReservationReminderDue(
                r.Id, r.RestaurantId, r.DinerId, restaurant.Local(r.StartsAt), r.PartySize, now,
                restaurant.TimeZone, LocalTimes.Format(r.ServiceDay), restaurant.Name, restaurant.NameEn, r.GuestName, DinerLink(r), StaffLink(r)), ct);
        }

        await tx.CommitAsync(ct);
        return due.Count;
    }

    /// <summary>Covers taken per slot start of one service date (the slots its bookings start in).</summary>
    public async Task<IReadOnlyList<(DateTimeOffset SlotStart, int Used)>> CoversAsync(Guid restaurantId, LocalDate serviceDate, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return (await c.QueryAsync<(DateTimeOffset SlotStart, int Used)>(new CommandDefinition("""
            SELECT sc.slot_start, sc.used FROM slot_covers sc
            WHERE sc.restaurant_id = @restaurantId AND sc.used > 0
              AND EXISTS (SELECT 1 FROM reservations r WHERE r.restaurant_id = sc.restaurant_id AND r.starts_at = sc.slot_start
                          AND r.service_date = @serviceDate::date AND r.status <> 'cancelled')
            ORDER BY sc.slot_start
            """, new { restaurantId, serviceDate = LocalTimes.Format(serviceDate) }, cancellationToken: ct))).ToList();
    }

    /// <summary>Pending-payment reservations whose hold ran out.</summary>
    public async Task<IReadOnlyList<Guid>> ExpiredHoldsAsync(DateTimeOffset now, CancellationToken ct)
    {
        now = now.ToUniversalTime();
        await using var c = await db.OpenConnectionAsync(ct);
        return (await c.QueryAsync<Guid>(new CommandDefinition(
            "SELECT id FROM reservations WHERE status = 'pending_payment' AND hold_expires_at <= @now ORDER BY hold_expires_at LIMIT 200",
            new { now }, cancellationToken: ct))).ToList();
    }

    /// <summary>Reservations of a restaurant's service date (a late service's after-midnight tail included), by start; keyset-paged.</summary>
    public async Task<IReadOnlyList<ReservationRow>> ListForServiceDateAsync(
        Guid restaurantId, LocalDate serviceDate, (DateTimeOffset Start, Guid Id)? after, int take, CancellationToken ct)
    {
        after = after is { } a ? (a.Start.ToUniversalTime(), a.Id) : null;
        await using var c = await db.OpenConnectionAsync(ct);
        return (await c.QueryAsync<ReservationRow>(new CommandDefinition($"""
            SELECT {Columns} FROM reservations
            WHERE restaurant_id = @restaurantId AND service_date = @serviceDate::date
              AND (@afterStart::timestamptz IS NULL OR (starts_at, id) > (@afterStart, @afterId))
            ORDER BY starts_at, id LIMIT @take
            """, new { restaurantId, serviceDate = LocalTimes.Format(serviceDate), afterStart = after?.Start, afterId = after?.Id ?? Guid.Empty, take }, cancellationToken: ct))).ToList();
    }

    /// <summary>A diner's reservations, latest start first; keyset-paged.</summary>
    public async Task<IReadOnlyList<ReservationRow>> ListForDinerAsync(Guid dinerId, (DateTimeOffset Start, Guid Id)? after, int take, CancellationToken ct)
    {
        after = after is { } a ? (a.Start.ToUniversalTime(), a.Id) : null;
        await using var c = await db.OpenConnectionAsync(ct);
        return (await c.QueryAsync<ReservationRow>(new CommandDefinition($"""
            SELECT {Columns} FROM reservations
            WHERE diner_id = @dinerId AND (@afterStart::timestamptz IS NULL OR (starts_at, id) < (@afterStart, @afterId))
            ORDER BY starts_at DESC, id DESC LIMIT @take
            """, new { dinerId, afterStart = after?.Start, afterId = after?.Id ?? Guid.Empty, take }, cancellationToken: ct))).ToList();
    }

    private static async Task<bool> TakeCoversAsync(NpgsqlConnection c, NpgsqlTransaction tx, Guid restaurantId, DateTimeOffset slot, int covers, int capacity, CancellationToken ct)
    {
        await c.ExecuteAsync(new CommandDefinition(
            "INSERT INTO slot_covers (restaurant_id, slot_start, used) VALUES (@restaurantId, @slot, 0) ON CONFLICT DO NOTHING",
            new { restaurantId, slot }, tx, cancellationToken: ct));
        return await c.ExecuteAsync(new CommandDefinition(
            "UPDATE slot_covers SET used = used + @covers WHERE restaurant_id = @restaurantId AND slot_start = @slot AND used + @covers <= @capacity",
            new { restaurantId, slot, covers, capacity }, tx, cancellationToken: ct)) == 1;
    }

    private static Task ReleaseCoversAsync(NpgsqlConnection c, NpgsqlTransaction tx, ReservationRow r, CancellationToken ct) =>
        c.ExecuteAsync(new CommandDefinition(
            "UPDATE slot_covers SET used = GREATEST(used - @PartySize, 0) WHERE restaurant_id = @RestaurantId AND slot_start = @StartsAt",
            new { r.PartySize, r.RestaurantId, StartsAt = r.StartsAt.ToUniversalTime() }, tx, cancellationToken: ct));

    /// <summary>
    /// Holds the first allocation whose tables are all free; each try runs under a savepoint so a refused one leaves
    /// no trace. A first pass skips tables another transaction is booking right now (a non-blocking advisory lock per
    /// table), so racers for one slot spread over the tables instead of queueing behind each other's uncommitted
    /// holds; the skipped ones are tried again, waiting, before giving up. The exclusion constraint decides either way.
    /// </summary>
    private static async Task<Guid[]?> HoldFirstFreeAsync(
        NpgsqlConnection c, NpgsqlTransaction tx, Guid reservationId, Guid restaurantId, DateTimeOffset start, DateTimeOffset heldUntil,
        IReadOnlyList<Allocation> allocations, CancellationToken ct)
    {
        var busy = new List<Guid[]>();
        foreach (var tables in allocations.Select(a => a.TableIds.Order().ToArray()))
        {
            var mine = await c.ExecuteScalarAsync<bool>(new CommandDefinition(
                "SELECT bool_and(pg_try_advisory_xact_lock(hashtextextended(t::text, 0))) FROM unnest(@tables) AS t",
                new { tables }, tx, cancellationToken: ct));
            if (!mine)
            {
                busy.Add(tables);
            }
            else if (await TryHoldAsync(c, tx, reservationId, restaurantId, start, heldUntil, tables, ct))
            {
                return tables;
            }
        }

        if (busy.Count == 0)
        {
            return null;
        }

        // Waiting on another booking's uncommitted hold: briefly, and for a few tables only. A racer that still
        // finds nothing gets a 409 with alternatives instead of queueing behind a chain of other racers.
        await c.ExecuteAsync(new CommandDefinition("SELECT set_config('lock_timeout', @timeout, true)", new { timeout = BusyWaitMilliseconds }, tx, cancellationToken: ct));
        try
        {
            foreach (var tables in busy.Take(BusyAttempts))
            {
                if (await TryHoldAsync(c, tx, reservationId, restaurantId, start, heldUntil, tables, ct))
                {
                    return tables;
                }
            }

            return null;
        }
        finally
        {
            await c.ExecuteAsync(new CommandDefinition("SELECT set_config('lock_timeout', '0', true)", transaction: tx, cancellationToken: ct));
        }
    }

    private static async Task<bool> TryHoldAsync(
        NpgsqlConnection c, NpgsqlTransaction tx, Guid reservationId, Guid restaurantId, DateTimeOffset start, DateTimeOffset heldUntil, Guid[] tables, CancellationToken ct)
    {
        await tx.SaveAsync("allocation", ct);
        try
        {
            await c.ExecuteAsync(new CommandDefinition("""
                INSERT INTO table_holds (reservation_id, table_id, restaurant_id, during)
                SELECT @reservationId, t, @restaurantId, tstzrange(@start, @heldUntil, '[)') FROM unnest(@tables) AS t
                """, new { reservationId, restaurantId, start, heldUntil, tables }, tx, cancellationToken: ct));
            await tx.ReleaseAsync("allocation", ct);
            return true;
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.ExclusionViolation or PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.LockNotAvailable)
        {
            await tx.RollbackAsync("allocation", ct);
            return false;
        }
    }
}

using System.Text.Json;
using Brigade.Contracts.Staff;
using Brigade.Messaging;
using Brigade.Staff.Domain;
using Dapper;
using NodaTime;
using Npgsql;

namespace Brigade.Staff.Data;

public enum ClockOutcome
{
    Done,

    /// <summary>Clocking in while a timecard runs, or out/breaking without one.</summary>
    WrongState,

    /// <summary>The time falls in a month whose payroll is closed.</summary>
    PayrollClosed,
    NotFound,
    Stale,
}

/// <summary>A manager's version of a timecard: times and breaks, and why.</summary>
public sealed record TimecardEdit(Instant ClockIn, Instant ClockOut, IReadOnlyList<(Instant Start, Instant End)> Breaks, string Reason);

/// <summary>The time clock: punches, breaks, managers' corrections with their audit trail, approval with its event.</summary>
public sealed class TimecardStore(NpgsqlDataSource db, IOutbox outbox)
{
    private const string Columns = """
        id, restaurant_id, employee_id, shift_id, work_date::text AS work_date, clock_in, clock_out, punched_in_at, late, source, status,
        minutes, cost, approved_at, approved_by, version
        """;

    public async Task<(ClockOutcome, TimecardRow?)> ClockInAsync(EmployeeRow e, Guid? shiftId, LocalDate workDate, Instant paidFrom, Instant punched, bool late, Instant now, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        var id = Guid.CreateVersion7();
        try
        {
            await c.ExecuteAsync(new CommandDefinition("""
                INSERT INTO timecards (id, restaurant_id, employee_id, shift_id, work_date, clock_in, punched_in_at, late, source, status, created_at, updated_at)
                VALUES (@id, @RestaurantId, @employeeId, @shiftId, @date::date, @paidFrom, @punched, @late, 'clock', 'open', @now, @now)
                """, new { id, e.RestaurantId, employeeId = e.Id, shiftId, date = workDate.Text(), paidFrom = paidFrom.Utc(), punched = punched.Utc(), late, now = now.Utc() },
                cancellationToken: ct));
        }
        catch (PostgresException x) when (x.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            return (ClockOutcome.WrongState, null);
        }

        return (ClockOutcome.Done, await FindAsync(c, null, id, ct));
    }

    public async Task<TimecardRow?> OpenForAsync(Guid employeeId, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        var id = await c.QuerySingleOrDefaultAsync<Guid?>(new CommandDefinition(
            "SELECT id FROM timecards WHERE employee_id = @employeeId AND clock_out IS NULL", new { employeeId }, cancellationToken: ct));
        return id is { } v ? await FindAsync(c, null, v, ct) : null;
    }

    /// <summary>Starts (<paramref name="start"/>) or ends a break on the employee's running timecard.</summary>
    public async Task<(ClockOutcome, TimecardRow?)> BreakAsync(Guid employeeId, bool start, Instant now, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        var id = await c.QuerySingleOrDefaultAsync<Guid?>(new CommandDefinition(
            "SELECT id FROM timecards WHERE employee_id = @employeeId AND clock_out IS NULL FOR UPDATE", new { employeeId }, tx, cancellationToken: ct));
        if (id is null)
        {
            return (ClockOutcome.WrongState, null);
        }

        var changed = start
            ? await c.ExecuteAsync(new CommandDefinition("""
                INSERT INTO breaks (id, timecard_id, starts_at) SELECT @bid, @id, @now
                 WHERE NOT EXISTS (SELECT 1 FROM breaks WHERE timecard_id = @id AND ends_at IS NULL)
                """, new { bid = Guid.CreateVersion7(), id, now = now.Utc() }, tx, cancellationToken: ct))
            : await c.ExecuteAsync(new CommandDefinition(
                "UPDATE breaks SET ends_at = @now WHERE timecard_id = @id AND ends_at IS NULL", new { id, now = now.Utc() }, tx, cancellationToken: ct));
        if (changed == 0)
        {
            return (ClockOutcome.WrongState, null);
        }

        await tx.CommitAsync(ct);
        return (ClockOutcome.Done, await FindAsync(c, null, id.Value, ct));
    }

    /// <summary>Clocks out: a running break ends with the shift; the card waits for a manager's approval.</summary>
    public async Task<(ClockOutcome, TimecardRow?)> ClockOutAsync(Guid employeeId, Instant now, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        var id = await c.QuerySingleOrDefaultAsync<Guid?>(new CommandDefinition(
            "SELECT id FROM timecards WHERE employee_id = @employeeId AND clock_out IS NULL FOR UPDATE", new { employeeId }, tx, cancellationToken: ct));
        if (id is null)
        {
            return (ClockOutcome.WrongState, null);
        }

        // A clock-in paid from the scheduled start can be followed by a clock-out before it: nothing was worked.
        await c.ExecuteAsync(new CommandDefinition("""
            UPDATE breaks SET ends_at = @now WHERE timecard_id = @id AND ends_at IS NULL;
            UPDATE timecards SET clock_out = greatest(clock_in, @now), status = 'pending', updated_at = @now, version = version + 1 WHERE id = @id;
            """, new { id, now = now.Utc() }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        return (ClockOutcome.Done, await FindAsync(c, null, id.Value, ct));
    }

    /// <summary>A manager records time the clock missed (a forgotten punch); audited like an edit.</summary>
    public async Task<(ClockOutcome, TimecardRow?)> AddAsync(EmployeeRow e, LocalDate workDate, TimecardEdit edit, Guid by, Instant now, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        if (await ClosedAsync(c, tx, e.RestaurantId, workDate, ct))
        {
            return (ClockOutcome.PayrollClosed, null);
        }

        var id = Guid.CreateVersion7();
        await c.ExecuteAsync(new CommandDefinition("""
            INSERT INTO timecards (id, restaurant_id, employee_id, work_date, clock_in, clock_out, source, status, created_at, updated_at)
            VALUES (@id, @RestaurantId, @employeeId, @date::date, @clockIn, @clockOut, 'manager', 'pending', @now, @now)
            """, new { id, e.RestaurantId, employeeId = e.Id, date = workDate.Text(), clockIn = edit.ClockIn.Utc(), clockOut = edit.ClockOut.Utc(), now = now.Utc() },
            tx, cancellationToken: ct));
        await InsertBreaksAsync(c, tx, id, edit.Breaks, ct);
        var after = await FindAsync(c, tx, id, ct);
        await AuditAsync(c, tx, after!, "created", edit.Reason, null, after, by, now, ct);
        await tx.CommitAsync(ct);
        return (ClockOutcome.Done, after);
    }

    /// <summary>
    /// A manager corrects a finished timecard: new times and breaks, the reason, and the before/after in the audit trail.
    /// An approved card goes back to pending (its pay must be approved again); a month with a closed payroll is final.
    /// </summary>
    public async Task<(ClockOutcome, TimecardRow?)> EditAsync(Guid id, TimecardEdit edit, int? expectedVersion, Guid by, Instant now, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        var before = await FindAsync(c, tx, id, ct, forUpdate: true);
        if (before is null)
        {
            return (ClockOutcome.NotFound, null);
        }

        if (expectedVersion is { } v && v != before.Version)
        {
            return (ClockOutcome.Stale, before);
        }

        if (before.Status == TimecardStatus.Open)
        {
            return (ClockOutcome.WrongState, before);
        }

        if (await ClosedAsync(c, tx, before.RestaurantId, Times.ParseDate(before.WorkDate), ct))
        {
            return (ClockOutcome.PayrollClosed, before);
        }

        await c.ExecuteAsync(new CommandDefinition("""
            UPDATE timecards SET clock_in = @clockIn, clock_out = @clockOut, status = 'pending', minutes = NULL, cost = NULL,
                approved_at = NULL, approved_by = NULL, updated_at = @now, version = version + 1 WHERE id = @id;
            DELETE FROM breaks WHERE timecard_id = @id;
            """, new { id, clockIn = edit.ClockIn.Utc(), clockOut = edit.ClockOut.Utc(), now = now.Utc() }, tx, cancellationToken: ct));
        await InsertBreaksAsync(c, tx, id, edit.Breaks, ct);
        var after = await FindAsync(c, tx, id, ct);
        await AuditAsync(c, tx, after!, "edited", edit.Reason, before, after, by, now, ct);
        await tx.CommitAsync(ct);
        return (ClockOutcome.Done, after);
    }

    /// <summary>Approves a finished card at the version the manager saw, with its paid minutes and cost, and announces it.</summary>
    public async Task<(ClockOutcome, TimecardRow?)> ApproveAsync(TimecardRow card, Guid? userId, int minutes, long cost, Guid by, Instant now, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        var changed = await c.ExecuteAsync(new CommandDefinition("""
            UPDATE timecards SET status = 'approved', minutes = @minutes, cost = @cost, approved_at = @now, approved_by = @by, updated_at = @now, version = version + 1
             WHERE id = @Id AND version = @Version AND status = 'pending'
            """, new { card.Id, card.Version, minutes, cost, now = now.Utc(), by }, tx, cancellationToken: ct));
        if (changed == 0)
        {
            return (ClockOutcome.Stale, null);
        }

        var after = await FindAsync(c, tx, card.Id, ct);
        await AuditAsync(c, tx, after!, "approved", null, null, null, by, now, ct);
        await outbox.AddAsync(c, tx, new TimecardApproved(
            card.Id, card.RestaurantId, card.EmployeeId, userId, card.ClockIn, card.ClockOut!.Value, TimeClock.BreakMinutes(card.Breaks.Select(b => b.Span)),
            minutes, cost, "KRW", now.Utc()), ct);
        await tx.CommitAsync(ct);
        return (ClockOutcome.Done, after);
    }

    /// <summary>
    /// Hours a one-day worker from the jobs marketplace worked, already approved there: recorded once per application
    /// (a redelivered event changes nothing), with the worker as a day-worker employee of the restaurant.
    /// </summary>
    public static async Task RecordMarketplaceShiftAsync(
        NpgsqlConnection c, NpgsqlTransaction tx, Guid applicationId, Guid restaurantId, Guid workerId, long hourlyWage, Instant checkedIn,
        int paidMinutes, long gross, string zone, Instant approvedAt, CancellationToken ct)
    {
        var local = checkedIn.InZone(Brigade.Api.RestaurantTime.Zone(zone)).Date;
        var employeeId = await c.ExecuteScalarAsync<Guid>(new CommandDefinition("""
            INSERT INTO employees (id, restaurant_id, user_id, name, position, employment_type, pay_kind, pay_rate, currency, weekly_minutes,
                contract_start, contract_end, status, created_at, updated_at)
            VALUES (@newId, @restaurantId, @workerId, '일일 근무자', 'day_worker', 'day_worker', 'hourly', @hourlyWage, 'KRW', 0, @date::date, @date::date, 'active', @at, @at)
            ON CONFLICT (restaurant_id, user_id) WHERE user_id IS NOT NULL DO UPDATE SET updated_at = EXCLUDED.updated_at,
                contract_end = CASE WHEN employees.contract_end IS NULL THEN NULL ELSE greatest(employees.contract_end, EXCLUDED.contract_end) END
            RETURNING id
            """, new { newId = Guid.CreateVersion7(), restaurantId, workerId, hourlyWage, date = local.Text(), at = approvedAt.Utc() }, tx, cancellationToken: ct));
        // The paid minutes of the marketplace timesheet are authoritative: the card spans exactly that long from the check-in.
        await c.ExecuteAsync(new CommandDefinition("""
            INSERT INTO timecards (id, restaurant_id, employee_id, work_date, clock_in, clock_out, punched_in_at, source, status, minutes, cost,
                approved_at, external_id, created_at, updated_at)
            VALUES (@id, @restaurantId, @employeeId, @date::date, @clockIn, @clockOut, @punched, 'jobs', 'approved', @paidMinutes, @gross, @at, @applicationId, @at, @at)
            ON CONFLICT (external_id) DO NOTHING
            """, new
        {
            id = Guid.CreateVersion7(), restaurantId, employeeId, date = local.Text(), clockIn = checkedIn.Utc(),
            clockOut = (checkedIn + Duration.FromMinutes(paidMinutes)).Utc(), punched = checkedIn.Utc(), paidMinutes, gross, at = approvedAt.Utc(), applicationId,
        }, tx, cancellationToken: ct));
    }

    public async Task<TimecardRow?> FindAsync(Guid id, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return await FindAsync(c, null, id, ct);
    }

    public async Task<IReadOnlyList<TimecardRow>> ListAsync(Guid restaurantId, Guid? employeeId, LocalDate from, LocalDate to, string? status, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        var cards = (await c.QueryAsync<TimecardRow>(new CommandDefinition($"""
            SELECT {Columns} FROM timecards WHERE restaurant_id = @restaurantId AND work_date BETWEEN @from::date AND @to::date
               AND (@employeeId::uuid IS NULL OR employee_id = @employeeId) AND (@status::text IS NULL OR status = @status)
             ORDER BY clock_in, id LIMIT 1000
            """, new { restaurantId, employeeId, from = from.Text(), to = to.Text(), status }, cancellationToken: ct))).ToList();
        await AttachBreaksAsync(c, null, cards, ct);
        return cards;
    }

    public async Task<IReadOnlyList<AuditRow>> AuditAsync(Guid timecardId, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return (await c.QueryAsync<AuditRow>(new CommandDefinition("""
            SELECT id AS Id, timecard_id AS TimecardId, action AS Action, reason AS Reason, before::text AS Before, after::text AS After, by_user AS ByUser, at AS At
              FROM timecard_audit WHERE timecard_id = @timecardId ORDER BY at, id
            """, new { timecardId }, cancellationToken: ct))).ToList();
    }

    internal static async Task AttachBreaksAsync(NpgsqlConnection c, NpgsqlTransaction? tx, IReadOnlyList<TimecardRow> cards, CancellationToken ct)
    {
        if (cards.Count == 0)
        {
            return;
        }

        var breaks = (await c.QueryAsync<BreakRow>(new CommandDefinition(
            "SELECT id, timecard_id, starts_at, ends_at FROM breaks WHERE timecard_id = ANY(@ids) ORDER BY starts_at",
            new { ids = cards.Select(x => x.Id).ToArray() }, tx, cancellationToken: ct))).ToLookup(b => b.TimecardId);
        foreach (var card in cards)
        {
            card.Breaks = breaks[card.Id].ToList();
        }
    }

    internal static Task<bool> ClosedAsync(NpgsqlConnection c, NpgsqlTransaction tx, Guid restaurantId, LocalDate day, CancellationToken ct) =>
        c.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT EXISTS (SELECT 1 FROM payrolls WHERE restaurant_id = @restaurantId AND status = 'closed' AND @day::date BETWEEN period_start AND period_end)",
            new { restaurantId, day = day.Text() }, tx, cancellationToken: ct));

    private static async Task<TimecardRow?> FindAsync(NpgsqlConnection c, NpgsqlTransaction? tx, Guid id, CancellationToken ct, bool forUpdate = false)
    {
        var card = await c.QuerySingleOrDefaultAsync<TimecardRow>(new CommandDefinition(
            $"SELECT {Columns} FROM timecards WHERE id = @id{(forUpdate ? " FOR UPDATE" : "")}", new { id }, tx, cancellationToken: ct));
        if (card is not null)
        {
            await AttachBreaksAsync(c, tx, [card], ct);
        }

        return card;
    }

    private static async Task InsertBreaksAsync(NpgsqlConnection c, NpgsqlTransaction tx, Guid id, IReadOnlyList<(Instant Start, Instant End)> breaks, CancellationToken ct)
    {
        foreach (var (start, end) in breaks)
        {
            await c.ExecuteAsync(new CommandDefinition(
                "INSERT INTO breaks (id, timecard_id, starts_at, ends_at) VALUES (@bid, @id, @start, @end)",
                new { bid = Guid.CreateVersion7(), id, start = start.Utc(), end = end.Utc() }, tx, cancellationToken: ct));
        }
    }

    private static Task AuditAsync(NpgsqlConnection c, NpgsqlTransaction tx, TimecardRow card, string action, string? reason, TimecardRow? before, TimecardRow? after, Guid by, Instant now, CancellationToken ct) =>
        c.ExecuteAsync(new CommandDefinition("""
            INSERT INTO timecard_audit (id, timecard_id, restaurant_id, action, reason, before, after, by_user, at)
            VALUES (@id, @cardId, @restaurantId, @action, @reason, @before::jsonb, @after::jsonb, @by, @now)
            """, new
        {
            id = Guid.CreateVersion7(), cardId = card.Id, restaurantId = card.RestaurantId, action, reason,
            before = Snapshot(before), after = Snapshot(after), by, now = now.Utc(),
        }, tx, cancellationToken: ct));

    private static string? Snapshot(TimecardRow? t) => t is null ? null : JsonSerializer.Serialize(new
    {
        clockIn = t.ClockIn, clockOut = t.ClockOut, status = t.Status,
        breaks = t.Breaks.Select(b => new { start = b.StartsAt, end = b.EndsAt }).ToList(),
    }, JsonSerializerOptions.Web);
}

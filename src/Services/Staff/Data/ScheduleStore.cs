using Brigade.Contracts.Staff;
using Brigade.Data;
using Brigade.Messaging;
using Brigade.Staff.Domain;
using Dapper;
using NodaTime;
using Npgsql;

namespace Brigade.Staff.Data;

public enum SwapOutcome
{
    Done,
    NotFound,
    WrongStatus,

    /// <summary>The shift moved to someone else or changed since the request.</summary>
    ShiftChanged,

    /// <summary>The colleague has a shift at that time by now.</summary>
    Overlap,
}

/// <summary>Shifts by week, publishing (with its event), swap requests and the daily sales forecasts of the labour budget.</summary>
public sealed class ScheduleStore(NpgsqlDataSource db, IOutbox outbox)
{
    private const string ShiftColumns = """
        s.id, s.restaurant_id, s.employee_id, e.user_id, e.name AS employee_name, s.position, s.work_date::text AS work_date,
        s.starts_at, s.ends_at, s.break_minutes, s.status, s.published_at, s.version
        """;

    private const string SwapColumns = """
        id, restaurant_id, shift_id, from_employee_id, to_employee_id, status, requested_at, decided_at
        """;

    /// <summary>Plans a draft shift; null when the employee already has a shift overlapping it.</summary>
    public Task<ShiftRow?> CreateShiftAsync(Guid restaurantId, Guid employeeId, string position, LocalDate date, Instant start, Instant end, int breakMinutes, Instant now, CancellationToken ct) =>
        // Concurrent inserts checked by the exclusion constraint can deadlock each other; the retried victim then sees
        // the winner's shift as an overlap.
        Transactions.RetryOnConflictAsync(async () =>
        {
            await using var c = await db.OpenConnectionAsync(ct);
            var id = Guid.CreateVersion7();
            try
            {
                await c.ExecuteAsync(new CommandDefinition("""
                    INSERT INTO shifts (id, restaurant_id, employee_id, position, work_date, starts_at, ends_at, break_minutes, status, created_at)
                    VALUES (@id, @restaurantId, @employeeId, @position, @date::date, @start, @end, @breakMinutes, 'draft', @now)
                    """, new { id, restaurantId, employeeId, position, date = date.Text(), start = start.Utc(), end = end.Utc(), breakMinutes, now = now.Utc() },
                    cancellationToken: ct));
                return await FindShiftAsync(c, null, id, ct);
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ExclusionViolation)
            {
                return null;
            }
        });

    public async Task<ShiftRow?> FindShiftAsync(Guid id, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return await FindShiftAsync(c, null, id, ct);
    }

    private static Task<ShiftRow?> FindShiftAsync(NpgsqlConnection c, NpgsqlTransaction? tx, Guid id, CancellationToken ct, bool forUpdate = false) =>
        c.QuerySingleOrDefaultAsync<ShiftRow?>(new CommandDefinition(
            $"SELECT {ShiftColumns} FROM shifts s JOIN employees e ON e.id = s.employee_id WHERE s.id = @id{(forUpdate ? " FOR UPDATE OF s" : "")}",
            new { id }, tx, cancellationToken: ct));

    /// <summary>Deletes a draft shift; a published one stays (it was promised to someone).</summary>
    public async Task<bool> DeleteDraftAsync(Guid id, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return await c.ExecuteAsync(new CommandDefinition(
            "DELETE FROM shifts WHERE id = @id AND status = 'draft' AND NOT EXISTS (SELECT 1 FROM timecards WHERE shift_id = @id)",
            new { id }, cancellationToken: ct)) == 1;
    }

    public async Task<IReadOnlyList<ShiftRow>> ListAsync(Guid restaurantId, LocalDate from, LocalDate to, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return (await c.QueryAsync<ShiftRow>(new CommandDefinition(
            $"SELECT {ShiftColumns} FROM shifts s JOIN employees e ON e.id = s.employee_id WHERE s.restaurant_id = @restaurantId AND s.work_date BETWEEN @from::date AND @to::date ORDER BY s.starts_at, s.id",
            new { restaurantId, from = from.Text(), to = to.Text() }, cancellationToken: ct))).ToList();
    }

    /// <summary>The employee's shifts starting between the two instants (for warnings around a new shift).</summary>
    public async Task<IReadOnlyList<ShiftRow>> ForEmployeeAsync(Guid employeeId, Instant from, Instant to, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return (await c.QueryAsync<ShiftRow>(new CommandDefinition(
            $"SELECT {ShiftColumns} FROM shifts s JOIN employees e ON e.id = s.employee_id WHERE s.employee_id = @employeeId AND s.ends_at > @from AND s.starts_at < @to ORDER BY s.starts_at",
            new { employeeId, from = from.Utc(), to = to.Utc() }, cancellationToken: ct))).ToList();
    }

    /// <summary>
    /// Publishes the week's draft shifts and announces the week's whole published schedule with its cost
    /// (<c>staff.shift.published</c>) in the same transaction.
    /// </summary>
    public async Task<IReadOnlyList<ShiftRow>> PublishAsync(Guid restaurantId, LocalDate monday, Func<IReadOnlyList<ShiftRow>, long> cost, Instant now, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        var args = new { restaurantId, from = monday.Text(), to = monday.PlusDays(6).Text(), now = now.Utc() };
        var justPublished = (await c.QueryAsync<Guid>(new CommandDefinition("""
            UPDATE shifts SET status = 'published', published_at = @now, version = version + 1
             WHERE restaurant_id = @restaurantId AND work_date BETWEEN @from::date AND @to::date AND status = 'draft'
            RETURNING id
            """, args, tx, cancellationToken: ct))).ToHashSet();
        var shifts = (await c.QueryAsync<ShiftRow>(new CommandDefinition(
            $"SELECT {ShiftColumns} FROM shifts s JOIN employees e ON e.id = s.employee_id WHERE s.restaurant_id = @restaurantId AND s.work_date BETWEEN @from::date AND @to::date AND s.status = 'published' ORDER BY s.starts_at, s.id",
            args, tx, cancellationToken: ct))).ToList();
        await outbox.AddAsync(c, tx, new ShiftsPublished(
            restaurantId, monday.Text(),
            shifts.Select(s => new ScheduledShift(s.Id, s.EmployeeId, s.UserId, s.Position, s.StartsAt, s.EndsAt)).ToList(),
            cost(shifts), "KRW", now.Utc()), ct);
        // Only the people whose shifts were drafts until now are told: publishing a week again repeats nothing.
        var told = shifts.Where(s => justPublished.Contains(s.Id) && s.UserId is not null).GroupBy(s => s.UserId!.Value).Select(g => (g.Key, g.Count()));
        foreach (var notice in Notices.Published(restaurantId, monday.Text(), told, now.Utc()))
        {
            await outbox.AddAsync(c, tx, notice, ct);
        }

        await tx.CommitAsync(ct);
        return shifts;
    }

    public async Task<SwapRow?> RequestSwapAsync(ShiftRow shift, Guid toEmployeeId, Instant now, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        try
        {
            var swap = await c.QuerySingleAsync<SwapRow>(new CommandDefinition($"""
                INSERT INTO swap_requests (id, restaurant_id, shift_id, from_employee_id, to_employee_id, status, requested_at)
                VALUES (@id, @RestaurantId, @shiftId, @EmployeeId, @toEmployeeId, 'pending', @now)
                RETURNING {SwapColumns}
                """, new { id = Guid.CreateVersion7(), shift.RestaurantId, shiftId = shift.Id, shift.EmployeeId, toEmployeeId, now = now.Utc() },
                tx, cancellationToken: ct));
            var colleague = await c.QuerySingleOrDefaultAsync<Guid?>(new CommandDefinition(
                "SELECT user_id FROM employees WHERE id = @toEmployeeId", new { toEmployeeId }, tx, cancellationToken: ct));
            await outbox.AddAsync(c, tx, Notices.SwapRequested(shift.RestaurantId, colleague, shift.EmployeeName, shift.WorkDate, now.Utc()), ct);
            await tx.CommitAsync(ct);
            return swap;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            return null;
        }
    }

    public async Task<SwapRow?> FindSwapAsync(Guid id, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return await c.QuerySingleOrDefaultAsync<SwapRow>(new CommandDefinition($"SELECT {SwapColumns} FROM swap_requests WHERE id = @id", new { id }, cancellationToken: ct));
    }

    /// <summary>
    /// Approves (the shift moves to the other employee) or declines a pending request. The shift must still be the
    /// requester's: one decision, in one transaction with the shift locked.
    /// </summary>
    public Task<(SwapOutcome, SwapRow?)> DecideSwapAsync(Guid id, bool approve, Guid by, Instant now, CancellationToken ct) =>
        Transactions.RetryOnConflictAsync(() => DecideSwapOnceAsync(id, approve, by, now, ct));

    private async Task<(SwapOutcome, SwapRow?)> DecideSwapOnceAsync(Guid id, bool approve, Guid by, Instant now, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        var swap = await c.QuerySingleOrDefaultAsync<SwapRow>(new CommandDefinition(
            $"SELECT {SwapColumns} FROM swap_requests WHERE id = @id FOR UPDATE", new { id }, tx, cancellationToken: ct));
        if (swap is null)
        {
            return (SwapOutcome.NotFound, null);
        }

        if (swap.Status != Domain.SwapStatus.Pending)
        {
            return (SwapOutcome.WrongStatus, swap);
        }

        if (approve)
        {
            int moved;
            try
            {
                moved = await c.ExecuteAsync(new CommandDefinition("""
                UPDATE shifts SET employee_id = @ToEmployeeId, version = version + 1
                 WHERE id = @ShiftId AND employee_id = @FromEmployeeId
                   AND NOT EXISTS (SELECT 1 FROM timecards WHERE shift_id = @ShiftId)
                """, new { swap.ShiftId, swap.FromEmployeeId, swap.ToEmployeeId }, tx, cancellationToken: ct));
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ExclusionViolation)
            {
                return (SwapOutcome.Overlap, swap);
            }

            if (moved == 0)
            {
                return (SwapOutcome.ShiftChanged, swap);
            }
        }

        var decided = await c.QuerySingleAsync<SwapRow>(new CommandDefinition($"""
            UPDATE swap_requests SET status = @status, decided_at = @now, decided_by = @by WHERE id = @id RETURNING {SwapColumns}
            """, new { id, status = approve ? Domain.SwapStatus.Approved : Domain.SwapStatus.Declined, now = now.Utc(), by }, tx, cancellationToken: ct));
        var told = (await c.QueryAsync<Guid>(new CommandDefinition(
            "SELECT user_id FROM employees WHERE id IN (@FromEmployeeId, @ToEmployeeId) AND user_id IS NOT NULL", swap, tx, cancellationToken: ct))).ToList();
        var workDate = await c.ExecuteScalarAsync<string>(new CommandDefinition(
            "SELECT work_date::text FROM shifts WHERE id = @ShiftId", swap, tx, cancellationToken: ct));
        await outbox.AddAsync(c, tx, Notices.SwapDecided(swap.RestaurantId, told, approve, workDate!, now.Utc()), ct);
        await tx.CommitAsync(ct);
        return (SwapOutcome.Done, decided);
    }

    public async Task SaveBudgetAsync(Guid restaurantId, LocalDate day, long forecastSales, decimal? targetPercent, Instant now, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        await c.ExecuteAsync(new CommandDefinition("""
            INSERT INTO budgets (restaurant_id, day, forecast_sales, target_percent, updated_at) VALUES (@restaurantId, @day::date, @forecastSales, @targetPercent, @now)
            ON CONFLICT (restaurant_id, day) DO UPDATE SET forecast_sales = EXCLUDED.forecast_sales, target_percent = EXCLUDED.target_percent, updated_at = EXCLUDED.updated_at
            """, new { restaurantId, day = day.Text(), forecastSales, targetPercent, now = now.Utc() }, cancellationToken: ct));
    }

    public async Task<IReadOnlyList<BudgetRow>> BudgetsAsync(Guid restaurantId, LocalDate from, LocalDate to, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return (await c.QueryAsync<BudgetRow>(new CommandDefinition("""
            SELECT day::text AS Day, forecast_sales AS ForecastSales, target_percent AS TargetPercent FROM budgets
             WHERE restaurant_id = @restaurantId AND day BETWEEN @from::date AND @to::date
            """, new { restaurantId, from = from.Text(), to = to.Text() }, cancellationToken: ct))).ToList();
    }
}

using System.Text.Json;
using Brigade.Contracts.Staff;
using Brigade.Messaging;
using Brigade.Staff.Domain;
using Dapper;
using NodaTime;
using Npgsql;

namespace Brigade.Staff.Data;

public enum PayrollOutcome
{
    Done,
    NotFound,
    Closed,
    Stale,

    /// <summary>A payslip pays less than the year's minimum wage (최저임금법 제6조): fix the wage and recompute first.</summary>
    BelowMinimumWage,

    /// <summary>Time in the period is still running or waits for approval: closing now would leave it unpaid.</summary>
    UnapprovedTime,
}

/// <summary>What a month's payroll is computed from.</summary>
public sealed record PayrollInputs(IReadOnlyList<PayrollEmployee> Employees, IReadOnlyList<ApprovedCard> Cards, IReadOnlyList<ScheduledDay> Schedule, int UnapprovedCards);

/// <summary>Monthly payrolls: a draft recomputed on demand from approved time, then closed for good with its event.</summary>
public sealed class PayrollStore(NpgsqlDataSource db, IOutbox outbox)
{
    private const string Columns = """
        id, restaurant_id, month, period_start::text AS period_start, period_end::text AS period_end, status, employees, gross, currency,
        small_workplace, created_at, closed_at, version
        """;

    /// <summary>Approved time from <paramref name="from"/> (the Monday of the month's first week) to the month's end, the published shifts, the employees.</summary>
    public async Task<PayrollInputs> InputsAsync(Guid restaurantId, LocalDate from, LocalDate to, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        var args = new { restaurantId, from = from.Text(), to = to.Text() };
        var employees = (await c.QueryAsync<EmployeeRow>(new CommandDefinition(
            $"""
            SELECT {EmployeeStore.Columns} FROM employees
             WHERE restaurant_id = @restaurantId
               AND ((contract_start <= @to::date AND (contract_end IS NULL OR contract_end >= @from::date))
                    OR id IN (SELECT employee_id FROM timecards WHERE restaurant_id = @restaurantId AND status = 'approved' AND work_date BETWEEN @from::date AND @to::date))
            """,
            args, cancellationToken: ct))).ToList();
        var cards = (await c.QueryAsync<TimecardRow>(new CommandDefinition("""
            SELECT id, restaurant_id, employee_id, work_date::text AS work_date, clock_in, clock_out, status, version FROM timecards
             WHERE restaurant_id = @restaurantId AND status = 'approved' AND work_date BETWEEN @from::date AND @to::date
            """, args, cancellationToken: ct))).ToList();
        await TimecardStore.AttachBreaksAsync(c, null, cards, ct);
        var shifts = await c.QueryAsync<(Guid EmployeeId, string WorkDate, int Minutes)>(new CommandDefinition("""
            SELECT employee_id, work_date::text, greatest(0, (extract(epoch FROM ends_at - starts_at) / 60)::int - break_minutes)
              FROM shifts WHERE restaurant_id = @restaurantId AND status = 'published' AND work_date BETWEEN @from::date AND @to::date
            """, args, cancellationToken: ct));
        var unapproved = await c.ExecuteScalarAsync<int>(new CommandDefinition("""
            SELECT count(*)::int FROM timecards WHERE restaurant_id = @restaurantId AND status <> 'approved' AND work_date BETWEEN @from::date AND @to::date
            """, args, cancellationToken: ct));
        return new PayrollInputs(
            employees.Where(e => e.Status == "active" || cards.Any(x => x.EmployeeId == e.Id))
                .Select(e => new PayrollEmployee(e.Id, e.Name, e.PayKind, e.PayRate, e.WeeklyMinutes)).ToList(),
            cards.Select(x => new ApprovedCard(x.EmployeeId, Times.ParseDate(x.WorkDate), x.ClockIn.ToInstant(), x.ClockOut!.Value.ToInstant(),
                x.Breaks.Select(b => b.Span).ToList())).ToList(),
            shifts.Select(s => new ScheduledDay(s.EmployeeId, Times.ParseDate(s.WorkDate), s.Minutes)).ToList(),
            unapproved);
    }

    /// <summary>Saves the month's draft (replacing an earlier draft's payslips); a closed month stays as it was.</summary>
    public async Task<(PayrollOutcome, PayrollRow?)> SaveDraftAsync(Guid restaurantId, YearMonth month, bool smallWorkplace, IReadOnlyList<PayslipDraft> slips, Instant now, CancellationToken ct)
    {
        var (first, last, _) = PayrollRun.Period(month);
        await using var c = await db.OpenConnectionAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        var key = month.ToString("yyyy-MM", null);
        var id = await c.QuerySingleOrDefaultAsync<Guid?>(new CommandDefinition("""
            INSERT INTO payrolls (id, restaurant_id, month, period_start, period_end, status, employees, gross, currency, small_workplace, created_at, updated_at)
            VALUES (@id, @restaurantId, @key, @first::date, @last::date, 'draft', @employees, @gross, 'KRW', @smallWorkplace, @now, @now)
            ON CONFLICT (restaurant_id, month) DO UPDATE SET employees = EXCLUDED.employees, gross = EXCLUDED.gross, small_workplace = EXCLUDED.small_workplace,
                updated_at = EXCLUDED.updated_at, version = payrolls.version + 1
             WHERE payrolls.status = 'draft'
            RETURNING id
            """, new
        {
            id = Guid.CreateVersion7(), restaurantId, key, first = first.Text(), last = last.Text(), employees = slips.Count,
            gross = slips.Sum(s => s.Lines.Gross), smallWorkplace, now = now.Utc(),
        }, tx, cancellationToken: ct));
        if (id is null)
        {
            return (PayrollOutcome.Closed, await FindAsync(c, tx, restaurantId, key, ct));
        }

        await c.ExecuteAsync(new CommandDefinition("DELETE FROM payslips WHERE payroll_id = @id", new { id }, tx, cancellationToken: ct));
        foreach (var s in slips)
        {
            await c.ExecuteAsync(new CommandDefinition("""
                INSERT INTO payslips (payroll_id, employee_id, employee_name, pay_kind, lines, gross, below_minimum)
                VALUES (@id, @EmployeeId, @EmployeeName, @PayKind, @lines::jsonb, @gross, @below)
                """, new { id, s.EmployeeId, s.EmployeeName, s.PayKind, lines = JsonSerializer.Serialize(s.Lines, JsonSerializerOptions.Web), gross = s.Lines.Gross, below = s.Lines.BelowMinimumWage },
                tx, cancellationToken: ct));
        }

        var row = await FindAsync(c, tx, restaurantId, key, ct);
        await tx.CommitAsync(ct);
        return (PayrollOutcome.Done, row);
    }

    public async Task<PayrollRow?> FindAsync(Guid id, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return await c.QuerySingleOrDefaultAsync<PayrollRow>(new CommandDefinition($"SELECT {Columns} FROM payrolls WHERE id = @id", new { id }, cancellationToken: ct));
    }

    /// <summary>Timecards of the payroll's month still running or waiting for approval.</summary>
    public async Task<int> UnapprovedAsync(PayrollRow p, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return await c.ExecuteScalarAsync<int>(new CommandDefinition("""
            SELECT count(*)::int FROM timecards WHERE restaurant_id = @RestaurantId AND status <> 'approved' AND work_date BETWEEN @PeriodStart::date AND @PeriodEnd::date
            """, new { p.RestaurantId, p.PeriodStart, p.PeriodEnd }, cancellationToken: ct));
    }

    public async Task<IReadOnlyList<PayslipRow>> PayslipsAsync(Guid payrollId, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return (await c.QueryAsync<PayslipRow>(new CommandDefinition("""
            SELECT employee_id AS EmployeeId, employee_name AS EmployeeName, pay_kind AS PayKind, lines::text AS Lines, gross AS Gross, below_minimum AS BelowMinimum
              FROM payslips WHERE payroll_id = @payrollId ORDER BY employee_name, employee_id
            """, new { payrollId }, cancellationToken: ct))).ToList();
    }

    /// <summary>Closes a draft at the version the closer saw; its payslips become final and <c>staff.payroll.closed</c> is announced.</summary>
    public async Task<(PayrollOutcome, PayrollRow?)> CloseAsync(Guid id, int? expectedVersion, Guid by, Instant now, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        var current = await c.QuerySingleOrDefaultAsync<PayrollRow>(new CommandDefinition(
            $"SELECT {Columns} FROM payrolls WHERE id = @id FOR UPDATE", new { id }, tx, cancellationToken: ct));
        if (current is null)
        {
            return (PayrollOutcome.NotFound, null);
        }

        if (current.Status != "draft")
        {
            return (PayrollOutcome.Closed, current);
        }

        if (expectedVersion is { } v && v != current.Version)
        {
            return (PayrollOutcome.Stale, current);
        }

        var (below, unapproved) = await c.QuerySingleAsync<(bool, bool)>(new CommandDefinition("""
            SELECT EXISTS (SELECT 1 FROM payslips WHERE payroll_id = @id AND below_minimum),
                   EXISTS (SELECT 1 FROM timecards WHERE restaurant_id = @RestaurantId AND status <> 'approved'
                              AND work_date BETWEEN @PeriodStart::date AND @PeriodEnd::date)
            """, new { id, current.RestaurantId, current.PeriodStart, current.PeriodEnd }, tx, cancellationToken: ct));
        if (below)
        {
            return (PayrollOutcome.BelowMinimumWage, current);
        }

        if (unapproved)
        {
            return (PayrollOutcome.UnapprovedTime, current);
        }

        await c.ExecuteAsync(new CommandDefinition(
            "UPDATE payrolls SET status = 'closed', closed_at = @now, closed_by = @by, updated_at = @now, version = version + 1 WHERE id = @id",
            new { id, now = now.Utc(), by }, tx, cancellationToken: ct));
        var row = await c.QuerySingleAsync<PayrollRow>(new CommandDefinition($"SELECT {Columns} FROM payrolls WHERE id = @id", new { id }, tx, cancellationToken: ct));
        await outbox.AddAsync(c, tx, new PayrollClosed(id, row.RestaurantId, row.PeriodStart, row.PeriodEnd, row.Employees, row.Gross, row.Currency, now.Utc()), ct);
        await tx.CommitAsync(ct);
        return (PayrollOutcome.Done, row);
    }

    private static Task<PayrollRow?> FindAsync(NpgsqlConnection c, NpgsqlTransaction tx, Guid restaurantId, string month, CancellationToken ct) =>
        c.QuerySingleOrDefaultAsync<PayrollRow?>(new CommandDefinition(
            $"SELECT {Columns} FROM payrolls WHERE restaurant_id = @restaurantId AND month = @month", new { restaurantId, month }, tx, cancellationToken: ct));
}

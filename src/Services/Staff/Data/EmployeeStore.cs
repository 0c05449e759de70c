using Dapper;
using NodaTime;
using Npgsql;

namespace Brigade.Staff.Data;

public enum SaveOutcome
{
    Saved,
    NotFound,
    Stale,
    Duplicate,
}

/// <summary>Employee records of each restaurant, linked to identity accounts by user id.</summary>
public sealed class EmployeeStore(NpgsqlDataSource db)
{
    internal const string Columns = """
        id, restaurant_id, user_id, name, position, employment_type, pay_kind, pay_rate, currency, weekly_minutes,
        contract_start::text AS contract_start, contract_end::text AS contract_end,
        health_certificate_expires_on::text AS health_certificate_expires_on, status, created_at, version
        """;

    public async Task<(SaveOutcome, EmployeeRow?)> CreateAsync(Guid restaurantId, EmployeeSpec s, Instant now, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        try
        {
            var row = await c.QuerySingleAsync<EmployeeRow>(new CommandDefinition($"""
                INSERT INTO employees (id, restaurant_id, user_id, name, position, employment_type, pay_kind, pay_rate, currency, weekly_minutes,
                    contract_start, contract_end, health_certificate_expires_on, status, created_at, updated_at)
                VALUES (@id, @restaurantId, @UserId, @Name, @Position, @EmploymentType, @PayKind, @PayRate, 'KRW', @WeeklyMinutes,
                    @start::date, @end::date, @health::date, @Status, @now, @now)
                RETURNING {Columns}
                """, Args(s, new { id = Guid.CreateVersion7(), restaurantId, now = now.Utc() }), cancellationToken: ct));
            return (SaveOutcome.Saved, row);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            return (SaveOutcome.Duplicate, null);
        }
    }

    public async Task<(SaveOutcome, EmployeeRow?)> UpdateAsync(Guid id, EmployeeSpec s, int? expectedVersion, Instant now, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        try
        {
            var row = await c.QuerySingleOrDefaultAsync<EmployeeRow>(new CommandDefinition($"""
                UPDATE employees SET user_id = @UserId, name = @Name, position = @Position, employment_type = @EmploymentType, pay_kind = @PayKind,
                    pay_rate = @PayRate, weekly_minutes = @WeeklyMinutes, contract_start = @start::date, contract_end = @end::date,
                    health_certificate_expires_on = @health::date, status = @Status, updated_at = @now, version = version + 1
                 WHERE id = @id AND (@expected::int IS NULL OR version = @expected)
                RETURNING {Columns}
                """, Args(s, new { id, now = now.Utc(), expected = expectedVersion }), cancellationToken: ct));
            return row is null ? (await FindAsync(id, ct) is null ? SaveOutcome.NotFound : SaveOutcome.Stale, null) : (SaveOutcome.Saved, row);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            return (SaveOutcome.Duplicate, null);
        }
    }

    public async Task<EmployeeRow?> FindAsync(Guid id, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return await c.QuerySingleOrDefaultAsync<EmployeeRow>(new CommandDefinition(
            $"SELECT {Columns} FROM employees WHERE id = @id", new { id }, cancellationToken: ct));
    }

    public async Task<EmployeeRow?> FindByUserAsync(Guid restaurantId, Guid userId, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return await c.QuerySingleOrDefaultAsync<EmployeeRow>(new CommandDefinition(
            $"SELECT {Columns} FROM employees WHERE restaurant_id = @restaurantId AND user_id = @userId", new { restaurantId, userId }, cancellationToken: ct));
    }

    public async Task<IReadOnlyList<EmployeeRow>> ListAsync(Guid restaurantId, bool includeEnded, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return (await c.QueryAsync<EmployeeRow>(new CommandDefinition(
            $"SELECT {Columns} FROM employees WHERE restaurant_id = @restaurantId AND (@includeEnded OR status = 'active') ORDER BY name, id",
            new { restaurantId, includeEnded }, cancellationToken: ct))).ToList();
    }

    private static DynamicParameters Args(EmployeeSpec s, object extra)
    {
        var p = new DynamicParameters(extra);
        p.AddDynamicParams(new
        {
            s.UserId, s.Name, s.Position, s.EmploymentType, s.PayKind, s.PayRate, s.WeeklyMinutes, s.Status,
            start = s.ContractStart.Text(), end = s.ContractEnd?.Text(), health = s.HealthCertificateExpiresOn?.Text(),
        });
        return p;
    }
}

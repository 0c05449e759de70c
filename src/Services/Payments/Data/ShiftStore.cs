using Brigade.Api;
using Brigade.Contracts.Jobs;
using Brigade.Messaging;
using Brigade.Payments.Domain;
using Dapper;
using NodaTime;
using Npgsql;

namespace Brigade.Payments.Data;

/// <summary>What an approved shift earned the worker: gross, the platform's fee, the tax withheld.</summary>
public sealed record ShiftEarning(Guid ApplicationId, long Gross, long Fee, long Withholding, long Net);

/// <summary>Approved shifts: the restaurant pays the wage, the worker is owed it less the fee and the tax (one entry per application).</summary>
public sealed class ShiftStore(LedgerStore ledger, IOutbox outbox)
{
    /// <summary>Books a completed shift in the handler's transaction; null when it was booked before.</summary>
    public Task<ShiftEarning?> RecordAsync(NpgsqlConnection c, NpgsqlTransaction tx, ShiftCompleted e, int feeBasisPoints, DateTimeOffset now, CancellationToken ct) =>
        BookAsync(c, tx, new Earned("shift", e.ApplicationId, e.JobId, e.RestaurantId, e.WorkerId, e.CheckedIn, e.Gross, e.Currency, e.ApprovedAt),
            feeBasisPoints, Notices.ShiftEarned, now, ct);

    /// <summary>
    /// Books the compensation jobs computed for a booked shift the restaurant cancelled late, in the handler's transaction;
    /// null when it was booked before. It is the worker's income for the shift's day, paid by the restaurant like a wage
    /// (taxed with that day's wages), but the platform takes no fee: no work was brokered.
    /// </summary>
    public Task<ShiftEarning?> CompensateAsync(NpgsqlConnection c, NpgsqlTransaction tx, ShiftCancelled e, DateTimeOffset now, CancellationToken ct) =>
        BookAsync(c, tx, new Earned("shift_compensation", e.ApplicationId, e.JobId, e.RestaurantId, e.WorkerId, e.Start, e.Compensation, e.Currency, e.CancelledAt),
            0, Notices.ShiftCompensated, now, ct);

    /// <summary>What a worker earned from one application: <paramref name="Day"/> decides the tax day.</summary>
    private sealed record Earned(string Kind, Guid ApplicationId, Guid JobId, Guid RestaurantId, Guid WorkerId, DateTimeOffset Day, long Gross, string Currency, DateTimeOffset ApprovedAt);

    private async Task<ShiftEarning?> BookAsync(NpgsqlConnection c, NpgsqlTransaction tx, Earned e, int feeBasisPoints, Func<long, string, Notice> notice,
        DateTimeOffset now, CancellationToken ct)
    {
        var day = Instant.FromDateTimeOffset(e.Day).InZone(RestaurantTime.DefaultZone).Date.ToDateOnly();

        // One tax day per worker and payer: shifts of that day are taxed together, one at a time.
        await c.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_xact_lock(hashtextextended(@key, 0))",
            new { key = $"shift-day {e.WorkerId} {e.RestaurantId} {day:yyyy-MM-dd}" }, tx, cancellationToken: ct));
        if (await c.ExecuteScalarAsync<bool>(new CommandDefinition(
                "SELECT EXISTS (SELECT 1 FROM shift_earnings WHERE application_id = @ApplicationId)", new { e.ApplicationId }, tx, cancellationToken: ct)))
        {
            return null;
        }

        var (wages, tax) = await c.QuerySingleAsync<(long Wages, long Tax)>(new CommandDefinition("""
            SELECT coalesce(sum(gross), 0)::bigint, coalesce(sum(withholding), 0)::bigint FROM shift_earnings
             WHERE worker_id = @WorkerId AND restaurant_id = @RestaurantId AND work_date = @day
            """, new { e.WorkerId, e.RestaurantId, day }, tx, cancellationToken: ct));
        var fee = MoneyRules.Fee(e.Gross, feeBasisPoints);
        var withholding = Math.Min(Withholding.ForShift(e.Gross, wages, tax), e.Gross - fee);
        await c.ExecuteAsync(new CommandDefinition("""
            INSERT INTO shift_earnings (application_id, job_id, restaurant_id, worker_id, work_date, gross, fee, withholding, currency, approved_at, created_at)
            VALUES (@ApplicationId, @JobId, @RestaurantId, @WorkerId, @day, @Gross, @fee, @withholding, @Currency, @approvedAt, @now)
            """, new { e.ApplicationId, e.JobId, e.RestaurantId, e.WorkerId, day, e.Gross, fee, withholding, e.Currency, approvedAt = e.ApprovedAt.ToUniversalTime(), now = now.ToUniversalTime() },
            tx, cancellationToken: ct));
        if (e.Gross > 0)
        {
            await ledger.PostAsync(c, tx, JournalEntry.Shift(e.Kind, e.ApplicationId, e.RestaurantId, e.WorkerId, e.Gross, fee, withholding, e.Currency,
                $"{e.Kind} {e.JobId} {day:yyyy-MM-dd}"), now, ct);
            await outbox.AddAsync(c, tx, NoticeRequests.For(notice(e.Gross - fee - withholding, e.Currency), [e.WorkerId], now), ct);
        }

        return new ShiftEarning(e.ApplicationId, e.Gross, fee, withholding, e.Gross - fee - withholding);
    }
}

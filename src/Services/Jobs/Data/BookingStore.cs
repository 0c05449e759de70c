using System.Text.Json;
using Brigade.Contracts.Jobs;
using Brigade.Data;
using Brigade.Jobs.Domain;
using Brigade.Messaging;
using Dapper;
using NodaTime;
using Npgsql;

namespace Brigade.Jobs.Data;

public enum BookingOutcome
{
    Done,

    /// <summary>The application's status changed meanwhile (another request or the clock moved it first).</summary>
    Stale,

    /// <summary>The worker already has an application for this posting.</summary>
    AlreadyApplied,

    /// <summary>Every place is taken, or the posting is no longer open.</summary>
    Full,

    /// <summary>The worker is booked on another shift that overlaps this one (the exclusion constraint refused it).</summary>
    Overlap,

    /// <summary>The shift has started: it can no longer be cancelled.</summary>
    Started,
}

/// <summary>How the service's settings shape a cancellation or no-show.</summary>
public sealed record PenaltySettings(int FreeHours, int PayPercent, int MinimumPayMinutes, Duration WorkerSuspension, Duration NoShowSuspension);

/// <summary>
/// Applications and the bookings they become. The database holds the rules that must survive concurrency: a posting's
/// places are taken with a conditional update (<c>filled &lt; headcount</c>, plus a CHECK), and no worker holds two
/// overlapping shifts (an exclusion constraint). Every transaction locks the posting before its applications, so racing
/// accepts, cancellations and a cancelled posting queue instead of deadlocking.
/// </summary>
public sealed class BookingStore(NpgsqlDataSource db, IOutbox outbox)
{
    private const string TakePlace = $"""
        WITH j AS (
            UPDATE jobs SET filled = filled + 1, status = CASE WHEN filled + 1 >= headcount THEN 'filled' ELSE status END,
                updated_at = @now, version = version + 1
            WHERE id = @jobId AND status = 'open' AND filled < headcount AND deleted_at IS NULL
            RETURNING *)
        {SqlJobs}
        """;

    private const string SqlJobs = "SELECT " + Sql.JobColumns + " FROM j j JOIN restaurants r ON r.id = j.restaurant_id";

    public async Task<ApplicationRow?> FindAsync(Guid id, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return await c.QuerySingleOrDefaultAsync<ApplicationRow>(new CommandDefinition($"{Sql.Applications()} WHERE a.id = @id", new { id }, cancellationToken: ct));
    }

    /// <summary>The caller's live application for a posting, if any.</summary>
    public async Task<ApplicationRow?> FindForWorkerAsync(Guid jobId, Guid workerId, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return await c.QuerySingleOrDefaultAsync<ApplicationRow>(new CommandDefinition($"""
            {Sql.Applications()} WHERE a.job_id = @jobId AND a.worker_id = @workerId ORDER BY a.applied_at DESC LIMIT 1
            """, new { jobId, workerId }, cancellationToken: ct));
    }

    /// <summary>
    /// What an application is decided on, in one round trip: the worker's standing with the restaurant (favourite, blocked),
    /// their record (suspension, credentials), and whether they hold a shift overlapping [start, end) (a courtesy check:
    /// the exclusion constraint decides at booking).
    /// </summary>
    public async Task<ApplicantFacts> ApplicantAsync(Guid restaurantId, Guid workerId, DateTimeOffset start, DateTimeOffset end, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        using var grid = await c.QueryMultipleAsync(new CommandDefinition($"""
            SELECT kind FROM roster WHERE restaurant_id = @restaurantId AND worker_id = @workerId;
            SELECT {WorkerStore.Columns} FROM workers w WHERE w.id = @workerId;
            SELECT EXISTS (SELECT 1 FROM applications WHERE worker_id = @workerId AND status IN ('accepted','checked_in','checked_out')
                             AND during && tstzrange(@start, @end, '[)'));
            """, new { restaurantId, workerId, start = start.ToUniversalTime(), end = end.ToUniversalTime() }, cancellationToken: ct));
        var kind = await grid.ReadSingleOrDefaultAsync<string?>();
        var worker = await grid.ReadSingleOrDefaultAsync<WorkerRow>();
        return new ApplicantFacts(kind, worker, await grid.ReadSingleAsync<bool>());
    }

    /// <summary>
    /// Records an application; with <paramref name="autoBook"/> it books the worker at once if a place is free (first come,
    /// first served: the conditional update on the posting decides), else nothing is written and the outcome is
    /// <see cref="BookingOutcome.Full"/>.
    /// </summary>
    public Task<(BookingOutcome Outcome, ApplicationRow? Application)> ApplyAsync(
        JobRow job, Guid workerId, string workerName, string? message, bool autoBook, Instant now, CancellationToken ct) =>
        Transactions.RetryOnConflictAsync(() => ApplyOnceAsync(job, workerId, workerName, message, autoBook, now, ct));

    private async Task<(BookingOutcome Outcome, ApplicationRow? Application)> ApplyOnceAsync(
        JobRow job, Guid workerId, string workerName, string? message, bool autoBook, Instant now, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        var current = job;
        if (autoBook)
        {
            var taken = await c.QuerySingleOrDefaultAsync<JobRow>(new CommandDefinition(TakePlace, new { jobId = job.Id, now = now.Utc() }, tx, cancellationToken: ct));
            if (taken is null)
            {
                await tx.RollbackAsync(ct);
                return (BookingOutcome.Full, null);
            }

            current = taken;
        }

        var id = Guid.CreateVersion7();
        ApplicationRow row;
        try
        {
            row = await c.QuerySingleAsync<ApplicationRow>(new CommandDefinition($"""
                WITH a AS (
                    INSERT INTO applications (id, job_id, restaurant_id, worker_id, worker_name, message, status, during, applied_at,
                        decided_at, accepted_by, updated_at)
                    VALUES (@id, @jobId, @restaurantId, @workerId, @workerName, @message, @status, tstzrange(@start, @end, '[)'), @now,
                        @decidedAt, @acceptedBy, @now)
                    RETURNING *)
                {Sql.Applications("a")}
                """, new
            {
                id, jobId = job.Id, restaurantId = job.RestaurantId, workerId, workerName, message,
                status = autoBook ? BookingStatus.Accepted : BookingStatus.Applied, start = job.StartsAt, end = job.EndsAt, now = now.Utc(),
                decidedAt = autoBook ? now.Utc() : (DateTimeOffset?)null, acceptedBy = autoBook ? "auto" : null,
            }, tx, cancellationToken: ct));
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.ExclusionViolation)
        {
            await tx.RollbackAsync(ct);
            return (e.SqlState == PostgresErrorCodes.UniqueViolation ? BookingOutcome.AlreadyApplied : BookingOutcome.Overlap, null);
        }

        await WorkerStore.RememberAsync(c, tx, workerId, workerName, now, ct);
        await outbox.AddAsync(c, tx, new ApplicationSubmitted(row.Id, job.Id, job.RestaurantId, workerId, job.Title, job.StartsAt, now.Utc()), ct);
        await outbox.NotifyRestaurantAsync(c, tx, Notices.ApplicationReceived(job.Facts, workerName, autoBook), job.RestaurantId, now, ct);
        if (autoBook)
        {
            await BookedAsync(c, tx, current, row, null, now, ct);
        }

        await tx.CommitAsync(ct);
        return (BookingOutcome.Done, row);
    }

    /// <summary>The employer books an applicant: a free place and no overlapping shift of the worker, or nothing changes.</summary>
    public Task<(BookingOutcome Outcome, ApplicationRow? Application)> AcceptAsync(ApplicationRow application, Guid decidedBy, Instant now, CancellationToken ct) =>
        Transactions.RetryOnConflictAsync(() => AcceptOnceAsync(application, decidedBy, now, ct));

    private async Task<(BookingOutcome Outcome, ApplicationRow? Application)> AcceptOnceAsync(ApplicationRow application, Guid decidedBy, Instant now, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        var job = await c.QuerySingleOrDefaultAsync<JobRow>(new CommandDefinition(TakePlace, new { jobId = application.JobId, now = now.Utc() }, tx, cancellationToken: ct));
        if (job is null)
        {
            await tx.RollbackAsync(ct);
            return (BookingOutcome.Full, null);
        }

        ApplicationRow? row;
        try
        {
            row = await c.QuerySingleOrDefaultAsync<ApplicationRow>(new CommandDefinition($"""
                WITH a AS (
                    UPDATE applications SET status = 'accepted', decided_at = @now, decided_by = @decidedBy, accepted_by = 'restaurant',
                        updated_at = @now, version = version + 1
                    WHERE id = @id AND status = 'applied' RETURNING *)
                {Sql.Applications("a")}
                """, new { application.Id, decidedBy, now = now.Utc() }, tx, cancellationToken: ct));
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ExclusionViolation)
        {
            await tx.RollbackAsync(ct);
            return (BookingOutcome.Overlap, null);
        }

        if (row is null)
        {
            await tx.RollbackAsync(ct);
            return (BookingOutcome.Stale, null);
        }

        await BookedAsync(c, tx, job, row, decidedBy, now, ct);
        await tx.CommitAsync(ct);
        return (BookingOutcome.Done, row);
    }

    /// <summary>Declined by the employer, or withdrawn by the worker, while still waiting.</summary>
    public async Task<ApplicationRow?> CloseAsync(ApplicationRow application, string to, Guid? decidedBy, string? reason, ShiftFacts facts, Instant now, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        var row = await c.QuerySingleOrDefaultAsync<ApplicationRow>(new CommandDefinition($"""
            WITH a AS (
                UPDATE applications SET status = @to, decided_at = @now, decided_by = @decidedBy, decline_reason = @reason,
                    updated_at = @now, version = version + 1
                WHERE id = @id AND status = 'applied' RETURNING *)
            {Sql.Applications("a")}
            """, new { application.Id, to, decidedBy, reason, now = now.Utc() }, tx, cancellationToken: ct));
        if (row is not null && to == BookingStatus.Declined)
        {
            await outbox.NotifyWorkerAsync(c, tx, Notices.Declined(facts), row.WorkerId, now, ct);
        }

        await tx.CommitAsync(ct);
        return row;
    }

    /// <summary>
    /// Cancels one booked shift before its start: the place opens again, and the terms apply (the worker's suspension, or
    /// the restaurant's compensation to the worker).
    /// </summary>
    public async Task<(BookingOutcome Outcome, ApplicationRow? Application)> CancelAsync(
        ApplicationRow application, string by, string? reason, CancellationTerms terms, Instant now, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        var job = await c.QuerySingleOrDefaultAsync<JobRow>(new CommandDefinition($"""
            WITH j AS (
                UPDATE jobs SET filled = filled - 1, status = CASE WHEN status = 'filled' THEN 'open' ELSE status END,
                    updated_at = @now, version = version + 1
                WHERE id = @jobId AND status IN ('open', 'filled') AND starts_at > @now AND filled > 0
                RETURNING *)
            {SqlJobs}
            """, new { jobId = application.JobId, now = now.Utc() }, tx, cancellationToken: ct));
        if (job is null)
        {
            await tx.RollbackAsync(ct);
            return (BookingOutcome.Started, null);
        }

        var row = await c.QuerySingleOrDefaultAsync<ApplicationRow>(new CommandDefinition($"""
            WITH a AS (
                UPDATE applications SET status = 'cancelled', cancelled_at = @now, cancelled_by = @by, cancel_reason = @reason,
                    late_cancel = @Late, compensation = @Compensation, updated_at = @now, version = version + 1
                WHERE id = @id AND status = 'accepted' RETURNING *)
            {Sql.Applications("a")}
            """, new { application.Id, by, reason, terms.Late, terms.Compensation, now = now.Utc() }, tx, cancellationToken: ct));
        if (row is null)
        {
            await tx.RollbackAsync(ct);
            return (BookingOutcome.Stale, null);
        }

        await RecordCancellationAsync(c, tx, outbox, job, row, by, terms, now, ct);
        await outbox.JobChangedAsync(c, tx, job, now, ct);
        await tx.CommitAsync(ct);
        return (BookingOutcome.Done, row);
    }

    /// <summary>The penalty, the event payments and chat read, and a word to the other side, for one cancelled booking.</summary>
    internal static async Task RecordCancellationAsync(
        NpgsqlConnection c, NpgsqlTransaction tx, IOutbox outbox, JobRow job, ApplicationRow a, string by, CancellationTerms terms, Instant now, CancellationToken ct)
    {
        if (terms.Late)
        {
            var until = terms.Suspension is { } s ? (now + s).Utc() : (DateTimeOffset?)null;
            await c.ExecuteAsync(new CommandDefinition("""
                INSERT INTO penalties (id, application_id, party, kind, worker_id, restaurant_id, compensation, currency, suspended_until, created_at)
                VALUES (@penaltyId, @Id, @by, 'late_cancel', @WorkerId, @RestaurantId, @Compensation, @currency, @until, @now)
                """, new { penaltyId = Guid.CreateVersion7(), a.Id, by, a.WorkerId, a.RestaurantId, terms.Compensation, currency = job.Currency, until, now = now.Utc() },
                tx, cancellationToken: ct));
            if (by == Party.Worker)
            {
                await WorkerStore.PenaliseAsync(c, tx, a.WorkerId, until, noShow: false, now, ct);
            }
        }

        await outbox.AddAsync(c, tx, new ShiftCancelled(a.Id, job.Id, job.RestaurantId, a.WorkerId, by, terms.Late, terms.Compensation, job.Currency,
            job.StartsAt, now.Utc()), ct);
        if (by == Party.Worker)
        {
            await outbox.NotifyRestaurantAsync(c, tx, Notices.CancelledByWorker(job.Facts, a.WorkerName, terms.Late), job.RestaurantId, now, ct);
        }
        else
        {
            await outbox.NotifyWorkerAsync(c, tx, Notices.CancelledByRestaurant(job.Facts, terms.Compensation), a.WorkerId, now, ct);
        }
    }

    public async Task<ApplicationRow?> ReconfirmAsync(Guid id, Instant now, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return await c.QuerySingleOrDefaultAsync<ApplicationRow>(new CommandDefinition($"""
            WITH a AS (
                UPDATE applications SET reconfirmed_at = @now, updated_at = @now, version = version + 1
                WHERE id = @id AND status = 'accepted' AND upper(during) > @now RETURNING *)
            {Sql.Applications("a")}
            """, new { id, now = now.Utc() }, cancellationToken: ct));
    }

    public async Task<ApplicationRow?> CheckInAsync(Guid id, int meters, Instant now, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return await c.QuerySingleOrDefaultAsync<ApplicationRow>(new CommandDefinition($"""
            WITH a AS (
                UPDATE applications SET status = 'checked_in', checked_in_at = @now, check_in_meters = @meters, updated_at = @now, version = version + 1
                WHERE id = @id AND status = 'accepted' RETURNING *)
            {Sql.Applications("a")}
            """, new { id, meters, now = now.Utc() }, cancellationToken: ct));
    }

    /// <summary>Checks out and opens the timesheet the employer approves or adjusts before <paramref name="dueAt"/>.</summary>
    public async Task<ApplicationRow?> CheckOutAsync(ApplicationRow a, JobRow job, int meters, Instant now, Instant dueAt, CancellationToken ct)
    {
        var paid = Timesheet.PaidMinutes(Instant.FromDateTimeOffset(a.CheckedInAt!.Value), now, job.Start, job.End, job.BreakMinutes);
        await using var c = await db.OpenConnectionAsync(ct);
        return await c.QuerySingleOrDefaultAsync<ApplicationRow>(new CommandDefinition($"""
            WITH a AS (
                UPDATE applications SET status = 'checked_out', checked_out_at = @now, check_out_meters = @meters, timesheet_status = 'pending',
                    break_minutes = @breakMinutes, paid_minutes = @paid, gross = @gross, timesheet_due_at = @dueAt, updated_at = @now, version = version + 1
                WHERE id = @id AND status = 'checked_in' RETURNING *)
            {Sql.Applications("a")}
            """, new { a.Id, meters, breakMinutes = job.BreakMinutes, paid, gross = Timesheet.Gross(paid, job.HourlyWage), dueAt = dueAt.Utc(), now = now.Utc() },
            cancellationToken: ct));
    }

    /// <summary>The worker did not come: recorded, suspended until <paramref name="suspendedUntil"/>, and told.</summary>
    public async Task<ApplicationRow?> NoShowAsync(ApplicationRow a, JobRow job, Instant suspendedUntil, Instant now, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        var row = await c.QuerySingleOrDefaultAsync<ApplicationRow>(new CommandDefinition($"""
            WITH a AS (
                UPDATE applications SET status = 'no_show', updated_at = @now, version = version + 1
                WHERE id = @id AND status = 'accepted' RETURNING *)
            {Sql.Applications("a")}
            """, new { a.Id, now = now.Utc() }, tx, cancellationToken: ct));
        if (row is null)
        {
            return null;
        }

        await c.ExecuteAsync(new CommandDefinition("""
            INSERT INTO penalties (id, application_id, party, kind, worker_id, restaurant_id, currency, suspended_until, created_at)
            VALUES (@penaltyId, @Id, 'worker', 'no_show', @WorkerId, @RestaurantId, @currency, @until, @now)
            """, new { penaltyId = Guid.CreateVersion7(), a.Id, a.WorkerId, a.RestaurantId, currency = job.Currency, until = suspendedUntil.Utc(), now = now.Utc() },
            tx, cancellationToken: ct));
        await WorkerStore.PenaliseAsync(c, tx, a.WorkerId, suspendedUntil.Utc(), noShow: true, now, ct);
        await outbox.NotifyWorkerAsync(c, tx, Notices.NoShow(job.Facts, suspendedUntil), a.WorkerId, now, ct);
        await tx.CommitAsync(ct);
        return row;
    }

    /// <summary>
    /// Approves a pending timesheet as it stands or as adjusted (times and break set by the employer, with a note), and
    /// announces the worked shift: payments credits the worker's wallet, staff records the hours.
    /// </summary>
    public async Task<ApplicationRow?> ApproveAsync(
        Guid id, JobRow job, string by, Guid? approverId, TimesheetAdjustment? adjustment, Instant now, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        var row = await ApproveAsync(c, tx, id, job, by, approverId, adjustment, now, ct);
        await tx.CommitAsync(ct);
        return row;
    }

    private async Task<ApplicationRow?> ApproveAsync(
        NpgsqlConnection c, NpgsqlTransaction tx, Guid id, JobRow job, string by, Guid? approverId, TimesheetAdjustment? adj, Instant now, CancellationToken ct)
    {
        int? paid = adj is null ? null : Timesheet.AdjustedPaidMinutes(adj.CheckedIn, adj.CheckedOut, adj.BreakMinutes);
        var row = await c.QuerySingleOrDefaultAsync<ApplicationRow>(new CommandDefinition($"""
            WITH a AS (
                UPDATE applications SET timesheet_status = 'approved', approved_at = @now, approved_by = @by, approver_id = @approverId,
                    adjusted = @adjusted, adjustment_note = @note,
                    checked_in_at = COALESCE(@checkedIn, checked_in_at), checked_out_at = COALESCE(@checkedOut, checked_out_at),
                    break_minutes = COALESCE(@breakMinutes, break_minutes), paid_minutes = COALESCE(@paid, paid_minutes),
                    gross = COALESCE(@gross, gross), updated_at = @now, version = version + 1
                WHERE id = @id AND timesheet_status = 'pending' RETURNING *)
            {Sql.Applications("a")}
            """, new
        {
            id, by, approverId, adjusted = adj is not null, note = adj?.Note, checkedIn = adj?.CheckedIn.Utc(), checkedOut = adj?.CheckedOut.Utc(),
            breakMinutes = adj?.BreakMinutes, paid, gross = paid is { } p ? Timesheet.Gross(p, job.HourlyWage) : (long?)null, now = now.Utc(),
        }, tx, cancellationToken: ct));
        if (row is null)
        {
            return null;
        }

        await c.ExecuteAsync(new CommandDefinition(
            "UPDATE workers SET completed_shifts = completed_shifts + 1, updated_at = @now WHERE id = @WorkerId",
            new { row.WorkerId, now = now.Utc() }, tx, cancellationToken: ct));
        await outbox.AddAsync(c, tx, new ShiftCompleted(row.Id, row.JobId, row.RestaurantId, row.WorkerId, row.CheckedInAt!.Value, row.CheckedOutAt!.Value,
            row.PaidMinutes ?? 0, job.HourlyWage, row.Gross ?? 0, job.Currency, now.Utc()), ct);
        return row;
    }

    /// <summary>One side rates the other after a worked shift, once; the averages employers and workers see move with it.</summary>
    public async Task<bool> RateAsync(ApplicationRow a, string rater, int score, string? comment, Guid ratedBy, Instant now, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        var added = await c.ExecuteAsync(new CommandDefinition("""
            INSERT INTO ratings (application_id, rater, score, comment, rated_by, created_at) VALUES (@Id, @rater, @score, @comment, @ratedBy, @now)
            ON CONFLICT DO NOTHING
            """, new { a.Id, rater, score, comment, ratedBy, now = now.Utc() }, tx, cancellationToken: ct));
        if (added == 0)
        {
            return false;
        }

        await c.ExecuteAsync(new CommandDefinition(rater == Party.Worker
            ? "UPDATE restaurants SET rating_sum = rating_sum + @score, rating_count = rating_count + 1 WHERE id = @RestaurantId"
            : "UPDATE workers SET rating_sum = rating_sum + @score, rating_count = rating_count + 1 WHERE id = @WorkerId",
            new { score, a.RestaurantId, a.WorkerId }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        return true;
    }

    /// <summary>A posting's applications (with each worker's record), in the order they came; keyset-paged.</summary>
    public async Task<IReadOnlyList<(ApplicationRow Application, WorkerRow Worker)>> ListForJobAsync(
        Guid jobId, string? status, (DateTimeOffset At, Guid Id)? after, int take, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        var rows = await c.QueryAsync<ApplicationRow, WorkerRow, (ApplicationRow, WorkerRow)>(new CommandDefinition($"""
            SELECT {Sql.ApplicationColumns}, {WorkerStore.Columns}
              FROM applications a JOIN workers w ON w.id = a.worker_id
             WHERE a.job_id = @jobId AND (@status::text IS NULL OR a.status = @status)
               AND (@afterAt::timestamptz IS NULL OR (a.applied_at, a.id) > (@afterAt, @afterId))
             ORDER BY a.applied_at, a.id LIMIT @take
            """, new { jobId, status, afterAt = after?.At.ToUniversalTime(), afterId = after?.Id ?? Guid.Empty, take }, cancellationToken: ct),
            (a, w) => (a, w), splitOn: "worker_id_split");
        return rows.ToList();
    }

    /// <summary>A worker's applications and shifts with their postings, latest shift first; keyset-paged.</summary>
    public async Task<IReadOnlyList<(ApplicationRow Application, JobRow Job)>> ListForWorkerAsync(
        Guid workerId, IReadOnlyList<string> statuses, (DateTimeOffset Start, Guid Id)? after, int take, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        var rows = await c.QueryAsync<ApplicationRow, JobRow, (ApplicationRow, JobRow)>(new CommandDefinition($"""
            SELECT {Sql.ApplicationColumns}, j.id AS job_split, {Sql.JobColumns}
              FROM applications a JOIN jobs j ON j.id = a.job_id JOIN restaurants r ON r.id = j.restaurant_id
             WHERE a.worker_id = @workerId AND (cardinality(@statuses::text[]) = 0 OR a.status = ANY(@statuses))
               AND (@afterStart::timestamptz IS NULL OR (lower(a.during), a.id) < (@afterStart, @afterId))
             ORDER BY lower(a.during) DESC, a.id DESC LIMIT @take
            """, new { workerId, statuses = statuses.ToArray(), afterStart = after?.Start.ToUniversalTime(), afterId = after?.Id ?? Guid.Empty, take },
            cancellationToken: ct), (a, j) => (a, j), splitOn: "job_split");
        return rows.ToList();
    }

    /// <summary>A restaurant's timesheets (pending first by due time, or approved), with their postings; keyset-paged.</summary>
    public async Task<IReadOnlyList<(ApplicationRow Application, JobRow Job)>> TimesheetsAsync(
        Guid restaurantId, string status, (DateTimeOffset At, Guid Id)? after, int take, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        var rows = await c.QueryAsync<ApplicationRow, JobRow, (ApplicationRow, JobRow)>(new CommandDefinition($"""
            SELECT {Sql.ApplicationColumns}, j.id AS job_split, {Sql.JobColumns}
              FROM applications a JOIN jobs j ON j.id = a.job_id JOIN restaurants r ON r.id = j.restaurant_id
             WHERE a.restaurant_id = @restaurantId AND a.timesheet_status = @status
               AND (@afterAt::timestamptz IS NULL OR (a.checked_out_at, a.id) > (@afterAt, @afterId))
             ORDER BY a.checked_out_at, a.id LIMIT @take
            """, new { restaurantId, status, afterAt = after?.At.ToUniversalTime(), afterId = after?.Id ?? Guid.Empty, take },
            cancellationToken: ct), (a, j) => (a, j), splitOn: "job_split");
        return rows.ToList();
    }

    /// <summary>Asks booked workers whose shift starts within <paramref name="ahead"/> to reconfirm, once each.</summary>
    public async Task<int> RequestReconfirmationsAsync(Instant now, Duration ahead, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        var due = (await c.QueryAsync<ApplicationRow, JobRow, (ApplicationRow, JobRow)>(new CommandDefinition($"""
            WITH a AS (
                UPDATE applications SET reconfirm_requested_at = @now, updated_at = @now
                WHERE id IN (SELECT id FROM applications
                              WHERE status = 'accepted' AND reconfirm_requested_at IS NULL AND lower(during) > @now AND lower(during) <= @until
                              ORDER BY lower(during) LIMIT 200 FOR UPDATE SKIP LOCKED)
                RETURNING *)
            SELECT {Sql.ApplicationColumns}, j.id AS job_split, {Sql.JobColumns}
              FROM a JOIN jobs j ON j.id = a.job_id JOIN restaurants r ON r.id = j.restaurant_id
            """, new { now = now.Utc(), until = (now + ahead).Utc() }, tx, cancellationToken: ct), (a, j) => (a, j), splitOn: "job_split")).ToList();
        foreach (var (a, job) in due.Where(d => d.Item1.ReconfirmedAt is null))
        {
            await outbox.NotifyWorkerAsync(c, tx, Notices.Reconfirm(job.Facts), a.WorkerId, now, ct);
        }

        await tx.CommitAsync(ct);
        return due.Count;
    }

    /// <summary>Workers still checked in <paramref name="after"/> past the scheduled end are checked out at the scheduled end.</summary>
    public async Task<int> AutoCheckOutAsync(Instant now, Duration after, Duration approvalWindow, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        var due = (await c.QueryAsync<ApplicationRow, JobRow, (ApplicationRow, JobRow)>(new CommandDefinition($"""
            SELECT {Sql.ApplicationColumns}, j.id AS job_split, {Sql.JobColumns}
              FROM applications a JOIN jobs j ON j.id = a.job_id JOIN restaurants r ON r.id = j.restaurant_id
             WHERE a.status = 'checked_in' AND upper(a.during) <= @cutoff
             ORDER BY upper(a.during) LIMIT 200 FOR UPDATE OF a SKIP LOCKED
            """, new { cutoff = (now - after).Utc() }, tx, cancellationToken: ct), (a, j) => (a, j), splitOn: "job_split")).ToList();
        foreach (var (a, job) in due)
        {
            var paid = Timesheet.PaidMinutes(Instant.FromDateTimeOffset(a.CheckedInAt!.Value), job.End, job.Start, job.End, job.BreakMinutes);
            await c.ExecuteAsync(new CommandDefinition("""
                UPDATE applications SET status = 'checked_out', checked_out_at = @end, auto_checked_out = true, timesheet_status = 'pending',
                    break_minutes = @breakMinutes, paid_minutes = @paid, gross = @gross, timesheet_due_at = @dueAt, updated_at = @now, version = version + 1
                WHERE id = @Id
                """, new { a.Id, end = job.EndsAt, breakMinutes = job.BreakMinutes, paid, gross = Timesheet.Gross(paid, job.HourlyWage), dueAt = (now + approvalWindow).Utc(), now = now.Utc() },
                tx, cancellationToken: ct));
        }

        await tx.CommitAsync(ct);
        return due.Count;
    }

    /// <summary>Timesheets the employer left past their deadline are approved as they stand.</summary>
    public async Task<int> AutoApproveAsync(Instant now, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        var due = (await c.QueryAsync<ApplicationRow, JobRow, (ApplicationRow, JobRow)>(new CommandDefinition($"""
            SELECT {Sql.ApplicationColumns}, j.id AS job_split, {Sql.JobColumns}
              FROM applications a JOIN jobs j ON j.id = a.job_id JOIN restaurants r ON r.id = j.restaurant_id
             WHERE a.timesheet_status = 'pending' AND a.timesheet_due_at <= @now
             ORDER BY a.timesheet_due_at LIMIT 200 FOR UPDATE OF a SKIP LOCKED
            """, new { now = now.Utc() }, tx, cancellationToken: ct), (a, j) => (a, j), splitOn: "job_split")).ToList();
        foreach (var (a, job) in due)
        {
            await ApproveAsync(c, tx, a.Id, job, "auto", null, null, now, ct);
        }

        await tx.CommitAsync(ct);
        return due.Count;
    }

    private async Task BookedAsync(NpgsqlConnection c, NpgsqlTransaction tx, JobRow job, ApplicationRow a, Guid? decidedBy, Instant now, CancellationToken ct)
    {
        var contacts = new List<Guid> { job.CreatedBy };
        if (decidedBy is { } d && d != job.CreatedBy)
        {
            contacts.Add(d);
        }

        await outbox.AddAsync(c, tx, new ApplicationAccepted(a.Id, job.Id, job.RestaurantId, a.WorkerId, contacts, job.Title, job.StartsAt, job.EndsAt, now.Utc()), ct);
        await outbox.JobChangedAsync(c, tx, job, now, ct);
        await outbox.NotifyWorkerAsync(c, tx, Notices.Accepted(job.Facts), a.WorkerId, now, ct);
    }
}

/// <summary>A worker's standing with a restaurant, their record, and whether they already hold an overlapping shift.</summary>
public sealed record ApplicantFacts(string? RosterKind, WorkerRow? Worker, bool Overlaps);

/// <summary>Times and break an employer sets on a timesheet, with the reason.</summary>
public sealed record TimesheetAdjustment(Instant CheckedIn, Instant CheckedOut, int BreakMinutes, string Note);

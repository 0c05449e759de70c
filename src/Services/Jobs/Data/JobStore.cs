using Brigade.Contracts.Jobs;
using Brigade.Jobs.Domain;
using Brigade.Messaging;
using Dapper;
using NodaTime;
using Npgsql;

namespace Brigade.Jobs.Data;

public enum ChangeOutcome
{
    Changed,

    /// <summary>Not there, or deleted.</summary>
    NotFound,

    /// <summary>The version the caller read is not the current one.</summary>
    Stale,

    /// <summary>The posting's status does not allow the change (or changed meanwhile).</summary>
    WrongStatus,

    /// <summary>Workers are booked: the change would alter what they agreed to.</summary>
    HasBookings,
}

/// <summary>The feed's filters and order; <see cref="Worker"/> sees its favourites-first postings and never its blockers'.</summary>
public sealed record FeedQuery(
    Guid? Worker,
    IReadOnlyList<string>? Categories,
    DateOnly? From,
    DateOnly? To,
    long? MinWage,
    (double Lat, double Lng)? Near,
    double? RadiusKm,
    Guid? RestaurantId,
    string Sort,
    FeedCursor? After,
    int Take);

/// <summary>The sort key of the last posting of a page: its start, distance or wage, and id.</summary>
public sealed record FeedCursor(DateTimeOffset? Start, double? Distance, long? Wage, Guid Id);

/// <summary>Postings: creation, changes, their lifecycle, and the feed. Every change announces itself through the outbox.</summary>
public sealed class JobStore(NpgsqlDataSource db, IOutbox outbox)
{
    public async Task<JobRow?> FindAsync(Guid id, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return await c.QuerySingleOrDefaultAsync<JobRow>(new CommandDefinition(
            $"{Sql.Jobs()} WHERE j.id = @id AND j.deleted_at IS NULL", new { id }, cancellationToken: ct));
    }

    /// <summary>A posting even when deleted (the applications it had still point at it).</summary>
    public async Task<JobRow?> FindIncludingDeletedAsync(Guid id, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return await c.QuerySingleOrDefaultAsync<JobRow>(new CommandDefinition($"{Sql.Jobs()} WHERE j.id = @id", new { id }, cancellationToken: ct));
    }

    /// <summary>
    /// Creates one posting per spec (several: a series sharing <paramref name="seriesId"/>) in one transaction, open unless
    /// <paramref name="draft"/>; an open posting is announced to search, and the restaurant's favourites are told first.
    /// </summary>
    public async Task<IReadOnlyList<JobRow>> CreateAsync(
        Guid restaurantId, IReadOnlyList<PostingSpec> specs, bool draft, Guid? seriesId, Guid createdBy, Instant now, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        // A head start only for someone: without favourite workers a posting is public at once, not hidden from everyone.
        var hasFavourites = await c.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT EXISTS (SELECT 1 FROM roster WHERE restaurant_id = @restaurantId AND kind = 'favourite')",
            new { restaurantId }, tx, cancellationToken: ct));
        var ids = new List<Guid>();
        foreach (var s in specs)
        {
            var id = Guid.CreateVersion7();
            ids.Add(id);
            await c.ExecuteAsync(new CommandDefinition("""
                INSERT INTO jobs (id, restaurant_id, series_id, title, category, description, work_date, starts_at, ends_at, time_zone,
                    hourly_wage, currency, headcount, address, lat, lng, contact_name, contact_phone, dress_code, requirements,
                    break_minutes, booking_mode, favourites_first_minutes, opened_at, public_at, status, attendance_secret,
                    created_by, created_at, updated_at)
                VALUES (@id, @restaurantId, @seriesId, @Title, @Category, @Description, @date::date, @startsAt, @endsAt, @TimeZone,
                    @HourlyWage, @Currency, @Headcount, @Address, @Lat, @Lng, @ContactName, @ContactPhone, @DressCode, @requirements,
                    @BreakMinutes, @BookingMode, @FavouritesFirstMinutes, @openedAt, @publicAt, @status, @secret,
                    @createdBy, @now, @now)
                """, new
            {
                id, restaurantId, seriesId, s.Title, s.Category, s.Description, date = s.Date.ToString("yyyy-MM-dd", null),
                startsAt = s.StartsAt.Utc(), endsAt = s.EndsAt.Utc(), s.TimeZone, s.HourlyWage, s.Currency, s.Headcount, s.Address, s.Lat, s.Lng,
                s.ContactName, s.ContactPhone, s.DressCode, requirements = s.Requirements.ToArray(), s.BreakMinutes, s.BookingMode,
                s.FavouritesFirstMinutes, openedAt = draft ? (DateTimeOffset?)null : now.Utc(),
                publicAt = draft ? (DateTimeOffset?)null : (now + Duration.FromMinutes(hasFavourites ? s.FavouritesFirstMinutes : 0)).Utc(),
                status = draft ? JobStatus.Draft : JobStatus.Open, secret = AttendanceCode.NewSecret(), createdBy, now = now.Utc(),
            }, tx, cancellationToken: ct));
        }

        var rows = (await c.QueryAsync<JobRow>(new CommandDefinition(
            $"{Sql.Jobs()} WHERE j.id = ANY(@ids) ORDER BY j.starts_at", new { ids = ids.ToArray() }, tx, cancellationToken: ct))).ToList();
        foreach (var row in rows)
        {
            await outbox.AddAsync(c, tx, new JobCreated(row.Snapshot(), now.Utc()), ct);
        }

        if (!draft)
        {
            await TellFavouritesAsync(c, tx, rows[0], now, ct);
        }

        await tx.CommitAsync(ct);
        return rows;
    }

    /// <summary>
    /// Replaces a posting's details if it is still editable and at <paramref name="expectedVersion"/> (when given). With
    /// workers booked, the time, the place and the requirements they agreed to stay, the wage may only rise and the
    /// headcount not drop below them (<see cref="ChangeOutcome.HasBookings"/>).
    /// </summary>
    public async Task<(ChangeOutcome Outcome, JobRow? Job)> UpdateAsync(Guid id, PostingSpec s, int? expectedVersion, Instant now, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        var current = await c.QuerySingleOrDefaultAsync<JobRow>(new CommandDefinition(
            $"{Sql.Jobs()} WHERE j.id = @id AND j.deleted_at IS NULL FOR UPDATE OF j", new { id }, tx, cancellationToken: ct));
        if (current is null)
        {
            return (ChangeOutcome.NotFound, null);
        }

        if (expectedVersion is { } v && v != current.Version)
        {
            return (ChangeOutcome.Stale, current);
        }

        if (!JobStatus.IsEditable(current.Status))
        {
            return (ChangeOutcome.WrongStatus, current);
        }

        if (current.Filled > 0 && !KeepsBookings(current, s))
        {
            return (ChangeOutcome.HasBookings, current);
        }

        var row = await c.QuerySingleAsync<JobRow>(new CommandDefinition($"""
            WITH j AS (
                UPDATE jobs SET title = @Title, category = @Category, description = @Description, work_date = @date::date,
                    starts_at = @startsAt, ends_at = @endsAt, hourly_wage = @HourlyWage, headcount = @Headcount, address = @Address,
                    lat = @Lat, lng = @Lng, contact_name = @ContactName, contact_phone = @ContactPhone, dress_code = @DressCode,
                    requirements = @requirements, break_minutes = @BreakMinutes, booking_mode = @BookingMode,
                    favourites_first_minutes = @FavouritesFirstMinutes,
                    status = CASE WHEN status IN ('open', 'filled') THEN (CASE WHEN filled >= @Headcount THEN 'filled' ELSE 'open' END) ELSE status END,
                    updated_at = @now, version = version + 1
                WHERE id = @id RETURNING *)
            {Sql.Jobs("j")}
            """, new
        {
            id, s.Title, s.Category, s.Description, date = s.Date.ToString("yyyy-MM-dd", null), startsAt = s.StartsAt.Utc(), endsAt = s.EndsAt.Utc(),
            s.HourlyWage, s.Headcount, s.Address, s.Lat, s.Lng, s.ContactName, s.ContactPhone, s.DressCode, requirements = s.Requirements.ToArray(),
            s.BreakMinutes, s.BookingMode, s.FavouritesFirstMinutes, now = now.Utc(),
        }, tx, cancellationToken: ct));

        // Waiting applicants apply to the posting's time as it is now.
        await c.ExecuteAsync(new CommandDefinition(
            "UPDATE applications SET during = tstzrange(@start, @end, '[)'), updated_at = @now WHERE job_id = @id AND status = 'applied'",
            new { id, start = row.StartsAt, end = row.EndsAt, now = now.Utc() }, tx, cancellationToken: ct));
        await outbox.JobChangedAsync(c, tx, row, now, ct);
        await tx.CommitAsync(ct);
        return (ChangeOutcome.Changed, row);
    }

    /// <summary>Booked workers keep the time, place and requirements they accepted, and at least their wage and places.</summary>
    internal static bool KeepsBookings(JobRow current, PostingSpec s) =>
        s.StartsAt == current.Start && s.EndsAt == current.End && s.HourlyWage >= current.HourlyWage && s.Headcount >= current.Filled
        && s.Address == current.Address && s.Lat.Equals(current.Lat) && s.Lng.Equals(current.Lng) && s.BreakMinutes == current.BreakMinutes
        && s.Requirements.All(current.Requirements.Contains);

    /// <summary>Opens a draft: search indexes it and the favourites get their head start from now.</summary>
    public async Task<(ChangeOutcome Outcome, JobRow? Job)> PublishAsync(Guid id, int? expectedVersion, Instant now, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        var row = await c.QuerySingleOrDefaultAsync<JobRow>(new CommandDefinition($"""
            WITH j AS (
                UPDATE jobs SET status = 'open', opened_at = @now,
                    public_at = @now + CASE WHEN EXISTS (SELECT 1 FROM roster r WHERE r.restaurant_id = jobs.restaurant_id AND r.kind = 'favourite')
                        THEN make_interval(mins => favourites_first_minutes) ELSE interval '0' END,
                    updated_at = @now, version = version + 1
                WHERE id = @id AND status = 'draft' AND deleted_at IS NULL AND (@expectedVersion::int IS NULL OR version = @expectedVersion)
                  AND starts_at > @now
                RETURNING *)
            {Sql.Jobs("j")}
            """, new { id, expectedVersion, now = now.Utc() }, tx, cancellationToken: ct));
        if (row is null)
        {
            return (ChangeOutcome.WrongStatus, null);
        }

        await outbox.JobChangedAsync(c, tx, row, now, ct);
        await TellFavouritesAsync(c, tx, row, now, ct);
        await tx.CommitAsync(ct);
        return (ChangeOutcome.Changed, row);
    }

    /// <summary>Deletes a posting nobody is booked on (soft: kept for the record); waiting applications expire; search drops it.</summary>
    public async Task<ChangeOutcome> DeleteAsync(Guid id, int? expectedVersion, Instant now, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        var current = await c.QuerySingleOrDefaultAsync<JobRow>(new CommandDefinition(
            $"{Sql.Jobs()} WHERE j.id = @id AND j.deleted_at IS NULL FOR UPDATE OF j", new { id }, tx, cancellationToken: ct));
        if (current is null)
        {
            return ChangeOutcome.NotFound;
        }

        if (expectedVersion is { } v && v != current.Version)
        {
            return ChangeOutcome.Stale;
        }

        if (current.Filled > 0 || current.Status is JobStatus.InProgress or JobStatus.Completed)
        {
            return ChangeOutcome.HasBookings;
        }

        await c.ExecuteAsync(new CommandDefinition("""
            UPDATE jobs SET deleted_at = @now, updated_at = @now, version = version + 1 WHERE id = @id;
            UPDATE applications SET status = 'expired', updated_at = @now, version = version + 1 WHERE job_id = @id AND status = 'applied';
            """, new { id, now = now.Utc() }, tx, cancellationToken: ct));
        await outbox.AddAsync(c, tx, new JobDeleted(id, current.RestaurantId, now.Utc()), ct);
        await tx.CommitAsync(ct);
        return ChangeOutcome.Changed;
    }

    /// <summary>
    /// Cancels a posting before it starts: every booked worker's shift is cancelled by the restaurant on
    /// <paramref name="terms"/> (compensation when late), waiting applications expire, and everyone booked is told.
    /// </summary>
    public async Task<(ChangeOutcome Outcome, JobRow? Job)> CancelAsync(
        Guid id, string? reason, Func<JobRow, CancellationTerms> terms, Instant now, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        var current = await c.QuerySingleOrDefaultAsync<JobRow>(new CommandDefinition(
            $"{Sql.Jobs()} WHERE j.id = @id AND j.deleted_at IS NULL FOR UPDATE OF j", new { id }, tx, cancellationToken: ct));
        if (current is null)
        {
            return (ChangeOutcome.NotFound, null);
        }

        if (!JobStatus.CanMove(current.Status, JobStatus.Cancelled))
        {
            return (ChangeOutcome.WrongStatus, current);
        }

        var t = terms(current);
        var row = await c.QuerySingleAsync<JobRow>(new CommandDefinition($"""
            WITH j AS (
                UPDATE jobs SET status = 'cancelled', cancel_reason = @reason, filled = 0, updated_at = @now, version = version + 1
                WHERE id = @id RETURNING *)
            {Sql.Jobs("j")}
            """, new { id, reason, now = now.Utc() }, tx, cancellationToken: ct));
        var booked = (await c.QueryAsync<ApplicationRow>(new CommandDefinition($"""
            WITH a AS (
                UPDATE applications SET status = 'cancelled', cancelled_at = @now, cancelled_by = 'restaurant', cancel_reason = @reason,
                    late_cancel = @Late, compensation = @Compensation, updated_at = @now, version = version + 1
                WHERE job_id = @id AND status = 'accepted' RETURNING *)
            {Sql.Applications("a")}
            """, new { id, reason, t.Late, t.Compensation, now = now.Utc() }, tx, cancellationToken: ct))).ToList();
        await c.ExecuteAsync(new CommandDefinition(
            "UPDATE applications SET status = 'expired', updated_at = @now, version = version + 1 WHERE job_id = @id AND status = 'applied'",
            new { id, now = now.Utc() }, tx, cancellationToken: ct));
        foreach (var a in booked)
        {
            await BookingStore.RecordCancellationAsync(c, tx, outbox, row, a, Party.Restaurant, t, now, ct);
        }

        await outbox.JobChangedAsync(c, tx, row, now, ct);
        await tx.CommitAsync(ct);
        return (ChangeOutcome.Changed, row);
    }

    /// <summary>How many postings by <paramref name="createdBy"/> at a restaurant have not started yet.</summary>
    public async Task<int> CountUpcomingAsync(Guid restaurantId, Guid createdBy, Instant now, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return await c.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT count(*) FROM jobs WHERE restaurant_id = @restaurantId AND created_by = @createdBy AND starts_at > @now AND deleted_at IS NULL",
            new { restaurantId, createdBy, now = now.Utc() }, cancellationToken: ct));
    }

    /// <summary>A restaurant's postings (any status but deleted), by start; keyset-paged.</summary>
    public async Task<IReadOnlyList<JobRow>> ListForRestaurantAsync(
        Guid restaurantId, string? status, DateOnly? from, DateOnly? to, (DateTimeOffset Start, Guid Id)? after, int take, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return (await c.QueryAsync<JobRow>(new CommandDefinition($"""
            {Sql.Jobs()}
            WHERE j.restaurant_id = @restaurantId AND j.deleted_at IS NULL
              AND (@status::text IS NULL OR j.status = @status)
              AND (@from::date IS NULL OR j.work_date >= @from::date) AND (@to::date IS NULL OR j.work_date <= @to::date)
              AND (@afterStart::timestamptz IS NULL OR (j.starts_at, j.id) > (@afterStart, @afterId))
            ORDER BY j.starts_at, j.id LIMIT @take
            """, new
        {
            restaurantId, status, from = from?.ToString("yyyy-MM-dd", null), to = to?.ToString("yyyy-MM-dd", null),
            afterStart = after?.Start.ToUniversalTime(), afterId = after?.Id ?? Guid.Empty, take,
        }, cancellationToken: ct))).ToList();
    }

    /// <summary>
    /// Open postings that have not started, filtered by category, local date, wage and distance (a box on the location
    /// index first, then the exact great-circle distance), hidden from non-favourites during the favourites' head start
    /// and always from workers the restaurant blocked; by start, distance or wage, keyset-paged (fetches one more).
    /// The worker's roster entries are read first (a worker is on few rosters), so no row needs a sub-query; the page is
    /// chosen from the postings alone and only its rows are joined to their restaurants.
    /// </summary>
    public async Task<IReadOnlyList<JobRow>> FeedAsync(FeedQuery q, Instant now, CancellationToken ct)
    {
        double? minLat = null, maxLat = null, minLng = null, maxLng = null;
        if (q.Near is { } near && q.RadiusKm is { } radius)
        {
            var dLat = radius / 110.574;
            var cos = Math.Max(Math.Cos(near.Lat * Math.PI / 180), 0.01);
            var dLng = Math.Min(radius / (111.320 * cos), 180);
            (minLat, maxLat, minLng, maxLng) = (near.Lat - dLat, near.Lat + dLat, near.Lng - dLng, near.Lng + dLng);
        }

        // The order is one of three fixed clauses (never caller text), so each can use its own index.
        var (order, keyset) = q.Sort switch
        {
            "distance" => ("distance_km, j.id", "(@afterDistance::float8 IS NULL OR (d.distance_km, j.id) > (@afterDistance, @afterId))"),
            "wage" => ("j.hourly_wage DESC, j.id", "(@afterWage::bigint IS NULL OR j.hourly_wage < @afterWage OR (j.hourly_wage = @afterWage AND j.id > @afterId))"),
            _ => ("j.starts_at, j.id", "(@afterStart::timestamptz IS NULL OR (j.starts_at, j.id) > (@afterStart, @afterId))"),
        };
        await using var c = await db.OpenConnectionAsync(ct);
        var roster = q.Worker is { } worker
            ? (await c.QueryAsync<(Guid RestaurantId, string Kind)>(new CommandDefinition(
                "SELECT restaurant_id, kind FROM roster WHERE worker_id = @worker", new { worker }, cancellationToken: ct))).ToList()
            : [];
        return (await c.QueryAsync<JobRow>(new CommandDefinition($"""
            SELECT {Sql.JobColumns}, j.distance_km
              FROM (
                SELECT j.*, d.distance_km
                  FROM jobs j
                  CROSS JOIN LATERAL (
                      SELECT CASE WHEN @lat::float8 IS NULL THEN NULL ELSE
                          2 * 6371.0088 * asin(sqrt(
                              power(sin(radians(j.lat - @lat) / 2), 2)
                              + cos(radians(@lat)) * cos(radians(j.lat)) * power(sin(radians(j.lng - @lng) / 2), 2)))
                      END AS distance_km) d
                 WHERE j.status = 'open' AND j.starts_at > @now
                   AND (cardinality(@categories::text[]) = 0 OR j.category = ANY(@categories))
                   AND (@from::date IS NULL OR j.work_date >= @from::date) AND (@to::date IS NULL OR j.work_date <= @to::date)
                   AND (@minWage::bigint IS NULL OR j.hourly_wage >= @minWage)
                   AND (@restaurantId::uuid IS NULL OR j.restaurant_id = @restaurantId)
                   AND (@minLat::float8 IS NULL OR (j.lat BETWEEN @minLat AND @maxLat AND j.lng BETWEEN @minLng AND @maxLng))
                   AND (@radius::float8 IS NULL OR d.distance_km <= @radius)
                   AND (j.public_at <= @now OR j.restaurant_id = ANY(@favouriteOf))
                   AND j.restaurant_id <> ALL(@blockedBy)
                   AND {keyset}
                 ORDER BY {order}
                 LIMIT @take
              ) j
              JOIN restaurants r ON r.id = j.restaurant_id
             ORDER BY {order}
            """, new
        {
            now = now.Utc(), categories = q.Categories?.ToArray() ?? [], from = q.From?.ToString("yyyy-MM-dd", null),
            to = q.To?.ToString("yyyy-MM-dd", null), q.MinWage, q.RestaurantId, lat = q.Near?.Lat, lng = q.Near?.Lng,
            minLat, maxLat, minLng, maxLng, radius = q.RadiusKm,
            favouriteOf = roster.Where(e => e.Kind == RosterStore.Favourite).Select(e => e.RestaurantId).ToArray(),
            blockedBy = roster.Where(e => e.Kind == RosterStore.Blocked).Select(e => e.RestaurantId).ToArray(),
            afterStart = q.After?.Start?.ToUniversalTime(), afterDistance = q.After?.Distance, afterWage = q.After?.Wage, afterId = q.After?.Id ?? Guid.Empty,
            take = q.Take + 1,
        }, cancellationToken: ct))).ToList();
    }

    /// <summary>
    /// Postings whose start has come: <c>in_progress</c> with someone booked, else cancelled as unfilled; applications still
    /// waiting expire. Replicas skip rows another is handling. Returns how many moved.
    /// </summary>
    public async Task<int> StartDueAsync(Instant now, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        var rows = (await c.QueryAsync<JobRow>(new CommandDefinition($"""
            WITH due AS (
                SELECT id FROM jobs WHERE status IN ('open', 'filled') AND starts_at <= @now ORDER BY starts_at LIMIT 200 FOR UPDATE SKIP LOCKED),
            j AS (
                UPDATE jobs SET status = CASE WHEN filled > 0 THEN 'in_progress' ELSE 'cancelled' END,
                    cancel_reason = CASE WHEN filled > 0 THEN cancel_reason ELSE 'unfilled' END,
                    updated_at = @now, version = version + 1
                FROM due WHERE jobs.id = due.id RETURNING jobs.*)
            {Sql.Jobs("j")}
            """, new { now = now.Utc() }, tx, cancellationToken: ct))).ToList();
        await c.ExecuteAsync(new CommandDefinition(
            "UPDATE applications SET status = 'expired', updated_at = @now, version = version + 1 WHERE job_id = ANY(@ids) AND status = 'applied'",
            new { ids = rows.Select(r => r.Id).ToArray(), now = now.Utc() }, tx, cancellationToken: ct));
        foreach (var row in rows)
        {
            await outbox.JobChangedAsync(c, tx, row, now, ct);
        }

        await tx.CommitAsync(ct);
        return rows.Count;
    }

    /// <summary>Postings in progress whose end has come are completed.</summary>
    public async Task<int> CompleteDueAsync(Instant now, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        var rows = (await c.QueryAsync<JobRow>(new CommandDefinition($"""
            WITH due AS (
                SELECT id FROM jobs WHERE status = 'in_progress' AND ends_at <= @now ORDER BY ends_at LIMIT 200 FOR UPDATE SKIP LOCKED),
            j AS (
                UPDATE jobs SET status = 'completed', updated_at = @now, version = version + 1 FROM due WHERE jobs.id = due.id RETURNING jobs.*)
            {Sql.Jobs("j")}
            """, new { now = now.Utc() }, tx, cancellationToken: ct))).ToList();
        foreach (var row in rows)
        {
            await outbox.JobChangedAsync(c, tx, row, now, ct);
        }

        await tx.CommitAsync(ct);
        return rows.Count;
    }

    private async Task TellFavouritesAsync(NpgsqlConnection c, NpgsqlTransaction tx, JobRow job, Instant now, CancellationToken ct)
    {
        if (job.FavouritesFirstMinutes == 0)
        {
            return;
        }

        var favourites = (await c.QueryAsync<Guid>(new CommandDefinition(
            "SELECT worker_id FROM roster WHERE restaurant_id = @RestaurantId AND kind = 'favourite' ORDER BY added_at LIMIT 1000",
            new { job.RestaurantId }, tx, cancellationToken: ct))).ToList();
        if (favourites.Count > 0)
        {
            await outbox.NotifyAsync(c, tx, Notices.NewPostingForFavourites(job.Facts), favourites, null, [], now, ct);
        }
    }
}

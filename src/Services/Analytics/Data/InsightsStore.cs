using System.Globalization;
using Dapper;
using Npgsql;

namespace Brigade.Analytics.Data;

// Properties, not positional records: Npgsql reports a date column's type in a way Dapper's constructor matching refuses.
public sealed record DinerRow
{
    public Guid DinerId { get; init; }
    public DateTime First { get; init; }
    public DateTime Last { get; init; }
    public long Visits { get; init; }
    public long Spend { get; init; }
}

public sealed record CohortCell
{
    public DateTime Cohort { get; init; }
    public DateTime Month { get; init; }
    public long Guests { get; init; }
}

public sealed record TurnRow
{
    public DateTime ServiceDate { get; init; }
    public long Completed { get; init; }
    public decimal Minutes { get; init; }
}

public sealed record PlatformRow
{
    public DateTime Day { get; init; }
    public long Bookings { get; init; }
    public long Orders { get; init; }
    public long Gmv { get; init; }
    public long JobsFilled { get; init; }
}

/// <summary>Reads for customers (visits, RFM, cohorts), seating (turn time, seats, hours) and the platform view.</summary>
public sealed class InsightsStore(NpgsqlDataSource db)
{
    /// <summary>
    /// Every signed-in diner's history at the restaurant up to <paramref name="to"/>: a visit is a service day with a closed
    /// order (two checks on one evening are one visit); spend is the closed orders' totals.
    /// </summary>
    public async Task<IReadOnlyList<DinerRow>> DinersAsync(Guid restaurantId, DateOnly to, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return (await c.QueryAsync<DinerRow>(new CommandDefinition("""
            SELECT diner_id AS DinerId, min(service_date) AS First, max(service_date) AS Last, count(DISTINCT service_date) AS Visits,
                   coalesce(sum(total), 0)::bigint AS Spend
            FROM order_facts WHERE restaurant_id = @restaurantId AND diner_id IS NOT NULL AND status = 'closed' AND service_date <= @to::date
            GROUP BY diner_id
            """, new { restaurantId, to = Iso(to) }, cancellationToken: ct))).ToList();
    }

    /// <summary>Visits (diner and service day) and distinct diners within the range.</summary>
    public async Task<(long Visits, long Guests)> VisitsAsync(Guid restaurantId, DateOnly from, DateOnly to, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return await c.QuerySingleAsync<(long, long)>(new CommandDefinition("""
            SELECT count(DISTINCT (diner_id, service_date)) AS Visits, count(DISTINCT diner_id) AS Guests
            FROM order_facts WHERE restaurant_id = @restaurantId AND diner_id IS NOT NULL AND status = 'closed'
              AND service_date BETWEEN @from::date AND @to::date
            """, new { restaurantId, from = Iso(from), to = Iso(to) }, cancellationToken: ct));
    }

    /// <summary>Diners by the month of their first visit (cohorts starting in the range's months) and each month they came back in, up to <paramref name="to"/>.</summary>
    public async Task<IReadOnlyList<CohortCell>> CohortsAsync(Guid restaurantId, DateOnly from, DateOnly to, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return (await c.QueryAsync<CohortCell>(new CommandDefinition("""
            WITH v AS (SELECT DISTINCT diner_id, date_trunc('month', service_date)::date AS m
                       FROM order_facts WHERE restaurant_id = @restaurantId AND diner_id IS NOT NULL AND status = 'closed' AND service_date <= @to::date),
                 f AS (SELECT diner_id, min(m) AS cohort FROM v GROUP BY diner_id)
            SELECT f.cohort AS Cohort, v.m AS Month, count(*) AS Guests
            FROM f JOIN v USING (diner_id)
            WHERE f.cohort >= date_trunc('month', @from::date)::date
            GROUP BY f.cohort, v.m ORDER BY f.cohort, v.m
            """, new { restaurantId, from = Iso(from), to = Iso(to) }, cancellationToken: ct))).ToList();
    }

    /// <summary>Completed bookings per service day and their minutes from the booked start to completion.</summary>
    public async Task<IReadOnlyList<TurnRow>> TurnsAsync(Guid restaurantId, DateOnly from, DateOnly to, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return (await c.QueryAsync<TurnRow>(new CommandDefinition("""
            SELECT service_date AS ServiceDate, count(*) AS Completed, sum(extract(epoch FROM completed_at - start_at) / 60)::numeric AS Minutes
            FROM reservation_facts
            WHERE restaurant_id = @restaurantId AND status = 'completed' AND completed_at > start_at AND service_date BETWEEN @from::date AND @to::date
            GROUP BY service_date ORDER BY service_date
            """, new { restaurantId, from = Iso(from), to = Iso(to) }, cancellationToken: ct))).ToList();
    }

    /// <summary>Seats of the active tables, and the opening hours document (null when restaurants never published one).</summary>
    public async Task<(long Seats, string? Weekly, string? Exceptions)> FloorAsync(Guid restaurantId, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return await c.QuerySingleAsync<(long, string?, string?)>(new CommandDefinition("""
            SELECT (SELECT coalesce(sum(max_capacity), 0)::bigint FROM table_facts WHERE restaurant_id = @restaurantId AND active) AS Seats,
                   (SELECT weekly::text FROM hours_facts WHERE restaurant_id = @restaurantId) AS Weekly,
                   (SELECT exceptions::text FROM hours_facts WHERE restaurant_id = @restaurantId) AS Exceptions
            """, new { restaurantId }, cancellationToken: ct));
    }

    /// <summary>Every day of the range across all restaurants: bookings not cancelled, closed orders, their gross (GMV), shifts filled.</summary>
    public async Task<IReadOnlyList<PlatformRow>> PlatformAsync(DateOnly from, DateOnly to, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return (await c.QueryAsync<PlatformRow>(new CommandDefinition("""
            SELECT d::date AS Day, coalesce(r.bookings, 0) AS Bookings, coalesce(r.orders, 0) AS Orders, coalesce(r.gmv, 0) AS Gmv,
                   coalesce(j.filled, 0) AS JobsFilled
            FROM generate_series(@from::date, @to::date, interval '1 day') d
            LEFT JOIN (SELECT service_date, sum(reservations - cancellations)::bigint AS bookings, sum(orders)::bigint AS orders,
                              sum(gross_sales)::bigint AS gmv
                       FROM daily_rollup WHERE service_date BETWEEN @from::date AND @to::date GROUP BY service_date) r ON r.service_date = d::date
            LEFT JOIN (SELECT shift_date, count(*) AS filled FROM job_fill_facts
                       WHERE shift_date BETWEEN @from::date AND @to::date AND accepted_at IS NOT NULL
                         AND (cancelled_at IS NULL OR cancelled_at < accepted_at)
                       GROUP BY shift_date) j ON j.shift_date = d::date
            ORDER BY d
            """, new { from = Iso(from), to = Iso(to) }, cancellationToken: ct))).ToList();
    }

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

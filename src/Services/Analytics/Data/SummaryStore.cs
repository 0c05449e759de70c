using System.Globalization;
using Brigade.Analytics.Domain;
using Brigade.Contracts.Notifications;
using Brigade.Messaging;
using Dapper;
using Npgsql;
using NodaTime;

namespace Brigade.Analytics.Data;

/// <summary>The weekly summary's reads and its once-per-week claim with the outbox write.</summary>
public sealed class SummaryStore(NpgsqlDataSource db, IOutbox outbox)
{
    public const string Type = "analytics.weekly_summary";

    /// <summary>Restaurants with a rollup day in the window, and their zone when restaurants published one with the hours.</summary>
    public async Task<IReadOnlyList<(Guid RestaurantId, string? Zone)>> CandidatesAsync(DateOnly from, DateOnly to, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return (await c.QueryAsync<(Guid, string?)>(new CommandDefinition("""
            SELECT r.restaurant_id, h.time_zone
            FROM (SELECT DISTINCT restaurant_id FROM daily_rollup WHERE service_date BETWEEN @from::date AND @to::date) r
            LEFT JOIN hours_facts h ON h.restaurant_id = r.restaurant_id
            """, new { from = Iso(from), to = Iso(to) }, cancellationToken: ct))).ToList();
    }

    /// <summary>
    /// Claims the week (the Monday <paramref name="week"/> starts) and asks notifications to tell the owners, in one
    /// transaction; false when the week was already claimed or the restaurant had nothing that week.
    /// </summary>
    public async Task<bool> SendAsync(Guid restaurantId, DateOnly week, DateTimeOffset now, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        var n = await c.QuerySingleAsync<WeekRow>(new CommandDefinition("""
            SELECT coalesce(sum(gross_sales - refunds) FILTER (WHERE service_date >= @from::date), 0)::bigint AS NetSales,
                   coalesce(sum(orders) FILTER (WHERE service_date >= @from::date), 0)::bigint AS Orders,
                   coalesce(sum(covers) FILTER (WHERE service_date >= @from::date), 0)::bigint AS Covers,
                   coalesce(sum(reservations) FILTER (WHERE service_date >= @from::date), 0)::bigint AS Reservations,
                   coalesce(sum(no_shows) FILTER (WHERE service_date >= @from::date), 0)::bigint AS NoShows,
                   coalesce(sum(cancellations) FILTER (WHERE service_date >= @from::date), 0)::bigint AS Cancellations,
                   coalesce(sum(gross_sales - refunds) FILTER (WHERE service_date < @from::date), 0)::bigint AS PreviousNetSales
            FROM daily_rollup WHERE restaurant_id = @restaurantId AND service_date BETWEEN @before::date AND @to::date
            """, new { restaurantId, before = Iso(week.AddDays(-14)), from = Iso(week.AddDays(-7)), to = Iso(week.AddDays(-1)) }, tx, cancellationToken: ct));
        if (n.Orders == 0 && n.Reservations == 0)
        {
            return false;
        }

        var requestId = Guid.CreateVersion7();
        var claimed = await c.ExecuteAsync(new CommandDefinition("""
            INSERT INTO weekly_summaries_sent (restaurant_id, week_start, request_id, sent_at) VALUES (@restaurantId, @week::date, @requestId, @now)
            ON CONFLICT DO NOTHING
            """, new { restaurantId, week = Iso(week), requestId, now = now.ToUniversalTime() }, tx, cancellationToken: ct));
        if (claimed == 0)
        {
            return false;
        }

        var (title, body, titleEn, bodyEn) = WeeklySummary.Text(new LocalDate(week.Year, week.Month, week.Day),
            new WeekNumbers(n.NetSales, n.Orders, n.Covers, n.Reservations, n.NoShows, n.Cancellations, n.PreviousNetSales));
        await outbox.AddAsync(c, tx, new NotificationRequested(requestId, new NotificationAudience([], restaurantId, ["owner"]), Type, title, body,
            titleEn, bodyEn, $"/manage/{restaurantId}/analytics?from={Iso(week.AddDays(-7))}&to={Iso(week.AddDays(-1))}", false, now), ct);
        await tx.CommitAsync(ct);
        return true;
    }

    private sealed record WeekRow
    {
        public long NetSales { get; init; }
        public long Orders { get; init; }
        public long Covers { get; init; }
        public long Reservations { get; init; }
        public long NoShows { get; init; }
        public long Cancellations { get; init; }
        public long PreviousNetSales { get; init; }
    }

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

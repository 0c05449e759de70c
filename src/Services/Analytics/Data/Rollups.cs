using Dapper;
using Npgsql;

namespace Brigade.Analytics.Data;

/// <summary>
/// Recomputes a restaurant's rollups of one service day from its facts, inside the caller's transaction. Recomputing
/// (rather than adding deltas) makes redelivered, late and corrected events harmless: the day always equals its facts.
/// </summary>
public static class Rollups
{
    public static async Task RecomputeAsync(NpgsqlConnection c, NpgsqlTransaction tx, Guid restaurantId, IEnumerable<DateTime?> days, CancellationToken ct)
    {
        // In date order, so two transactions touching the same two days take their locks in the same order.
        foreach (var day in days.OfType<DateTime>().Select(d => d.Date).Distinct().Order())
        {
            await c.ExecuteAsync(new CommandDefinition(Sql, new { r = restaurantId, d = day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) }, tx, cancellationToken: ct));
        }
    }

    // The advisory lock serialises recomputations of the same day: without it two events of one day committing together
    // could each compute the day without the other's fact, and the later write would lose one. A statement that runs after
    // the lock was granted sees everything committed before (read committed).
    private const string Sql = """
        SELECT pg_advisory_xact_lock(hashtextextended(@r::text || '/' || @d::date::text, 23));

        DELETE FROM hourly_rollup WHERE restaurant_id = @r AND service_date = @d::date;
        INSERT INTO hourly_rollup (restaurant_id, service_date, hour, orders, covers, gross_sales)
        SELECT @r, @d::date, hour, count(*), coalesce(sum(covers), 0), coalesce(sum(total), 0)
        FROM order_facts WHERE restaurant_id = @r AND service_date = @d::date AND status = 'closed' AND hour IS NOT NULL
        GROUP BY hour;

        INSERT INTO daily_rollup (restaurant_id, service_date, orders, covers, gross_sales, refunds, payments, reservations, booked_covers,
                                  completed, no_shows, cancellations, labour_minutes, labour_cost, food_cost)
        SELECT @r, @d::date, o.orders, o.covers, o.gross, rf.refunds, p.payments, b.reservations, b.booked_covers,
               b.completed, b.no_shows, b.cancellations, l.minutes, l.cost, f.food
        FROM (SELECT count(*) AS orders, coalesce(sum(covers), 0) AS covers, coalesce(sum(total), 0) AS gross
              FROM order_facts WHERE restaurant_id = @r AND service_date = @d::date AND status = 'closed') o,
             (SELECT coalesce(sum(rf.amount), 0) AS refunds
              FROM refund_facts rf JOIN order_facts ro ON ro.order_id = rf.reference_id AND ro.status = 'closed'
              WHERE rf.restaurant_id = @r AND rf.service_date = @d::date AND rf.kind = 'order') rf,
             (SELECT coalesce(sum(amount), 0) AS payments FROM payment_facts WHERE restaurant_id = @r AND service_date = @d::date) p,
             (SELECT count(*) AS reservations,
                     coalesce(sum(party_size) FILTER (WHERE status <> 'cancelled'), 0) AS booked_covers,
                     count(*) FILTER (WHERE status = 'completed') AS completed,
                     count(*) FILTER (WHERE status = 'no_show') AS no_shows,
                     count(*) FILTER (WHERE status = 'cancelled') AS cancellations
              FROM reservation_facts WHERE restaurant_id = @r AND service_date = @d::date) b,
             (SELECT coalesce(sum(minutes), 0) AS minutes, coalesce(sum(cost), 0) AS cost
              FROM timecard_facts WHERE restaurant_id = @r AND service_date = @d::date) l,
             -- what left the shelves: sales (net of reversals) and waste; stock out is negative, so its cost counts up
             (SELECT coalesce(-sum(CASE WHEN quantity < 0 THEN -abs(cost) ELSE abs(cost) END), 0) AS food
              FROM stock_movement_facts WHERE restaurant_id = @r AND service_date = @d::date AND kind IN ('sale', 'sale_reversed', 'waste')) f
        ON CONFLICT (restaurant_id, service_date) DO UPDATE SET
            orders = EXCLUDED.orders, covers = EXCLUDED.covers, gross_sales = EXCLUDED.gross_sales, refunds = EXCLUDED.refunds,
            payments = EXCLUDED.payments, reservations = EXCLUDED.reservations, booked_covers = EXCLUDED.booked_covers,
            completed = EXCLUDED.completed, no_shows = EXCLUDED.no_shows, cancellations = EXCLUDED.cancellations,
            labour_minutes = EXCLUDED.labour_minutes, labour_cost = EXCLUDED.labour_cost, food_cost = EXCLUDED.food_cost;
        """;
}

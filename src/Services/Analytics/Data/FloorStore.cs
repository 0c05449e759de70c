using System.Text.Json;
using Dapper;
using Npgsql;

namespace Brigade.Analytics.Data;

/// <summary>Writes the facts of restaurants' floor and hours, and of jobs' booked shifts, in the event handler's transaction.</summary>
public static class FloorStore
{
    public static Task TableAsync(NpgsqlConnection c, NpgsqlTransaction tx, Guid tableId, Guid restaurantId, int maxCapacity, bool active,
        int version, DateTimeOffset changedAt, CancellationToken ct) =>
        c.ExecuteAsync(new CommandDefinition("""
            INSERT INTO table_facts (table_id, restaurant_id, max_capacity, active, version, changed_at)
            VALUES (@tableId, @restaurantId, @maxCapacity, @active, @version, @changedAt)
            ON CONFLICT (table_id) DO UPDATE SET
                max_capacity = EXCLUDED.max_capacity, active = EXCLUDED.active, version = EXCLUDED.version, changed_at = EXCLUDED.changed_at
            WHERE table_facts.version <= EXCLUDED.version
            """, new { tableId, restaurantId, maxCapacity, active, version, changedAt = changedAt.ToUniversalTime() }, tx, cancellationToken: ct));

    /// <summary>What a portion of a menu item costs now; an older announcement arriving late changes nothing.</summary>
    public static Task ItemCostAsync(NpgsqlConnection c, NpgsqlTransaction tx, Guid menuItemId, Guid restaurantId, long? portionCost, string currency,
        DateTimeOffset costedAt, CancellationToken ct) =>
        c.ExecuteAsync(new CommandDefinition("""
            INSERT INTO item_cost_facts (menu_item_id, restaurant_id, portion_cost, currency, costed_at)
            VALUES (@menuItemId, @restaurantId, @portionCost, @currency, @costedAt)
            ON CONFLICT (restaurant_id, menu_item_id) DO UPDATE SET portion_cost = EXCLUDED.portion_cost, currency = EXCLUDED.currency, costed_at = EXCLUDED.costed_at
            WHERE item_cost_facts.costed_at <= EXCLUDED.costed_at
            """, new { menuItemId, restaurantId, portionCost, currency, costedAt = costedAt.ToUniversalTime() }, tx, cancellationToken: ct));

    public static Task HoursAsync(NpgsqlConnection c, NpgsqlTransaction tx, Guid restaurantId, string timeZone, object weekly, object exceptions,
        DateTimeOffset changedAt, CancellationToken ct) =>
        c.ExecuteAsync(new CommandDefinition("""
            INSERT INTO hours_facts (restaurant_id, time_zone, weekly, exceptions, changed_at)
            VALUES (@restaurantId, @timeZone, @weekly::jsonb, @exceptions::jsonb, @changedAt)
            ON CONFLICT (restaurant_id) DO UPDATE SET
                time_zone = EXCLUDED.time_zone, weekly = EXCLUDED.weekly, exceptions = EXCLUDED.exceptions, changed_at = EXCLUDED.changed_at
            WHERE hours_facts.changed_at <= EXCLUDED.changed_at
            """, new
            {
                restaurantId, timeZone, weekly = JsonSerializer.Serialize(weekly, Json), exceptions = JsonSerializer.Serialize(exceptions, Json),
                changedAt = changedAt.ToUniversalTime(),
            }, tx, cancellationToken: ct));

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>A shift was booked (accepted) or cancelled; the row keeps the time of each so either order ends the same.</summary>
    public static Task ShiftAsync(NpgsqlConnection c, NpgsqlTransaction tx, Guid applicationId, Guid restaurantId, Guid jobId, string shiftDate,
        DateTimeOffset? acceptedAt, DateTimeOffset? cancelledAt, CancellationToken ct) =>
        c.ExecuteAsync(new CommandDefinition("""
            INSERT INTO job_fill_facts (application_id, restaurant_id, job_id, shift_date, accepted_at, cancelled_at)
            VALUES (@applicationId, @restaurantId, @jobId, @shiftDate::date, @acceptedAt, @cancelledAt)
            ON CONFLICT (application_id) DO UPDATE SET
                shift_date = EXCLUDED.shift_date,
                accepted_at = coalesce(EXCLUDED.accepted_at, job_fill_facts.accepted_at),
                cancelled_at = coalesce(EXCLUDED.cancelled_at, job_fill_facts.cancelled_at)
            """, new { applicationId, restaurantId, jobId, shiftDate, acceptedAt = acceptedAt?.ToUniversalTime(), cancelledAt = cancelledAt?.ToUniversalTime() },
            tx, cancellationToken: ct));
}

using System.Globalization;
using Dapper;
using Npgsql;

namespace Brigade.Analytics.Data;

/// <summary>A fact's service day and local hour, as the SQL parameters want them.</summary>
public readonly record struct Day(string Date, int Hour)
{
    public static Day Of(Domain.DayAndHour d) => new(d.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), d.Hour);
}

public sealed record LineFact(Guid LineId, Guid MenuItemId, string Name, string? Category, int Quantity, long LineTotal);

/// <summary>
/// Writes facts in the event handler's transaction and returns the service days whose rollups changed. Every write is
/// keyed by the source's id (a redelivery rewrites the same row) and guarded by the event's own time (a late, older
/// event never overwrites what a newer one set).
/// </summary>
public static class FactStore
{
    // Npgsql writes timestamptz from UTC offsets only; events carry the restaurant's offset, so each method normalises first.
    private static async Task<DateTime?> DayOfAsync(NpgsqlConnection c, NpgsqlTransaction tx, string table, string key, Guid id, CancellationToken ct) =>
        await c.ExecuteScalarAsync<DateTime?>(new CommandDefinition(
            $"SELECT service_date FROM {table} WHERE {key} = @id FOR UPDATE", new { id }, tx, cancellationToken: ct));

    /// <summary>The service days of the refunds of an order: its status decides whether they count.</summary>
    private static async Task<IEnumerable<DateTime?>> RefundDaysAsync(NpgsqlConnection c, NpgsqlTransaction tx, Guid orderId, CancellationToken ct) =>
        await c.QueryAsync<DateTime?>(new CommandDefinition(
            "SELECT DISTINCT service_date FROM refund_facts WHERE reference_id = @orderId", new { orderId }, tx, cancellationToken: ct));

    public static async Task<IReadOnlyList<DateTime?>> OrderClosedAsync(
        NpgsqlConnection c, NpgsqlTransaction tx, Guid orderId, Guid restaurantId, Guid? dinerId, string channel, int covers,
        DateTimeOffset placedAt, DateTimeOffset closedAt, Day day, long subtotal, long total, long paid, string currency,
        IReadOnlyList<LineFact> lines, CancellationToken ct)
    {
        placedAt = placedAt.ToUniversalTime();
        closedAt = closedAt.ToUniversalTime();
        var before = await DayOfAsync(c, tx, "order_facts", "order_id", orderId, ct);
        var applied = await c.ExecuteScalarAsync<DateTime?>(new CommandDefinition("""
            INSERT INTO order_facts (order_id, restaurant_id, status, status_at, diner_id, channel, covers, placed_at, closed_at,
                                     service_date, hour, subtotal, total, paid, currency)
            VALUES (@orderId, @restaurantId, 'closed', @closedAt, @dinerId, @channel, @covers, @placedAt, @closedAt,
                    @date::date, @hour, @subtotal, @total, @paid, @currency)
            ON CONFLICT (order_id) DO UPDATE SET
                status = 'closed', status_at = EXCLUDED.status_at, diner_id = EXCLUDED.diner_id, channel = EXCLUDED.channel,
                covers = EXCLUDED.covers, placed_at = EXCLUDED.placed_at, closed_at = EXCLUDED.closed_at,
                service_date = EXCLUDED.service_date, hour = EXCLUDED.hour, subtotal = EXCLUDED.subtotal, total = EXCLUDED.total,
                paid = EXCLUDED.paid, currency = EXCLUDED.currency
            WHERE order_facts.status_at <= EXCLUDED.status_at
            RETURNING service_date
            """, new { orderId, restaurantId, closedAt, dinerId, channel, covers, placedAt, date = day.Date, hour = day.Hour, subtotal, total, paid, currency },
            tx, cancellationToken: ct));

        if (applied is not null)
        {
            await c.ExecuteAsync(new CommandDefinition("DELETE FROM order_line_facts WHERE order_id = @orderId", new { orderId }, tx, cancellationToken: ct));
            await c.ExecuteAsync(new CommandDefinition("""
                INSERT INTO order_line_facts (order_id, line_id, restaurant_id, service_date, menu_item_id, name, category, quantity, line_total)
                SELECT @orderId, l.line_id, @restaurantId, @date::date, l.menu_item_id, l.name, l.category, l.quantity, l.line_total
                FROM unnest(@lineIds, @items, @names, @categories, @quantities, @totals)
                     AS l(line_id, menu_item_id, name, category, quantity, line_total)
                ON CONFLICT (order_id, line_id) DO NOTHING
                """, new
                {
                    orderId, restaurantId, date = day.Date,
                    lineIds = lines.Select(l => l.LineId).ToArray(),
                    items = lines.Select(l => l.MenuItemId).ToArray(),
                    names = lines.Select(l => l.Name).ToArray(),
                    categories = lines.Select(l => l.Category).ToArray(),
                    quantities = lines.Select(l => l.Quantity).ToArray(),
                    totals = lines.Select(l => l.LineTotal).ToArray(),
                }, tx, cancellationToken: ct));
        }

        return [before, applied, .. await RefundDaysAsync(c, tx, orderId, ct)];
    }

    /// <summary>A reopened or cancelled order stops counting (its lines go) unless a newer event already said otherwise.</summary>
    public static async Task<IReadOnlyList<DateTime?>> OrderStatusAsync(
        NpgsqlConnection c, NpgsqlTransaction tx, Guid orderId, Guid restaurantId, string status, DateTimeOffset at, string currency, CancellationToken ct)
    {
        at = at.ToUniversalTime();
        var before = await DayOfAsync(c, tx, "order_facts", "order_id", orderId, ct);
        var applied = await c.ExecuteScalarAsync<Guid?>(new CommandDefinition("""
            INSERT INTO order_facts (order_id, restaurant_id, status, status_at, currency)
            VALUES (@orderId, @restaurantId, @status, @at, @currency)
            ON CONFLICT (order_id) DO UPDATE SET status = EXCLUDED.status, status_at = EXCLUDED.status_at
            WHERE order_facts.status_at <= EXCLUDED.status_at
            RETURNING order_id
            """, new { orderId, restaurantId, status, at, currency }, tx, cancellationToken: ct));
        if (applied is not null)
        {
            await c.ExecuteAsync(new CommandDefinition("DELETE FROM order_line_facts WHERE order_id = @orderId", new { orderId }, tx, cancellationToken: ct));
        }

        return [before, .. await RefundDaysAsync(c, tx, orderId, ct)];
    }

    public static async Task<IReadOnlyList<DateTime?>> PaymentAsync(
        NpgsqlConnection c, NpgsqlTransaction tx, Guid paymentId, Guid restaurantId, string kind, Guid referenceId, string method, long amount,
        string currency, DateTimeOffset completedAt, Day day, CancellationToken ct)
    {
        completedAt = completedAt.ToUniversalTime();
        await c.ExecuteAsync(new CommandDefinition("""
            INSERT INTO payment_facts (payment_id, restaurant_id, kind, reference_id, method, amount, currency, completed_at, service_date)
            VALUES (@paymentId, @restaurantId, @kind, @referenceId, @method, @amount, @currency, @completedAt, @date::date)
            ON CONFLICT (payment_id) DO NOTHING
            """, new { paymentId, restaurantId, kind, referenceId, method, amount, currency, completedAt, date = day.Date }, tx, cancellationToken: ct));
        return [DateTime.Parse(day.Date, CultureInfo.InvariantCulture)];
    }

    public static async Task<IReadOnlyList<DateTime?>> RefundAsync(
        NpgsqlConnection c, NpgsqlTransaction tx, Guid refundId, Guid paymentId, Guid restaurantId, string kind, Guid referenceId, long amount,
        string currency, string reason, DateTimeOffset refundedAt, Day day, CancellationToken ct)
    {
        refundedAt = refundedAt.ToUniversalTime();
        await c.ExecuteAsync(new CommandDefinition("""
            INSERT INTO refund_facts (refund_id, payment_id, restaurant_id, kind, reference_id, amount, currency, reason, refunded_at, service_date)
            VALUES (@refundId, @paymentId, @restaurantId, @kind, @referenceId, @amount, @currency, @reason, @refundedAt, @date::date)
            ON CONFLICT (refund_id) DO NOTHING
            """, new { refundId, paymentId, restaurantId, kind, referenceId, amount, currency, reason, refundedAt, date = day.Date }, tx, cancellationToken: ct));
        return [DateTime.Parse(day.Date, CultureInfo.InvariantCulture)];
    }

    /// <summary>Confirmed or modified: when and how many; the status goes back to confirmed only if nothing newer happened.</summary>
    public static async Task<IReadOnlyList<DateTime?>> ReservationDetailsAsync(
        NpgsqlConnection c, NpgsqlTransaction tx, Guid reservationId, Guid restaurantId, Guid? dinerId, DateTimeOffset start, string date,
        int partySize, DateTimeOffset at, CancellationToken ct)
    {
        start = start.ToUniversalTime();
        at = at.ToUniversalTime();
        var before = await DayOfAsync(c, tx, "reservation_facts", "reservation_id", reservationId, ct);
        var after = await c.ExecuteScalarAsync<DateTime?>(new CommandDefinition("""
            INSERT INTO reservation_facts (reservation_id, restaurant_id, diner_id, status, status_at, start_at, service_date, party_size, details_at)
            VALUES (@reservationId, @restaurantId, @dinerId, 'confirmed', @at, @start, @date::date, @partySize, @at)
            ON CONFLICT (reservation_id) DO UPDATE SET
                status = CASE WHEN reservation_facts.status_at <= EXCLUDED.status_at THEN 'confirmed' ELSE reservation_facts.status END,
                status_at = greatest(reservation_facts.status_at, EXCLUDED.status_at),
                diner_id = coalesce(EXCLUDED.diner_id, reservation_facts.diner_id),
                start_at = CASE WHEN reservation_facts.details_at IS NULL OR reservation_facts.details_at <= EXCLUDED.details_at
                                THEN EXCLUDED.start_at ELSE reservation_facts.start_at END,
                service_date = CASE WHEN reservation_facts.details_at IS NULL OR reservation_facts.details_at <= EXCLUDED.details_at
                                THEN EXCLUDED.service_date ELSE reservation_facts.service_date END,
                party_size = CASE WHEN reservation_facts.details_at IS NULL OR reservation_facts.details_at <= EXCLUDED.details_at
                                THEN EXCLUDED.party_size ELSE reservation_facts.party_size END,
                details_at = greatest(reservation_facts.details_at, EXCLUDED.details_at)
            RETURNING service_date
            """, new { reservationId, restaurantId, dinerId, at, start, date, partySize }, tx, cancellationToken: ct));
        return [before, after];
    }

    /// <summary>
    /// An outcome (cancelled, no_show, completed) at <paramref name="at"/>. It fills when/how many only while no confirmation
    /// told them (a late confirmation still will).
    /// </summary>
    public static async Task<IReadOnlyList<DateTime?>> ReservationOutcomeAsync(
        NpgsqlConnection c, NpgsqlTransaction tx, Guid reservationId, Guid restaurantId, Guid? dinerId, string status, DateTimeOffset at,
        DateTimeOffset? start, string? date, int? partySize, string? cancelledBy, long noShowFee, CancellationToken ct)
    {
        at = at.ToUniversalTime();
        start = start?.ToUniversalTime();
        var before = await DayOfAsync(c, tx, "reservation_facts", "reservation_id", reservationId, ct);
        var after = await c.ExecuteScalarAsync<DateTime?>(new CommandDefinition("""
            INSERT INTO reservation_facts (reservation_id, restaurant_id, diner_id, status, status_at, start_at, service_date, party_size,
                                           cancelled_by, no_show_fee, completed_at)
            VALUES (@reservationId, @restaurantId, @dinerId, @status, @at, @start, @date::date, @partySize, @cancelledBy, @noShowFee,
                    CASE WHEN @status = 'completed' THEN @at END)
            ON CONFLICT (reservation_id) DO UPDATE SET
                completed_at = coalesce(EXCLUDED.completed_at, reservation_facts.completed_at),
                status = CASE WHEN reservation_facts.status_at <= EXCLUDED.status_at THEN EXCLUDED.status ELSE reservation_facts.status END,
                cancelled_by = CASE WHEN reservation_facts.status_at <= EXCLUDED.status_at THEN EXCLUDED.cancelled_by ELSE reservation_facts.cancelled_by END,
                no_show_fee = CASE WHEN reservation_facts.status_at <= EXCLUDED.status_at THEN EXCLUDED.no_show_fee ELSE reservation_facts.no_show_fee END,
                status_at = greatest(reservation_facts.status_at, EXCLUDED.status_at),
                diner_id = coalesce(EXCLUDED.diner_id, reservation_facts.diner_id),
                start_at = CASE WHEN reservation_facts.details_at IS NULL THEN coalesce(EXCLUDED.start_at, reservation_facts.start_at) ELSE reservation_facts.start_at END,
                service_date = CASE WHEN reservation_facts.details_at IS NULL THEN coalesce(EXCLUDED.service_date, reservation_facts.service_date) ELSE reservation_facts.service_date END,
                party_size = CASE WHEN reservation_facts.details_at IS NULL THEN coalesce(EXCLUDED.party_size, reservation_facts.party_size) ELSE reservation_facts.party_size END
            RETURNING service_date
            """, new { reservationId, restaurantId, dinerId, status, at, start, date, partySize, cancelledBy, noShowFee }, tx, cancellationToken: ct));
        return [before, after];
    }

    public static async Task<IReadOnlyList<DateTime?>> TimecardAsync(
        NpgsqlConnection c, NpgsqlTransaction tx, Guid timecardId, Guid restaurantId, Guid employeeId, DateTimeOffset clockIn, DateTimeOffset clockOut,
        int minutes, long cost, string currency, DateTimeOffset approvedAt, Day day, CancellationToken ct)
    {
        clockIn = clockIn.ToUniversalTime();
        clockOut = clockOut.ToUniversalTime();
        approvedAt = approvedAt.ToUniversalTime();
        var before = await DayOfAsync(c, tx, "timecard_facts", "timecard_id", timecardId, ct);
        await c.ExecuteAsync(new CommandDefinition("""
            INSERT INTO timecard_facts (timecard_id, restaurant_id, employee_id, clock_in, clock_out, minutes, cost, currency, approved_at, service_date)
            VALUES (@timecardId, @restaurantId, @employeeId, @clockIn, @clockOut, @minutes, @cost, @currency, @approvedAt, @date::date)
            ON CONFLICT (timecard_id) DO UPDATE SET
                clock_in = EXCLUDED.clock_in, clock_out = EXCLUDED.clock_out, minutes = EXCLUDED.minutes, cost = EXCLUDED.cost,
                currency = EXCLUDED.currency, approved_at = EXCLUDED.approved_at, service_date = EXCLUDED.service_date
            WHERE timecard_facts.approved_at <= EXCLUDED.approved_at
            """, new { timecardId, restaurantId, employeeId, clockIn, clockOut, minutes, cost, currency, approvedAt, date = day.Date }, tx, cancellationToken: ct));
        return [before, DateTime.Parse(day.Date, CultureInfo.InvariantCulture)];
    }

    public static async Task<IReadOnlyList<DateTime?>> StockMovedAsync(
        NpgsqlConnection c, NpgsqlTransaction tx, Guid movementId, Guid restaurantId, Guid stockItemId, string kind, decimal quantity, long cost,
        string currency, Guid? orderId, DateTimeOffset at, Day day, CancellationToken ct)
    {
        at = at.ToUniversalTime();
        await c.ExecuteAsync(new CommandDefinition("""
            INSERT INTO stock_movement_facts (movement_id, restaurant_id, stock_item_id, kind, quantity, cost, currency, order_id, at, service_date)
            VALUES (@movementId, @restaurantId, @stockItemId, @kind, @quantity, @cost, @currency, @orderId, @at, @date::date)
            ON CONFLICT (movement_id) DO NOTHING
            """, new { movementId, restaurantId, stockItemId, kind, quantity, cost, currency, orderId, at, date = day.Date }, tx, cancellationToken: ct));
        return [DateTime.Parse(day.Date, CultureInfo.InvariantCulture)];
    }
}

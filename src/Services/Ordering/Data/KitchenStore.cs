using Brigade.Messaging;
using Brigade.Ordering.Domain;
using Dapper;
using Npgsql;

namespace Brigade.Ordering.Data;

/// <summary>How many of one item the kitchen has to make: on fired and started tickets, and on held ones.</summary>
public sealed record AllDayCount(Guid MenuItemId, string Name, string Station, int Firing, int Held);

public enum TicketOutcome
{
    Done,
    NotFound,

    /// <summary>The ticket is not in a status the action applies to (the kitchen display is behind: read again).</summary>
    NotAllowed,
}

/// <summary>The kitchen display: tickets per station, coursing, bump and recall, all-day counts.</summary>
public sealed class KitchenStore(NpgsqlDataSource db, IOutbox outbox)
{
    /// <summary>
    /// A restaurant's live tickets (held, fired, started) and those bumped in the last <paramref name="bumpedWithin"/>
    /// (for recall), oldest first, with their orders; optionally one station.
    /// </summary>
    public async Task<IReadOnlyList<OrderView>> LiveAsync(Guid restaurantId, string? station, TimeSpan bumpedWithin, DateTimeOffset now, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        var orderIds = (await c.QueryAsync<Guid>(new CommandDefinition("""
            SELECT DISTINCT order_id FROM kitchen_tickets
             WHERE restaurant_id = @restaurantId AND (@station::text IS NULL OR station = @station::text)
               AND (status IN ('held', 'fired', 'started') OR (status = 'bumped' AND bumped_at >= @since))
            """, new { restaurantId, station, since = (now - bumpedWithin).ToUniversalTime() }, cancellationToken: ct))).ToList();
        var views = new List<OrderView>();
        foreach (var id in orderIds)
        {
            if (await OrderStore.LoadAsync(c, null, id, ct) is { } view)
            {
                views.Add(view);
            }
        }

        return views.OrderBy(v => v.Order.AcceptedAt ?? v.Order.PlacedAt).ToList();
    }

    public async Task<IReadOnlyList<AllDayCount>> AllDayAsync(Guid restaurantId, string? station, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return (await c.QueryAsync<AllDayCount>(new CommandDefinition("""
            SELECT l.menu_item_id AS MenuItemId, min(l.name) AS Name, l.station AS Station,
                   coalesce(sum(l.quantity) FILTER (WHERE k.status IN ('fired', 'started')), 0)::int AS Firing,
                   coalesce(sum(l.quantity) FILTER (WHERE k.status = 'held'), 0)::int AS Held
              FROM kitchen_tickets k JOIN order_lines l ON l.ticket_id = k.id
             WHERE k.restaurant_id = @restaurantId AND k.status IN ('held', 'fired', 'started')
               AND l.status NOT IN ('cancelled', 'voided')
               AND (@station::text IS NULL OR k.station = @station::text)
             GROUP BY l.menu_item_id, l.station
             ORDER BY 4 DESC, 2
            """, new { restaurantId, station }, cancellationToken: ct))).ToList();
    }

    public async Task<TicketRow?> FindTicketAsync(Guid ticketId, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return await c.QuerySingleOrDefaultAsync<TicketRow>(new CommandDefinition(
            $"SELECT {OrderStore.TicketColumns} FROM kitchen_tickets WHERE id = @ticketId", new { ticketId }, cancellationToken: ct));
    }

    /// <summary>
    /// One ticket's move (fire, hold, start, bump, recall) with its lines, and the order's move it implies (first touch →
    /// in preparation, last bump → ready, recall of a ready order → back in preparation), in one transaction under the
    /// order's row lock so two stations bumping at once agree on who was last.
    /// </summary>
    public async Task<(TicketOutcome Outcome, OrderView? Order)> ActAsync(Guid ticketId, TicketAction action, string restaurantName, DateTimeOffset now, CancellationToken ct)
    {
        now = now.ToUniversalTime();
        await using var c = await db.OpenConnectionAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        var orderId = await c.QuerySingleOrDefaultAsync<Guid?>(new CommandDefinition(
            "SELECT order_id FROM kitchen_tickets WHERE id = @ticketId", new { ticketId }, tx, cancellationToken: ct));
        var view = orderId is { } id ? await OrderStore.LoadAsync(c, tx, id, ct, forUpdate: true) : null;
        var ticket = view?.Tickets.SingleOrDefault(k => k.Id == ticketId);
        if (view is null || ticket is null)
        {
            return (TicketOutcome.NotFound, null);
        }

        var to = KitchenRules.Next(ticket.Status, action);
        if (to is null || !OrderStatus.IsOpen(view.Order.Status) || view.Order.Status == OrderStatus.Received)
        {
            return (TicketOutcome.NotAllowed, null);
        }

        await c.ExecuteAsync(new CommandDefinition("""
            UPDATE kitchen_tickets SET status = @to,
                   fired_at = CASE WHEN @to = 'fired' THEN coalesce(fired_at, @now) ELSE fired_at END,
                   started_at = CASE WHEN @to = 'started' THEN @now ELSE started_at END,
                   bumped_at = CASE WHEN @to = 'bumped' THEN @now WHEN @to = 'fired' THEN NULL ELSE bumped_at END
             WHERE id = @ticketId;
            UPDATE order_lines SET status = @lineStatus WHERE ticket_id = @ticketId AND status NOT IN ('cancelled', 'voided', 'served');
            """, new { ticketId, to, now, lineStatus = LineStatus.OfTicket(to) }, tx, cancellationToken: ct));

        var statuses = view.Tickets.Select(k => k.Id == ticketId ? to : k.Status).ToList();
        var next = KitchenRules.OrderStatusAfter(view.Order.Status, action, statuses);
        var result = next is null ? null : await MoveOrderAsync(c, tx, view, next, restaurantName, now, ct);
        await tx.CommitAsync(ct);
        return (TicketOutcome.Done, result ?? await LoadAfterAsync(id: view.Order.Id, ct));
    }

    /// <summary>Fires the held tickets of <paramref name="course"/> (the next held course when null): "fire the mains".</summary>
    public async Task<(TicketOutcome Outcome, OrderView? Order)> FireCourseAsync(Guid orderId, int? course, DateTimeOffset now, CancellationToken ct)
    {
        now = now.ToUniversalTime();
        await using var c = await db.OpenConnectionAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        var view = await OrderStore.LoadAsync(c, tx, orderId, ct, forUpdate: true);
        if (view is null)
        {
            return (TicketOutcome.NotFound, null);
        }

        var held = view.Tickets.Where(k => k.Status == TicketStatus.Held).ToList();
        var target = course ?? held.Select(k => (int?)k.Course).Min();
        if (target is null || !held.Any(k => k.Course == target) || view.Order.Status is not (OrderStatus.Accepted or OrderStatus.InPreparation or OrderStatus.Ready))
        {
            return (TicketOutcome.NotAllowed, null);
        }

        await c.ExecuteAsync(new CommandDefinition("""
            UPDATE kitchen_tickets SET status = 'fired', fired_at = @now WHERE order_id = @orderId AND course = @target AND status = 'held';
            UPDATE order_lines l SET status = 'fired' FROM kitchen_tickets k
             WHERE l.ticket_id = k.id AND k.order_id = @orderId AND k.course = @target AND k.status = 'fired' AND l.status = 'held';
            """, new { orderId, target, now }, tx, cancellationToken: ct));

        // Firing a course of a ready order puts it back in preparation (its next course is cooking).
        var result = view.Order.Status == OrderStatus.Ready
            ? await MoveOrderAsync(c, tx, view, OrderStatus.InPreparation, "", now, ct)
            : null;
        await tx.CommitAsync(ct);
        return (TicketOutcome.Done, result ?? await LoadAfterAsync(orderId, ct));
    }

    private async Task<OrderView?> MoveOrderAsync(
        NpgsqlConnection c, NpgsqlTransaction tx, OrderView view, string to, string restaurantName, DateTimeOffset now, CancellationToken ct)
    {
        var action = to switch
        {
            OrderStatus.Ready => OrderAction.MarkReady,
            OrderStatus.InPreparation when view.Order.Status == OrderStatus.Ready => OrderAction.Recall,
            _ => OrderAction.Start,
        };
        return await OrderStore.MoveAsync(c, tx, outbox, view.Order.Id,
            new Transition(action, view.Order.Status, to, Actor.Staff, TicketsDone: true), null, restaurantName, now, ct);
    }

    private async Task<OrderView?> LoadAfterAsync(Guid id, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return await OrderStore.LoadAsync(c, null, id, ct);
    }
}

using System.Text.Json;
using Brigade.Contracts.Notifications;
using Brigade.Contracts.Ordering;
using Brigade.Messaging;
using Brigade.Ordering.Domain;
using Brigade.Security;
using Dapper;
using Npgsql;

namespace Brigade.Ordering.Data;

public sealed class OrderRow
{
    public Guid Id { get; init; }
    public Guid RestaurantId { get; init; }
    public Guid? DinerId { get; init; }
    public Guid? PlacedBy { get; init; }
    public bool PlacedByStaff { get; init; }
    public string Channel { get; init; } = "";
    public Guid? TableId { get; init; }
    public string? TableLabel { get; init; }
    public Guid? ReservationId { get; init; }
    public int? Covers { get; init; }
    public string? ShippingAddress { get; init; }
    public string? Notes { get; init; }
    public string Status { get; init; } = "";
    public long Subtotal { get; init; }
    public long Total { get; init; }
    public string Currency { get; init; } = "KRW";
    public long Paid { get; init; }
    public long PaidAtCounter { get; init; }
    public long Refunded { get; init; }
    public long RefundDue { get; init; }
    public string? PaymentFailure { get; init; }
    public string? CancelledBy { get; init; }
    public string? CancelReason { get; init; }
    public string? CancelNote { get; init; }
    public DateTimeOffset PlacedAt { get; init; }
    public DateTimeOffset? AcceptedAt { get; init; }
    public DateTimeOffset? StartedAt { get; init; }
    public DateTimeOffset? ReadyAt { get; init; }
    public DateTimeOffset? FinishedAt { get; init; }
    public DateTimeOffset? ClosedAt { get; init; }
    public DateTimeOffset? CancelledAt { get; init; }
    public DateTimeOffset? ReopenedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    public int Version { get; init; }

    /// <summary>What the restaurant holds for this order: captured online and not refunded, plus what was paid at the counter.</summary>
    public long Settled => Paid - Refunded + PaidAtCounter;

    public OrderSource Source => new(Channel, TableId, TableLabel, ReservationId, Covers);
}

public sealed class LineRow
{
    public Guid Id { get; init; }
    public Guid OrderId { get; init; }
    public int Position { get; init; }
    public Guid MenuItemId { get; init; }
    public string Name { get; init; } = "";
    public string? Category { get; init; }
    public string Station { get; init; } = "";
    public int Course { get; init; }
    public int Quantity { get; init; }
    public long UnitPrice { get; init; }
    public long LineTotal { get; init; }
    public string Modifiers { get; init; } = "[]";
    public string? Notes { get; init; }
    public Guid? AddedBy { get; init; }
    public string? AddedByName { get; init; }
    public string Status { get; init; } = "";
    public Guid? TicketId { get; init; }

    public bool Active => Status is not (LineStatus.Cancelled or LineStatus.Voided);

    public IReadOnlyList<ChosenModifier> Chosen() => JsonSerializer.Deserialize<List<ChosenModifier>>(Modifiers, JsonSerializerOptions.Web) ?? [];

    public OrderLine ToContract() => new(Id, MenuItemId, Name, Category, Quantity, UnitPrice, LineTotal,
        Chosen().Select(m => new OrderLineModifier(m.OptionId, m.Name, m.PriceDelta)).ToList(), Station);
}

public sealed class TicketRow
{
    public Guid Id { get; init; }
    public Guid OrderId { get; init; }
    public Guid RestaurantId { get; init; }
    public string Station { get; init; } = "";
    public int Course { get; init; }
    public string Status { get; init; } = "";
    public DateTimeOffset? FiredAt { get; init; }
    public DateTimeOffset? StartedAt { get; init; }
    public DateTimeOffset? BumpedAt { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}

/// <summary>An order with its lines and kitchen tickets.</summary>
public sealed record OrderView(OrderRow Order, IReadOnlyList<LineRow> Lines, IReadOnlyList<TicketRow> Tickets)
{
    public IReadOnlyList<LineRow> ActiveLines => Lines.Where(l => l.Active).ToList();
}

/// <summary>A line to write: priced from facts, routed to a station, and who at the table added it.</summary>
public sealed record NewLine(PricedLine Priced, string Station, Guid? AddedBy, string? AddedByName);

public sealed record NewOrder(
    Guid RestaurantId,
    string RestaurantName,
    Guid? DinerId,
    Guid? PlacedBy,
    bool PlacedByStaff,
    string Channel,
    Guid? TableId,
    string? TableLabel,
    Guid? ReservationId,
    int? Covers,
    string? ShippingAddressJson,
    string? Notes,
    string Currency,
    int? ThrottleLimit,
    IReadOnlyList<NewLine> Lines);

public enum PlaceOutcome
{
    Placed,

    /// <summary>The restaurant's online orders for this quarter hour are used up.</summary>
    Throttled,

    /// <summary>An item has fewer portions left than asked for.</summary>
    OutOfStock,
}

public sealed record PlaceResult(PlaceOutcome Outcome, OrderView? Order = null, Guid? ShortItem = null, int? PortionsLeft = null);

/// <summary>A transition of the state machine as the store carries it out.</summary>
public sealed record Transition(
    OrderAction Action,
    string From,
    string To,
    Actor By,
    string? Reason = null,
    string? Note = null,
    bool PaidAtCounter = false,
    bool TicketsDone = false);

public sealed record LineChanges(IReadOnlyList<NewLine> Add, IReadOnlyList<Guid> Remove, IReadOnlyDictionary<Guid, int> Quantities);

public enum ModifyOutcome
{
    Modified,

    /// <summary>The order changed meanwhile (status or version), or the kitchen started it.</summary>
    Stale,

    OutOfStock,

    /// <summary>Money was captured: lines are not removed or reduced (that is a refund, which a void or cancel handles).</summary>
    Paid,

    /// <summary>The change would leave no line (cancel the order instead).</summary>
    Empty,
}

/// <summary>
/// Orders, one transaction per change with its outbox events. The database holds the invariants: portions never go
/// below zero (conditional decrement), online orders per quarter hour never above the limit (conditional upsert),
/// transitions apply only from the status they were decided on (conditional update).
/// </summary>
public sealed class OrderStore(NpgsqlDataSource db, IOutbox outbox)
{
    internal const string OrderColumns = """
        id, restaurant_id, diner_id, placed_by, placed_by_staff, channel, table_id, table_label, reservation_id, covers,
        shipping_address::text AS shipping_address, notes, status, subtotal, total, currency, paid, paid_at_counter, refunded, refund_due,
        payment_failure, cancelled_by, cancel_reason, cancel_note, placed_at, accepted_at, started_at, ready_at, finished_at, closed_at,
        cancelled_at, reopened_at, updated_at, version
        """;

    private const string LineColumns = """
        id, order_id, position, menu_item_id, name, category, station, course, quantity, unit_price, line_total, modifiers::text AS modifiers,
        notes, added_by, added_by_name, status, ticket_id
        """;

    internal const string TicketColumns = "id, order_id, restaurant_id, station, course, status, fired_at, started_at, bumped_at, created_at";

    private static readonly string[] StaffRoles = [Roles.Owner, Roles.Manager, Roles.Staff];

    public async Task<OrderView?> FindAsync(Guid id, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return await LoadAsync(c, null, id, ct);
    }

    internal static async Task<OrderView?> LoadAsync(NpgsqlConnection c, NpgsqlTransaction? tx, Guid id, CancellationToken ct, bool forUpdate = false)
    {
        using var grid = await c.QueryMultipleAsync(new CommandDefinition($"""
            SELECT {OrderColumns} FROM orders WHERE id = @id {(forUpdate ? "FOR UPDATE" : "")};
            SELECT {LineColumns} FROM order_lines WHERE order_id = @id ORDER BY position;
            SELECT {TicketColumns} FROM kitchen_tickets WHERE order_id = @id ORDER BY course, station;
            """, new { id }, tx, cancellationToken: ct));
        var order = await grid.ReadSingleOrDefaultAsync<OrderRow>();
        var lines = (await grid.ReadAsync<LineRow>()).ToList();
        var tickets = (await grid.ReadAsync<TicketRow>()).ToList();
        return order is null ? null : new OrderView(order, lines, tickets);
    }

    /// <summary>
    /// Places an order in one transaction: the online-order throttle, the portions of every item (in item order, so racing
    /// orders lock alike), the order and its lines, <c>ordering.order.placed</c>, and the notifications for staff.
    /// Any refusal rolls everything back.
    /// </summary>
    public async Task<PlaceResult> PlaceAsync(NewOrder o, DateTimeOffset now, CancellationToken ct)
    {
        now = now.ToUniversalTime();
        await using var c = await db.OpenConnectionAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        if (o.ThrottleLimit is { } limit && Domain.Channel.IsOnline(o.Channel, o.PlacedByStaff) && !await TakeThrottleAsync(c, tx, o.RestaurantId, limit, now, ct))
        {
            await tx.RollbackAsync(ct);
            return new PlaceResult(PlaceOutcome.Throttled);
        }

        var stock = await TakePortionsAsync(c, tx, o.Lines.Select(l => (l.Priced.Item.Id, l.Priced.Quantity)), ct);
        if (!stock.Ok)
        {
            await tx.RollbackAsync(ct);
            return new PlaceResult(PlaceOutcome.OutOfStock, null, stock.Short, stock.Left);
        }

        var id = Guid.CreateVersion7();
        var (subtotal, total) = Pricing.Totals(o.Lines.Select(l => l.Priced.LineTotal));
        await c.ExecuteAsync(new CommandDefinition("""
            INSERT INTO orders (id, restaurant_id, diner_id, placed_by, placed_by_staff, channel, table_id, table_label, reservation_id, covers,
                                shipping_address, notes, status, subtotal, total, currency, placed_at, updated_at)
            VALUES (@id, @RestaurantId, @DinerId, @PlacedBy, @PlacedByStaff, @Channel, @TableId, @TableLabel, @ReservationId, @Covers,
                    @ShippingAddressJson::jsonb, @Notes, 'received', @subtotal, @total, @Currency, @now, @now)
            """, new
        {
            id, o.RestaurantId, o.DinerId, o.PlacedBy, o.PlacedByStaff, o.Channel, o.TableId, o.TableLabel, o.ReservationId, o.Covers,
            o.ShippingAddressJson, o.Notes, subtotal, total, o.Currency, now,
        }, tx, cancellationToken: ct));
        await InsertLinesAsync(c, tx, id, o.Lines, 0, ct);

        var view = (await LoadAsync(c, tx, id, ct))!;
        var order = view.Order;
        await outbox.AddAsync(c, tx, new OrderPlaced(id, o.RestaurantId, o.DinerId, order.Source,
            view.Lines.Select(l => l.ToContract()).ToList(), subtotal, total, o.Currency, now), ct);
        if (!o.PlacedByStaff)
        {
            await NotifyStaffAsync(c, tx, o.RestaurantId,
                Messages.NewOrder(o.RestaurantId, o.Channel, o.TableLabel, o.Lines.Sum(l => l.Priced.Quantity), total, o.Currency), now, ct);
        }

        await AnnounceSoldOutAsync(c, tx, o.RestaurantId, stock.RanOut, o.Lines.Select(l => l.Priced.Item), now, ct);
        await tx.CommitAsync(ct);
        return new PlaceResult(PlaceOutcome.Placed, view);
    }

    /// <summary>
    /// Moves an order along the state machine if it is still in <see cref="Transition.From"/> (and at
    /// <paramref name="expectedVersion"/> when given), with the transition's effects and events. Null when it lost a race.
    /// </summary>
    public async Task<OrderView?> TransitionAsync(Guid id, Transition t, int? expectedVersion, string restaurantName, DateTimeOffset now, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        var moved = await MoveAsync(c, tx, outbox, id, t, expectedVersion, restaurantName, now, ct);
        if (moved is null)
        {
            await tx.RollbackAsync(ct);
            return null;
        }

        await tx.CommitAsync(ct);
        return moved;
    }

    /// <summary>The transition inside a caller's transaction (the kitchen's bumps move orders too).</summary>
    internal static async Task<OrderView?> MoveAsync(
        NpgsqlConnection c, NpgsqlTransaction tx, IOutbox outbox, Guid id, Transition t, int? expectedVersion, string restaurantName, DateTimeOffset now, CancellationToken ct)
    {
        now = now.ToUniversalTime();
        var stamp = t.Action switch
        {
            OrderAction.Accept => "accepted_at = @now,",
            OrderAction.Start => "started_at = coalesce(started_at, @now),",
            OrderAction.MarkReady => "ready_at = @now,",
            OrderAction.Recall => "ready_at = NULL,",
            OrderAction.Serve or OrderAction.PickUp => "finished_at = @now,",
            OrderAction.Close => """
                closed_at = @now,
                paid_at_counter = CASE WHEN @counter THEN paid_at_counter + greatest(0, total - (paid - refunded + paid_at_counter)) ELSE paid_at_counter END,
                """,
            OrderAction.Reopen => "reopened_at = @now, closed_at = NULL,",
            OrderAction.Cancel or OrderAction.Void => """
                cancelled_at = @now, cancelled_by = @by, cancel_reason = @reason, cancel_note = @note,
                refund_due = greatest(0, paid - refunded), stock_restored = @restore,
                """,
            _ => "",
        };

        // Closing needs the check settled: paid online, or at the counter as the staff records it.
        var settled = t.Action == OrderAction.Close ? "AND (@counter OR paid - refunded + paid_at_counter >= total)" : "";
        var order = await c.QuerySingleOrDefaultAsync<OrderRow>(new CommandDefinition($"""
            UPDATE orders SET status = @to, {stamp} updated_at = @now, version = version + 1
             WHERE id = @id AND status = @from AND (@expectedVersion::int IS NULL OR version = @expectedVersion::int) {settled}
            RETURNING {OrderColumns}
            """, new
        {
            id, to = t.To, from = t.From, expectedVersion, now, counter = t.PaidAtCounter,
            by = ByName(t.By), reason = t.Reason, note = t.Note, restore = OrderLifecycle.RestoresStock(t.Action),
        }, tx, cancellationToken: ct));
        if (order is null)
        {
            return null;
        }

        var view = (await LoadAsync(c, tx, id, ct))!;
        var lines = view.ActiveLines.Select(l => l.ToContract()).ToList();
        switch (t.Action)
        {
            case OrderAction.Accept:
                await OpenTicketsAsync(c, tx, view, view.ActiveLines, now, ct);
                await outbox.AddAsync(c, tx, new OrderAccepted(id, order.RestaurantId, order.DinerId, order.Source, lines, order.Total, order.Currency, now), ct);
                break;
            case OrderAction.MarkReady:
                if (!t.TicketsDone)
                {
                    await SetTicketsAsync(c, tx, id, TicketStatus.Live, TicketStatus.Bumped, now, ct);
                }

                await outbox.AddAsync(c, tx, new OrderReady(id, order.RestaurantId, order.DinerId, order.Channel, now), ct);
                if (order.DinerId is { } diner && order.Channel != Domain.Channel.DineIn)
                {
                    await NotifyAsync(c, tx, outbox, new NotificationAudience([diner], null, []), Messages.ReadyForPickUp(restaurantName, id, order.Channel), now, ct);
                }

                break;
            case OrderAction.Recall when !t.TicketsDone:
                await SetTicketsAsync(c, tx, id, [TicketStatus.Bumped], TicketStatus.Fired, now, ct);
                break;
            case OrderAction.Serve or OrderAction.PickUp:
                await c.ExecuteAsync(new CommandDefinition(
                    "UPDATE order_lines SET status = 'served' WHERE order_id = @id AND status NOT IN ('cancelled', 'voided')", new { id }, tx, cancellationToken: ct));
                break;
            case OrderAction.Close:
                await outbox.AddAsync(c, tx, new OrderClosed(id, order.RestaurantId, order.DinerId, order.Source, lines, order.Subtotal, order.Total,
                    order.Settled, order.Currency, order.PlacedAt, now), ct);
                break;
            case OrderAction.Reopen:
                await outbox.AddAsync(c, tx, new OrderReopened(id, order.RestaurantId, order.Status, t.Reason ?? "", now), ct);
                break;
            case OrderAction.Cancel or OrderAction.Void:
                await EndAsync(c, tx, outbox, view, t, restaurantName, now, ct);
                break;
        }

        return (await LoadAsync(c, tx, id, ct))!;
    }

    /// <summary>
    /// Changes lines before the kitchen starts: portions taken for what is added and given back for what is removed, tickets
    /// of an accepted order follow, totals recomputed, <c>ordering.order.modified</c>.
    /// </summary>
    public async Task<(ModifyOutcome Outcome, OrderView? Order, Guid? ShortItem, int? Left)> ModifyAsync(
        OrderView current, LineChanges change, DateTimeOffset now, CancellationToken ct)
    {
        now = now.ToUniversalTime();
        await using var c = await db.OpenConnectionAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        var locked = await LoadAsync(c, tx, current.Order.Id, ct, forUpdate: true);
        if (locked is null || locked.Order.Version != current.Order.Version || !OrderLifecycle.CanModify(locked.Order.Status)
            || locked.Tickets.Any(k => k.Status is TicketStatus.Started or TicketStatus.Bumped))
        {
            return (ModifyOutcome.Stale, null, null, null);
        }

        var order = locked.Order;
        var active = locked.ActiveLines.ToDictionary(l => l.Id);
        var reduces = change.Remove.Any(active.ContainsKey) || change.Quantities.Any(q => active.TryGetValue(q.Key, out var l) && q.Value < l.Quantity);
        if (reduces && order.Paid - order.Refunded > 0)
        {
            return (ModifyOutcome.Paid, null, null, null);
        }

        if (active.Count - change.Remove.Distinct().Count(active.ContainsKey) + change.Add.Count == 0)
        {
            return (ModifyOutcome.Empty, null, null, null);
        }

        // Portions: positive deltas are taken (may fail), negative ones given back.
        var deltas = change.Add.Select(a => (a.Priced.Item.Id, a.Priced.Quantity))
            .Concat(change.Remove.Where(active.ContainsKey).Select(r => (active[r].MenuItemId, -active[r].Quantity)))
            .Concat(change.Quantities.Where(q => active.ContainsKey(q.Key)).Select(q => (active[q.Key].MenuItemId, q.Value - active[q.Key].Quantity)))
            .GroupBy(d => d.Item1).Select(g => (Item: g.Key, Delta: g.Sum(d => d.Item2))).ToList();
        var stock = await TakePortionsAsync(c, tx, deltas.Where(d => d.Delta > 0).Select(d => (d.Item, d.Delta)), ct);
        if (!stock.Ok)
        {
            await tx.RollbackAsync(ct);
            return (ModifyOutcome.OutOfStock, null, stock.Short, stock.Left);
        }

        await RestorePortionsAsync(c, tx, deltas.Where(d => d.Delta < 0).Select(d => (d.Item, -d.Delta)), ct);

        await c.ExecuteAsync(new CommandDefinition(
            "UPDATE order_lines SET status = 'cancelled' WHERE order_id = @id AND id = ANY(@ids)",
            new { id = order.Id, ids = change.Remove.ToArray() }, tx, cancellationToken: ct));
        foreach (var (lineId, quantity) in change.Quantities.Where(q => active.ContainsKey(q.Key)))
        {
            await c.ExecuteAsync(new CommandDefinition(
                "UPDATE order_lines SET quantity = @quantity, line_total = unit_price * @quantity WHERE id = @lineId",
                new { lineId, quantity }, tx, cancellationToken: ct));
        }

        var accepted = order.Status == OrderStatus.Accepted;
        var added = await InsertLinesAsync(c, tx, order.Id, change.Add, locked.Lines.Count, ct);
        if (accepted)
        {
            var all = (await LoadAsync(c, tx, order.Id, ct))!;
            await OpenTicketsAsync(c, tx, all, all.Lines.Where(l => added.Contains(l.Id)).ToList(), now, ct);

            // A ticket whose every line went is no longer the kitchen's business.
            await c.ExecuteAsync(new CommandDefinition("""
                UPDATE kitchen_tickets k SET status = 'voided'
                 WHERE k.order_id = @id AND k.status <> 'voided'
                   AND NOT EXISTS (SELECT 1 FROM order_lines l WHERE l.ticket_id = k.id AND l.status NOT IN ('cancelled', 'voided'))
                """, new { id = order.Id }, tx, cancellationToken: ct));
        }

        var updated = await c.QuerySingleAsync<OrderRow>(new CommandDefinition($"""
            UPDATE orders SET subtotal = s.sum, total = s.sum, updated_at = @now, version = version + 1
              FROM (SELECT coalesce(sum(line_total), 0) AS sum FROM order_lines WHERE order_id = @id AND status NOT IN ('cancelled', 'voided')) s
             WHERE id = @id
            RETURNING {OrderColumns}
            """, new { id = order.Id, now }, tx, cancellationToken: ct));
        var view = (await LoadAsync(c, tx, order.Id, ct))!;
        await outbox.AddAsync(c, tx, new OrderModified(order.Id, order.RestaurantId, order.DinerId, updated.Status,
            view.ActiveLines.Select(l => l.ToContract()).ToList(), updated.Subtotal, updated.Total, updated.Currency, now), ct);
        await AnnounceSoldOutAsync(c, tx, order.RestaurantId, stock.RanOut, change.Add.Select(a => a.Priced.Item), now, ct);
        await tx.CommitAsync(ct);
        return (ModifyOutcome.Modified, view, null, null);
    }

    /// <summary>A restaurant's orders placed in [from, to), newest first, optionally only some statuses; keyset-paged.</summary>
    public async Task<IReadOnlyList<OrderRow>> ListForRestaurantAsync(
        Guid restaurantId, IReadOnlyList<string>? statuses, DateTimeOffset? from, DateTimeOffset? to, (DateTimeOffset PlacedAt, Guid Id)? after, int take, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return (await c.QueryAsync<OrderRow>(new CommandDefinition($"""
            SELECT {OrderColumns} FROM orders
             WHERE restaurant_id = @restaurantId
               AND (@statuses::text[] IS NULL OR status = ANY(@statuses::text[]))
               AND (@from::timestamptz IS NULL OR placed_at >= @from::timestamptz) AND (@to::timestamptz IS NULL OR placed_at < @to::timestamptz)
               AND (@hasAfter = false OR (placed_at, id) < (@afterAt, @afterId))
             ORDER BY placed_at DESC, id DESC
             LIMIT @take
            """, new
        {
            restaurantId, statuses = statuses?.ToArray(), from = from?.ToUniversalTime(), to = to?.ToUniversalTime(),
            hasAfter = after is not null, afterAt = (after?.PlacedAt ?? DateTimeOffset.UnixEpoch).ToUniversalTime(), afterId = after?.Id ?? Guid.Empty, take,
        }, cancellationToken: ct))).ToList();
    }

    public async Task<IReadOnlyList<OrderRow>> ListForDinerAsync(Guid dinerId, (DateTimeOffset PlacedAt, Guid Id)? after, int take, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return (await c.QueryAsync<OrderRow>(new CommandDefinition($"""
            SELECT {OrderColumns} FROM orders
             WHERE diner_id = @dinerId AND (@hasAfter = false OR (placed_at, id) < (@afterAt, @afterId))
             ORDER BY placed_at DESC, id DESC
             LIMIT @take
            """, new
        {
            dinerId, hasAfter = after is not null, afterAt = (after?.PlacedAt ?? DateTimeOffset.UnixEpoch).ToUniversalTime(), afterId = after?.Id ?? Guid.Empty, take,
        }, cancellationToken: ct))).ToList();
    }

    /// <summary>The lines of several orders (a list page shows what each order holds).</summary>
    public async Task<ILookup<Guid, LineRow>> LinesOfAsync(IReadOnlyCollection<Guid> orderIds, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return (await c.QueryAsync<LineRow>(new CommandDefinition(
            $"SELECT {LineColumns} FROM order_lines WHERE order_id = ANY(@ids) ORDER BY order_id, position", new { ids = orderIds.ToArray() }, cancellationToken: ct)))
            .ToLookup(l => l.OrderId);
    }

    // ---- payments (handlers) ----

    /// <summary>
    /// A captured payment for an order: recorded once per payment id, the order's paid amount recomputed. A payment that
    /// arrives for an order already cancelled or voided is owed back at once (another <c>ordering.order.cancelled</c>
    /// carrying it as <c>RefundDue</c>, with no stock to restore).
    /// </summary>
    internal static async Task<OrderRow?> ApplyPaymentAsync(
        NpgsqlConnection c, NpgsqlTransaction tx, IOutbox outbox, Guid orderId, Guid paymentId, long amount, string currency, string method, DateTimeOffset at, CancellationToken ct)
    {
        var inserted = await c.ExecuteAsync(new CommandDefinition("""
            INSERT INTO order_payments (payment_id, order_id, amount, currency, method, completed_at)
            SELECT @paymentId, o.id, @amount, @currency, @method, @at FROM orders o WHERE o.id = @orderId AND o.currency = @currency
            ON CONFLICT (payment_id) DO NOTHING
            """, new { orderId, paymentId, amount, currency, method, at = at.ToUniversalTime() }, tx, cancellationToken: ct));
        if (inserted == 0)
        {
            return null;
        }

        var order = await RecountAsync(c, tx, orderId, at, ct);
        if (order.Status is OrderStatus.Cancelled or OrderStatus.Voided)
        {
            await outbox.AddAsync(c, tx, new OrderCancelled(orderId, order.RestaurantId, order.DinerId, [], false, "system", "paid_after_cancellation",
                amount, currency, at), ct);
        }

        return order;
    }

    internal static async Task<OrderRow?> ApplyRefundAsync(NpgsqlConnection c, NpgsqlTransaction tx, Guid orderId, Guid paymentId, long refundedTotal, DateTimeOffset at, CancellationToken ct)
    {
        var updated = await c.ExecuteAsync(new CommandDefinition(
            "UPDATE order_payments SET refunded = greatest(refunded, @refundedTotal) WHERE payment_id = @paymentId AND order_id = @orderId",
            new { orderId, paymentId, refundedTotal }, tx, cancellationToken: ct));
        return updated == 0 ? null : await RecountAsync(c, tx, orderId, at, ct);
    }

    internal static Task<OrderRow?> ApplyPaymentFailureAsync(NpgsqlConnection c, NpgsqlTransaction tx, Guid orderId, string reason, DateTimeOffset at, CancellationToken ct) =>
        c.QuerySingleOrDefaultAsync<OrderRow>(new CommandDefinition($"""
            UPDATE orders SET payment_failure = @reason, updated_at = greatest(updated_at, @at), version = version + 1 WHERE id = @orderId
            RETURNING {OrderColumns}
            """, new { orderId, reason, at = at.ToUniversalTime() }, tx, cancellationToken: ct));

    private static async Task<OrderRow> RecountAsync(NpgsqlConnection c, NpgsqlTransaction tx, Guid orderId, DateTimeOffset at, CancellationToken ct)
    {
        await c.ExecuteAsync(new CommandDefinition("""
            UPDATE orders SET paid = (SELECT coalesce(sum(amount), 0) FROM order_payments WHERE order_id = @orderId),
                              refunded = (SELECT coalesce(sum(refunded), 0) FROM order_payments WHERE order_id = @orderId),
                              payment_failure = NULL, updated_at = greatest(updated_at, @at), version = version + 1
             WHERE id = @orderId
            """, new { orderId, at = at.ToUniversalTime() }, tx, cancellationToken: ct));

        // What a cancelled or voided order still owes back.
        return await c.QuerySingleAsync<OrderRow>(new CommandDefinition($"""
            UPDATE orders SET refund_due = CASE WHEN status IN ('cancelled', 'voided') THEN greatest(0, paid - refunded) ELSE 0 END
             WHERE id = @orderId
            RETURNING {OrderColumns}
            """, new { orderId }, tx, cancellationToken: ct));
    }

    // ---- pieces shared by the transactions ----

    /// <summary>Online orders in this quarter hour, one more if under <paramref name="limit"/> (the upsert's condition is the throttle).</summary>
    private static async Task<bool> TakeThrottleAsync(NpgsqlConnection c, NpgsqlTransaction tx, Guid restaurantId, int limit, DateTimeOffset now, CancellationToken ct)
    {
        if (limit <= 0)
        {
            return false;
        }

        var window = Throttle.WindowStart(NodaTime.Instant.FromDateTimeOffset(now)).ToDateTimeOffset();
        var taken = await c.QuerySingleOrDefaultAsync<int?>(new CommandDefinition("""
            INSERT INTO throttle_windows (restaurant_id, window_start, orders) VALUES (@restaurantId, @window, 1)
            ON CONFLICT (restaurant_id, window_start) DO UPDATE SET orders = throttle_windows.orders + 1 WHERE throttle_windows.orders < @limit
            RETURNING orders
            """, new { restaurantId, window, limit }, tx, cancellationToken: ct));
        return taken is not null;
    }

    private sealed record Stock(bool Ok, Guid? Short, int? Left, IReadOnlyList<Guid> RanOut);

    /// <summary>
    /// Takes portions of counted items: their rows are locked in item order first (so racing orders lock alike), then each
    /// is decremented only if enough are left (never below zero, whoever races). Uncounted items (no inventory row, or a
    /// null count) pass. Items whose count reaches zero are 86'd.
    /// </summary>
    private static async Task<Stock> TakePortionsAsync(NpgsqlConnection c, NpgsqlTransaction tx, IEnumerable<(Guid Item, int Quantity)> wanted, CancellationToken ct)
    {
        var quantities = wanted.GroupBy(w => w.Item).ToDictionary(g => g.Key, g => g.Sum(w => w.Quantity));
        if (quantities.Count == 0)
        {
            return new Stock(true, null, null, []);
        }

        var counted = (await c.QueryAsync<(Guid Item, int Left)>(new CommandDefinition("""
            SELECT menu_item_id, portions_left FROM item_stock
             WHERE menu_item_id = ANY(@ids) AND portions_left IS NOT NULL
             ORDER BY menu_item_id
               FOR UPDATE
            """, new { ids = quantities.Keys.ToArray() }, tx, cancellationToken: ct))).ToList();
        var ranOut = new List<Guid>();
        foreach (var (item, _) in counted)
        {
            var quantity = quantities[item];
            var left = await c.QuerySingleOrDefaultAsync<int?>(new CommandDefinition("""
                UPDATE item_stock SET portions_left = portions_left - @quantity
                 WHERE menu_item_id = @item AND portions_left >= @quantity
                RETURNING portions_left
                """, new { item, quantity }, tx, cancellationToken: ct));
            if (left is null)
            {
                return new Stock(false, item, counted.First(x => x.Item == item).Left, []);
            }

            if (left == 0)
            {
                ranOut.Add(item);
            }
        }

        return new Stock(true, null, null, ranOut);
    }

    private static async Task RestorePortionsAsync(NpgsqlConnection c, NpgsqlTransaction tx, IEnumerable<(Guid Item, int Quantity)> back, CancellationToken ct)
    {
        foreach (var (item, quantity) in back.GroupBy(w => w.Item).Select(g => (g.Key, g.Sum(w => w.Quantity))).OrderBy(w => w.Key))
        {
            await c.ExecuteAsync(new CommandDefinition(
                "UPDATE item_stock SET portions_left = portions_left + @quantity WHERE menu_item_id = @item AND portions_left IS NOT NULL",
                new { item, quantity }, tx, cancellationToken: ct));
        }
    }

    private static async Task<IReadOnlyList<Guid>> InsertLinesAsync(
        NpgsqlConnection c, NpgsqlTransaction tx, Guid orderId, IReadOnlyList<NewLine> lines, int firstPosition, CancellationToken ct)
    {
        var ids = lines.Select(_ => Guid.CreateVersion7()).ToArray();
        await c.ExecuteAsync(new CommandDefinition("""
            INSERT INTO order_lines (id, order_id, position, menu_item_id, name, category, station, course, quantity, unit_price, line_total, modifiers,
                                     notes, added_by, added_by_name, status)
            SELECT l.id, @orderId, @firstPosition + l.n - 1, l.item, l.name, l.category, l.station, l.course, l.quantity, l.unit_price, l.line_total,
                   l.modifiers::jsonb, l.notes, l.added_by, l.added_by_name, 'pending'
              FROM unnest(@ids, @items, @names, @categories, @stations, @courses, @quantities, @unitPrices, @lineTotals, @modifiers, @notes, @addedBy, @addedByNames)
                   WITH ORDINALITY AS l(id, item, name, category, station, course, quantity, unit_price, line_total, modifiers, notes, added_by, added_by_name, n)
            """, new
        {
            orderId,
            firstPosition,
            ids,
            items = lines.Select(l => l.Priced.Item.Id).ToArray(),
            names = lines.Select(l => l.Priced.Item.Name).ToArray(),
            categories = lines.Select(l => l.Priced.Item.Category).ToArray(),
            stations = lines.Select(l => l.Station).ToArray(),
            courses = lines.Select(l => l.Priced.Course).ToArray(),
            quantities = lines.Select(l => l.Priced.Quantity).ToArray(),
            unitPrices = lines.Select(l => l.Priced.UnitPrice).ToArray(),
            lineTotals = lines.Select(l => l.Priced.LineTotal).ToArray(),
            modifiers = lines.Select(l => JsonSerializer.Serialize(l.Priced.Modifiers, JsonSerializerOptions.Web)).ToArray(),
            notes = lines.Select(l => l.Priced.Notes).ToArray(),
            addedBy = lines.Select(l => l.AddedBy).ToArray(),
            addedByNames = lines.Select(l => l.AddedByName).ToArray(),
        }, tx, cancellationToken: ct));
        return ids;
    }

    /// <summary>
    /// Routes <paramref name="lines"/> to tickets per station and course: an existing held or fired ticket of the same
    /// station and course takes them; otherwise a new one, fired or held by the coursing rule.
    /// </summary>
    private static async Task OpenTicketsAsync(NpgsqlConnection c, NpgsqlTransaction tx, OrderView view, IReadOnlyList<LineRow> lines, DateTimeOffset now, CancellationToken ct)
    {
        var firstCourse = view.ActiveLines.Select(l => l.Course).DefaultIfEmpty(1).Min();
        var preOrder = view.Order.ReservationId is not null;
        foreach (var group in lines.GroupBy(l => (l.Station, l.Course)))
        {
            var status = KitchenRules.InitialStatus(group.Key.Course, firstCourse, preOrder);
            var ticket = await c.QuerySingleAsync<(Guid Id, string Status)>(new CommandDefinition("""
                INSERT INTO kitchen_tickets (id, order_id, restaurant_id, station, course, status, fired_at, created_at)
                VALUES (@id, @orderId, @restaurantId, @station, @course, @status, CASE WHEN @status = 'fired' THEN @now END, @now)
                ON CONFLICT (order_id, station, course) DO UPDATE
                   SET status = CASE WHEN kitchen_tickets.status = 'voided' THEN EXCLUDED.status ELSE kitchen_tickets.status END,
                       fired_at = CASE WHEN kitchen_tickets.status = 'voided' THEN EXCLUDED.fired_at ELSE kitchen_tickets.fired_at END
                RETURNING id, status
                """, new { id = Guid.CreateVersion7(), orderId = view.Order.Id, restaurantId = view.Order.RestaurantId, station = group.Key.Station, course = group.Key.Course, status, now },
                tx, cancellationToken: ct));
            await c.ExecuteAsync(new CommandDefinition(
                "UPDATE order_lines SET ticket_id = @ticket, status = @status WHERE id = ANY(@ids)",
                new { ticket = ticket.Id, status = LineStatus.OfTicket(ticket.Status), ids = group.Select(l => l.Id).ToArray() }, tx, cancellationToken: ct));
        }
    }

    /// <summary>Moves an order's tickets in <paramref name="from"/> to <paramref name="to"/>, their lines following.</summary>
    internal static async Task SetTicketsAsync(NpgsqlConnection c, NpgsqlTransaction tx, Guid orderId, IReadOnlyList<string> from, string to, DateTimeOffset now, CancellationToken ct)
    {
        await c.ExecuteAsync(new CommandDefinition("""
            UPDATE kitchen_tickets SET status = @to,
                   fired_at = CASE WHEN @to = 'fired' THEN coalesce(fired_at, @now) ELSE fired_at END,
                   bumped_at = CASE WHEN @to = 'bumped' THEN @now WHEN @to = 'fired' THEN NULL ELSE bumped_at END
             WHERE order_id = @orderId AND status = ANY(@from);
            UPDATE order_lines l SET status = @lineStatus
              FROM kitchen_tickets k
             WHERE l.ticket_id = k.id AND k.order_id = @orderId AND k.status = @to AND l.status NOT IN ('cancelled', 'voided', 'served');
            """, new { orderId, from = from.ToArray(), to, now = now.ToUniversalTime(), lineStatus = LineStatus.OfTicket(to) }, tx, cancellationToken: ct));
    }

    /// <summary>Cancel or void: portions back (cancel only), tickets off the screens, lines closed, the event and the diner told.</summary>
    private static async Task EndAsync(NpgsqlConnection c, NpgsqlTransaction tx, IOutbox outbox, OrderView view, Transition t, string restaurantName, DateTimeOffset now, CancellationToken ct)
    {
        var order = view.Order;
        var lines = view.ActiveLines;
        if (OrderLifecycle.RestoresStock(t.Action))
        {
            await RestorePortionsAsync(c, tx, lines.Select(l => (l.MenuItemId, l.Quantity)), ct);
        }

        await c.ExecuteAsync(new CommandDefinition("""
            UPDATE kitchen_tickets SET status = 'voided' WHERE order_id = @id AND status <> 'voided';
            UPDATE order_lines SET status = @lineStatus WHERE order_id = @id AND status NOT IN ('cancelled', 'voided');
            """, new { id = order.Id, lineStatus = t.Action == OrderAction.Cancel ? LineStatus.Cancelled : LineStatus.Voided }, tx, cancellationToken: ct));

        // Inventory depleted stock when the order was accepted; a cancellation before the kitchen started gives it back,
        // a void after it does not (the food was made).
        var stockWasCommitted = t.Action == OrderAction.Cancel && t.From == OrderStatus.Accepted;
        await outbox.AddAsync(c, tx, new OrderCancelled(order.Id, order.RestaurantId, order.DinerId, lines.Select(l => l.ToContract()).ToList(),
            stockWasCommitted, ByName(t.By), t.Reason ?? CancelReasons.Other, order.RefundDue, order.Currency, now), ct);
        if (t.By != Actor.Diner && order.DinerId is { } diner)
        {
            await NotifyAsync(c, tx, outbox, new NotificationAudience([diner], null, []),
                Messages.CancelledByRestaurant(restaurantName, order.Id, order.RefundDue, order.Currency), now, ct);
        }
    }

    private static string ByName(Actor by) => by switch
    {
        Actor.Diner => "diner",
        Actor.System => "system",
        _ => "restaurant",
    };

    private async Task NotifyStaffAsync(NpgsqlConnection c, NpgsqlTransaction tx, Guid restaurantId, Message message, DateTimeOffset now, CancellationToken ct) =>
        await NotifyAsync(c, tx, outbox, new NotificationAudience([], restaurantId, StaffRoles), message, now, ct);

    private async Task AnnounceSoldOutAsync(
        NpgsqlConnection c, NpgsqlTransaction tx, Guid restaurantId, IReadOnlyList<Guid> ranOut, IEnumerable<MenuItemFact> items, DateTimeOffset now, CancellationToken ct)
    {
        foreach (var item in items.Where(i => ranOut.Contains(i.Id)).DistinctBy(i => i.Id))
        {
            await NotifyStaffAsync(c, tx, restaurantId, Messages.SoldOut(restaurantId, item.Name), now, ct);
        }
    }

    private static Task NotifyAsync(NpgsqlConnection c, NpgsqlTransaction tx, IOutbox outbox, NotificationAudience audience, Message m, DateTimeOffset now, CancellationToken ct) =>
        outbox.AddAsync(c, tx, new NotificationRequested(Guid.CreateVersion7(), audience, m.Type, m.Title, m.Body, m.TitleEn, m.BodyEn, m.Link, false, now), ct);
}

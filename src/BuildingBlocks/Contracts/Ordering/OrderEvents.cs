using System.Text.Json.Serialization;

namespace Brigade.Contracts.Ordering;

/// <summary>A chosen modifier option on an order line (<c>곱빼기</c>, <c>extra shot</c>) and what it added to the unit price.</summary>
public sealed record OrderLineModifier(Guid OptionId, string Name, long PriceDelta);

/// <summary>
/// One line of an order as priced by ordering from the restaurant's menu facts (never from the client):
/// <paramref name="UnitPrice"/> includes the modifiers, <paramref name="LineTotal"/> = unit price × quantity, minor units.
/// <paramref name="Station"/> is the kitchen station the line was routed to (<c>grill</c>, <c>fry</c>, <c>cold</c>, <c>bar</c>, …).
/// </summary>
public sealed record OrderLine(
    Guid LineId,
    Guid MenuItemId,
    string Name,
    string? Category,
    int Quantity,
    long UnitPrice,
    long LineTotal,
    IReadOnlyList<OrderLineModifier> Modifiers,
    string? Station);

/// <summary>
/// Where an order is eaten: <paramref name="Channel"/> is <c>dine_in</c> (at <paramref name="TableId"/>, possibly for
/// <paramref name="ReservationId"/>), <c>takeout</c> or <c>delivery</c>. <paramref name="Covers"/> is the guests it feeds when known.
/// </summary>
public sealed record OrderSource(string Channel, Guid? TableId, string? TableLabel, Guid? ReservationId, int? Covers);

/// <summary>A diner or the restaurant placed an order (status <c>received</c>); prices and totals are ordering's, in <paramref name="Currency"/>.</summary>
[IntegrationEvent("ordering.order.placed")]
public sealed record OrderPlaced(
    Guid OrderId,
    Guid RestaurantId,
    Guid? DinerId,
    OrderSource Source,
    IReadOnlyList<OrderLine> Lines,
    long Subtotal,
    long Total,
    string Currency,
    DateTimeOffset PlacedAt) : IIntegrationEvent;

/// <summary>
/// The restaurant accepted the order: its lines will be made. Inventory depletes stock from recipes on this event
/// (once per order, idempotently) and restores it on <see cref="OrderCancelled"/> with <c>StockWasCommitted</c>.
/// </summary>
[IntegrationEvent("ordering.order.accepted")]
public sealed record OrderAccepted(
    Guid OrderId,
    Guid RestaurantId,
    Guid? DinerId,
    OrderSource Source,
    IReadOnlyList<OrderLine> Lines,
    long Total,
    string Currency,
    DateTimeOffset AcceptedAt) : IIntegrationEvent;

/// <summary>Every line of the order is ready at the pass (for pick-up, the diner is told).</summary>
[IntegrationEvent("ordering.order.ready")]
public sealed record OrderReady(Guid OrderId, Guid RestaurantId, Guid? DinerId, string Channel, DateTimeOffset ReadyAt) : IIntegrationEvent;

/// <summary>
/// The order is finished: served or picked up and paid (status <c>closed</c>). Analytics books its sales from this event;
/// restaurants makes <paramref name="DinerId"/> eligible to review. <paramref name="Paid"/> is what was captured for it.
/// </summary>
[IntegrationEvent("ordering.order.closed")]
public sealed record OrderClosed(
    Guid OrderId,
    Guid RestaurantId,
    Guid? DinerId,
    OrderSource Source,
    IReadOnlyList<OrderLine> Lines,
    long Subtotal,
    long Total,
    long Paid,
    string Currency,
    DateTimeOffset PlacedAt,
    DateTimeOffset ClosedAt) : IIntegrationEvent;

/// <summary>
/// The order was cancelled or voided by <paramref name="CancelledBy"/> (<c>diner</c>, <c>restaurant</c>, <c>system</c>).
/// <paramref name="StockWasCommitted"/>: it had been accepted, so inventory restores what it depleted.
/// <paramref name="RefundDue"/>: the amount to refund of what was paid (payments refunds it when ordering asks).
/// </summary>
[IntegrationEvent("ordering.order.cancelled")]
public sealed record OrderCancelled(
    Guid OrderId,
    Guid RestaurantId,
    Guid? DinerId,
    IReadOnlyList<OrderLine> Lines,
    bool StockWasCommitted,
    string CancelledBy,
    string Reason,
    long RefundDue,
    string Currency,
    DateTimeOffset CancelledAt) : IIntegrationEvent;

/// <summary>
/// The lines of an order changed before the kitchen started it (added, removed, quantities): <paramref name="Lines"/> and the
/// totals are the order as it is now, <paramref name="Status"/> its status (<c>received</c> or <c>accepted</c>). Inventory
/// re-depletes an accepted order from these lines.
/// </summary>
[IntegrationEvent("ordering.order.modified")]
public sealed record OrderModified(
    Guid OrderId,
    Guid RestaurantId,
    Guid? DinerId,
    string Status,
    IReadOnlyList<OrderLine> Lines,
    long Subtotal,
    long Total,
    string Currency,
    DateTimeOffset ModifiedAt) : IIntegrationEvent;

/// <summary>
/// A manager reopened a closed check (to correct it) with <paramref name="Reason"/>; the order is <c>served</c> or
/// <c>picked_up</c> again, and <see cref="OrderClosed"/> follows when it is closed again (consumers key sales by order id).
/// </summary>
[IntegrationEvent("ordering.order.reopened")]
public sealed record OrderReopened(Guid OrderId, Guid RestaurantId, string Status, string Reason, DateTimeOffset ReopenedAt) : IIntegrationEvent;

[JsonSerializable(typeof(OrderPlaced))]
[JsonSerializable(typeof(OrderReopened))]
[JsonSerializable(typeof(OrderModified))]
[JsonSerializable(typeof(OrderAccepted))]
[JsonSerializable(typeof(OrderReady))]
[JsonSerializable(typeof(OrderClosed))]
[JsonSerializable(typeof(OrderCancelled))]
internal sealed partial class OrderEventsJsonContext : JsonSerializerContext;

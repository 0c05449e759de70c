using Brigade.Analytics.Data;
using Brigade.Contracts.Ordering;
using Brigade.Messaging;

namespace Brigade.Analytics.Events;

/// <summary>
/// Sales are booked from closed orders (ordering's own totals, never recomputed here), on the service day and hour the order
/// was placed; a reopened check stops counting until it closes again, a cancelled (voided) one stops for good.
/// </summary>
public sealed class OrderFacts(Ingest ingest) : IEventHandler<OrderClosed>, IEventHandler<OrderReopened>, IEventHandler<OrderCancelled>
{
    public async Task HandleAsync(OrderClosed e, EventContext context, CancellationToken ct)
    {
        var lines = e.Lines.Select(l => new LineFact(l.LineId, l.MenuItemId, l.Name, l.Category, l.Quantity, l.LineTotal)).ToList();
        var days = await FactStore.OrderClosedAsync(context.Connection, context.Transaction, e.OrderId, e.RestaurantId, e.DinerId, e.Source.Channel,
            Math.Max(e.Source.Covers ?? 0, 0), e.PlacedAt, e.ClosedAt, ingest.DayOf(e.PlacedAt), e.Subtotal, e.Total, e.Paid, e.Currency, lines, ct);
        await ingest.ChangedAsync(context, e.RestaurantId, days, ct);
    }

    public async Task HandleAsync(OrderReopened e, EventContext context, CancellationToken ct)
    {
        var days = await FactStore.OrderStatusAsync(context.Connection, context.Transaction, e.OrderId, e.RestaurantId, "reopened", e.ReopenedAt, "KRW", ct);
        await ingest.ChangedAsync(context, e.RestaurantId, days, ct);
    }

    public async Task HandleAsync(OrderCancelled e, EventContext context, CancellationToken ct)
    {
        var days = await FactStore.OrderStatusAsync(context.Connection, context.Transaction, e.OrderId, e.RestaurantId, "cancelled", e.CancelledAt, e.Currency, ct);
        await ingest.ChangedAsync(context, e.RestaurantId, days, ct);
    }
}

using Brigade.Contracts.Ordering;
using Brigade.Inventory.Data;
using Brigade.Messaging;

namespace Brigade.Inventory.Events;

/// <summary>An accepted order takes its recipes' ingredients from stock, once per order.</summary>
public sealed class DepleteAcceptedOrder(DepletionStore depletions, TimeProvider clock) : IEventHandler<OrderAccepted>
{
    public Task HandleAsync(OrderAccepted e, EventContext context, CancellationToken ct) =>
        depletions.AcceptedAsync(context.Connection, context.Transaction, e, clock.GetUtcNow(), ct);
}

/// <summary>An accepted order's lines changed: stock takes or gives back the difference.</summary>
public sealed class RedepleteModifiedOrder(DepletionStore depletions, TimeProvider clock) : IEventHandler<OrderModified>
{
    public Task HandleAsync(OrderModified e, EventContext context, CancellationToken ct) =>
        depletions.ModifiedAsync(context.Connection, context.Transaction, e, clock.GetUtcNow(), ct);
}

/// <summary>A cancelled accepted order gives back what it took.</summary>
public sealed class RestoreCancelledOrder(DepletionStore depletions, TimeProvider clock) : IEventHandler<OrderCancelled>
{
    public Task HandleAsync(OrderCancelled e, EventContext context, CancellationToken ct) =>
        depletions.CancelledAsync(context.Connection, context.Transaction, e, clock.GetUtcNow(), ct);
}

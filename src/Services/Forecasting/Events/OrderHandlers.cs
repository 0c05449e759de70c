using Brigade.Contracts.Ordering;
using Brigade.Forecasting.Data;
using Brigade.Messaging;

namespace Brigade.Forecasting.Events;

/// <summary>A closed order is a sale: its covers, total, hour and items join the history (replacing itself when re-closed).</summary>
public sealed class BookClosedOrder : IEventHandler<OrderClosed>
{
    public Task HandleAsync(OrderClosed e, EventContext context, CancellationToken ct) =>
        HistoryStore.ClosedAsync(context.Connection, context.Transaction, e, ct);
}

/// <summary>A reopened check is not a sale until it closes again.</summary>
public sealed class UnbookReopenedOrder : IEventHandler<OrderReopened>
{
    public Task HandleAsync(OrderReopened e, EventContext context, CancellationToken ct) =>
        HistoryStore.RemoveOrderAsync(context.Connection, context.Transaction, e.OrderId, ct);
}

/// <summary>A cancelled (voided) order is not a sale.</summary>
public sealed class UnbookCancelledOrder : IEventHandler<OrderCancelled>
{
    public Task HandleAsync(OrderCancelled e, EventContext context, CancellationToken ct) =>
        HistoryStore.RemoveOrderAsync(context.Connection, context.Transaction, e.OrderId, ct);
}

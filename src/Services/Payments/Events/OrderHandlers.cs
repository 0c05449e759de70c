using Brigade.Contracts.Ordering;
using Brigade.Messaging;
using Brigade.Payments.Data;
using Brigade.Payments.Domain;
using Brigade.Payments.Processing;

namespace Brigade.Payments.Events;

/// <summary>An order placed is an amount owed: its total, priced by ordering, never by the client.</summary>
public sealed class OweForOrder(TimeProvider clock) : IEventHandler<OrderPlaced>
{
    public Task HandleAsync(OrderPlaced e, EventContext context, CancellationToken ct) =>
        DueStore.OweAsync(context.Connection, context.Transaction, DueRow.Order, e.OrderId, e.RestaurantId, e.DinerId, e.Total, e.Currency, null, clock.GetUtcNow(), ct);
}

/// <summary>A cancelled order is no longer payable; what ordering says is due back of a paid one is refunded.</summary>
public sealed class RefundCancelledOrder(RefundProcessor refunds, TimeProvider clock) : IEventHandler<OrderCancelled>
{
    public async Task HandleAsync(OrderCancelled e, EventContext context, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var due = await DueStore.CloseAsync(context.Connection, context.Transaction, DueRow.Order, e.OrderId, e.RestaurantId, e.DinerId, e.Currency,
            "cancelled", refundPercent: null, refundDue: e.RefundDue, noShowFee: null, now, ct);
        await ClosedDue.RefundAsync(context, due, "order_cancelled", $"Order cancelled by {e.CancelledBy}: {e.Reason}",
            p => MoneyRules.OrderRefund(p.Amount, p.RefundReserved, e.RefundDue), refunds, now, ct);
    }
}

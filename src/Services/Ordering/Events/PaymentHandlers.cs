using Brigade.Contracts.Payments;
using Brigade.Messaging;
using Brigade.Ordering.Data;
using Brigade.Ordering.Hubs;
using Npgsql;

namespace Brigade.Ordering.Events;

/// <summary>Payments acts on several kinds of purpose; ordering owns <c>order</c>.</summary>
internal static class PaymentPurposes
{
    public const string Order = "order";

    /// <summary>After the commit, the order as it is now goes to the restaurant's screens.</summary>
    public static void PushOnCommit(EventContext context, Live live, NpgsqlDataSource db, Guid orderId) => context.OnCommitted(async () =>
    {
        await using var connection = await db.OpenConnectionAsync();
        if (await OrderStore.LoadAsync(connection, null, orderId, CancellationToken.None) is { } view)
        {
            await live.OrderChangedAsync(view, (await MenuFacts.FindRestaurantAsync(connection, view.Order.RestaurantId, CancellationToken.None))?.TimeZone);
        }
    });
}

/// <summary>A captured payment marks the order paid (in full or in part); one arriving after a cancellation is owed back.</summary>
public sealed class RecordPayment(IOutbox outbox, Live live, NpgsqlDataSource db) : IEventHandler<PaymentCompleted>
{
    public async Task HandleAsync(PaymentCompleted e, EventContext context, CancellationToken ct)
    {
        if (e.Purpose.Kind != PaymentPurposes.Order)
        {
            return;
        }

        if (await OrderStore.ApplyPaymentAsync(context.Connection, context.Transaction, outbox, e.Purpose.ReferenceId, e.PaymentId, e.Amount, e.Currency, e.Method,
                e.CompletedAt, ct) is not null)
        {
            PaymentPurposes.PushOnCommit(context, live, db, e.Purpose.ReferenceId);
        }
    }
}

/// <summary>A declined or abandoned payment: the order stays unpaid, and its screens say why.</summary>
public sealed class RecordPaymentFailure(Live live, NpgsqlDataSource db) : IEventHandler<PaymentFailed>
{
    public async Task HandleAsync(PaymentFailed e, EventContext context, CancellationToken ct)
    {
        if (e.Purpose.Kind != PaymentPurposes.Order)
        {
            return;
        }

        if (await OrderStore.ApplyPaymentFailureAsync(context.Connection, context.Transaction, e.Purpose.ReferenceId, e.Reason, e.FailedAt, ct) is not null)
        {
            PaymentPurposes.PushOnCommit(context, live, db, e.Purpose.ReferenceId);
        }
    }
}

/// <summary>Money back to the diner: the order's refunded amount (and what is still owed back) follow.</summary>
public sealed class RecordRefund(Live live, NpgsqlDataSource db) : IEventHandler<PaymentRefunded>
{
    public async Task HandleAsync(PaymentRefunded e, EventContext context, CancellationToken ct)
    {
        if (e.Purpose.Kind != PaymentPurposes.Order)
        {
            return;
        }

        if (await OrderStore.ApplyRefundAsync(context.Connection, context.Transaction, e.Purpose.ReferenceId, e.PaymentId, e.RefundedTotal, e.RefundedAt, ct) is not null)
        {
            PaymentPurposes.PushOnCommit(context, live, db, e.Purpose.ReferenceId);
        }
    }
}

using Brigade.Analytics.Data;
using Brigade.Contracts.Payments;
using Brigade.Messaging;

namespace Brigade.Analytics.Events;

/// <summary>Money taken and given back for a restaurant; payments without a payee restaurant are the platform's, not a restaurant's numbers.</summary>
public sealed class PaymentFacts(Ingest ingest) : IEventHandler<PaymentCompleted>, IEventHandler<PaymentRefunded>
{
    public async Task HandleAsync(PaymentCompleted e, EventContext context, CancellationToken ct)
    {
        if (e.RestaurantId is not { } restaurantId)
        {
            return;
        }

        var days = await FactStore.PaymentAsync(context.Connection, context.Transaction, e.PaymentId, restaurantId, e.Purpose.Kind, e.Purpose.ReferenceId,
            e.Method, e.Amount, e.Currency, e.CompletedAt, ingest.DayOf(e.CompletedAt), ct);
        await ingest.ChangedAsync(context, restaurantId, days, ct);
    }

    public async Task HandleAsync(PaymentRefunded e, EventContext context, CancellationToken ct)
    {
        if (e.RestaurantId is not { } restaurantId)
        {
            return;
        }

        var days = await FactStore.RefundAsync(context.Connection, context.Transaction, e.RefundId, e.PaymentId, restaurantId, e.Purpose.Kind,
            e.Purpose.ReferenceId, e.Amount, e.Currency, e.Reason, e.RefundedAt, ingest.DayOf(e.RefundedAt), ct);
        await ingest.ChangedAsync(context, restaurantId, days, ct);
    }
}

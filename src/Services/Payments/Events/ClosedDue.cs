using Brigade.Messaging;
using Brigade.Payments.Data;
using Brigade.Payments.Processing;
using Dapper;

namespace Brigade.Payments.Events;

/// <summary>
/// What a closed due (a cancelled order or booking, a no-show) does to money already captured for it: a refund of the
/// amount <c>refundOf</c> decides, asked in the handler's transaction (so it happens once per event, with the inbox
/// record) and run as soon as that transaction commits; the reconciler runs it again if that attempt fails.
/// A payment still under way when the due closed is refunded in full once it is captured (<see cref="PaymentStore.CaptureAsync"/>).
/// </summary>
public static class ClosedDue
{
    public static async Task RefundAsync(EventContext context, DueRow due, string cause, string reason, Func<PaymentRow, long> refundOf,
        RefundProcessor processor, DateTimeOffset now, CancellationToken ct)
    {
        var captured = await context.Connection.QuerySingleOrDefaultAsync<PaymentRow>(new CommandDefinition(
            "SELECT * FROM payments WHERE due_id = @Id AND status = 'captured' FOR UPDATE", new { due.Id }, context.Transaction, cancellationToken: ct));
        if (captured is null)
        {
            return;
        }

        var amount = refundOf(captured);
        if (await RefundStore.RequestAsync(context.Connection, context.Transaction, captured, amount, cause, reason, requestedBy: null, now, ct) is { } refundId)
        {
            context.OnCommitted(() => processor.RunAsync(refundId, CancellationToken.None));
        }
    }
}

using Brigade.Contracts.Payments;
using Brigade.Messaging;
using Brigade.Reservations.Data;
using Brigade.Reservations.Domain;

namespace Brigade.Reservations.Events;

/// <summary>What the payments service says about deposits (purpose <c>reservation_deposit</c>; other purposes are not ours).</summary>
public static class DepositPayments
{
    public const string Kind = "reservation_deposit";
}

/// <summary>
/// A deposit was paid: the booking waiting for it is confirmed (its tables were held meanwhile). Idempotent: the inbox drops a
/// redelivered message, and the transition applies only while the booking still waits, so a second payment event changes nothing.
/// A payment short of the deposit, or arriving after the hold lapsed, confirms nothing; the latter is recorded so the money can go back.
/// </summary>
public sealed class ConfirmPaidDeposit(IOutbox outbox, TimeProvider clock, ILogger<ConfirmPaidDeposit> logger) : IEventHandler<PaymentCompleted>
{
    public async Task HandleAsync(PaymentCompleted e, EventContext context, CancellationToken ct)
    {
        if (e.Purpose.Kind != DepositPayments.Kind)
        {
            return;
        }

        var (c, tx) = (context.Connection, context.Transaction);
        var row = await ReservationStore.FindAsync(c, tx, e.Purpose.ReferenceId, ct);
        if (row is null)
        {
            logger.LogWarning("Deposit payment {PaymentId} names no reservation here ({ReservationId})", e.PaymentId, e.Purpose.ReferenceId);
            return;
        }

        var now = clock.GetUtcNow();
        if (row.Status == Status.PendingPayment && (e.Amount < row.DepositAmount || e.Currency != row.Currency))
        {
            logger.LogWarning("Deposit payment {PaymentId} of {Amount} {Currency} does not cover reservation {ReservationId}'s {Deposit} {DepositCurrency}",
                e.PaymentId, e.Amount, e.Currency, row.Id, row.DepositAmount, row.Currency);
            await ReservationStore.RecordPaymentAsync(c, tx, row.Id, "short", e.PaymentId, now, ct);
            return;
        }

        if (row.Status == Status.PendingPayment)
        {
            await ReservationStore.MoveAsync(c, tx, outbox, row.Id, Status.PendingPayment, Status.Confirmed, now, ct,
                paymentStatus: "collected", depositPaymentId: e.PaymentId);
        }
        else if (row.Status == Status.Cancelled && row.PaymentStatus != "paid_after_release")
        {
            logger.LogWarning("Deposit payment {PaymentId} arrived after reservation {ReservationId} was released", e.PaymentId, row.Id);
            await ReservationStore.RecordLatePaymentAsync(c, tx, row.Id, e.PaymentId, now, ct);
        }
    }
}

/// <summary>A deposit payment failed: recorded; the booking stays held until its hold lapses, so the diner can pay again meanwhile.</summary>
public sealed class RecordFailedDeposit(TimeProvider clock) : IEventHandler<PaymentFailed>
{
    public async Task HandleAsync(PaymentFailed e, EventContext context, CancellationToken ct)
    {
        if (e.Purpose.Kind == DepositPayments.Kind)
        {
            await ReservationStore.RecordPaymentAsync(context.Connection, context.Transaction, e.Purpose.ReferenceId, "failed", e.PaymentId, clock.GetUtcNow(), ct);
        }
    }
}

using Brigade.Contracts.Reservations;
using Brigade.Messaging;
using Brigade.Payments.Data;
using Brigade.Payments.Domain;
using Brigade.Payments.Processing;

namespace Brigade.Payments.Events;

/// <summary>A booking waits for its deposit: the amount reservations asks for, payable until the hold lapses.</summary>
public sealed class OweDeposit(TimeProvider clock) : IEventHandler<DepositRequested>
{
    public Task HandleAsync(DepositRequested e, EventContext context, CancellationToken ct) =>
        DueStore.OweAsync(context.Connection, context.Transaction, DueRow.Deposit, e.ReservationId, e.RestaurantId, e.DinerId, e.Amount, e.Currency,
            e.HoldExpiresAt, clock.GetUtcNow(), ct);
}

/// <summary>A cancelled booking: its deposit can no longer be paid, and the policy's share of a paid one goes back.</summary>
public sealed class RefundCancelledReservation(RefundProcessor refunds, TimeProvider clock) : IEventHandler<ReservationCancelled>
{
    public async Task HandleAsync(ReservationCancelled e, EventContext context, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var due = await DueStore.CloseAsync(context.Connection, context.Transaction, DueRow.Deposit, e.ReservationId, e.RestaurantId, e.DinerId, "KRW",
            "cancelled", e.RefundPercent, refundDue: null, noShowFee: null, now, ct);
        await ClosedDue.RefundAsync(context, due, "reservation_cancelled", $"Reservation cancelled by {e.CancelledBy} ({e.RefundPercent}% refund)",
            p => MoneyRules.CancellationRefund(p.Amount, p.RefundReserved, e.RefundPercent), refunds, now, ct);
    }
}

/// <summary>A no-show: the restaurant keeps the capped fee out of the deposit and the rest goes back.</summary>
public sealed class SettleNoShowDeposit(RefundProcessor refunds, TimeProvider clock) : IEventHandler<ReservationNoShow>
{
    public async Task HandleAsync(ReservationNoShow e, EventContext context, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var due = await DueStore.CloseAsync(context.Connection, context.Transaction, DueRow.Deposit, e.ReservationId, e.RestaurantId, e.DinerId, e.Currency,
            "no_show", refundPercent: null, refundDue: null, noShowFee: e.Fee, now, ct);
        await ClosedDue.RefundAsync(context, due, "no_show", $"No-show: {e.Fee} kept as the no-show fee, the rest of the deposit returned",
            p => MoneyRules.NoShow(p.Amount, p.RefundReserved, e.Fee).Refund, refunds, now, ct);
    }
}

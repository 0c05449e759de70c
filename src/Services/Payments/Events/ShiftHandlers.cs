using Brigade.Contracts.Jobs;
using Brigade.Messaging;
using Brigade.Payments.Data;
using Microsoft.Extensions.Options;

namespace Brigade.Payments.Events;

/// <summary>An approved timesheet: the worker earns the gross wage less the platform fee and the withheld tax; the restaurant pays it.</summary>
public sealed class PayForShift(ShiftStore shifts, IOptions<PaymentsOptions> options, TimeProvider clock) : IEventHandler<ShiftCompleted>
{
    public Task HandleAsync(ShiftCompleted e, EventContext context, CancellationToken ct) =>
        shifts.RecordAsync(context.Connection, context.Transaction, e, options.Value.ShiftFeeBasisPoints, clock.GetUtcNow(), ct);
}

/// <summary>
/// A booked shift cancelled: only a late cancellation by the restaurant owes the worker anything, the compensation jobs
/// computed (its policy, not ours). Redelivery books nothing twice (the inbox, and one earning per application).
/// </summary>
public sealed class CompensateCancelledShift(ShiftStore shifts, TimeProvider clock) : IEventHandler<ShiftCancelled>
{
    public async Task HandleAsync(ShiftCancelled e, EventContext context, CancellationToken ct)
    {
        if (e is { CancelledBy: "restaurant", Late: true, Compensation: > 0 })
        {
            await shifts.CompensateAsync(context.Connection, context.Transaction, e, clock.GetUtcNow(), ct);
        }
    }
}

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

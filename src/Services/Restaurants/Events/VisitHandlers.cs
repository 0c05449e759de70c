using Brigade.Contracts.Ordering;
using Brigade.Contracts.Reservations;
using Brigade.Messaging;
using Brigade.Restaurants.Data;
using Brigade.Restaurants.Domain;

namespace Brigade.Restaurants.Events;

/// <summary>A completed reservation is a visit its diner may review. Guests without an account have nothing to record.</summary>
public sealed class RecordReservationVisit(TimeProvider clock) : IEventHandler<ReservationCompleted>
{
    public Task HandleAsync(ReservationCompleted @event, EventContext context, CancellationToken ct) =>
        @event.DinerId is { } diner
            ? VisitLog.RecordAsync(context.Connection, context.Transaction, VisitSources.Reservation, @event.ReservationId,
                @event.RestaurantId, diner, @event.CompletedAt, clock.GetUtcNow(), ct)
            : Task.CompletedTask;
}

/// <summary>A closed order (served or picked up, and paid) is a visit its diner may review.</summary>
public sealed class RecordOrderVisit(TimeProvider clock) : IEventHandler<OrderClosed>
{
    public Task HandleAsync(OrderClosed @event, EventContext context, CancellationToken ct) =>
        @event.DinerId is { } diner
            ? VisitLog.RecordAsync(context.Connection, context.Transaction, VisitSources.Order, @event.OrderId,
                @event.RestaurantId, diner, @event.ClosedAt, clock.GetUtcNow(), ct)
            : Task.CompletedTask;
}

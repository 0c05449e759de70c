using Brigade.Contracts.Reservations;
using Brigade.Messaging;
using Brigade.Ordering.Data;
using Brigade.Ordering.Domain;
using Dapper;

namespace Brigade.Ordering.Events;

/// <summary>A confirmed reservation can carry a pre-order (its diner orders ahead for the booked table).</summary>
public sealed class LearnConfirmedReservation : IEventHandler<ReservationConfirmed>
{
    public Task HandleAsync(ReservationConfirmed e, EventContext context, CancellationToken ct) =>
        MenuFacts.ApplyReservationAsync(context.Connection, context.Transaction, e.ReservationId, e.RestaurantId, e.DinerId, e.Start, e.PartySize, e.TableIds,
            "confirmed", e.ConfirmedAt, ct);
}

public sealed class LearnModifiedReservation : IEventHandler<ReservationModified>
{
    public Task HandleAsync(ReservationModified e, EventContext context, CancellationToken ct) =>
        MenuFacts.ApplyReservationAsync(context.Connection, context.Transaction, e.ReservationId, e.RestaurantId, e.DinerId, e.Start, e.PartySize, e.TableIds,
            "confirmed", e.ModifiedAt, ct);
}

public sealed class LearnCompletedReservation : IEventHandler<ReservationCompleted>
{
    public Task HandleAsync(ReservationCompleted e, EventContext context, CancellationToken ct) =>
        MenuFacts.ApplyReservationAsync(context.Connection, context.Transaction, e.ReservationId, e.RestaurantId, e.DinerId, null, null, null,
            "completed", e.CompletedAt, ct);
}

public sealed class LearnNoShow : IEventHandler<ReservationNoShow>
{
    public Task HandleAsync(ReservationNoShow e, EventContext context, CancellationToken ct) =>
        MenuFacts.ApplyReservationAsync(context.Connection, context.Transaction, e.ReservationId, e.RestaurantId, e.DinerId, e.Start, null, null,
            "no_show", e.RecordedAt, ct);
}

/// <summary>
/// A cancelled reservation takes its pre-orders with it, while the kitchen has not started them: each is cancelled by the
/// system (portions back, payment refunded) with reason <c>reservation_cancelled</c>.
/// </summary>
public sealed class CancelPreOrders(IOutbox outbox, Hubs.Live live) : IEventHandler<ReservationCancelled>
{
    public async Task HandleAsync(ReservationCancelled e, EventContext context, CancellationToken ct)
    {
        var c = context.Connection;
        await MenuFacts.ApplyReservationAsync(c, context.Transaction, e.ReservationId, e.RestaurantId, e.DinerId, e.Start, null, null, "cancelled", e.CancelledAt, ct);
        var open = (await c.QueryAsync<(Guid Id, string Status)>(new CommandDefinition(
            "SELECT id, status FROM orders WHERE reservation_id = @ReservationId AND status IN ('received', 'accepted') ORDER BY id",
            new { e.ReservationId }, context.Transaction, cancellationToken: ct))).ToList();
        var restaurant = await MenuFacts.FindRestaurantAsync(c, e.RestaurantId, ct, context.Transaction);
        foreach (var (id, status) in open)
        {
            var moved = await OrderStore.MoveAsync(c, context.Transaction, outbox, id,
                new Transition(OrderAction.Cancel, status, OrderStatus.Cancelled, Actor.System, CancelReasons.ReservationCancelled),
                null, restaurant?.Name ?? "", e.CancelledAt, ct);
            if (moved is not null)
            {
                context.OnCommitted(() => live.OrderChangedAsync(moved, restaurant?.TimeZone));
            }
        }
    }
}

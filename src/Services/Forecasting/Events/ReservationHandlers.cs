using Brigade.Contracts.Reservations;
using Brigade.Forecasting.Data;
using Brigade.Messaging;

namespace Brigade.Forecasting.Events;

/// <summary>Bookings on the book (a floor under the covers forecast) and diners' completed visits and no-shows (recommendations).</summary>
public sealed class RecordReservation :
    IEventHandler<ReservationConfirmed>,
    IEventHandler<ReservationModified>,
    IEventHandler<ReservationCancelled>,
    IEventHandler<ReservationNoShow>,
    IEventHandler<ReservationCompleted>
{
    public Task HandleAsync(ReservationConfirmed e, EventContext context, CancellationToken ct) =>
        HistoryStore.BookingAsync(context.Connection, context.Transaction, e.ReservationId, e.RestaurantId, e.DinerId, e.Start, e.ServiceDate, e.PartySize, "booked", e.ConfirmedAt, ct);

    public Task HandleAsync(ReservationModified e, EventContext context, CancellationToken ct) =>
        HistoryStore.BookingAsync(context.Connection, context.Transaction, e.ReservationId, e.RestaurantId, e.DinerId, e.Start, e.ServiceDate, e.PartySize, "booked", e.ModifiedAt, ct);

    public Task HandleAsync(ReservationCancelled e, EventContext context, CancellationToken ct) =>
        HistoryStore.BookingAsync(context.Connection, context.Transaction, e.ReservationId, e.RestaurantId, e.DinerId, e.Start, e.ServiceDate, e.PartySize, "cancelled", e.CancelledAt, ct);

    public Task HandleAsync(ReservationNoShow e, EventContext context, CancellationToken ct) =>
        HistoryStore.BookingAsync(context.Connection, context.Transaction, e.ReservationId, e.RestaurantId, e.DinerId, e.Start, e.ServiceDate, null, "no_show", e.RecordedAt, ct);

    // Completed carries no start: a reservation never seen confirmed is recorded on the completion's own day.
    public Task HandleAsync(ReservationCompleted e, EventContext context, CancellationToken ct) =>
        HistoryStore.BookingAsync(context.Connection, context.Transaction, e.ReservationId, e.RestaurantId, e.DinerId, e.CompletedAt, null, null, "completed", e.CompletedAt, ct);
}

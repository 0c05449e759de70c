using Brigade.Contracts.Reservations;
using Brigade.Contracts.Restaurants;
using Brigade.Messaging;
using Brigade.Notifications.Data;
using Brigade.Notifications.Domain;

namespace Brigade.Notifications.Events;

/// <summary>Tells the diner (when the booking has an account) and the restaurant's staff, each in their own locale.</summary>
internal static class BookingNews
{
    public static async Task TellAsync(Notifier notifier, EventContext context, Guid reservationId, Guid restaurantId, Guid? dinerId,
        DateTimeOffset start, DateTimeOffset? end, int? partySize, DateTimeOffset changedAt,
        Func<string, Booking, Message>? diner, Func<string, Booking, Message>? staff, CancellationToken ct)
    {
        var restaurant = await RestaurantNames.FindAsync(context.Connection, context.Transaction, restaurantId, ct);
        var booking = new Booking(restaurant?.Name, restaurant?.NameEn, start, partySize, reservationId, end, changedAt, restaurant?.TimeZone, restaurant?.Address);
        if (diner is not null && dinerId is { } dinerUser)
        {
            await notifier.NotifyAsync(context.Connection, context.Transaction, dinerUser, restaurantId, locale => diner(locale, booking), ct);
        }

        if (staff is not null)
        {
            foreach (var member in await Recipients.StaffOfAsync(context.Connection, context.Transaction, restaurantId, ct))
            {
                await notifier.NotifyAsync(context.Connection, context.Transaction, member, restaurantId, locale => staff(locale, booking), ct);
            }
        }
    }
}

public sealed class AnnounceConfirmedReservation(Notifier notifier) : IEventHandler<ReservationConfirmed>
{
    public Task HandleAsync(ReservationConfirmed e, EventContext context, CancellationToken ct) =>
        BookingNews.TellAsync(notifier, context, e.ReservationId, e.RestaurantId, e.DinerId, e.Start, e.End, e.PartySize, e.ConfirmedAt,
            ReservationTemplates.DinerConfirmed, ReservationTemplates.StaffNewBooking, ct);
}

public sealed class AnnounceModifiedReservation(Notifier notifier) : IEventHandler<ReservationModified>
{
    public Task HandleAsync(ReservationModified e, EventContext context, CancellationToken ct) =>
        BookingNews.TellAsync(notifier, context, e.ReservationId, e.RestaurantId, e.DinerId, e.Start, e.End, e.PartySize, e.ModifiedAt,
            ReservationTemplates.DinerModified, ReservationTemplates.StaffModified, ct);
}

public sealed class AnnounceCancelledReservation(Notifier notifier) : IEventHandler<ReservationCancelled>
{
    public Task HandleAsync(ReservationCancelled e, EventContext context, CancellationToken ct) =>
        BookingNews.TellAsync(notifier, context, e.ReservationId, e.RestaurantId, e.DinerId, e.Start, null, null, e.CancelledAt,
            (locale, b) => ReservationTemplates.DinerCancelled(locale, b, e.CancelledBy, e.RefundPercent),
            // Staff who cancelled it themselves know; the others still learn the table is free.
            ReservationTemplates.StaffCancelled, ct);
}

public sealed class AnnounceNoShow(Notifier notifier) : IEventHandler<ReservationNoShow>
{
    public Task HandleAsync(ReservationNoShow e, EventContext context, CancellationToken ct) =>
        BookingNews.TellAsync(notifier, context, e.ReservationId, e.RestaurantId, e.DinerId, e.Start, null, null, e.RecordedAt,
            (locale, b) => ReservationTemplates.DinerNoShow(locale, b, e.Fee, e.Currency), null, ct);
}

public sealed class RemindDiner(Notifier notifier) : IEventHandler<ReservationReminderDue>
{
    public Task HandleAsync(ReservationReminderDue e, EventContext context, CancellationToken ct) =>
        BookingNews.TellAsync(notifier, context, e.ReservationId, e.RestaurantId, e.DinerId, e.Start, null, e.PartySize, e.DueAt, ReservationTemplates.DinerReminder, null, ct);
}

/// <summary>After a completed visit the diner is thanked and invited to review.</summary>
public sealed class ThankDinerAfterVisit(Notifier notifier) : IEventHandler<ReservationCompleted>
{
    public async Task HandleAsync(ReservationCompleted e, EventContext context, CancellationToken ct)
    {
        if (e.DinerId is { } diner)
        {
            await notifier.NotifyAsync(context.Connection, context.Transaction, diner, e.RestaurantId, Templates.ReservationCompleted, ct);
        }
    }
}

public sealed class RememberRestaurantName : IEventHandler<RestaurantCreated>, IEventHandler<RestaurantUpdated>
{
    public Task HandleAsync(RestaurantCreated e, EventContext context, CancellationToken ct) =>
        RestaurantNames.UpsertAsync(context.Connection, context.Transaction, e.Restaurant, ct);

    public Task HandleAsync(RestaurantUpdated e, EventContext context, CancellationToken ct) =>
        RestaurantNames.UpsertAsync(context.Connection, context.Transaction, e.Restaurant, ct);
}

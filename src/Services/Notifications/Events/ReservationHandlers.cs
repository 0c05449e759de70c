using Brigade.Contracts.Reservations;
using Brigade.Contracts.Restaurants;
using Brigade.Messaging;
using Brigade.Notifications.Data;
using Brigade.Notifications.Domain;

namespace Brigade.Notifications.Events;

/// <summary>Tells the diner (when the booking has an account) and the restaurant's staff, each in their own language.</summary>
internal static class BookingNews
{
    /// <summary>The booking as the texts need it: the restaurant's names, zone and address, and the guest's name.</summary>
    public static async Task<Booking> DescribeAsync(EventContext context, Guid reservationId, Guid restaurantId, Guid? dinerId, DateTimeOffset start,
        DateTimeOffset? end, int? partySize, DateTimeOffset changedAt, string? guestName, CancellationToken ct)
    {
        var restaurant = await RestaurantNames.FindAsync(context.Connection, context.Transaction, restaurantId, ct);
        // The name booked under; else the diner's name as identity announced it.
        var guest = !string.IsNullOrWhiteSpace(guestName) ? guestName
            : dinerId is { } diner ? (await Recipients.FindAsync(context.Connection, context.Transaction, diner, ct))?.Name
            : null;
        return new Booking(reservationId, restaurantId, restaurant?.Name, restaurant?.NameEn, start, partySize, guest, end, changedAt,
            restaurant?.TimeZone, restaurant?.Address);
    }

    public static async Task TellAsync(Notifier notifier, EventContext context, Booking booking, Guid? dinerId,
        Func<string, Booking, Message>? diner, Func<string, Booking, Message>? staff, CancellationToken ct, bool urgent = false)
    {
        if (diner is not null && dinerId is { } dinerUser)
        {
            await notifier.NotifyAsync(context.Connection, context.Transaction, dinerUser, booking.RestaurantId, locale => diner(locale, booking), ct, urgent);
        }

        if (staff is not null)
        {
            foreach (var member in await Recipients.StaffOfAsync(context.Connection, context.Transaction, booking.RestaurantId, ct))
            {
                await notifier.NotifyAsync(context.Connection, context.Transaction, member, booking.RestaurantId, locale => staff(locale, booking), ct);
            }
        }
    }
}

public sealed class AnnounceConfirmedReservation(Notifier notifier) : IEventHandler<ReservationConfirmed>
{
    public async Task HandleAsync(ReservationConfirmed e, EventContext context, CancellationToken ct)
    {
        var booking = await BookingNews.DescribeAsync(context, e.ReservationId, e.RestaurantId, e.DinerId, e.Start, e.End, e.PartySize, e.ConfirmedAt, e.GuestName, ct);
        await BookingNews.TellAsync(notifier, context, booking, e.DinerId, ReservationTemplates.DinerConfirmed, ReservationTemplates.StaffNewBooking, ct);
    }
}

public sealed class AnnounceModifiedReservation(Notifier notifier) : IEventHandler<ReservationModified>
{
    public async Task HandleAsync(ReservationModified e, EventContext context, CancellationToken ct)
    {
        var booking = await BookingNews.DescribeAsync(context, e.ReservationId, e.RestaurantId, e.DinerId, e.Start, e.End, e.PartySize, e.ModifiedAt, e.GuestName, ct);
        await BookingNews.TellAsync(notifier, context, booking, e.DinerId, ReservationTemplates.DinerModified, ReservationTemplates.StaffModified, ct);
    }
}

public sealed class AnnounceCancelledReservation(Notifier notifier) : IEventHandler<ReservationCancelled>
{
    public async Task HandleAsync(ReservationCancelled e, EventContext context, CancellationToken ct)
    {
        var booking = await BookingNews.DescribeAsync(context, e.ReservationId, e.RestaurantId, e.DinerId, e.Start, null, null, e.CancelledAt, e.GuestName, ct);
        // Staff who cancelled it themselves know; the others still learn the table is free.
        await BookingNews.TellAsync(notifier, context, booking, e.DinerId,
            (locale, b) => ReservationTemplates.DinerCancelled(locale, b, e.CancelledBy, e.RefundPercent), ReservationTemplates.StaffCancelled, ct);
    }
}

public sealed class AnnounceNoShow(Notifier notifier) : IEventHandler<ReservationNoShow>
{
    public async Task HandleAsync(ReservationNoShow e, EventContext context, CancellationToken ct)
    {
        var booking = await BookingNews.DescribeAsync(context, e.ReservationId, e.RestaurantId, e.DinerId, e.Start, null, null, e.RecordedAt, null, ct);
        await BookingNews.TellAsync(notifier, context, booking, e.DinerId, (locale, b) => ReservationTemplates.DinerNoShow(locale, b, e.Fee, e.Currency), null, ct);
    }
}

public sealed class RemindDiner(Notifier notifier) : IEventHandler<ReservationReminderDue>
{
    public async Task HandleAsync(ReservationReminderDue e, EventContext context, CancellationToken ct)
    {
        var booking = await BookingNews.DescribeAsync(context, e.ReservationId, e.RestaurantId, e.DinerId, e.Start, null, e.PartySize, e.DueAt, null, ct);
        await BookingNews.TellAsync(notifier, context, booking, e.DinerId, ReservationTemplates.DinerReminder, null, ct);
    }
}

/// <summary>After a completed visit the diner is thanked and invited to review.</summary>
public sealed class ThankDinerAfterVisit(Notifier notifier) : IEventHandler<ReservationCompleted>
{
    public async Task HandleAsync(ReservationCompleted e, EventContext context, CancellationToken ct)
    {
        if (e.DinerId is { } diner)
        {
            await notifier.NotifyAsync(context.Connection, context.Transaction, diner, e.RestaurantId,
                locale => Templates.ReservationCompleted(locale) with { Link = $"/restaurants/{e.RestaurantId:D}" }, ct);
        }
    }
}

/// <summary>
/// A notify-me request came true: the diner hears that the slot is free (offered, not held) with a link that opens the
/// booking form at that date, party and time. Recorded under the request's id, so a requested notification for the same
/// offer (<c>notifications.notification.requested</c> with that id) is not delivered again.
/// </summary>
public sealed class OfferFreedSlot(Notifier notifier, TimeProvider clock) : IEventHandler<SlotOffered>
{
    public async Task HandleAsync(SlotOffered e, EventContext context, CancellationToken ct)
    {
        if (!await NotificationRequests.TryRecordAsync(context.Connection, context.Transaction, e.RequestId, clock.GetUtcNow(), ct))
        {
            return;
        }

        var booking = await BookingNews.DescribeAsync(context, e.CancelledReservationId, e.RestaurantId, e.DinerId, e.Start, null, e.PartySize, e.OfferedAt, null, ct);
        // Urgent: the first to book gets it, so it must not wait for the morning.
        await BookingNews.TellAsync(notifier, context, booking, e.DinerId, ReservationTemplates.DinerSlotOffered, null, ct, urgent: true);
    }
}

/// <summary>
/// A waiting party's table is ready: a diner who joined remotely is told in the app, by email and push (urgent: they are
/// on their way); a walk-in who left only a phone number gets a text message. Recorded under the waitlist entry's id.
/// </summary>
public sealed class CallWaitlistParty(Notifier notifier, TimeProvider clock) : IEventHandler<WaitlistReady>
{
    public async Task HandleAsync(WaitlistReady e, EventContext context, CancellationToken ct)
    {
        if (!await NotificationRequests.TryRecordAsync(context.Connection, context.Transaction, e.EntryId, clock.GetUtcNow(), ct))
        {
            return;
        }

        var restaurant = await RestaurantNames.FindAsync(context.Connection, context.Transaction, e.RestaurantId, ct);
        Message Compose(string locale) => ReservationTemplates.WaitlistTableReady(locale, restaurant?.Name, restaurant?.NameEn, e.RestaurantId, e.PartySize);
        if (e.DinerId is { } diner)
        {
            await notifier.NotifyAsync(context.Connection, context.Transaction, diner, e.RestaurantId, Compose, ct, urgent: true);
        }
        else if (!string.IsNullOrWhiteSpace(e.Phone))
        {
            await notifier.SmsNowAsync(context.Connection, context.Transaction, e.Phone.Trim(), Compose(Locales.Korean), ct);
        }
    }
}

/// <summary>
/// A booking waits for its deposit: the diner hears the amount and the time the hold lapses, with a link to the booking
/// (urgent: the hold lasts minutes). Recorded under the reservation's id.
/// </summary>
public sealed class AskForDeposit(Notifier notifier, TimeProvider clock) : IEventHandler<DepositRequested>
{
    public async Task HandleAsync(DepositRequested e, EventContext context, CancellationToken ct)
    {
        if (e.DinerId is null || !await NotificationRequests.TryRecordAsync(context.Connection, context.Transaction, e.ReservationId, clock.GetUtcNow(), ct))
        {
            return;
        }

        var booking = await BookingNews.DescribeAsync(context, e.ReservationId, e.RestaurantId, e.DinerId, e.Start, null, null, e.RequestedAt, null, ct);
        await BookingNews.TellAsync(notifier, context, booking, e.DinerId,
            (locale, b) => ReservationTemplates.DinerDepositDue(locale, b, e.Amount, e.Currency, e.HoldExpiresAt), null, ct, urgent: true);
    }
}

public sealed class RememberRestaurantName : IEventHandler<RestaurantCreated>, IEventHandler<RestaurantUpdated>
{
    public Task HandleAsync(RestaurantCreated e, EventContext context, CancellationToken ct) =>
        RestaurantNames.UpsertAsync(context.Connection, context.Transaction, e.Restaurant, ct);

    public Task HandleAsync(RestaurantUpdated e, EventContext context, CancellationToken ct) =>
        RestaurantNames.UpsertAsync(context.Connection, context.Transaction, e.Restaurant, ct);
}

using System.Text.Json.Serialization;

namespace Brigade.Contracts.Reservations;

/// <summary>
/// The guests of a reservation came and left (status <c>completed</c>). <paramref name="DinerId"/> is the
/// diner's account, or null for a guest booked without one (walk-in, concierge guest).
/// Restaurants consumes it: a completed visit makes the diner eligible to review.
/// </summary>
[IntegrationEvent("reservations.reservation.completed")]
public sealed record ReservationCompleted(Guid ReservationId, Guid RestaurantId, Guid? DinerId, DateTimeOffset CompletedAt) : IIntegrationEvent;

/// <summary>
/// A reservation holds its tables: booked without a deposit, or its deposit step was recorded.
/// <paramref name="Start"/> carries the restaurant's local offset.
/// <para>Optional context for the messages people read (added later, absent in older events): <c>TimeZone</c> is the
/// restaurant's IANA zone (Start/End already carry its offset); <c>ServiceDate</c> (yyyy-MM-dd) the local date whose service
/// the booking belongs to (the previous day for the after-midnight tail of a late service); <c>RestaurantName</c>/<c>RestaurantNameEn</c>;
/// <c>GuestName</c> the name the booking is under; <c>DinerLink</c> and <c>StaffLink</c> paths in the web app.</para>
/// </summary>
[IntegrationEvent("reservations.reservation.confirmed")]
public sealed record ReservationConfirmed(
    Guid ReservationId,
    Guid RestaurantId,
    Guid? DinerId,
    DateTimeOffset Start,
    DateTimeOffset End,
    int PartySize,
    IReadOnlyList<Guid> TableIds,
    DateTimeOffset ConfirmedAt,
    string? TimeZone = null,
    string? ServiceDate = null,
    string? RestaurantName = null,
    string? RestaurantNameEn = null,
    string? GuestName = null,
    string? DinerLink = null,
    string? StaffLink = null) : IIntegrationEvent;

/// <summary>The time, party size or tables of a reservation changed (optional context as in <see cref="ReservationConfirmed"/>).</summary>
[IntegrationEvent("reservations.reservation.modified")]
public sealed record ReservationModified(
    Guid ReservationId,
    Guid RestaurantId,
    Guid? DinerId,
    DateTimeOffset Start,
    DateTimeOffset End,
    int PartySize,
    IReadOnlyList<Guid> TableIds,
    DateTimeOffset ModifiedAt,
    string? TimeZone = null,
    string? ServiceDate = null,
    string? RestaurantName = null,
    string? RestaurantNameEn = null,
    string? GuestName = null,
    string? DinerLink = null,
    string? StaffLink = null) : IIntegrationEvent;

/// <summary>
/// A reservation was cancelled by <paramref name="CancelledBy"/> (<c>diner</c>, <c>restaurant</c> or <c>system</c> for an
/// expired payment hold); <paramref name="RefundPercent"/> of any deposit is due back. Optional context as in
/// <see cref="ReservationConfirmed"/>, and the party size.
/// </summary>
[IntegrationEvent("reservations.reservation.cancelled")]
public sealed record ReservationCancelled(
    Guid ReservationId,
    Guid RestaurantId,
    Guid? DinerId,
    DateTimeOffset Start,
    string CancelledBy,
    int RefundPercent,
    DateTimeOffset CancelledAt,
    string? TimeZone = null,
    string? ServiceDate = null,
    string? RestaurantName = null,
    string? RestaurantNameEn = null,
    string? GuestName = null,
    string? DinerLink = null,
    string? StaffLink = null,
    int? PartySize = null) : IIntegrationEvent;

/// <summary>The guests did not come; <paramref name="Fee"/> (minor units of <paramref name="Currency"/>) is the capped no-show charge, 0 when none.</summary>
[IntegrationEvent("reservations.reservation.no_show")]
public sealed record ReservationNoShow(
    Guid ReservationId,
    Guid RestaurantId,
    Guid? DinerId,
    DateTimeOffset Start,
    long Fee,
    string Currency,
    DateTimeOffset RecordedAt,
    string? TimeZone = null,
    string? ServiceDate = null,
    string? RestaurantName = null,
    string? RestaurantNameEn = null,
    string? GuestName = null,
    string? DinerLink = null,
    string? StaffLink = null) : IIntegrationEvent;

/// <summary>A confirmed reservation starts within 24 hours: time to remind the guest (sent once per reservation).</summary>
[IntegrationEvent("reservations.reservation.reminder_due")]
public sealed record ReservationReminderDue(
    Guid ReservationId,
    Guid RestaurantId,
    Guid? DinerId,
    DateTimeOffset Start,
    int PartySize,
    DateTimeOffset DueAt,
    string? TimeZone = null,
    string? ServiceDate = null,
    string? RestaurantName = null,
    string? RestaurantNameEn = null,
    string? GuestName = null,
    string? DinerLink = null,
    string? StaffLink = null) : IIntegrationEvent;

/// <summary>
/// A walk-in party's table is ready: time to call them back (<paramref name="Phone"/> when they left one).
/// <paramref name="EntryId"/> is the waitlist entry. <c>DinerId</c> is set when the diner joined remotely with their account
/// (reservations then also asks notifications to tell them); links are paths in the web app.
/// </summary>
[IntegrationEvent("reservations.waitlist.ready")]
public sealed record WaitlistReady(
    Guid EntryId,
    Guid RestaurantId,
    string Name,
    string? Phone,
    int PartySize,
    DateTimeOffset ReadyAt,
    Guid? DinerId = null,
    string? RestaurantName = null,
    string? RestaurantNameEn = null,
    string? DinerLink = null,
    string? StaffLink = null) : IIntegrationEvent;

/// <summary>
/// A cancellation freed a slot a diner asked to hear about ("notify me"): <paramref name="Start"/> is the cancelled
/// reservation's start, offered to <paramref name="DinerId"/> (the earliest matching request) for <paramref name="PartySize"/>.
/// It is an offer, not a booking: the diner books as usual. <paramref name="Start"/> carries the restaurant's offset; <c>DinerLink</c>
/// opens the restaurant's booking page at that date, time and party.
/// </summary>
[IntegrationEvent("reservations.slot.offered")]
public sealed record SlotOffered(
    Guid RequestId,
    Guid RestaurantId,
    Guid DinerId,
    DateTimeOffset Start,
    int PartySize,
    Guid CancelledReservationId,
    DateTimeOffset OfferedAt,
    string? TimeZone = null,
    string? RestaurantName = null,
    string? RestaurantNameEn = null,
    string? DinerLink = null) : IIntegrationEvent;

/// <summary>
/// A booking waits for its deposit (status <c>pending_payment</c>): <paramref name="Amount"/> minor units of
/// <paramref name="Currency"/> are due from <paramref name="DinerId"/> before <paramref name="HoldExpiresAt"/>, or the hold lapses.
/// Payments accepts a deposit payment for the reservation only for this amount; reservations confirms the booking on
/// <c>payments.payment.completed</c> (purpose <c>reservation_deposit</c>).
/// </summary>
[IntegrationEvent("reservations.deposit.requested")]
public sealed record DepositRequested(
    Guid ReservationId,
    Guid RestaurantId,
    Guid? DinerId,
    long Amount,
    string Currency,
    DateTimeOffset Start,
    DateTimeOffset HoldExpiresAt,
    DateTimeOffset RequestedAt,
    string? TimeZone = null,
    string? ServiceDate = null,
    int? PartySize = null,
    string? RestaurantName = null,
    string? RestaurantNameEn = null,
    string? DinerLink = null) : IIntegrationEvent;

[JsonSerializable(typeof(DepositRequested))]
[JsonSerializable(typeof(ReservationCompleted))]
[JsonSerializable(typeof(ReservationReminderDue))]
[JsonSerializable(typeof(ReservationConfirmed))]
[JsonSerializable(typeof(ReservationModified))]
[JsonSerializable(typeof(ReservationCancelled))]
[JsonSerializable(typeof(ReservationNoShow))]
[JsonSerializable(typeof(WaitlistReady))]
[JsonSerializable(typeof(SlotOffered))]
internal sealed partial class ReservationEventsJsonContext : JsonSerializerContext;

using System.Globalization;

namespace Brigade.Notifications.Domain;

/// <summary>
/// What happened to a booking, as the texts need it. <see cref="Start"/> carries the restaurant's local offset. The
/// reservation, its end, the time of the change and the restaurant's zone and address are there for the diner's
/// calendar invitation; without them no invitation is made.
/// </summary>
public sealed record Booking(
    string? RestaurantName,
    string? RestaurantNameEn,
    DateTimeOffset Start,
    int? PartySize,
    Guid? ReservationId = null,
    DateTimeOffset? End = null,
    DateTimeOffset? ChangedAt = null,
    string? TimeZone = null,
    string? Address = null)
{
    public string Name(string locale) =>
        (Locales.Normalize(locale) == Locales.English ? RestaurantNameEn ?? RestaurantName : RestaurantName)
        ?? (Locales.Normalize(locale) == Locales.English ? "the restaurant" : "식당");

    // Restaurant-local wall time: the offset the event carries is the restaurant's.
    public string When(string locale) => Locales.Normalize(locale) == Locales.English
        ? Start.ToString("ddd d MMM yyyy HH:mm", CultureInfo.InvariantCulture)
        : Start.ToString("yyyy년 M월 d일 HH:mm", CultureInfo.InvariantCulture);

    public string Party(string locale) => PartySize is not { } n ? ""
        : Locales.Normalize(locale) == Locales.English ? $", party of {n}" : $", {n}명";

    /// <summary>The diner's calendar entry for this booking (<see cref="Invitation.Request"/> or <see cref="Invitation.Cancel"/>), when the facts are known.</summary>
    public Invitation? Invitation(string locale, string method, string description) =>
        ReservationId is { } id && (End ?? (method == Domain.Invitation.Cancel ? Start : null)) is { } end && ChangedAt is { } at
            ? Domain.Invitation.For(id, method, at, Start, end, TimeZone ?? "Asia/Seoul",
                Locales.Normalize(locale) == Locales.English ? $"Table at {Name(locale)}{Party(locale)}" : $"{Name(locale)} 예약{Party(locale)}",
                Address, description)
            : null;
}

/// <summary>Korean and English texts for reservation events: to the diner, and to the restaurant's staff.</summary>
public static class ReservationTemplates
{
    public const string Confirmed = "reservation_confirmed";
    public const string Modified = "reservation_modified";
    public const string Cancelled = "reservation_cancelled";
    public const string NoShow = "reservation_no_show";
    public const string Reminder = "reservation_reminder";
    public const string NewBooking = "booking_new";
    public const string BookingModified = "booking_modified";
    public const string BookingCancelled = "booking_cancelled";

    private static bool En(string locale) => Locales.Normalize(locale) == Locales.English;

    private static Message Text(string type, string title, string body) => new(type, title, body, title, body);

    public static Message DinerConfirmed(string locale, Booking b) => Invite(locale, b, Invitation.Request, En(locale)
        ? Text(Confirmed, "Reservation confirmed", $"{b.Name(locale)}, {b.When(locale)}{b.Party(locale)}. See you there!")
        : Text(Confirmed, "예약이 확정되었습니다", $"{b.Name(locale)} {b.When(locale)}{b.Party(locale)}. 방문을 기다리겠습니다."));

    public static Message DinerModified(string locale, Booking b) => Invite(locale, b, Invitation.Request, En(locale)
        ? Text(Modified, "Reservation changed", $"Your reservation at {b.Name(locale)} is now {b.When(locale)}{b.Party(locale)}.")
        : Text(Modified, "예약이 변경되었습니다", $"{b.Name(locale)} 예약이 {b.When(locale)}{b.Party(locale)}(으)로 변경되었습니다."));

    /// <summary>The message with the diner's calendar invitation for its email (same event for every message about the booking).</summary>
    private static Message Invite(string locale, Booking b, string method, Message message) =>
        message with { Invitation = b.Invitation(locale, method, message.Body) };

    public static Message DinerCancelled(string locale, Booking b, string cancelledBy, int refundPercent)
    {
        var refund = refundPercent > 0
            ? En(locale) ? $" {refundPercent}% of your deposit will be refunded." : $" 예약금의 {refundPercent}%가 환불됩니다."
            : "";
        return Invite(locale, b, Invitation.Cancel, En(locale)
            ? Text(Cancelled, "Reservation cancelled",
                (cancelledBy == "diner" ? $"You cancelled your reservation at {b.Name(locale)} on {b.When(locale)}." : $"Your reservation at {b.Name(locale)} on {b.When(locale)} was cancelled.") + refund)
            : Text(Cancelled, "예약이 취소되었습니다",
                (cancelledBy == "diner" ? $"{b.Name(locale)} {b.When(locale)} 예약을 취소하셨습니다." : $"{b.Name(locale)} {b.When(locale)} 예약이 취소되었습니다.") + refund));
    }

    public static Message DinerNoShow(string locale, Booking b, long fee, string currency)
    {
        var charge = fee > 0 ? (En(locale) ? $" A no-show fee of {Money(fee, currency)} applies." : $" 노쇼 수수료 {Money(fee, currency)}이(가) 청구됩니다.") : "";
        return En(locale)
            ? Text(NoShow, "Missed reservation", $"You were recorded as a no-show at {b.Name(locale)} on {b.When(locale)}.{charge}")
            : Text(NoShow, "예약 불참(노쇼)", $"{b.Name(locale)} {b.When(locale)} 예약에 방문하지 않으신 것으로 기록되었습니다.{charge}");
    }

    public static Message DinerReminder(string locale, Booking b) => En(locale)
        ? Text(Reminder, "Reservation reminder", $"Your table at {b.Name(locale)} is booked for {b.When(locale)}{b.Party(locale)}.")
        : Text(Reminder, "예약 알림", $"{b.Name(locale)} {b.When(locale)}{b.Party(locale)} 예약이 다가오고 있습니다.");

    public static Message StaffNewBooking(string locale, Booking b) => En(locale)
        ? Text(NewBooking, "New booking", $"{b.When(locale)}{b.Party(locale)}")
        : Text(NewBooking, "새 예약", $"{b.When(locale)}{b.Party(locale)}");

    public static Message StaffModified(string locale, Booking b) => En(locale)
        ? Text(BookingModified, "Booking changed", $"Now {b.When(locale)}{b.Party(locale)}")
        : Text(BookingModified, "예약 변경", $"변경: {b.When(locale)}{b.Party(locale)}");

    public static Message StaffCancelled(string locale, Booking b) => En(locale)
        ? Text(BookingCancelled, "Booking cancelled", $"{b.When(locale)} is free again")
        : Text(BookingCancelled, "예약 취소", $"{b.When(locale)} 예약이 취소되었습니다");

    // KRW and JPY have no minor unit; others show two decimals.
    private static string Money(long minor, string currency) => currency is "KRW" or "JPY"
        ? $"{minor.ToString("N0", CultureInfo.InvariantCulture)} {currency}"
        : $"{(minor / 100m).ToString("N2", CultureInfo.InvariantCulture)} {currency}";
}

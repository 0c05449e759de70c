namespace Brigade.Notifications.Domain;

/// <summary>
/// Korean and English texts for what happens to bookings: to the diner (with a link to their reservation and, by email,
/// a calendar invitation), and to the restaurant's staff (the restaurant's name, the guest, and a link to the booking on
/// the day sheet). Every time is on the restaurant's clock (<see cref="TimeText"/>).
/// </summary>
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
    public const string SlotOffered = "slot_offered";
    public const string WaitlistReady = "waitlist_ready";
    public const string DepositDue = "deposit_due";

    private static bool En(string locale) => Locales.Normalize(locale) == Locales.English;

    public static Message DinerConfirmed(string locale, Booking b) => Invite(locale, b, Invitation.Request, En(locale)
        ? Message.Text(Confirmed, "Reservation confirmed", $"{b.Name(locale)}, {b.When(locale)}{b.Party(locale)}. See you there!", b.DinerLink)
        : Message.Text(Confirmed, "예약이 확정되었습니다", $"{b.Name(locale)} {b.When(locale)}{b.Party(locale)}. 방문을 기다리겠습니다.", b.DinerLink));

    public static Message DinerModified(string locale, Booking b) => Invite(locale, b, Invitation.Request, En(locale)
        ? Message.Text(Modified, "Reservation changed", $"Your reservation at {b.Name(locale)} is now {b.When(locale)}{b.Party(locale)}.", b.DinerLink)
        : Message.Text(Modified, "예약이 변경되었습니다", $"{b.Name(locale)} 예약이 {b.When(locale)}{b.Party(locale)}(으)로 변경되었습니다.", b.DinerLink));

    /// <summary>The message with the diner's calendar invitation for its email (same event for every message about the booking).</summary>
    private static Message Invite(string locale, Booking b, string method, Message message) =>
        message with { Invitation = b.Invitation(locale, method, message.Body) };

    public static Message DinerCancelled(string locale, Booking b, string cancelledBy, int refundPercent)
    {
        var refund = refundPercent > 0
            ? En(locale) ? $" {refundPercent}% of your deposit will be refunded." : $" 예약금의 {refundPercent}%가 환불됩니다."
            : "";
        return Invite(locale, b, Invitation.Cancel, En(locale)
            ? Message.Text(Cancelled, "Reservation cancelled",
                (cancelledBy == "diner" ? $"You cancelled your reservation at {b.Name(locale)} on {b.When(locale)}." : $"Your reservation at {b.Name(locale)} on {b.When(locale)} was cancelled.") + refund,
                b.DinerLink)
            : Message.Text(Cancelled, "예약이 취소되었습니다",
                (cancelledBy == "diner" ? $"{b.Name(locale)} {b.When(locale)} 예약을 취소하셨습니다." : $"{b.Name(locale)} {b.When(locale)} 예약이 취소되었습니다.") + refund,
                b.DinerLink));
    }

    public static Message DinerNoShow(string locale, Booking b, long fee, string currency)
    {
        var charge = fee > 0
            ? En(locale) ? $" A no-show fee of {TimeText.Money(fee, currency, locale)} applies." : $" 노쇼 수수료 {TimeText.Money(fee, currency, locale)}이(가) 청구됩니다."
            : "";
        return En(locale)
            ? Message.Text(NoShow, "Missed reservation", $"You were recorded as a no-show at {b.Name(locale)} on {b.When(locale)}.{charge}", b.DinerLink)
            : Message.Text(NoShow, "예약 불참(노쇼)", $"{b.Name(locale)} {b.When(locale)} 예약에 방문하지 않으신 것으로 기록되었습니다.{charge}", b.DinerLink);
    }

    public static Message DinerReminder(string locale, Booking b) => En(locale)
        ? Message.Text(Reminder, "Reservation reminder", $"Your table at {b.Name(locale)} is booked for {b.When(locale)}{b.Party(locale)}.", b.DinerLink)
        : Message.Text(Reminder, "예약 알림", $"{b.Name(locale)} {b.When(locale)}{b.Party(locale)} 예약이 다가오고 있습니다.", b.DinerLink);

    public static Message StaffNewBooking(string locale, Booking b) => En(locale)
        ? Message.Text(NewBooking, $"New booking · {b.Name(locale)}", $"{b.GuestName(locale)}{b.Party(locale)}, {b.When(locale)}", b.StaffLink)
        : Message.Text(NewBooking, $"새 예약 · {b.Name(locale)}", $"{b.GuestName(locale)}{b.Party(locale)}, {b.When(locale)}", b.StaffLink);

    public static Message StaffModified(string locale, Booking b) => En(locale)
        ? Message.Text(BookingModified, $"Booking changed · {b.Name(locale)}", $"{b.GuestName(locale)}: now {b.When(locale)}{b.Party(locale)}", b.StaffLink)
        : Message.Text(BookingModified, $"예약 변경 · {b.Name(locale)}", $"{b.GuestName(locale)}: {b.When(locale)}{b.Party(locale)}(으)로 변경", b.StaffLink);

    public static Message StaffCancelled(string locale, Booking b) => En(locale)
        ? Message.Text(BookingCancelled, $"Booking cancelled · {b.Name(locale)}", $"{b.GuestName(locale)}, {b.When(locale)}: the table is free again", b.StaffLink)
        : Message.Text(BookingCancelled, $"예약 취소 · {b.Name(locale)}", $"{b.GuestName(locale)} {b.When(locale)} 예약이 취소되었습니다", b.StaffLink);

    /// <summary>A notify-me request came true: the slot is offered, not held — the first to book gets it.</summary>
    public static Message DinerSlotOffered(string locale, Booking b) => En(locale)
        ? Message.Text(SlotOffered, "A table opened up", $"{b.Name(locale)}, {b.When(locale)}{b.Party(locale)} is free again. Book it before someone else does.", b.BookingLink)
        : Message.Text(SlotOffered, "원하시던 자리가 났습니다", $"{b.Name(locale)} {b.When(locale)}{b.Party(locale)} 자리가 비었습니다. 먼저 예약하시는 분께 드립니다.", b.BookingLink);

    /// <summary>The party's table is ready: come to the host stand now.</summary>
    public static Message WaitlistTableReady(string locale, string? restaurantName, string? restaurantNameEn, Guid restaurantId, int partySize) =>
        En(locale)
            ? Message.Text(WaitlistReady, "Your table is ready", $"Your table for {partySize} at {restaurantNameEn ?? restaurantName ?? "the restaurant"} is ready. Please come to the host stand.",
                $"/restaurants/{restaurantId:D}")
            : Message.Text(WaitlistReady, "자리가 준비되었습니다", $"{restaurantName ?? "식당"}에 {partySize}명 자리가 준비되었습니다. 입구로 와 주세요.",
                $"/restaurants/{restaurantId:D}");

    /// <summary>The booking waits for its deposit until <paramref name="until"/>, when the hold lapses.</summary>
    public static Message DinerDepositDue(string locale, Booking b, long amount, string currency, DateTimeOffset until) => En(locale)
        ? Message.Text(DepositDue, "Deposit due",
            $"To confirm your table at {b.Name(locale)} on {b.When(locale)}{b.Party(locale)}, pay the {TimeText.Money(amount, currency, locale)} deposit by {TimeText.When(until, b.TimeZone, locale)}.",
            b.DinerLink)
        : Message.Text(DepositDue, "예약금 결제가 필요합니다",
            $"{b.Name(locale)} {b.When(locale)}{b.Party(locale)} 예약을 확정하려면 {TimeText.When(until, b.TimeZone, locale)}까지 예약금 {TimeText.Money(amount, currency, locale)}을(를) 결제해 주세요.",
            b.DinerLink);
}

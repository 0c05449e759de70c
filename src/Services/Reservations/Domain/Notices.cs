using System.Globalization;
using Brigade.Contracts.Notifications;
using Brigade.Security;
using NodaTime;

namespace Brigade.Reservations.Domain;

/// <summary>A restaurant's names as people read them (the events carry them; a restaurant not heard of yet is "the restaurant").</summary>
public sealed record RestaurantLabel(string? Name, string? NameEn)
{
    public string Ko => Name ?? "식당";

    public string En => NameEn ?? Name ?? "the restaurant";
}

/// <summary>Paths in the web app that messages link to.</summary>
public static class Links
{
    /// <summary>The diner's bookings, opened at this one.</summary>
    public static string Diner(Guid reservationId) => $"/reservations?reservation={reservationId}";

    /// <summary>The restaurant's day sheet of the booking's service date, opened at this booking.</summary>
    public static string Staff(Guid restaurantId, LocalDate serviceDate, Guid reservationId) =>
        $"/manage/{restaurantId}?date={LocalTimes.Format(serviceDate)}&reservation={reservationId}";

    /// <summary>The restaurant's booking page at a date, time and party (where an offered slot is booked).</summary>
    public static string Booking(Guid restaurantId, LocalDate serviceDate, string clock, int partySize) =>
        $"/restaurants/{restaurantId}?date={LocalTimes.Format(serviceDate)}&time={clock}&party={partySize.ToString(CultureInfo.InvariantCulture)}";

    public static string DinerWaitlist => "/waitlist";

    public static string StaffWaitlist(Guid restaurantId) => $"/manage/{restaurantId}/waitlist";

    public static string ConciergeInbox(Guid restaurantId, Guid requestId) => $"/manage/{restaurantId}/requests?request={requestId}";

    public static string ConciergeDesk(Guid requestId) => $"/concierge?request={requestId}";
}

/// <summary>
/// What reservations asks the notifications service to tell people (<see cref="NotificationRequested"/>), in Korean and
/// English, with local times and the zone. Types are stable codes preferences key on.
/// </summary>
public static class Notices
{
    public const string SlotOfferedType = "reservations.slot.offered";
    public const string TableReadyType = "reservations.waitlist.ready";
    public const string ConciergeRequestedType = "reservations.concierge.requested";
    public const string ConciergeAcceptedType = "reservations.concierge.accepted";
    public const string ConciergeDeclinedType = "reservations.concierge.declined";
    public const string DepositDueType = "reservations.deposit.due";

    /// <summary>A cancellation freed the slot a diner asked about: they may book it now.</summary>
    public static NotificationRequested SlotOffered(
        Guid dinerId, Guid restaurantId, RestaurantLabel r, Instant start, DateTimeZone zone, LocalDate serviceDate, int partySize, Instant now) =>
        To([dinerId], SlotOfferedType,
            "빈자리가 생겼어요", $"{r.Ko} {LocalTimes.Describe(start, zone, true, serviceDate)} {partySize}명 자리가 났습니다. 먼저 예약하는 분께 돌아갑니다.",
            "A table opened up", $"{r.En}: a table for {partySize} at {LocalTimes.Describe(start, zone, false, serviceDate)} is free again. First to book gets it.",
            Links.Booking(restaurantId, serviceDate, LocalTimes.Clock(start, zone), partySize), urgent: false, now);

    /// <summary>A remote waitlist party's table is ready. Urgent: the table does not wait for quiet hours to end.</summary>
    public static NotificationRequested TableReady(Guid dinerId, RestaurantLabel r, string name, int partySize, Instant now) =>
        To([dinerId], TableReadyType,
            "입장하실 차례입니다", $"{r.Ko}: {name}님 일행 {partySize}명의 테이블이 준비되었습니다. 매장으로 와 주세요.",
            "Your table is ready", $"{r.En}: the table for {name}, party of {partySize}, is ready. Please come in.",
            Links.DinerWaitlist, urgent: true, now);

    /// <summary>A concierge desk asks for a table: the restaurant's owners and managers decide.</summary>
    public static NotificationRequested ConciergeRequested(
        Guid requestId, Guid restaurantId, RestaurantLabel r, string guestName, int partySize, Instant start, DateTimeZone zone, LocalDate serviceDate, Instant now) =>
        new(Guid.CreateVersion7(), new NotificationAudience([], restaurantId, [Roles.Owner, Roles.Manager]), ConciergeRequestedType,
            "컨시어지 예약 요청", $"{r.Ko}: {guestName} 손님 {partySize}명, {LocalTimes.Describe(start, zone, true, serviceDate)}. 수락하거나 거절해 주세요.",
            "Concierge request", $"{r.En}: {guestName}, party of {partySize}, {LocalTimes.Describe(start, zone, false, serviceDate)}. Accept or decline it.",
            Links.ConciergeInbox(restaurantId, requestId), false, now.ToDateTimeOffset());

    /// <summary>The restaurant accepted or declined a concierge's request.</summary>
    public static NotificationRequested ConciergeDecided(
        Guid requestId, Guid conciergeId, RestaurantLabel r, string guestName, int partySize, Instant start, DateTimeZone zone, LocalDate serviceDate,
        bool accepted, string? reason, Instant now)
    {
        var whenKo = LocalTimes.Describe(start, zone, true, serviceDate);
        var whenEn = LocalTimes.Describe(start, zone, false, serviceDate);
        return accepted
            ? To([conciergeId], ConciergeAcceptedType,
                "요청이 수락되었습니다", $"{r.Ko}이(가) {guestName} 손님 {partySize}명, {whenKo} 예약을 확정했습니다.",
                "Request accepted", $"{r.En} confirmed {guestName}, party of {partySize}, {whenEn}.",
                Links.ConciergeDesk(requestId), urgent: false, now)
            : To([conciergeId], ConciergeDeclinedType,
                "요청이 거절되었습니다", $"{r.Ko}이(가) {guestName} 손님 {partySize}명, {whenKo} 요청을 거절했습니다." + (reason is null ? "" : $" 사유: {reason}"),
                "Request declined", $"{r.En} declined {guestName}, party of {partySize}, {whenEn}." + (reason is null ? "" : $" Reason: {reason}"),
                Links.ConciergeDesk(requestId), urgent: false, now);
    }

    /// <summary>A booking waits for its deposit: pay before the hold lapses.</summary>
    public static NotificationRequested DepositDue(
        Guid reservationId, Guid dinerId, RestaurantLabel r, Instant start, DateTimeZone zone, LocalDate serviceDate, int partySize,
        long amount, string currency, Instant holdUntil, Instant now) =>
        To([dinerId], DepositDueType,
            "예약금을 결제해 주세요",
            $"{r.Ko} {LocalTimes.Describe(start, zone, true, serviceDate)} {partySize}명 예약은 예약금 {Money(amount, currency, true)}을 "
                + $"{LocalTimes.Describe(holdUntil, zone, true)}까지 결제하면 확정됩니다.",
            "Deposit due",
            $"Your table for {partySize} at {r.En}, {LocalTimes.Describe(start, zone, false, serviceDate)}, is confirmed once the deposit of "
                + $"{Money(amount, currency, false)} is paid by {LocalTimes.Describe(holdUntil, zone, false)}.",
            Links.Diner(reservationId), urgent: false, now);

    /// <summary>Minor units as people write them: <c>20,000원</c> / <c>₩20,000</c>; currencies with cents get two decimals.</summary>
    public static string Money(long minor, string currency, bool korean) => currency switch
    {
        "KRW" => korean ? minor.ToString("N0", CultureInfo.InvariantCulture) + "원" : "₩" + minor.ToString("N0", CultureInfo.InvariantCulture),
        "JPY" => "¥" + minor.ToString("N0", CultureInfo.InvariantCulture),
        _ => (minor / 100m).ToString("N2", CultureInfo.InvariantCulture) + " " + currency,
    };

    private static NotificationRequested To(
        IReadOnlyList<Guid> users, string type, string title, string body, string titleEn, string bodyEn, string link, bool urgent, Instant now) =>
        new(Guid.CreateVersion7(), new NotificationAudience(users, null, []), type, title, body, titleEn, bodyEn, link, urgent, now.ToDateTimeOffset());
}

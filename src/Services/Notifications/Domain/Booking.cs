namespace Brigade.Notifications.Domain;

/// <summary>
/// What happened to a booking, as the texts need it: the restaurant (names, IANA zone, address, as learnt from its
/// events), the start (any offset: it is shown on the restaurant's clock), the party, the guest's name when known, and
/// for the diner's calendar invitation the end and the time of the change (without them no invitation is made).
/// </summary>
public sealed record Booking(
    Guid ReservationId,
    Guid RestaurantId,
    string? RestaurantName,
    string? RestaurantNameEn,
    DateTimeOffset Start,
    int? PartySize,
    string? Guest = null,
    DateTimeOffset? End = null,
    DateTimeOffset? ChangedAt = null,
    string? TimeZone = null,
    string? Address = null)
{
    private static bool En(string locale) => Locales.Normalize(locale) == Locales.English;

    public string Name(string locale) =>
        (En(locale) ? RestaurantNameEn ?? RestaurantName : RestaurantName) ?? (En(locale) ? "the restaurant" : "식당");

    /// <summary>The start on the restaurant's clock, with date and weekday.</summary>
    public string When(string locale) => TimeText.When(Start, TimeZone, locale);

    public string Party(string locale) => PartySize is not { } n ? ""
        : En(locale) ? $", party of {n}" : $", {n}명";

    /// <summary>Who the table is for, as staff call them: the name booked under, else "a guest".</summary>
    public string GuestName(string locale) => string.IsNullOrWhiteSpace(Guest)
        ? En(locale) ? "A guest" : "손님"
        : En(locale) ? Guest.Trim() : Guest.Trim() + "님";

    /// <summary>The diner's page of their reservations, opened at this one.</summary>
    public string DinerLink => $"/reservations?reservation={ReservationId:D}";

    /// <summary>The restaurant's day sheet on the booking's local date, opened at this booking.</summary>
    public string StaffLink => $"/manage/{RestaurantId:D}?date={TimeText.Date(Start, TimeZone)}&reservation={ReservationId:D}";

    /// <summary>The restaurant's page with this date, party and time chosen, ready to book.</summary>
    public string BookingLink => $"/restaurants/{RestaurantId:D}?date={TimeText.Date(Start, TimeZone)}&party={PartySize ?? 2}&time={TimeText.Clock(Start, TimeZone)}";

    /// <summary>The diner's calendar entry for this booking (<see cref="Invitation.Request"/> or <see cref="Invitation.Cancel"/>), when the facts are known.</summary>
    public Invitation? Invitation(string locale, string method, string description) =>
        (End ?? (method == Domain.Invitation.Cancel ? Start : null)) is { } end && ChangedAt is { } at
            ? Domain.Invitation.For(ReservationId, method, at, Start, end, TimeZone ?? Brigade.Api.RestaurantTime.DefaultZoneId,
                En(locale) ? $"Table at {Name(locale)}{Party(locale)}" : $"{Name(locale)} 예약{Party(locale)}",
                Address, description)
            : null;
}

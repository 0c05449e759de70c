using Brigade.Api;
using Brigade.Reservations.Domain;
using Brigade.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;

namespace Brigade.Reservations.Api;

public sealed record SlotResponse(DateTimeOffset Start, DateTimeOffset End, int CoversLeft)
{
    public static SlotResponse From(Slot s) => new(s.Start.ToDateTimeOffset(), s.End.ToDateTimeOffset(), s.CoversLeft);
}

public sealed record AvailabilityResponse(Guid RestaurantId, string TimeZone, int PartySize, string From, string To, IReadOnlyList<SlotResponse> Slots);

public static class SettingsApi
{
    public const string Tag = "Booking settings and availability";

    public const int MaxDays = 31;

    public static RouteGroupBuilder MapSettingsAndAvailability(this RouteGroupBuilder api)
    {
        // Public, also through the gateway without a token: a diner reads the deposit, refund and no-show terms before
        // signing in, and nothing here is private (pacing and turn times show through availability anyway).
        api.MapGet("/settings/{restaurantId:guid}", GetAsync).AllowAnonymous()
            .WithName("GetBookingSettings")
            .WithSummary("A restaurant's booking settings, public to anyone: slots, turn times, pacing, advance window, blocks, deposit, cancellation and no-show policy")
            .WithTags(Tag).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPut("/settings/{restaurantId:guid}", ReplaceAsync).RequireAuthorization()
            .WithName("ReplaceBookingSettings")
            .WithSummary("Replace the booking settings (the restaurant's owner or managers); absent values take the defaults")
            .WithTags(Tag).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/availability", AvailabilityAsync).AllowAnonymous()
            .WithName("GetAvailability")
            .WithSummary("Bookable starts (ISO instants with the restaurant's offset) for a party on a local date, or on `days` dates from it (at most 31)")
            .WithTags(Tag).ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    public static async Task<Results<Ok<SettingsBody>, ProblemHttpResult>> GetAsync(Guid restaurantId, [AsParameters] ReservationServices s)
    {
        var restaurant = await s.Books.FindAsync(restaurantId, s.Ct);
        if (restaurant is null)
        {
            return Problems.NotFound("restaurant", "식당");
        }

        return TypedResults.Ok(BookingSettingsRules.ToBody(await s.Settings.GetAsync(restaurantId, restaurant.Currency, s.Ct)));
    }

    public static async Task<Results<Ok<SettingsBody>, ValidationProblem, ProblemHttpResult>> ReplaceAsync(
        Guid restaurantId, SettingsBody body, [AsParameters] ReservationServices s)
    {
        // The settings are public, so a refusal need not hide that the restaurant exists: 403, not 404.
        if (!await s.Rights.IsStaffAsync(s.User, restaurantId, s.Ct, Roles.Owner, Roles.Manager))
        {
            return Problems.Forbidden("Only the restaurant's owner or managers can change its booking settings.", "예약 설정은 식당 소유자나 매니저만 바꿀 수 있습니다.");
        }

        var restaurant = await s.Books.FindAsync(restaurantId, s.Ct);
        if (restaurant is null)
        {
            return Problems.NotFound("restaurant", "식당");
        }

        var errors = new FieldErrors();
        var settings = BookingSettingsRules.Parse(body, restaurant.Currency, errors);
        if (settings is null)
        {
            return Problems.Invalid(errors);
        }

        await s.Settings.SaveAsync(restaurantId, settings, s.Clock.GetUtcNow(), s.Ct);
        return TypedResults.Ok(BookingSettingsRules.ToBody(settings));
    }

    public static async Task<Results<Ok<AvailabilityResponse>, ValidationProblem, ProblemHttpResult>> AvailabilityAsync(
        Guid? restaurantId, DateOnly? date, int? partySize, int? days, [AsParameters] ReservationServices s)
    {
        var errors = new FieldErrors();
        errors.RequiredId("restaurantId", restaurantId);
        if (date is null)
        {
            errors.Missing("date", "yyyy-MM-dd");
        }

        var party = errors.RequiredRange("partySize", partySize, 1, TableRequest.MaxPartySize) ?? 1;
        var count = errors.Range("days", days, 1, MaxDays, 1);
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        var first = LocalDate.FromDateOnly(date!.Value);
        var last = first.PlusDays(count - 1);
        // Wide enough for any zone's offset and for turns that run past midnight.
        var from = first.AtStartOfDayInZone(DateTimeZone.Utc).ToInstant() - Duration.FromDays(2);
        var to = last.AtStartOfDayInZone(DateTimeZone.Utc).ToInstant() + Duration.FromDays(3);
        var loaded = await s.Books.LoadForAvailabilityAsync(restaurantId!.Value, from, to, s.Ct);
        if (loaded is not { Restaurant.Bookable: true } found)
        {
            return Problems.NotFound("bookable restaurant", "예약 가능한 식당");
        }

        var now = s.Now;
        var slots = new List<SlotResponse>();
        for (var day = first; day <= last; day = day.PlusDays(1))
        {
            slots.AddRange(Availability.ForDate(found.Book, day, party, now, firstFitOnly: true).Select(SlotResponse.From));
        }

        return TypedResults.Ok(new AvailabilityResponse(
            restaurantId.Value, found.Restaurant.TimeZone, party, BookingSettingsRules.FormatDate(first), BookingSettingsRules.FormatDate(last), slots));
    }
}

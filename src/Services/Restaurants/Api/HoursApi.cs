using Brigade.Api;
using Brigade.Restaurants.Data;
using Brigade.Restaurants.Domain;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;

namespace Brigade.Restaurants.Api;

public sealed record WeeklyHoursResponse(string Day, string Open, string Close, string? Name);

public sealed record PeriodResponse(string Open, string Close, string? Name);

public sealed record HoursExceptionResponse(string Date, bool Closed, IReadOnlyList<PeriodResponse> Periods, string? Note);

/// <summary>A concrete opening: <see cref="Date"/> is the local date the service belongs to; start and end are instants with the local offset.</summary>
public sealed record OpenPeriodResponse(string Date, DateTimeOffset Start, DateTimeOffset End, string? Name);

/// <summary>The hours document and its expansion into concrete periods between <see cref="From"/> and <see cref="To"/> (local dates, inclusive).</summary>
public sealed record HoursResponse(
    string TimeZone,
    IReadOnlyList<WeeklyHoursResponse> Weekly,
    IReadOnlyList<HoursExceptionResponse> Exceptions,
    string From,
    string To,
    IReadOnlyList<OpenPeriodResponse> Periods);

/// <summary>
/// The endpoints' dependencies and the request. Only the request's <see cref="HttpContext"/> is a public member:
/// the validation generator walks public members of <c>[AsParameters]</c> types, and would descend into a
/// <see cref="System.Security.Claims.ClaimsPrincipal"/> forever.
/// </summary>
public sealed record HoursServices(RestaurantStore Restaurants, HoursStore Hours, TimeProvider Clock, HttpContext Http) : IApiRequest;

public static class HoursApi
{
    public const string Tag = "Opening hours";

    public static RouteGroupBuilder MapHours(this RouteGroupBuilder api)
    {
        api.MapGet("/{restaurantId:guid}/hours", GetAsync).AllowAnonymous()
            .WithName("GetHours")
            .WithSummary("Opening hours, expanded into concrete periods (ISO instants with offset) for the local dates from..to (default: the next 7 days)")
            .WithTags(Tag).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPut("/{restaurantId:guid}/hours", ReplaceAsync).RequireAuthorization()
            .WithName("ReplaceHours")
            .WithSummary("Replace the weekly hours and dated exceptions (owner, manager); a close at or before the open ends after midnight")
            .WithTags(Tag).ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    public static async Task<Results<Ok<HoursResponse>, ValidationProblem, ProblemHttpResult>> GetAsync(
        Guid restaurantId, DateOnly? from, DateOnly? to, [AsParameters] HoursServices s)
    {
        var (scope, denied) = await s.Restaurants.AuthorizeAsync(restaurantId, s.User, Capability.ReadPublic, s.Ct);
        if (denied is not null)
        {
            return denied;
        }

        var zone = RestaurantTime.Zone(scope!.Restaurant.TimeZone);
        var start = from is { } f ? LocalDate.FromDateOnly(f) : Instant.FromDateTimeOffset(s.Clock.GetUtcNow()).InZone(zone).Date;
        var end = to is { } t ? LocalDate.FromDateOnly(t) : start.PlusDays(6);
        if (end < start)
        {
            return Problems.Invalid("to", "to must not be before from.", "to는 from보다 앞설 수 없습니다.");
        }

        if (Period.DaysBetween(start, end) >= OpeningHoursRules.MaxExpansionDays)
        {
            return Problems.Invalid("to", $"from..to may span at most {OpeningHoursRules.MaxExpansionDays} days.", $"from..to는 최대 {OpeningHoursRules.MaxExpansionDays}일까지입니다.");
        }

        var hours = await s.Hours.GetAsync(restaurantId, s.Ct);
        var periods = OpeningHoursRules.Expand(hours, zone, start, end);
        return TypedResults.Ok(new HoursResponse(
            scope.Restaurant.TimeZone,
            hours.Weekly.Select(w => new WeeklyHoursResponse(
                OpeningHoursRules.DayName(w.Day), OpeningHoursRules.FormatTime(w.Period.Open), OpeningHoursRules.FormatTime(w.Period.Close), w.Period.Name)).ToList(),
            hours.Exceptions.Select(e => new HoursExceptionResponse(
                OpeningHoursRules.FormatDate(e.Date),
                e.Closed,
                e.Periods.Select(p => new PeriodResponse(OpeningHoursRules.FormatTime(p.Open), OpeningHoursRules.FormatTime(p.Close), p.Name)).ToList(),
                e.Note)).ToList(),
            OpeningHoursRules.FormatDate(start),
            OpeningHoursRules.FormatDate(end),
            periods.Select(p => new OpenPeriodResponse(OpeningHoursRules.FormatDate(p.Date), p.Start.ToDateTimeOffset(), p.End.ToDateTimeOffset(), p.Name)).ToList()));
    }

    public static async Task<Results<Ok<HoursResponse>, ValidationProblem, ProblemHttpResult>> ReplaceAsync(
        Guid restaurantId, HoursDraft body, [AsParameters] HoursServices s)
    {
        var (scope, denied) = await s.Restaurants.AuthorizeAsync(restaurantId, s.User, Capability.EditHours, s.Ct);
        if (denied is not null)
        {
            return denied;
        }

        var errors = new FieldErrors();
        var hours = OpeningHoursRules.Parse(body, errors);
        if (hours is null)
        {
            return Problems.Invalid(errors);
        }

        await s.Hours.ReplaceAsync(restaurantId, scope!.Restaurant.TimeZone, hours, s.Ct);
        return await GetAsync(restaurantId, null, null, s);
    }
}

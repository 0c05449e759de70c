using Brigade.Api;
using Brigade.Forecasting.Data;
using Brigade.Forecasting.Domain;
using Brigade.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Brigade.Forecasting.Api;

/// <summary>People needed in an hour for its expected covers.</summary>
public sealed record LabourHourResponse(int Hour, double Covers, int Staff);

/// <summary>A day's staffing: <c>staffHours</c> the sum over its hours, <c>peakStaff</c> the most needed at once.</summary>
public sealed record LabourDayResponse(string Date, int ExpectedCovers, int StaffHours, int PeakStaff, IReadOnlyList<LabourHourResponse> Hours);

public sealed record LabourResponse(Guid RestaurantId, decimal CoversPerStaffHour, int MinimumStaff, IReadOnlyList<LabourDayResponse> Days);

/// <summary><c>coversPerStaffHour</c>: covers one person on the floor serves in an hour; <c>minimumStaff</c>: the fewest on while guests are in.</summary>
public sealed record LabourSettingsBody(decimal? CoversPerStaffHour, int? MinimumStaff);

public sealed record LabourSettingsResponse(decimal CoversPerStaffHour, int MinimumStaff, bool IsDefault);

/// <summary>A menu item's expected quantity on a day: its recent quantity per cover × the day's expected covers.</summary>
public sealed record ItemQuantityResponse(Guid MenuItemId, string Name, double Quantity);

public sealed record ItemDayResponse(string Date, int ExpectedCovers, IReadOnlyList<ItemQuantityResponse> Items);

/// <summary>
/// Menu items expected per day. Inventory multiplies these by its recipes into ingredient usage and orders it over each
/// supplier's lead time (its forecast-suggestions endpoint): recipes, stock and lead times are inventory's.
/// </summary>
public sealed record ItemForecastResponse(Guid RestaurantId, int WindowDays, IReadOnlyList<ItemDayResponse> Days);

public static class PlanningApi
{
    public const string Tag = "Forecast planning";

    /// <summary>Weeks of orders the quantity per cover of each item is taken from.</summary>
    private const int ItemWindowDays = 28;

    public static RouteGroupBuilder MapPlanning(this RouteGroupBuilder api)
    {
        api.MapGet("/labour", LabourAsync).RequireAuthorization()
            .WithName("GetLabourForecast").WithSummary("Staff needed per day and hour from expected covers, for the staff schedule (?days=; owner, manager)")
            .WithTags(Tag).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/labour/settings", GetSettingsAsync).RequireAuthorization()
            .WithName("GetLabourSettings").WithSummary("Covers per staff hour and the minimum staff (owner, manager)").WithTags(Tag).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPut("/labour/settings", PutSettingsAsync).RequireAuthorization()
            .WithName("PutLabourSettings").WithSummary("Replace covers per staff hour and the minimum staff (owner, manager)").WithTags(Tag)
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/items", ItemsAsync).RequireAuthorization()
            .WithName("GetMenuItemForecast").WithSummary("Menu items expected per day from expected covers and recent quantities per cover, for purchase planning (?days=; owner, manager)")
            .WithTags(Tag).ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    public static async Task<Results<Ok<LabourResponse>, ValidationProblem, ProblemHttpResult>> LabourAsync(Guid restaurantId, int? days, [AsParameters] ForecastingServices s)
    {
        if (s.User.Refusal(restaurantId) is { } refused)
        {
            return refused;
        }

        var errors = new FieldErrors();
        var wanted = errors.Range("days", days, 1, s.Options.Value.HorizonDays, s.Options.Value.HorizonDays);
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        var settings = await SettingsAsync(s, restaurantId);
        var view = await ForecastView.LoadAsync(s, restaurantId, wanted);
        var result = view.Days.Select(d =>
        {
            var hours = d.Hours.Select(h => new LabourHourResponse(h.Hour, Math.Round(h.Covers, 1),
                Staffing.ForHour(h.Covers, (double)settings.CoversPerStaffHour, settings.MinimumStaff))).ToList();
            return new LabourDayResponse(ModelResponse.Date(d.Date), (int)Math.Round(d.ExpectedCovers), hours.Sum(h => h.Staff), hours.Count == 0 ? 0 : hours.Max(h => h.Staff), hours);
        }).ToList();
        return TypedResults.Ok(new LabourResponse(restaurantId, settings.CoversPerStaffHour, settings.MinimumStaff, result));
    }

    public static async Task<Results<Ok<LabourSettingsResponse>, ProblemHttpResult>> GetSettingsAsync(Guid restaurantId, [AsParameters] ForecastingServices s)
    {
        if (s.User.Refusal(restaurantId) is { } refused)
        {
            return refused;
        }

        var settings = await SettingsAsync(s, restaurantId);
        return TypedResults.Ok(new LabourSettingsResponse(settings.CoversPerStaffHour, settings.MinimumStaff, settings.IsDefault));
    }

    public static async Task<Results<Ok<LabourSettingsResponse>, ValidationProblem, ProblemHttpResult>> PutSettingsAsync(
        Guid restaurantId, LabourSettingsBody body, [AsParameters] ForecastingServices s)
    {
        if (s.User.Refusal(restaurantId) is { } refused)
        {
            return refused;
        }

        var errors = new FieldErrors();
        if (body.CoversPerStaffHour is not (>= 0.5m and <= 100m))
        {
            errors.Add("coversPerStaffHour", "Give covers per staff hour between 0.5 and 100.", "직원 1인 시간당 손님 수는 0.5~100 사이여야 합니다.");
        }

        var minimum = errors.RequiredRange("minimumStaff", body.MinimumStaff, 0, 50);
        if (!errors.IsEmpty || minimum is null)
        {
            return Problems.Invalid(errors);
        }

        var ratio = Math.Round(body.CoversPerStaffHour!.Value, 2);
        await s.Labour.SetAsync(restaurantId, ratio, minimum.Value, s.User.UserId(), s.Now.ToDateTimeOffset(), s.Ct);
        return TypedResults.Ok(new LabourSettingsResponse(ratio, minimum.Value, false));
    }

    public static async Task<Results<Ok<ItemForecastResponse>, ValidationProblem, ProblemHttpResult>> ItemsAsync(Guid restaurantId, int? days, [AsParameters] ForecastingServices s)
    {
        if (s.User.Refusal(restaurantId) is { } refused)
        {
            return refused;
        }

        var errors = new FieldErrors();
        var wanted = errors.Range("days", days, 1, s.Options.Value.HorizonDays, s.Options.Value.HorizonDays);
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        var view = await ForecastView.LoadAsync(s, restaurantId, wanted);
        var perCover = await s.History.ItemsPerCoverAsync(restaurantId, view.Today.PlusDays(-ItemWindowDays), view.Today, s.Ct);
        var result = view.Days.Select(d => new ItemDayResponse(ModelResponse.Date(d.Date), (int)Math.Round(d.ExpectedCovers),
            perCover.Select(i => new ItemQuantityResponse(i.MenuItemId, i.Name, Math.Round(i.PerCover * d.ExpectedCovers, 1))).ToList())).ToList();
        return TypedResults.Ok(new ItemForecastResponse(restaurantId, ItemWindowDays, result));
    }

    private static async Task<LabourSettings> SettingsAsync(ForecastingServices s, Guid restaurantId) =>
        await s.Labour.GetAsync(restaurantId, s.Ct) ?? new LabourSettings(s.Options.Value.CoversPerStaffHour, s.Options.Value.MinimumStaff, true);
}

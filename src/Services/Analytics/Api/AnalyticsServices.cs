using System.Globalization;
using System.Security.Claims;
using Brigade.Analytics.Data;
using Brigade.Analytics.Domain;
using Brigade.Api;
using Brigade.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Npgsql;
using NodaTime;

namespace Brigade.Analytics.Api;

/// <summary>The endpoints' dependencies and the request.</summary>
public sealed record AnalyticsServices(
    DashboardStore Dashboards,
    InsightsStore Insights,
    DashboardCache Cache,
    NpgsqlDataSource Db,
    IOptions<AnalyticsOptions> Options,
    TimeProvider Clock,
    HttpContext Http) : IApiRequest;

/// <summary>A range of service days a dashboard or report covers, both ends included.</summary>
public readonly record struct DayRange(DateOnly From, DateOnly To)
{
    public string Key => $"{From:yyyy-MM-dd}..{To:yyyy-MM-dd}";

    public DayRange WeekBefore => new(From.AddDays(-7), To.AddDays(-7));

    /// <summary>The same days 52 weeks earlier: the same weekdays, which drive a restaurant's sales more than the calendar date.</summary>
    public DayRange YearBefore => new(From.AddDays(-364), To.AddDays(-364));
}

internal static class Access
{
    /// <summary>
    /// Owners and managers (and admins) read a restaurant's numbers. Anyone else outside the restaurant learns nothing,
    /// not even that it has data (404); its other staff are told it is for managers (403).
    /// </summary>
    public static ProblemHttpResult? Refusal(ClaimsPrincipal user, Guid restaurantId)
    {
        if (user.IsAdmin() || user.HasMembership(restaurantId, Roles.Owner, Roles.Manager))
        {
            return null;
        }

        return user.HasMembership(restaurantId)
            ? Problems.Forbidden("Only the restaurant's owners and managers can see its numbers.", "레스토랑의 점주와 매니저만 매출 분석을 볼 수 있습니다.", "managers_only")
            : Problems.NotFound("restaurant", "레스토랑");
    }

    /// <summary>
    /// Reads <c>from</c>/<c>to</c> (yyyy-MM-dd service dates). Both default to yesterday's service day (the owner's morning
    /// look back); the range must run forwards and stay within <see cref="AnalyticsOptions.MaxRangeDays"/>.
    /// </summary>
    public static DayRange? Range(FieldErrors errors, string? from, string? to, AnalyticsServices s)
    {
        var f = errors.Date("from", from, required: false);
        var t = errors.Date("to", to, required: false);
        if (!errors.IsEmpty)
        {
            return null;
        }

        var today = ServiceDay.Of(s.Now, RestaurantTime.DefaultZone, s.Options.Value.DayStartsAtHour).Date;
        var yesterday = DateOnly.FromDateTime(today.PlusDays(-1).ToDateTimeUnspecified());
        var start = f ?? t ?? yesterday;
        var end = t ?? (f is null ? yesterday : start);
        if (end < start)
        {
            errors.Add("to", "to must be on or after from.", "to은(는) from과 같거나 이후여야 합니다.");
            return null;
        }

        var max = s.Options.Value.MaxRangeDays;
        if (end.DayNumber - start.DayNumber + 1 > max)
        {
            errors.Add("to", $"A range covers at most {max} days.", $"기간은 최대 {max}일입니다.");
            return null;
        }

        return new DayRange(start, end);
    }

    public static string Iso(DateTime date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

using System.Globalization;
using Brigade.Api;
using Brigade.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Brigade.Analytics.Api;

/// <summary>
/// One day of the whole platform: <c>bookings</c> (reservations of that service date not cancelled), <c>orders</c> (closed),
/// <c>gmv</c> (the closed orders' totals, before refunds) and <c>jobsFilled</c> (day-work shifts booked through jobs for that
/// date and not cancelled).
/// </summary>
public sealed record PlatformDayResponse(string Date, long Bookings, long Orders, MoneyResponse Gmv, long JobsFilled);

/// <summary>The platform's numbers over a range of service dates, per day and in total.</summary>
public sealed record PlatformResponse(string From, string To, long Bookings, long Orders, MoneyResponse Gmv, long JobsFilled, IReadOnlyList<PlatformDayResponse> ByDay);

public static class PlatformApi
{
    public static RouteGroupBuilder MapPlatform(this RouteGroupBuilder api)
    {
        // Admins only: the platform's totals include every restaurant's business.
        api.MapGet("/platform", GetAsync).RequireAuthorization(Policies.Admin)
            .WithName("GetPlatform").WithSummary("Bookings, orders, GMV and jobs filled per day across the platform (admins)").WithTags(DashboardApi.Tag);
        api.MapGet("/platform/report", ReportAsync).RequireAuthorization(Policies.Admin)
            .WithName("GetPlatformReport").WithSummary("The platform's days as CSV (admins; UTF-8 with BOM)").WithTags(DashboardApi.Tag);
        return api;
    }

    public static async Task<Results<FileContentHttpResult, ValidationProblem>> ReportAsync(string? from, string? to, [AsParameters] AnalyticsServices s)
    {
        var errors = new FieldErrors();
        if (Access.Range(errors, from, to, s) is not { } range)
        {
            return Problems.Invalid(errors);
        }

        var platform = await LoadAsync(range, s, s.Ct);
        var csv = new System.Text.StringBuilder();
        csv.AppendLine("date,bookings,orders,gmv,jobs_filled");
        foreach (var d in platform.ByDay)
        {
            csv.AppendLine(string.Join(',', d.Date, DashboardApi.Num(d.Bookings), DashboardApi.Num(d.Orders), DashboardApi.Num(d.Gmv.Amount), DashboardApi.Num(d.JobsFilled)));
        }

        return DashboardApi.Csv(csv, $"analytics-platform-{range.Key}.csv");
    }

    public static async Task<Results<Ok<PlatformResponse>, ValidationProblem>> GetAsync(string? from, string? to, [AsParameters] AnalyticsServices s)
    {
        var errors = new FieldErrors();
        if (Access.Range(errors, from, to, s) is not { } range)
        {
            return Problems.Invalid(errors);
        }

        return TypedResults.Ok(await LoadAsync(range, s, s.Ct));
    }

    internal static async Task<PlatformResponse> LoadAsync(DayRange range, AnalyticsServices s, CancellationToken ct)
    {
        var days = await s.Insights.PlatformAsync(range.From, range.To, ct);
        return new PlatformResponse(Iso(range.From), Iso(range.To), days.Sum(d => d.Bookings), days.Sum(d => d.Orders), KpiResponse.Won(days.Sum(d => d.Gmv)),
            days.Sum(d => d.JobsFilled),
            days.Select(d => new PlatformDayResponse(Access.Iso(d.Day), d.Bookings, d.Orders, KpiResponse.Won(d.Gmv), d.JobsFilled)).ToList());
    }

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

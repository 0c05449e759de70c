using System.Globalization;
using System.Text.Json;
using Brigade.Analytics.Data;
using Brigade.Analytics.Domain;
using Brigade.Analytics.Events;
using Brigade.Api;
using Brigade.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Brigade.Analytics.Api;

/// <summary>
/// A menu item on the menu-engineering grid. <c>mixPercent</c> is its share of the portions sold; <c>popular</c> when that is at
/// least 70 % of an even share. <c>unitMargin</c> (price less recipe cost, per portion), <c>highMargin</c> and <c>quadrant</c>
/// (<c>star</c>, <c>plowhorse</c>, <c>puzzle</c>, <c>dog</c>) are null while no recipe cost is known.
/// </summary>
public sealed record MenuItemResponse(
    Guid MenuItemId, string Name, string? Category, long Quantity, MoneyResponse Sales, decimal MixPercent, bool Popular,
    MoneyResponse? UnitMargin, MoneyResponse? TotalMargin, bool? HighMargin, string? Quadrant);

/// <summary>
/// Menu engineering over a range. <c>costKnown</c> is false when some item has no recipe cost (then only popularity is judged
/// and <c>costNote</c> says why: <c>no_recipe_cost</c>); <c>averageMargin</c> is the margin per portion weighted by portions sold.
/// </summary>
public sealed record MenuEngineeringResponse(
    Guid RestaurantId, string From, string To, bool CostKnown, string? CostNote, decimal PopularityThresholdPercent, MoneyResponse? AverageMargin,
    IReadOnlyList<MenuItemResponse> Items);

/// <summary>An RFM segment as of the range's last day: its guests, their visits and spend so far, and the spend per guest.</summary>
public sealed record SegmentResponse(string Segment, long Guests, long Visits, MoneyResponse Spend, MoneyResponse? SpendPerGuest);

/// <summary>Of a cohort, the guests who came in the month <c>offset</c> months after their first (0 = the first month, 100 %).</summary>
public sealed record RetentionResponse(int Offset, string Month, long Guests, decimal? Percent);

/// <summary>The guests whose first visit was in <c>month</c> (yyyy-MM) and how many came back in each following month.</summary>
public sealed record CohortResponse(string Month, long Guests, IReadOnlyList<RetentionResponse> Retention);

/// <summary>
/// Signed-in guests: <c>visits</c> (a diner's service days with a closed order) and <c>guests</c> in the range, <c>visitsPerGuest</c>;
/// RFM <c>segments</c> of every guest up to <c>to</c> (fixed rules, see the README); monthly <c>cohorts</c> by first visit.
/// </summary>
public sealed record CustomersResponse(
    Guid RestaurantId, string From, string To, long Guests, long Visits, decimal? VisitsPerGuest, IReadOnlyList<SegmentResponse> Segments,
    IReadOnlyList<CohortResponse> Cohorts);

/// <summary>A service day's completed bookings, their average turn (booked start to completion, minutes), net sales, hours open and RevPASH.</summary>
public sealed record SeatingDayResponse(string Date, long Completed, int? AverageTurnMinutes, MoneyResponse NetSales, decimal? OpenHours, MoneyResponse? RevPash);

/// <summary>
/// Turn time and RevPASH over a range. <c>seats</c> are the active tables' maximum capacities; <c>openHours</c> the published
/// opening hours of the range (null when none were published); <c>revPash</c> = net sales ÷ (seats × open hours), null with
/// <c>revPashUnavailable</c> (<c>no_tables</c>, <c>no_hours</c>, <c>closed</c>) when it cannot be computed.
/// </summary>
public sealed record SeatingResponse(
    Guid RestaurantId, string From, string To, long Seats, decimal? OpenHours, long Completed, int? AverageTurnMinutes, MoneyResponse NetSales,
    MoneyResponse? RevPash, string? RevPashUnavailable, IReadOnlyList<SeatingDayResponse> ByDay);

public static class InsightsApi
{
    public static RouteGroupBuilder MapInsights(this RouteGroupBuilder api)
    {
        api.MapGet("/restaurants/{restaurantId:guid}/menu-engineering", MenuAsync).RequireAuthorization(Policies.User)
            .WithName("GetMenuEngineering").WithSummary("Menu engineering of the item mix: popularity, margins and quadrants (owners and managers)")
            .WithTags(DashboardApi.Tag);
        api.MapGet("/restaurants/{restaurantId:guid}/customers", CustomersAsync).RequireAuthorization(Policies.User)
            .WithName("GetCustomers").WithSummary("Visit frequency, RFM segments and monthly cohorts of signed-in guests (owners and managers)")
            .WithTags(DashboardApi.Tag);
        api.MapGet("/restaurants/{restaurantId:guid}/seating", SeatingAsync).RequireAuthorization(Policies.User)
            .WithName("GetSeating").WithSummary("Table turn time and RevPASH (owners and managers)").WithTags(DashboardApi.Tag);
        return api;
    }

    public static Task<Results<Ok<MenuEngineeringResponse>, ValidationProblem, ProblemHttpResult>> MenuAsync(
        Guid restaurantId, string? from, string? to, [AsParameters] AnalyticsServices s) => ServeAsync(restaurantId, from, to, "menu", s, LoadMenuAsync);

    public static Task<Results<Ok<CustomersResponse>, ValidationProblem, ProblemHttpResult>> CustomersAsync(
        Guid restaurantId, string? from, string? to, [AsParameters] AnalyticsServices s) => ServeAsync(restaurantId, from, to, "customers", s, LoadCustomersAsync);

    public static Task<Results<Ok<SeatingResponse>, ValidationProblem, ProblemHttpResult>> SeatingAsync(
        Guid restaurantId, string? from, string? to, [AsParameters] AnalyticsServices s) => ServeAsync(restaurantId, from, to, "seating", s, LoadSeatingAsync);

    private static async Task<Results<Ok<T>, ValidationProblem, ProblemHttpResult>> ServeAsync<T>(
        Guid restaurantId, string? from, string? to, string what, AnalyticsServices s, Func<Guid, DayRange, AnalyticsServices, CancellationToken, Task<T>> load)
    {
        if (Access.Refusal(s.User, restaurantId) is { } refused)
        {
            return refused;
        }

        var errors = new FieldErrors();
        if (Access.Range(errors, from, to, s) is not { } range)
        {
            return Problems.Invalid(errors);
        }

        return TypedResults.Ok(await s.Cache.GetAsync(restaurantId, $"{what}:{range.Key}", ct => new ValueTask<T>(load(restaurantId, range, s, ct)), s.Ct));
    }

    internal static async Task<MenuEngineeringResponse> LoadMenuAsync(Guid restaurantId, DayRange range, AnalyticsServices s, CancellationToken ct)
    {
        // Margins use what a portion costs now (inventory.recipe.costed): standard costing, as menu engineering does. An item
        // sold without a known cost leaves every margin out (MenuEngineering.Classify judges popularity only) and says so.
        var items = await s.Dashboards.ItemsAsync(restaurantId, range.From, range.To, 10_000, ct);
        var grid = MenuEngineering.Classify(items.Select(i => new MixItem(i.MenuItemId, i.Name, i.Category, i.Quantity, i.Sales, i.Quantity * i.PortionCost)).ToList());
        return new MenuEngineeringResponse(restaurantId, Iso(range.From), Iso(range.To), grid.CostKnown, grid.CostKnown ? null : "no_recipe_cost",
            grid.PopularityThresholdPercent, Maybe(grid.AverageMargin),
            grid.Items.Select(e => new MenuItemResponse(e.Item.MenuItemId, e.Item.Name, e.Item.Category, e.Item.Quantity, Won(e.Item.Sales), e.MixPercent,
                e.Popular, Maybe(e.UnitMargin), Maybe(e.TotalMargin), e.HighMargin, e.Quadrant)).ToList());
    }

    internal static async Task<CustomersResponse> LoadCustomersAsync(Guid restaurantId, DayRange range, AnalyticsServices s, CancellationToken ct)
    {
        var diners = await s.Insights.DinersAsync(restaurantId, range.To, ct);
        var (visits, guests) = await s.Insights.VisitsAsync(restaurantId, range.From, range.To, ct);
        var segments = diners
            .Select(d => (Segment: Rfm.Segment(new DinerHistory(d.DinerId, DateOnly.FromDateTime(d.First), DateOnly.FromDateTime(d.Last), d.Visits, d.Spend), range.To), d))
            .ToLookup(x => x.Segment, x => x.d);
        var cells = await s.Insights.CohortsAsync(restaurantId, range.From, range.To, ct);
        var lastMonth = new DateOnly(range.To.Year, range.To.Month, 1);
        var cohorts = cells.GroupBy(c => DateOnly.FromDateTime(c.Cohort)).Select(g =>
        {
            var size = g.Where(c => DateOnly.FromDateTime(c.Month) == g.Key).Sum(c => c.Guests);
            var byMonth = g.ToDictionary(c => DateOnly.FromDateTime(c.Month), c => c.Guests);
            var months = (lastMonth.Year - g.Key.Year) * 12 + lastMonth.Month - g.Key.Month;
            return new CohortResponse(Month(g.Key), size, Enumerable.Range(0, months + 1).Select(k =>
            {
                var m = g.Key.AddMonths(k);
                var n = byMonth.GetValueOrDefault(m);
                return new RetentionResponse(k, Month(m), n, Ratios.Percent(n, size));
            }).ToList());
        }).ToList();
        return new CustomersResponse(restaurantId, Iso(range.From), Iso(range.To), guests, visits, Frequency.PerGuest(visits, guests),
            Rfm.Segments.Select(name =>
            {
                var members = segments[name].ToList();
                var spend = members.Sum(m => m.Spend);
                return new SegmentResponse(name, members.Count, members.Sum(m => m.Visits), Won(spend), Maybe(Ratios.Per(spend, members.Count)));
            }).ToList(),
            cohorts);
    }

    internal static async Task<SeatingResponse> LoadSeatingAsync(Guid restaurantId, DayRange range, AnalyticsServices s, CancellationToken ct)
    {
        var days = (await s.Dashboards.DaysAsync(restaurantId, range.From, range.To, ct)).ToDictionary(d => DateOnly.FromDateTime(d.ServiceDate));
        var turns = (await s.Insights.TurnsAsync(restaurantId, range.From, range.To, ct)).ToDictionary(t => DateOnly.FromDateTime(t.ServiceDate));
        var (seats, weekly, exceptions) = await s.Insights.FloorAsync(restaurantId, ct);
        var hours = weekly is null ? null : new OpeningHours(
            JsonSerializer.Deserialize<List<WeeklyPeriod>>(weekly, FloorStore.Json) ?? [],
            (JsonSerializer.Deserialize<List<ExceptionRow>>(exceptions ?? "[]", FloorStore.Json) ?? [])
                .Select(x => new DateException(x.Date, x.Closed, x.Periods.Select(p => (p.Open, p.Close)).ToList())).ToList());

        var byDay = new List<SeatingDayResponse>();
        for (var d = range.From; d <= range.To; d = d.AddDays(1))
        {
            var net = days.TryGetValue(d, out var row) ? row.GrossSales - row.Refunds : 0;
            var turn = turns.GetValueOrDefault(d);
            decimal? open = hours?.HoursOn(d);
            byDay.Add(new SeatingDayResponse(Iso(d), turn?.Completed ?? 0, Minutes(turn?.Minutes, turn?.Completed), Won(net), open,
                Maybe(RevPash.Of(net, seats, open).Value)));
        }

        var totalNet = days.Values.Sum(d => d.GrossSales - d.Refunds);
        decimal? totalHours = hours is null ? null : byDay.Sum(d => d.OpenHours ?? 0);
        var (revPash, reason) = RevPash.Of(totalNet, seats, totalHours);
        var completed = turns.Values.Sum(t => t.Completed);
        return new SeatingResponse(restaurantId, Iso(range.From), Iso(range.To), seats, totalHours, completed,
            Minutes(turns.Values.Sum(t => t.Minutes), completed), Won(totalNet), Maybe(revPash), reason, byDay);
    }

    private static int? Minutes(decimal? total, long? count) =>
        count is > 0 && total is { } t ? (int)Math.Round(t / count.Value, 0, MidpointRounding.AwayFromZero) : null;

    private static MoneyResponse Won(long amount) => KpiResponse.Won(amount);

    private static MoneyResponse? Maybe(long? amount) => amount is { } a ? Won(a) : null;

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Month(DateOnly d) => d.ToString("yyyy-MM", CultureInfo.InvariantCulture);
}

using System.Globalization;
using System.Text;
using Brigade.Analytics.Data;
using Brigade.Analytics.Domain;
using Brigade.Api;
using Brigade.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Brigade.Analytics.Api;

public sealed record MoneyResponse(long Amount, string Currency);

/// <summary>
/// The numbers of a range. <c>averageCheck</c> is net sales per guest (covers), <c>averageOrder</c> per order;
/// <c>noShowRate</c> is no-shows of the bookings not cancelled, <c>cancellationRate</c> cancellations of all bookings;
/// <c>labourPercent</c> and <c>foodCostPercent</c> are of net sales. Percentages have one decimal; null when nothing to divide by.
/// </summary>
public sealed record KpiResponse(
    long Orders, long Covers, MoneyResponse GrossSales, MoneyResponse Refunds, MoneyResponse NetSales, MoneyResponse? AverageCheck,
    MoneyResponse? AverageOrder, MoneyResponse Payments, long Reservations, long BookedCovers, long Completed, long NoShows, long Cancellations,
    decimal? NoShowRate, decimal? CancellationRate, long LabourMinutes, MoneyResponse LabourCost, decimal? LabourPercent, MoneyResponse FoodCost,
    decimal? FoodCostPercent)
{
    public static KpiResponse From(DayRow d)
    {
        var net = d.GrossSales - d.Refunds;
        return new KpiResponse(d.Orders, d.Covers, Won(d.GrossSales), Won(d.Refunds), Won(net), Maybe(Ratios.Per(net, d.Covers)),
            Maybe(Ratios.Per(net, d.Orders)), Won(d.Payments), d.Reservations, d.BookedCovers, d.Completed, d.NoShows, d.Cancellations,
            Ratios.Percent(d.NoShows, d.Reservations - d.Cancellations), Ratios.Percent(d.Cancellations, d.Reservations),
            d.LabourMinutes, Won(d.LabourCost), Ratios.Percent(d.LabourCost, net), Won(d.FoodCost), Ratios.Percent(d.FoodCost, net));
    }

    internal static MoneyResponse Won(long amount) => new(amount, DashboardApi.Currency);

    private static MoneyResponse? Maybe(long? amount) => amount is { } a ? Won(a) : null;
}

public sealed record HourResponse(int Hour, long Orders, long Covers, MoneyResponse GrossSales);

public sealed record DayResponse(
    string Date, long Orders, long Covers, MoneyResponse GrossSales, MoneyResponse NetSales, long Reservations, long NoShows,
    MoneyResponse LabourCost, MoneyResponse FoodCost);

public sealed record ItemResponse(Guid MenuItemId, string Name, string? Category, long Quantity, MoneyResponse Sales, decimal? SharePercent);

/// <summary>
/// A restaurant's dashboard over service days <c>from</c>..<c>to</c> in its zone: the totals, the same days a week
/// earlier and 52 weeks earlier (<c>yearBefore</c>: the same weekdays last year), sales by hour (in service order, from <c>dayStartsAtHour</c>), by day, and the best-selling items.
/// </summary>
public sealed record DashboardResponse(
    Guid RestaurantId, string From, string To, string TimeZone, int DayStartsAtHour, KpiResponse Totals, KpiResponse WeekBefore,
    IReadOnlyList<HourResponse> ByHour, IReadOnlyList<DayResponse> ByDay, IReadOnlyList<ItemResponse> TopItems, GuestsResponse Guests,
    KpiResponse YearBefore);

/// <summary>Signed-in diners with a closed order in the range: first visit in the range (new) or an earlier one (returning).</summary>
public sealed record GuestsResponse(long New, long Returning);

public static class DashboardApi
{
    public const string Tag = "Analytics";

    /// <summary>Brigade's restaurants sell in won; every fact so far is KRW.</summary>
    public const string Currency = "KRW";

    /// <summary>Every KPI table as CSV; the web page lists them in this order.</summary>
    public static readonly string[] Reports = ["daily", "hourly", "items", "menu", "segments", "cohorts", "seating"];

    public static RouteGroupBuilder MapDashboard(this RouteGroupBuilder api)
    {
        api.MapGet("/restaurants/{restaurantId:guid}/dashboard", DashboardAsync).RequireAuthorization(Policies.User)
            .WithName("GetDashboard").WithSummary("A restaurant's numbers over a range of service days (owners and managers)").WithTags(Tag);
        api.MapGet("/restaurants/{restaurantId:guid}/reports/{report}", ReportAsync).RequireAuthorization(Policies.User)
            .WithName("GetReport").WithSummary("A report as CSV (daily, hourly, items, menu, segments, cohorts or seating; UTF-8 with BOM, for spreadsheets)").WithTags(Tag);
        return api;
    }

    public static async Task<Results<Ok<DashboardResponse>, ValidationProblem, ProblemHttpResult>> DashboardAsync(
        Guid restaurantId, string? from, string? to, [AsParameters] AnalyticsServices s)
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

        var dashboard = await s.Cache.GetAsync(restaurantId, range.Key, ct => new ValueTask<DashboardResponse>(LoadAsync(restaurantId, range, s, ct)), s.Ct);
        return TypedResults.Ok(dashboard);
    }

    private static async Task<DashboardResponse> LoadAsync(Guid restaurantId, DayRange range, AnalyticsServices s, CancellationToken ct)
    {
        var startHour = s.Options.Value.DayStartsAtHour;
        var totals = await s.Dashboards.TotalsAsync(restaurantId, range.From, range.To, ct);
        var before = await s.Dashboards.TotalsAsync(restaurantId, range.WeekBefore.From, range.WeekBefore.To, ct);
        var lastYear = await s.Dashboards.TotalsAsync(restaurantId, range.YearBefore.From, range.YearBefore.To, ct);
        var hours = (await s.Dashboards.HoursAsync(restaurantId, range.From, range.To, ct)).ToDictionary(h => h.Hour);
        var days = await s.Dashboards.DaysAsync(restaurantId, range.From, range.To, ct);
        var items = await s.Dashboards.ItemsAsync(restaurantId, range.From, range.To, 10, ct);
        var (newGuests, returning) = await s.Dashboards.GuestsAsync(restaurantId, range.From, range.To, ct);
        var lineSales = totals.GrossSales;
        return new DashboardResponse(
            restaurantId, range.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), range.To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            RestaurantTime.DefaultZoneId, startHour, KpiResponse.From(totals), KpiResponse.From(before),
            ServiceDay.HoursInOrder(startHour).Select(h => hours.TryGetValue(h, out var r)
                ? new HourResponse(h, r.Orders, r.Covers, KpiResponse.Won(r.GrossSales))
                : new HourResponse(h, 0, 0, KpiResponse.Won(0))).ToList(),
            days.Select(d => new DayResponse(Access.Iso(d.ServiceDate), d.Orders, d.Covers, KpiResponse.Won(d.GrossSales), KpiResponse.Won(d.GrossSales - d.Refunds),
                d.Reservations, d.NoShows, KpiResponse.Won(d.LabourCost), KpiResponse.Won(d.FoodCost))).ToList(),
            items.Select(i => new ItemResponse(i.MenuItemId, i.Name, i.Category, i.Quantity, KpiResponse.Won(i.Sales), Ratios.Percent(i.Sales, lineSales))).ToList(),
            new GuestsResponse(newGuests, returning), KpiResponse.From(lastYear));
    }

    public static async Task<Results<FileContentHttpResult, ValidationProblem, ProblemHttpResult>> ReportAsync(
        Guid restaurantId, string report, string? from, string? to, [AsParameters] AnalyticsServices s)
    {
        if (Access.Refusal(s.User, restaurantId) is { } refused)
        {
            return refused;
        }

        var errors = new FieldErrors();
        var kind = errors.OneOf("report", report, Reports);
        var range = Access.Range(errors, from, to, s);
        if (!errors.IsEmpty || kind is null || range is not { } r)
        {
            return Problems.Invalid(errors);
        }

        var csv = new StringBuilder();
        switch (kind)
        {
            case "daily":
                csv.AppendLine("service_date,orders,covers,gross_sales,refunds,net_sales,payments,reservations,booked_covers,completed,no_shows,cancellations,labour_minutes,labour_cost,food_cost");
                foreach (var d in await s.Dashboards.DaysAsync(restaurantId, r.From, r.To, s.Ct))
                {
                    csv.AppendLine(string.Join(',', Access.Iso(d.ServiceDate), Num(d.Orders), Num(d.Covers), Num(d.GrossSales), Num(d.Refunds),
                        Num(d.GrossSales - d.Refunds), Num(d.Payments), Num(d.Reservations), Num(d.BookedCovers), Num(d.Completed), Num(d.NoShows),
                        Num(d.Cancellations), Num(d.LabourMinutes), Num(d.LabourCost), Num(d.FoodCost)));
                }

                break;
            case "hourly":
                csv.AppendLine("service_date,hour,orders,covers,gross_sales");
                foreach (var h in await HourlyReport.RowsAsync(s.Db, restaurantId, r.From, r.To, s.Options.Value.DayStartsAtHour, s.Ct))
                {
                    csv.AppendLine(string.Join(',', Access.Iso(h.ServiceDate), Num(h.Hour), Num(h.Orders), Num(h.Covers), Num(h.GrossSales)));
                }

                break;
            case "menu":
                var menu = await InsightsApi.LoadMenuAsync(restaurantId, r, s, s.Ct);
                csv.AppendLine("menu_item_id,name,category,quantity,sales,mix_percent,popular,unit_margin,total_margin,high_margin,quadrant");
                foreach (var i in menu.Items)
                {
                    csv.AppendLine(string.Join(',', i.MenuItemId, Cell(i.Name), Cell(i.Category ?? ""), Num(i.Quantity), Num(i.Sales.Amount), Pct(i.MixPercent),
                        Bool(i.Popular), Opt(i.UnitMargin?.Amount), Opt(i.TotalMargin?.Amount), i.HighMargin is { } h ? Bool(h) : "", i.Quadrant ?? ""));
                }

                break;
            case "segments":
                var customers = await InsightsApi.LoadCustomersAsync(restaurantId, r, s, s.Ct);
                csv.AppendLine("segment,guests,visits,spend,spend_per_guest");
                foreach (var g in customers.Segments)
                {
                    csv.AppendLine(string.Join(',', g.Segment, Num(g.Guests), Num(g.Visits), Num(g.Spend.Amount), Opt(g.SpendPerGuest?.Amount)));
                }

                break;
            case "cohorts":
                var cohorts = await InsightsApi.LoadCustomersAsync(restaurantId, r, s, s.Ct);
                csv.AppendLine("cohort,guests,offset,month,returning_guests,retention_percent");
                foreach (var c in cohorts.Cohorts)
                {
                    foreach (var m in c.Retention)
                    {
                        csv.AppendLine(string.Join(',', c.Month, Num(c.Guests), Num(m.Offset), m.Month, Num(m.Guests), m.Percent is { } p ? Pct(p) : ""));
                    }
                }

                break;
            case "seating":
                var seating = await InsightsApi.LoadSeatingAsync(restaurantId, r, s, s.Ct);
                csv.AppendLine("service_date,completed_reservations,average_turn_minutes,net_sales,seats,open_hours,revpash");
                foreach (var d in seating.ByDay)
                {
                    csv.AppendLine(string.Join(',', d.Date, Num(d.Completed), Opt(d.AverageTurnMinutes), Num(d.NetSales.Amount), Num(seating.Seats),
                        d.OpenHours is { } h ? Dec(h) : "", Opt(d.RevPash?.Amount)));
                }

                break;
            default:
                csv.AppendLine("menu_item_id,name,category,quantity,sales");
                foreach (var i in await s.Dashboards.ItemsAsync(restaurantId, r.From, r.To, 10_000, s.Ct))
                {
                    csv.AppendLine(string.Join(',', i.MenuItemId, Cell(i.Name), Cell(i.Category ?? ""), Num(i.Quantity), Num(i.Sales)));
                }

                break;
        }

        return Csv(csv, $"analytics-{kind}-{r.Key}.csv");
    }

    /// <summary>The CSV file: UTF-8 with a BOM so spreadsheets read Korean names right.</summary>
    internal static FileContentHttpResult Csv(StringBuilder csv, string name)
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv.ToString())).ToArray();
        return TypedResults.File(bytes, "text/csv; charset=utf-8", name);
    }

    internal static string Num(long n) => n.ToString(CultureInfo.InvariantCulture);

    private static string Dec(decimal n) => n.ToString(CultureInfo.InvariantCulture);

    // Percentages always with their one decimal (a cached response may have lost a decimal's trailing zero).
    private static string Pct(decimal n) => n.ToString("0.0", CultureInfo.InvariantCulture);

    private static string Opt(long? n) => n is { } v ? Num(v) : "";

    private static string Bool(bool b) => b ? "true" : "false";

    // A spreadsheet must not read a menu item's name as a formula (CSV injection), and quotes and commas must survive.
    private static string Cell(string text)
    {
        var safe = text.Length > 0 && "=+-@\t\r".Contains(text[0]) ? "'" + text : text;
        return "\"" + safe.Replace("\"", "\"\"") + "\"";
    }
}

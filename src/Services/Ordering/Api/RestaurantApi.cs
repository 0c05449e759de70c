using Brigade.Api;
using Brigade.Ordering.Data;
using Brigade.Ordering.Domain;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;

namespace Brigade.Ordering.Api;

/// <summary>
/// A restaurant's ordering settings: <c>onlineOrdersPer15Minutes</c> (null = no limit; 0 = no online orders) and the kitchen:
/// its <c>stations</c>, <c>routes</c> from menu category to station, and the <c>defaultStation</c> for the rest.
/// </summary>
public sealed record SettingsBody(int? OnlineOrdersPer15Minutes, IReadOnlyList<string?>? Stations, IReadOnlyDictionary<string, string?>? Routes, string? DefaultStation, int? Version);

public sealed record SettingsResponse(int? OnlineOrdersPer15Minutes, IReadOnlyList<string> Stations, IReadOnlyDictionary<string, string> Routes, string DefaultStation, int Version);

public sealed record TableCodeResponse(Guid TableId, string Label, bool Active, string Token, string Link);

public sealed record HourSales(int Hour, long Orders, Money Sales);

public sealed record DaySales(DateOnly Date, long Orders, Money Sales);

public sealed record ItemMix(Guid MenuItemId, string Name, long Quantity, Money Sales, decimal Share);

public sealed record OpenOrdersResponse(long Count, Money Total);

/// <summary>
/// Sales of closed orders placed in [from, to] (local dates), by local hour and day, the item mix (share of sales, %),
/// the average check, and the orders open now.
/// </summary>
public sealed record StatsResponse(
    DateOnly From,
    DateOnly To,
    string TimeZone,
    long Orders,
    Money Sales,
    Money AverageCheck,
    IReadOnlyList<HourSales> ByHour,
    IReadOnlyList<DaySales> ByDay,
    IReadOnlyList<ItemMix> ItemMix,
    OpenOrdersResponse Open,
    long Cancelled);

public static class RestaurantApi
{
    public const string Tag = "Restaurant";

    public static RouteGroupBuilder MapRestaurantOrdering(this RouteGroupBuilder api)
    {
        api.MapGet("/settings/{restaurantId:guid}", GetSettingsAsync).RequireAuthorization()
            .WithName("GetOrderingSettings").WithSummary("Online-order throttle and kitchen stations (the restaurant's people)").WithTags(Tag);
        api.MapPut("/settings/{restaurantId:guid}", PutSettingsAsync).RequireAuthorization().WithIfMatch()
            .WithName("PutOrderingSettings").WithSummary("Replace the throttle and kitchen stations (owner, manager; If-Match or version)").WithTags(Tag);
        api.MapGet("/tables", TablesAsync).RequireAuthorization()
            .WithName("TableCodes").WithSummary("The restaurant's tables with the links their QR codes carry (?restaurantId=; its people)").WithTags(Tag);
        api.MapPost("/tables/{tableId:guid}/new-code", NewCodeAsync).RequireAuthorization()
            .WithName("NewTableCode").WithSummary("Give a table a new QR code; the old one stops working (owner, manager)").WithTags(Tag);
        api.MapGet("/stats", StatsAsync).RequireAuthorization()
            .WithName("SalesStats").WithSummary("Sales by hour and day in the restaurant's zone, item mix, average check, open orders (?restaurantId=&from=&to=; owner, manager)").WithTags(Tag);
        return api;
    }

    public static async Task<Results<Ok<SettingsResponse>, ProblemHttpResult>> GetSettingsAsync(Guid restaurantId, [AsParameters] OrderingServices s)
    {
        if (!s.User.IsStaffOf(restaurantId))
        {
            return OrderProblems.NoRestaurant();
        }

        var settings = await s.Settings.GetAsync(restaurantId, s.Ct);
        s.Http.SetETag(settings.Version);
        return TypedResults.Ok(ToResponse(settings));
    }

    public static async Task<Results<Ok<SettingsResponse>, ValidationProblem, ProblemHttpResult>> PutSettingsAsync(
        Guid restaurantId, SettingsBody body, [AsParameters] OrderingServices s)
    {
        if (!s.User.IsStaffOf(restaurantId))
        {
            return OrderProblems.NoRestaurant();
        }

        if (!s.User.IsManagerOf(restaurantId))
        {
            return Problems.Forbidden("Only the restaurant's owner or a manager changes its ordering settings.", "주문 설정은 오너나 매니저만 바꿀 수 있습니다.");
        }

        var errors = new FieldErrors();
        int? throttle = body.OnlineOrdersPer15Minutes is null ? null : errors.RequiredRange("onlineOrdersPer15Minutes", body.OnlineOrdersPer15Minutes, 0, 10_000);
        var stations = new List<string>();
        var given = body.Stations ?? StationRouting.Default.Stations;
        if (given.Count is 0 or > StationRouting.MaxStations)
        {
            errors.Add("stations", $"stations must name 1 to {StationRouting.MaxStations} stations.", $"stations에는 1~{StationRouting.MaxStations}개의 스테이션을 넣어야 합니다.");
        }

        for (var i = 0; i < given.Count && given.Count <= StationRouting.MaxStations; i++)
        {
            var name = given[i]?.Trim().ToLowerInvariant();
            if (name is null || !StationRouting.IsStationName(name))
            {
                errors.Add($"stations[{i}]", $"stations[{i}] must be 1 to 30 lowercase letters, digits, '-' or '_'.", $"stations[{i}]은(는) 소문자, 숫자, '-', '_' 1~30자여야 합니다.");
            }
            else if (!stations.Contains(name, StringComparer.Ordinal))
            {
                stations.Add(name);
            }
        }

        var defaultStation = body.DefaultStation?.Trim().ToLowerInvariant() ?? stations.FirstOrDefault() ?? "";
        if (stations.Count > 0 && !stations.Contains(defaultStation, StringComparer.Ordinal))
        {
            errors.Add("defaultStation", "defaultStation must be one of the stations.", "defaultStation은 stations 중 하나여야 합니다.");
        }

        var routes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (body.Routes is { Count: > 200 })
        {
            errors.Add("routes", "routes may map at most 200 categories.", "routes에는 최대 200개 분류를 넣을 수 있습니다.");
        }
        else
        {
            foreach (var (category, station) in body.Routes ?? new Dictionary<string, string?>())
            {
                var name = station?.Trim().ToLowerInvariant();
                if (category.Trim().Length is 0 or > 100)
                {
                    errors.Add("routes", "routes keys are menu categories of 1 to 100 characters.", "routes의 키는 1~100자의 메뉴 분류여야 합니다.");
                }
                else if (name is null || !stations.Contains(name, StringComparer.Ordinal))
                {
                    errors.Add($"routes.{category}", $"routes.{category} must be one of the stations.", $"routes.{category}은(는) stations 중 하나여야 합니다.");
                }
                else
                {
                    routes[category.Trim()] = name;
                }
            }
        }

        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        var saved = await s.Settings.PutAsync(restaurantId, new OrderingSettings(throttle, new StationRouting(stations, routes, defaultStation), 0),
            Versions.Expected(s.Http.Request, body.Version), s.Clock.GetUtcNow(), s.Ct);
        if (saved is null)
        {
            return Problems.Stale("ordering settings", "주문 설정");
        }

        s.Http.SetETag(saved.Version);
        return TypedResults.Ok(ToResponse(saved));
    }

    public static async Task<Results<Ok<IReadOnlyList<TableCodeResponse>>, ValidationProblem, ProblemHttpResult>> TablesAsync(Guid? restaurantId, [AsParameters] OrderingServices s)
    {
        var errors = new FieldErrors();
        errors.RequiredId("restaurantId", restaurantId);
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        if (!s.User.IsStaffOf(restaurantId!.Value))
        {
            return OrderProblems.NoRestaurant();
        }

        var tables = await s.Facts.TablesAsync(restaurantId.Value, s.Ct);
        return TypedResults.Ok<IReadOnlyList<TableCodeResponse>>(tables.Select(t => Code(t, s)).ToList());
    }

    public static async Task<Results<Ok<TableCodeResponse>, ProblemHttpResult>> NewCodeAsync(Guid tableId, [AsParameters] OrderingServices s)
    {
        var table = await s.Facts.TableAsync(tableId, s.Ct);
        if (table is null || !s.User.IsStaffOf(table.RestaurantId))
        {
            return Problems.NotFound("table", "테이블");
        }

        if (!s.User.IsManagerOf(table.RestaurantId))
        {
            return Problems.Forbidden("Only the restaurant's owner or a manager replaces QR codes.", "QR 코드는 오너나 매니저만 바꿀 수 있습니다.");
        }

        var rotated = await s.Facts.RotateTokenAsync(table.RestaurantId, tableId, s.Ct);
        return TypedResults.Ok(Code(rotated!, s));
    }

    public static async Task<Results<Ok<StatsResponse>, ValidationProblem, ProblemHttpResult>> StatsAsync(
        Guid? restaurantId, string? from, string? to, [AsParameters] OrderingServices s)
    {
        var errors = new FieldErrors();
        errors.RequiredId("restaurantId", restaurantId);
        var first = errors.Date("from", from, required: false);
        var last = errors.Date("to", to, required: false);
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        if (!s.User.IsStaffOf(restaurantId!.Value))
        {
            return OrderProblems.NoRestaurant();
        }

        if (!s.User.IsManagerOf(restaurantId.Value))
        {
            return Problems.Forbidden("Sales figures are for the restaurant's owner and managers.", "매출 통계는 오너와 매니저만 볼 수 있습니다.");
        }

        var restaurant = await s.Facts.RestaurantAsync(restaurantId.Value, s.Ct);
        var zone = RestaurantTime.Zone(restaurant?.TimeZone);
        var today = s.Now.InZone(zone).Date;
        var end = last is { } l ? LocalDate.FromDateOnly(l) : today;
        var start = first is { } f ? LocalDate.FromDateOnly(f) : end.PlusDays(-6);
        if (start > end || Period.Between(start, end, PeriodUnits.Days).Days > 366)
        {
            return Problems.Invalid("from", "from must be on or before to, at most 366 days apart.", "from은 to와 같거나 앞서야 하며, 366일 이내여야 합니다.");
        }

        var currency = restaurant?.Currency ?? "KRW";
        Money M(long amount) => new(amount, currency);
        var stats = await s.Stats.SalesAsync(restaurantId.Value, start.AtStartOfDayInZone(zone).ToDateTimeOffset(),
            end.PlusDays(1).AtStartOfDayInZone(zone).ToDateTimeOffset(), zone.Id, s.Ct);
        return TypedResults.Ok(new StatsResponse(
            start.ToDateOnly(),
            end.ToDateOnly(),
            zone.Id,
            stats.Orders,
            M(stats.Sales),
            M(stats.Orders == 0 ? 0 : (long)Math.Round((decimal)stats.Sales / stats.Orders, MidpointRounding.AwayFromZero)),
            stats.ByHour.Select(h => new HourSales(h.Key, h.Orders, M(h.Sales))).ToList(),
            stats.ByDay.Select(d => new DaySales(d.Date, d.Orders, M(d.Sales))).ToList(),
            stats.ItemMix.Select(i => new ItemMix(i.MenuItemId, i.Name, i.Quantity, M(i.Sales),
                stats.Sales == 0 ? 0 : Math.Round(100m * i.Sales / stats.Sales, 1))).ToList(),
            new OpenOrdersResponse(stats.Open.Count, M(stats.Open.Total)),
            stats.Cancelled));
    }

    private static SettingsResponse ToResponse(OrderingSettings settings) =>
        new(settings.OnlineOrdersPer15Minutes, settings.Routing.Stations, settings.Routing.Routes, settings.Routing.DefaultStation, settings.Version);

    private static TableCodeResponse Code(TableRow t, OrderingServices s) => new(t.Id, t.Label, t.Active, t.QrToken, s.Options().TableLinkPath + t.QrToken);
}

using Brigade.Api;
using Brigade.Inventory.Data;
using Brigade.Inventory.Domain;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;

namespace Brigade.Inventory.Api;

/// <summary><c>currency</c> of the restaurant's stock costs (ISO 4217); <c>autoSendPurchaseOrders</c>: orders drafted at a re-order point go to the supplier at once.</summary>
public sealed record InventorySettingsBody(string? Currency, bool? AutoSendPurchaseOrders);

public sealed record InventorySettingsResponse(string Currency, bool AutoSendPurchaseOrders);

/// <summary>
/// Food cost of [from, to] (local dates in <c>timeZone</c>): <c>theoretical</c> what recipes say the sold dishes used,
/// <c>actual</c> that plus waste and count variance; percentages in basis points of sales (3125 = 31.25 %), null without sales.
/// </summary>
public sealed record FoodCostResponse(string From, string To, string TimeZone, Money Sales, Money Theoretical, Money Waste, Money Variance, Money Actual, Money Receipts,
    int? FoodCostBasisPoints, int? TheoreticalBasisPoints);

public static class SettingsApi
{
    public const string Tag = "Inventory settings and reports";

    public const int MaxReportDays = 366;

    public static RouteGroupBuilder MapSettingsAndReports(this RouteGroupBuilder api)
    {
        api.MapGet("/settings", GetAsync).RequireAuthorization()
            .WithName("GetInventorySettings").WithSummary("Currency of stock costs and whether re-order purchase orders are sent automatically (its people)").WithTags(Tag);
        api.MapPut("/settings", PutAsync).RequireAuthorization()
            .WithName("PutInventorySettings").WithSummary("Replace the inventory settings (owner, manager)").WithTags(Tag);
        api.MapGet("/reports/food-cost", FoodCostAsync).RequireAuthorization()
            .WithName("FoodCostReport").WithSummary("Actual versus theoretical usage and food cost % of a period (?from=&to= local dates, ?timeZone=; owner, manager)").WithTags(Tag);
        return api;
    }

    public static async Task<Results<Ok<InventorySettingsResponse>, ProblemHttpResult>> GetAsync(Guid restaurantId, [AsParameters] InventoryServices s)
    {
        if (s.Refusal(restaurantId, managers: false) is { } refused)
        {
            return refused;
        }

        var settings = await s.Settings.GetAsync(restaurantId, s.Ct);
        return TypedResults.Ok(new InventorySettingsResponse(settings.Currency, settings.AutoSendPurchaseOrders));
    }

    public static async Task<Results<Ok<InventorySettingsResponse>, ValidationProblem, ProblemHttpResult>> PutAsync(
        Guid restaurantId, InventorySettingsBody body, [AsParameters] InventoryServices s)
    {
        if (s.Refusal(restaurantId, managers: true) is { } refused)
        {
            return refused;
        }

        var errors = new FieldErrors();
        var currency = body.Currency?.Trim().ToUpperInvariant();
        if (currency is null || currency.Length != 3 || !currency.All(char.IsAsciiLetterUpper))
        {
            errors.Add("currency", "currency must be an ISO 4217 code such as KRW.", "currency는 KRW 같은 ISO 4217 코드여야 합니다.");
        }

        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        var settings = new InventorySettings(currency!, body.AutoSendPurchaseOrders ?? false);
        await s.Settings.SaveAsync(restaurantId, settings, s.Clock.GetUtcNow(), s.Ct);
        return TypedResults.Ok(new InventorySettingsResponse(settings.Currency, settings.AutoSendPurchaseOrders));
    }

    public static async Task<Results<Ok<FoodCostResponse>, ValidationProblem, ProblemHttpResult>> FoodCostAsync(
        Guid restaurantId, string? from, string? to, string? timeZone, [AsParameters] InventoryServices s)
    {
        if (s.Refusal(restaurantId, managers: true) is { } refused)
        {
            return refused;
        }

        var errors = new FieldErrors();
        var first = errors.Date("from", from);
        var last = errors.Date("to", to);
        if (timeZone is not null && !RestaurantTime.IsKnownZone(timeZone))
        {
            errors.Add("timeZone", "timeZone must be an IANA zone such as Asia/Seoul.", "timeZone은 Asia/Seoul 같은 IANA 시간대여야 합니다.");
        }

        if (first is { } f && last is { } l && (l < f || l.DayNumber - f.DayNumber >= MaxReportDays))
        {
            errors.Add("to", $"to must be on or after from, at most {MaxReportDays} days later.", $"to는 from 이후이고 {MaxReportDays}일 이내여야 합니다.");
        }

        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        var zone = RestaurantTime.Zone(timeZone);
        var start = LocalDate.FromDateOnly(first!.Value).AtStartOfDayInZone(zone).ToDateTimeOffset();
        var end = LocalDate.FromDateOnly(last!.Value).PlusDays(1).AtStartOfDayInZone(zone).ToDateTimeOffset();
        var currency = (await s.Settings.GetAsync(restaurantId, s.Ct)).Currency;
        var report = FoodCostReport.From(await s.Settings.PeriodAsync(restaurantId, start, end, s.Ct));
        Money M(long amount) => new(amount, currency);
        return TypedResults.Ok(new FoodCostResponse(from!.Trim(), to!.Trim(), zone.Id, M(report.Sales), M(report.Theoretical), M(report.Waste), M(report.Variance),
            M(report.Actual), M(report.Receipts), report.FoodCostBasisPoints, report.TheoreticalBasisPoints));
    }
}

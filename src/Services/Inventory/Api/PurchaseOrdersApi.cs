using Brigade.Api;
using Brigade.Data;
using Brigade.Inventory.Clients;
using Brigade.Inventory.Data;
using Brigade.Inventory.Domain;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Brigade.Inventory.Api;

/// <summary>A line: <c>quantity</c> packs of a stock item; <c>unitCost</c> per pack (minor units), the item's cost when absent.</summary>
public sealed record PurchaseLineBody(Guid? StockItemId, decimal? Quantity, long? UnitCost);

public sealed record PurchaseOrderBody(Guid? SupplierId, IReadOnlyList<PurchaseLineBody?>? Lines);

/// <summary>A delivery: per line the packs that came and, when the invoice differs, the price per pack charged.</summary>
public sealed record ReceiveBody(IReadOnlyList<PurchaseLineBody?>? Lines);

public sealed record PurchaseOrderLineResponse(Guid StockItemId, string Name, string PackUnit, decimal PackSize, decimal Quantity, Money UnitCost, decimal Received,
    Money? ReceivedCost, bool PriceChanged);

/// <summary>
/// A purchase order. <c>status</c>: draft, sent, partially_received, received, cancelled; <c>origin</c>: manual,
/// fill_to_par, reorder_point (drafted when an item crossed its re-order point).
/// </summary>
public sealed record PurchaseOrderResponse(Guid Id, Guid SupplierId, string SupplierName, string Status, string Origin, Money Total, DateTimeOffset? ExpectedAt,
    DateTimeOffset? SentAt, DateTimeOffset? ReceivedAt, DateTimeOffset CreatedAt, IReadOnlyList<PurchaseOrderLineResponse> Lines, int Version)
{
    public static PurchaseOrderResponse From(PurchaseOrderRow p) => new(p.Id, p.SupplierId, p.SupplierName, p.Status, p.Origin, new Money(p.Total, p.Currency),
        p.ExpectedAt, p.SentAt, p.ReceivedAt, p.CreatedAt,
        p.Lines.Select(l => new PurchaseOrderLineResponse(l.StockItemId, l.Name, l.PackUnit, l.PackSize, l.Quantity, new Money(l.UnitCost, p.Currency), l.Received,
            l.ReceivedCost is { } rc ? new Money(rc, p.Currency) : null, l.PriceChanged)).ToList(), p.Version);
}

public sealed record PurchaseOrdersResponse(IReadOnlyList<PurchaseOrderResponse> Items);

/// <summary>An item below par: what is on hand and on order (base units) and the packs that would fill it.</summary>
public sealed record SuggestionResponse(Guid StockItemId, string Name, string Unit, decimal OnHand, decimal OnOrder, decimal ParLevel, decimal Packs, string PackUnit,
    Money PackCost, Guid? SupplierId, string? SupplierName);

public sealed record SuggestionsResponse(IReadOnlyList<SuggestionResponse> Items);

/// <summary>
/// One item's purchase plan from the forecast: the days an order must cover (supplier lead time + review days, within the
/// forecast), the forecast usage over them, safety stock, how short that leaves the item and the whole packs to order.
/// </summary>
public sealed record ForecastSuggestionResponse(Guid StockItemId, string Name, string Unit, decimal OnHand, decimal OnOrder, int LeadTimeDays, int CoverDays,
    decimal Usage, decimal SafetyStock, decimal Short, int Packs, string PackUnit, Money PackCost, Guid? SupplierId, string? SupplierName);

/// <summary>The plan for every item a forecast dish uses, from the first forecast day.</summary>
public sealed record ForecastSuggestionsResponse(string From, int ForecastDays, int ReviewDays, int SafetyDays, IReadOnlyList<ForecastSuggestionResponse> Items);

public static class PurchaseOrdersApi
{
    public const string Tag = "Purchase orders";

    public static RouteGroupBuilder MapPurchaseOrders(this RouteGroupBuilder api)
    {
        api.MapGet("/purchase-orders", ListAsync).RequireAuthorization()
            .WithName("ListPurchaseOrders").WithSummary("Purchase orders, latest first (?status=; owner, manager)").WithTags(Tag);
        api.MapGet("/purchase-orders/suggestions", SuggestionsAsync).RequireAuthorization()
            .WithName("FillToParSuggestions").WithSummary("What filling every item to par would order, counting what is already on order (owner, manager)").WithTags(Tag);
        api.MapGet("/purchase-orders/forecast-suggestions", ForecastSuggestionsAsync).RequireAuthorization()
            .WithName("ForecastSuggestions")
            .WithSummary("What to order from the forecast: forecasting's expected dishes × recipes over each supplier's lead time + review days, plus safety stock, less on hand and on order (?reviewDays=7&safetyDays=2; owner, manager)")
            .WithTags(Tag).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        api.MapPost("/purchase-orders", CreateAsync).RequireAuthorization().WithIdempotency(required: true)
            .WithName("CreatePurchaseOrder").WithSummary("Draft a purchase order to a supplier (Idempotency-Key required; owner, manager)").WithTags(Tag)
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/purchase-orders/fill-to-par", FillToParAsync).RequireAuthorization().WithIdempotency(required: true)
            .WithName("FillToPar").WithSummary("Draft one purchase order per supplier for everything below par (Idempotency-Key required; owner, manager)").WithTags(Tag);
        api.MapGet("/purchase-orders/{id:guid}", GetAsync).RequireAuthorization()
            .WithName("GetPurchaseOrder").WithSummary("One purchase order with its lines (owner, manager)").WithTags(Tag).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/purchase-orders/{id:guid}/send", SendAsync).RequireAuthorization().WithIfMatch()
            .WithName("SendPurchaseOrder").WithSummary("Approve and send a draft to its supplier; it is expected after the supplier's lead time (owner, manager)").WithTags(Tag)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/purchase-orders/{id:guid}/cancel", CancelAsync).RequireAuthorization().WithIfMatch()
            .WithName("CancelPurchaseOrder").WithSummary("Cancel a draft or a sent order with nothing received (owner, manager)").WithTags(Tag)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/purchase-orders/{id:guid}/receive", ReceiveAsync).RequireAuthorization().WithIdempotency(required: true).WithIfMatch()
            .WithName("ReceivePurchaseOrder").WithSummary("Receive a delivery (partial allowed): stock rises, changed prices are flagged (Idempotency-Key required; its people)").WithTags(Tag)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }

    public static async Task<Results<Ok<PurchaseOrdersResponse>, ValidationProblem, ProblemHttpResult>> ListAsync(
        Guid restaurantId, string? status, int? limit, string? cursor, [AsParameters] InventoryServices s)
    {
        if (s.Refusal(restaurantId, managers: true) is { } refused)
        {
            return refused;
        }

        var errors = new FieldErrors();
        var wanted = errors.OneOf("status", status, PurchaseOrderLifecycle.All, required: false);
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        var rows = await s.PurchaseOrders.ListAsync(restaurantId, wanted, null, Paging.Limit(limit), s.Ct);
        return TypedResults.Ok(new PurchaseOrdersResponse(rows.Select(PurchaseOrderResponse.From).ToList()));
    }

    public static async Task<Results<Ok<SuggestionsResponse>, ProblemHttpResult>> SuggestionsAsync(Guid restaurantId, [AsParameters] InventoryServices s)
    {
        if (s.Refusal(restaurantId, managers: true) is { } refused)
        {
            return refused;
        }

        var currency = (await s.Settings.GetAsync(restaurantId, s.Ct)).Currency;
        var rows = await s.PurchaseOrders.SuggestionsAsync(restaurantId, s.Ct);
        return TypedResults.Ok(new SuggestionsResponse(rows.Select(r => new SuggestionResponse(r.StockItemId, r.Name, r.BaseUnit, r.OnHand, r.OnOrder, r.ParLevel, r.Packs,
            r.PackUnit, new Money(r.PackCost, currency), r.SupplierId, r.SupplierName)).ToList()));
    }

    public static async Task<Results<Ok<ForecastSuggestionsResponse>, ValidationProblem, ProblemHttpResult>> ForecastSuggestionsAsync(
        Guid restaurantId, int? reviewDays, int? safetyDays, ForecastClient forecasts, [AsParameters] InventoryServices s)
    {
        if (s.Refusal(restaurantId, managers: true) is { } refused)
        {
            return refused;
        }

        var errors = new FieldErrors();
        var review = errors.Range("reviewDays", reviewDays, 1, ForecastDays, 7);
        var safety = errors.Range("safetyDays", safetyDays, 0, ForecastDays, 2);
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        IReadOnlyList<(string Date, IReadOnlyDictionary<Guid, decimal> Dishes)> days;
        try
        {
            // Asked with the caller's own token: forecasting applies the same rule (the restaurant's owners and managers).
            var bearer = s.Http.Request.Headers.Authorization.ToString()["Bearer ".Length..];
            days = await forecasts.DishesAsync(restaurantId, ForecastDays, bearer, s.Ct);
        }
        catch (ForecastUnavailableException)
        {
            s.Http.Response.Headers.RetryAfter = "30";
            return Problems.Unavailable("The forecast could not be read now; fill to par works without it.",
                "지금은 예측을 불러올 수 없습니다. 적정 재고 채우기는 예측 없이도 됩니다.");
        }

        var recipes = (await s.Recipes.ListAsync(restaurantId, s.Ct)).Where(r => r.Kind == "menu_item")
            .SelectMany(r => r.Lines.Select(l => (r.SellableId, Line: new RecipeLine(l.StockItemId, l.Quantity)))).ToLookup(x => x.SellableId, x => x.Line);
        var positions = (await s.PurchaseOrders.PositionsAsync(restaurantId, s.Ct)).ToDictionary(p => p.StockItemId);
        var needs = ForecastOrdering.Suggest(days.Select(d => d.Dishes).ToList(), recipes,
            positions.Values.Select(p => new StockPosition(p.StockItemId, p.OnHand, p.OnOrder, p.PackSize, p.LeadTimeDays)), review, safety);
        var currency = (await s.Settings.GetAsync(restaurantId, s.Ct)).Currency;
        return TypedResults.Ok(new ForecastSuggestionsResponse(days.FirstOrDefault().Date ?? "", days.Count, review, safety, needs
            .Select(n => (Need: n, Item: positions[n.StockItemId])).OrderByDescending(x => x.Need.Packs).ThenBy(x => x.Item.Name, StringComparer.Ordinal)
            .Select(x => new ForecastSuggestionResponse(x.Item.StockItemId, x.Item.Name, x.Item.BaseUnit, x.Item.OnHand, x.Item.OnOrder, x.Item.LeadTimeDays,
                x.Need.CoverDays, x.Need.Usage, x.Need.SafetyStock, x.Need.Short, x.Need.Packs, x.Item.PackUnit, new Money(x.Item.PackCost, currency),
                x.Item.SupplierId, x.Item.SupplierName)).ToList()));
    }

    /// <summary>How many days of forecast a plan reads: forecasting's horizon.</summary>
    private const int ForecastDays = 14;

    public static async Task<Results<Created<PurchaseOrderResponse>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        Guid restaurantId, PurchaseOrderBody body, [AsParameters] InventoryServices s)
    {
        if (s.Refusal(restaurantId, managers: true) is { } refused)
        {
            return refused;
        }

        var errors = new FieldErrors();
        var supplierId = errors.RequiredId("supplierId", body.SupplierId);
        var lines = Lines(body.Lines, errors, receiving: false);
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        var supplier = await s.Suppliers.FindAsync(supplierId!.Value, s.Ct);
        if (supplier is null || supplier.RestaurantId != restaurantId)
        {
            return Problems.NotFound("supplier", "공급업체");
        }

        var po = await s.PurchaseOrders.CreateAsync(restaurantId, supplier.Id, lines.Select(l => new WantedLine(l.StockItemId, l.Packs, l.UnitCost)).ToList(), s.Clock.GetUtcNow(), s.Ct);
        if (po is null)
        {
            return Problems.Invalid("lines", "Every line must name a stock item of this restaurant.", "모든 줄은 이 식당의 재고 품목이어야 합니다.");
        }

        s.Http.SetETag(po.Version);
        return TypedResults.Created($"/api/inventory/{restaurantId}/purchase-orders/{po.Id}", PurchaseOrderResponse.From(po));
    }

    public static async Task<Results<Ok<PurchaseOrdersResponse>, ProblemHttpResult>> FillToParAsync(Guid restaurantId, [AsParameters] InventoryServices s)
    {
        if (s.Refusal(restaurantId, managers: true) is { } refused)
        {
            return refused;
        }

        var drafted = await s.PurchaseOrders.FillToParAsync(restaurantId, s.Clock.GetUtcNow(), s.Ct);
        return TypedResults.Ok(new PurchaseOrdersResponse(drafted.Select(PurchaseOrderResponse.From).ToList()));
    }

    public static async Task<Results<Ok<PurchaseOrderResponse>, ProblemHttpResult>> GetAsync(Guid restaurantId, Guid id, [AsParameters] InventoryServices s)
    {
        if (s.Refusal(restaurantId, managers: true) is { } refused)
        {
            return refused;
        }

        var po = await s.PurchaseOrders.FindAsync(id, s.Ct);
        if (po is null || po.RestaurantId != restaurantId)
        {
            return NoOrder();
        }

        s.Http.SetETag(po.Version);
        return TypedResults.Ok(PurchaseOrderResponse.From(po));
    }

    public static async Task<Results<Ok<PurchaseOrderResponse>, ProblemHttpResult>> SendAsync(Guid restaurantId, Guid id, [AsParameters] InventoryServices s)
    {
        if (s.Refusal(restaurantId, managers: true) is { } refused)
        {
            return refused;
        }

        return Answer(s, await s.PurchaseOrders.SendAsync(id, restaurantId, Versions.Expected(s.Http.Request), s.Clock.GetUtcNow(), s.Ct),
            "Only a draft can be sent.", "초안만 발송할 수 있습니다.");
    }

    public static async Task<Results<Ok<PurchaseOrderResponse>, ProblemHttpResult>> CancelAsync(Guid restaurantId, Guid id, [AsParameters] InventoryServices s)
    {
        if (s.Refusal(restaurantId, managers: true) is { } refused)
        {
            return refused;
        }

        return Answer(s, await s.PurchaseOrders.CancelAsync(id, restaurantId, Versions.Expected(s.Http.Request), s.Ct),
            "Only a draft, or a sent order with nothing received yet, can be cancelled.", "초안이나 아직 입고되지 않은 발주만 취소할 수 있습니다.");
    }

    public static async Task<Results<Ok<PurchaseOrderResponse>, ValidationProblem, ProblemHttpResult>> ReceiveAsync(
        Guid restaurantId, Guid id, ReceiveBody body, [AsParameters] InventoryServices s)
    {
        if (s.Refusal(restaurantId, managers: false) is { } refused)
        {
            return refused;
        }

        var errors = new FieldErrors();
        var lines = Lines(body.Lines, errors, receiving: true);
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        var result = await s.PurchaseOrders.ReceiveAsync(id, restaurantId, Versions.Expected(s.Http.Request),
            lines.Select(l => new DeliveredLine(l.StockItemId, l.Packs, l.UnitCost)).ToList(), s.UserIdOrEmpty(), s.Clock.GetUtcNow(), s.Ct);
        if (result.Item1 == PoOutcome.UnknownItem)
        {
            return Problems.Invalid("lines", "Every delivered line must be a line of this purchase order.", "입고 줄은 모두 이 발주서의 품목이어야 합니다.");
        }

        return Refused(result.Item1, "Only a sent order can be received.", "발송된 발주만 입고할 수 있습니다.") is { } problem ? problem : Done(s, result.Item2!);
    }

    private static Results<Ok<PurchaseOrderResponse>, ProblemHttpResult> Answer(InventoryServices s, (PoOutcome Outcome, PurchaseOrderRow? Row) result, string en, string ko) =>
        Refused(result.Outcome, en, ko) is { } problem ? problem : Done(s, result.Row!);

    private static ProblemHttpResult? Refused(PoOutcome outcome, string en, string ko) => outcome switch
    {
        PoOutcome.NotFound => NoOrder(),
        PoOutcome.Stale => Problems.Stale("purchase order", "발주서"),
        PoOutcome.WrongStatus => Problems.Conflict(en, ko, "purchase_order_status"),
        _ => null,
    };

    private static Ok<PurchaseOrderResponse> Done(InventoryServices s, PurchaseOrderRow row)
    {
        s.Http.SetETag(row.Version);
        return TypedResults.Ok(PurchaseOrderResponse.From(row));
    }

    private static List<(Guid StockItemId, decimal Packs, long? UnitCost)> Lines(IReadOnlyList<PurchaseLineBody?>? given, FieldErrors errors, bool receiving)
    {
        var lines = new List<(Guid StockItemId, decimal Packs, long? UnitCost)>();
        if (given is null || given.Count is 0 or > 200)
        {
            errors.Add("lines", "lines must hold 1 to 200 lines.", "lines에는 1~200개의 줄을 넣어야 합니다.");
            return lines;
        }

        for (var i = 0; i < given.Count; i++)
        {
            var line = given[i];
            var id = errors.RequiredId($"lines[{i}].stockItemId", line?.StockItemId);
            var packs = errors.Quantity($"lines[{i}].quantity", line?.Quantity, max: 10_000m);
            var cost = line?.UnitCost is null ? null : errors.Amount($"lines[{i}].unitCost", line.UnitCost, max: Units.MaxPackCost);
            if (id is { } itemId && lines.Any(l => l.StockItemId == itemId))
            {
                errors.Add($"lines[{i}].stockItemId", receiving ? "Each item may appear once per delivery." : "Each item may appear once per order.",
                    receiving ? "한 번의 입고에 품목은 한 번만 넣을 수 있습니다." : "발주서에 품목은 한 번만 넣을 수 있습니다.");
            }
            else if (id is not null && packs is not null)
            {
                lines.Add((id.Value, packs.Value, cost));
            }
        }

        return lines;
    }

    private static ProblemHttpResult NoOrder() => Problems.NotFound("purchase order", "발주서");
}

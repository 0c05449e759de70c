using Brigade.Api;
using Brigade.Data;
using Brigade.Inventory.Data;
using Brigade.Inventory.Domain;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Brigade.Inventory.Api;

/// <summary>
/// A new stock item. <c>baseUnit</c>: <c>g</c>, <c>ml</c> or <c>ea</c>; <c>packUnit</c> what it is bought in (<c>case</c>,
/// <c>bag</c>) holding <c>packSize</c> base units at <c>packCost</c> minor units; <c>onHand</c>, <c>reorderPoint</c> and
/// <c>parLevel</c> in base units.
/// </summary>
public sealed record StockItemBody(string? Name, string? BaseUnit, string? PackUnit, decimal? PackSize, long? PackCost, string? Location, decimal? OnHand,
    decimal? ReorderPoint, decimal? ParLevel, Guid? SupplierId);

/// <summary>
/// Changes to a stock item (absent = unchanged); <c>removeSupplier: true</c> unlinks its supplier; <c>expiresOn</c>
/// (yyyy-MM-dd) is the earliest expiry of what is on hand (managers are alerted ahead of it), <c>clearExpiry: true</c>
/// removes it. Stock itself changes only by counts, waste, deliveries and sales.
/// </summary>
public sealed record StockItemPatch(string? Name, string? Location, long? PackCost, decimal? ReorderPoint, decimal? ParLevel, Guid? SupplierId, bool? RemoveSupplier, bool? Active,
    string? ExpiresOn, bool? ClearExpiry);

public sealed record StockItemResponse(Guid Id, Guid RestaurantId, string Name, string BaseUnit, string PackUnit, decimal PackSize, Money PackCost, string? Location,
    decimal OnHand, decimal ReorderPoint, decimal ParLevel, Guid? SupplierId, bool Low, bool Active, Money Value, string? ExpiresOn, DateTimeOffset UpdatedAt, int Version)
{
    public static StockItemResponse From(StockItemRow i, string currency) => new(i.Id, i.RestaurantId, i.Name, i.BaseUnit, i.PackUnit, i.PackSize,
        new Money(i.PackCost, currency), i.Location, i.OnHand, i.ReorderPoint, i.ParLevel, i.SupplierId, i.Low, i.Active,
        new Money(Math.Max(0, Units.Cost(i.OnHand, i.PackSize, i.PackCost)), currency), i.ExpiresOn?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        i.UpdatedAt, i.Version);
}

/// <summary>A change of stock: <c>quantity</c> in the base unit (negative = out), <c>cost</c> its value.</summary>
public sealed record MovementResponse(Guid Id, Guid StockItemId, string ItemName, string Kind, decimal Quantity, string Unit, Money Cost, Guid? OrderId,
    Guid? PurchaseOrderId, string? Reason, string? Note, DateTimeOffset At)
{
    public static MovementResponse From(MovementRow m, string currency) => new(m.Id, m.StockItemId, m.ItemName, m.Kind, m.Quantity, m.BaseUnit,
        new Money(m.Cost, currency), m.OrderId, m.PurchaseOrderId, m.Reason, m.Note, m.At);
}

/// <summary>Thrown away: <c>quantity</c> in <c>unit</c> (the item's base unit, kg/g, L/ml, or its pack), <c>reason</c> one of spoiled, expired, dropped, overproduction, returned, other.</summary>
public sealed record WasteBody(Guid? StockItemId, decimal? Quantity, string? Unit, string? Reason, string? Note);

public sealed record WasteResponse(Guid StockItemId, string Name, decimal Quantity, string Unit, Money Cost, decimal OnHand, string Reason);

public sealed record CountLineBody(Guid? StockItemId, decimal? Quantity, string? Unit);

/// <summary>A stock count: <c>kind</c> <c>full</c> (every active item must be listed) or <c>spot</c> (some items).</summary>
public sealed record CountBody(string? Kind, IReadOnlyList<CountLineBody?>? Lines);

public sealed record CountLineResponse(Guid StockItemId, string Name, string Unit, decimal Expected, decimal Counted, decimal Variance, Money VarianceCost);

public sealed record CountResponse(Guid Id, string Kind, Money VarianceCost, DateTimeOffset CountedAt, IReadOnlyList<CountLineResponse> Lines)
{
    public static CountResponse From(CountRow c, string currency) => new(c.Id, c.Kind, new Money(c.VarianceCost, currency), c.CountedAt,
        c.Lines.Select(l => new CountLineResponse(l.StockItemId, l.Name, l.BaseUnit, l.Expected, l.Counted, l.Variance, new Money(l.VarianceCost, currency))).ToList());
}

public sealed record CountsResponse(IReadOnlyList<CountResponse> Items);

public static class StockApi
{
    public const string Tag = "Stock";

    public static readonly string[] MovementKinds = ["sale", "sale_reversed", "waste", "receipt", "count", "adjustment"];

    public static RouteGroupBuilder MapStock(this RouteGroupBuilder api)
    {
        api.MapGet("/items", ListAsync).RequireAuthorization()
            .WithName("ListStockItems").WithSummary("The restaurant's stock items by name (?low=true for those at or below their re-order point, ?location=); its people").WithTags(Tag);
        api.MapPost("/items", CreateAsync).RequireAuthorization()
            .WithName("CreateStockItem").WithSummary("Add a stock item with its unit, pack, cost, re-order point and par level (owner, manager)").WithTags(Tag)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/items/{id:guid}", GetAsync).RequireAuthorization()
            .WithName("GetStockItem").WithSummary("One stock item with its ETag (its people)").WithTags(Tag).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPatch("/items/{id:guid}", UpdateAsync).RequireAuthorization().WithIfMatch()
            .WithName("UpdateStockItem").WithSummary("Change an item's name, location, cost, re-order point, par level, supplier or active flag (owner, manager)").WithTags(Tag)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/movements", MovementsAsync).RequireAuthorization()
            .WithName("ListStockMovements").WithSummary("Stock movements, latest first (?stockItemId=&kind=&from=&to= instants; its people)").WithTags(Tag);
        api.MapPost("/waste", WasteAsync).RequireAuthorization().WithIdempotency()
            .WithName("LogWaste").WithSummary("Log waste with its reason; stock falls and the loss is valued (its people)").WithTags(Tag)
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/counts", CountAsync).RequireAuthorization().WithIdempotency()
            .WithName("RecordCount").WithSummary("Record a full or spot count: stock is set to what was counted and the variance valued (its people)").WithTags(Tag)
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/counts", CountsAsync).RequireAuthorization()
            .WithName("ListCounts").WithSummary("Recent counts with their variance value (its people)").WithTags(Tag);
        api.MapGet("/counts/{id:guid}", GetCountAsync).RequireAuthorization()
            .WithName("GetCount").WithSummary("One count with expected, counted and variance per item (its people)").WithTags(Tag).ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    public static async Task<Results<Ok<Page<StockItemResponse>>, ProblemHttpResult>> ListAsync(
        Guid restaurantId, bool? low, string? location, int? limit, string? cursor, [AsParameters] InventoryServices s)
    {
        if (s.Refusal(restaurantId, managers: false) is { } refused)
        {
            return refused;
        }

        var take = Paging.Limit(limit);
        var after = Paging.Decode<NameCursor>(cursor);
        var currency = (await s.Settings.GetAsync(restaurantId, s.Ct)).Currency;
        var rows = await s.Stock.ListAsync(restaurantId, low == true, string.IsNullOrWhiteSpace(location) ? null : location.Trim(),
            after is null ? null : (after.Name, after.Id), take + 1, s.Ct);
        return TypedResults.Ok(Paging.ToPage(rows.Select(r => StockItemResponse.From(r, currency)).ToList(), take, i => new NameCursor(i.Name, i.Id)));
    }

    public static async Task<Results<Created<StockItemResponse>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        Guid restaurantId, StockItemBody body, [AsParameters] InventoryServices s)
    {
        if (s.Refusal(restaurantId, managers: true) is { } refused)
        {
            return refused;
        }

        var errors = new FieldErrors();
        var name = errors.RequiredText("name", body.Name, 100);
        var baseUnit = errors.OneOf("baseUnit", body.BaseUnit, Units.BaseUnits);
        var packUnit = errors.OptionalText("packUnit", body.PackUnit, 30) ?? baseUnit ?? "";
        var packSize = body.PackSize is null ? 1m : errors.Quantity("packSize", body.PackSize, max: Units.MaxPackSize);
        var packCost = errors.Amount("packCost", body.PackCost, max: Units.MaxPackCost);
        var location = errors.OptionalText("location", body.Location, 60);
        var onHand = body.OnHand is null ? 0m : errors.Quantity("onHand", body.OnHand, positive: false);
        var reorderPoint = body.ReorderPoint is null ? 0m : errors.Quantity("reorderPoint", body.ReorderPoint, positive: false);
        var parLevel = body.ParLevel is null ? 0m : errors.Quantity("parLevel", body.ParLevel, positive: false);
        if (reorderPoint is { } rp && parLevel is { } par && par > 0 && rp > par)
        {
            errors.Add("reorderPoint", "reorderPoint must not be above parLevel.", "reorderPoint는 parLevel보다 클 수 없습니다.");
        }

        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        var (outcome, row) = await s.Stock.CreateAsync(restaurantId,
            new NewStockItem(name!, baseUnit!, packUnit, packSize!.Value, packCost!.Value, location, onHand!.Value, reorderPoint!.Value, parLevel!.Value, body.SupplierId),
            s.UserIdOrEmpty(), s.Clock.GetUtcNow(), s.Ct);
        switch (outcome)
        {
            case StockOutcome.UnknownSupplier:
                return Problems.Invalid("supplierId", "supplierId names no supplier of this restaurant.", "supplierId에 해당하는 이 식당의 공급업체가 없습니다.");
            case StockOutcome.DuplicateName:
                return Problems.Conflict("The restaurant already has a stock item with this name.", "같은 이름의 재고 품목이 이미 있습니다.", "duplicate_name");
        }

        s.Http.SetETag(row!.Version);
        var currency = (await s.Settings.GetAsync(restaurantId, s.Ct)).Currency;
        return TypedResults.Created($"/api/inventory/{restaurantId}/items/{row.Id}", StockItemResponse.From(row, currency));
    }

    public static async Task<Results<Ok<StockItemResponse>, ProblemHttpResult>> GetAsync(Guid restaurantId, Guid id, [AsParameters] InventoryServices s)
    {
        if (s.Refusal(restaurantId, managers: false) is { } refused)
        {
            return refused;
        }

        var row = await s.Stock.FindAsync(id, s.Ct);
        if (row is null || row.RestaurantId != restaurantId)
        {
            return NoItem();
        }

        s.Http.SetETag(row.Version);
        return TypedResults.Ok(StockItemResponse.From(row, (await s.Settings.GetAsync(restaurantId, s.Ct)).Currency));
    }

    public static async Task<Results<Ok<StockItemResponse>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        Guid restaurantId, Guid id, StockItemPatch body, [AsParameters] InventoryServices s)
    {
        if (s.Refusal(restaurantId, managers: true) is { } refused)
        {
            return refused;
        }

        var errors = new FieldErrors();
        var name = body.Name is null ? null : errors.RequiredText("name", body.Name, 100);
        var location = errors.OptionalText("location", body.Location, 60);
        var packCost = body.PackCost is null ? null : errors.Amount("packCost", body.PackCost, max: Units.MaxPackCost);
        var reorderPoint = body.ReorderPoint is null ? null : errors.Quantity("reorderPoint", body.ReorderPoint, positive: false);
        var parLevel = body.ParLevel is null ? null : errors.Quantity("parLevel", body.ParLevel, positive: false);
        var expiresOn = errors.Date("expiresOn", body.ExpiresOn, required: false);
        if (expiresOn is not null && body.ClearExpiry == true)
        {
            errors.Add("clearExpiry", "Give expiresOn or clearExpiry, not both.", "expiresOn과 clearExpiry를 함께 줄 수 없습니다.");
        }

        if (body.SupplierId is not null && body.RemoveSupplier == true)
        {
            errors.Add("removeSupplier", "Give supplierId or removeSupplier, not both.", "supplierId와 removeSupplier를 함께 줄 수 없습니다.");
        }

        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        var (outcome, row) = await s.Stock.UpdateAsync(id, restaurantId,
            new StockItemChange(name, location, packCost, reorderPoint, parLevel, body.SupplierId, body.RemoveSupplier == true, body.Active, expiresOn, body.ClearExpiry == true),
            Versions.Expected(s.Http.Request), s.Clock.GetUtcNow(), s.Ct);
        switch (outcome)
        {
            case StockOutcome.NotFound:
                return NoItem();
            case StockOutcome.Stale:
                return Problems.Stale("stock item", "재고 품목");
            case StockOutcome.UnknownSupplier:
                return Problems.Invalid("supplierId", "supplierId names no supplier of this restaurant.", "supplierId에 해당하는 이 식당의 공급업체가 없습니다.");
            case StockOutcome.DuplicateName:
                return Problems.Conflict("The restaurant already has a stock item with this name.", "같은 이름의 재고 품목이 이미 있습니다.", "duplicate_name");
        }

        s.Http.SetETag(row!.Version);
        return TypedResults.Ok(StockItemResponse.From(row, (await s.Settings.GetAsync(restaurantId, s.Ct)).Currency));
    }

    public static async Task<Results<Ok<Page<MovementResponse>>, ValidationProblem, ProblemHttpResult>> MovementsAsync(
        Guid restaurantId, Guid? stockItemId, string? kind, DateTimeOffset? from, DateTimeOffset? to, int? limit, string? cursor, [AsParameters] InventoryServices s)
    {
        if (s.Refusal(restaurantId, managers: false) is { } refused)
        {
            return refused;
        }

        var errors = new FieldErrors();
        var k = errors.OneOf("kind", kind, MovementKinds, required: false);
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        var take = Paging.Limit(limit);
        var after = Paging.Decode<TimeCursor>(cursor);
        var currency = (await s.Settings.GetAsync(restaurantId, s.Ct)).Currency;
        var rows = await s.Stock.MovementsAsync(restaurantId, stockItemId, k, from, to, after is null ? null : (after.At, after.Id), take + 1, s.Ct);
        return TypedResults.Ok(Paging.ToPage(rows.Select(m => MovementResponse.From(m, currency)).ToList(), take, m => new TimeCursor(m.At, m.Id)));
    }

    public static async Task<Results<Created<WasteResponse>, ValidationProblem, ProblemHttpResult>> WasteAsync(
        Guid restaurantId, WasteBody body, [AsParameters] InventoryServices s)
    {
        if (s.Refusal(restaurantId, managers: false) is { } refused)
        {
            return refused;
        }

        var errors = new FieldErrors();
        var itemId = errors.RequiredId("stockItemId", body.StockItemId);
        var reason = errors.OneOf("reason", body.Reason, WasteReasons.All);
        var note = errors.OptionalText("note", body.Note, 500);
        var item = itemId is { } id ? await s.Stock.FindAsync(id, s.Ct) : null;
        if (itemId is not null && (item is null || item.RestaurantId != restaurantId))
        {
            return NoItem();
        }

        var quantity = item is null ? errors.Quantity("quantity", body.Quantity) : errors.InBase("quantity", "unit", body.Quantity, body.Unit, item.Unit);
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        var moved = await s.Stock.WasteAsync(restaurantId, item!.Id, quantity!.Value, reason!, note, s.UserIdOrEmpty(), s.Clock.GetUtcNow(), s.Ct);
        if (moved is null)
        {
            return NoItem();
        }

        var currency = (await s.Settings.GetAsync(restaurantId, s.Ct)).Currency;
        return TypedResults.Created($"/api/inventory/{restaurantId}/movements?stockItemId={item.Id}",
            new WasteResponse(item.Id, item.Name, -moved.Delta, item.BaseUnit, new Money(-moved.Cost, currency), moved.OnHand, reason!));
    }

    public static async Task<Results<Created<CountResponse>, ValidationProblem, ProblemHttpResult>> CountAsync(
        Guid restaurantId, CountBody body, [AsParameters] InventoryServices s)
    {
        if (s.Refusal(restaurantId, managers: false) is { } refused)
        {
            return refused;
        }

        var errors = new FieldErrors();
        var kind = errors.OneOf("kind", body.Kind, ["full", "spot"]);
        var max = s.Options.Value.MaxCountLines;
        if (body.Lines is null || body.Lines.Count == 0 || body.Lines.Count > max)
        {
            errors.Add("lines", $"lines must hold 1 to {max} counted items.", $"lines에는 1~{max}개의 품목을 넣어야 합니다.");
            return Problems.Invalid(errors);
        }

        var items = await s.Stock.FindManyAsync(restaurantId, body.Lines.Select(l => l?.StockItemId ?? Guid.Empty), s.Ct);
        var counted = new List<CountedLine>();
        for (var i = 0; i < body.Lines.Count; i++)
        {
            var line = body.Lines[i];
            if (errors.RequiredId($"lines[{i}].stockItemId", line?.StockItemId) is not { } id)
            {
                continue;
            }

            if (!items.TryGetValue(id, out var item))
            {
                errors.Add($"lines[{i}].stockItemId", "No stock item of this restaurant has this id.", "이 식당의 재고 품목이 아닙니다.");
            }
            else if (counted.Any(c => c.StockItemId == id))
            {
                errors.Add($"lines[{i}].stockItemId", "Each item may be counted once per count.", "한 번의 실사에서 품목은 한 번만 셀 수 있습니다.");
            }
            else if (errors.InBase($"lines[{i}].quantity", $"lines[{i}].unit", line!.Quantity, line.Unit, item.Unit, positive: false) is { } q)
            {
                counted.Add(new CountedLine(id, q));
            }
        }

        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        var (count, missing) = await s.Stock.CountAsync(restaurantId, kind!, counted, s.UserIdOrEmpty(), s.Clock.GetUtcNow(), s.Ct);
        if (count is null)
        {
            return Problems.Problem(StatusCodes.Status422UnprocessableEntity,
                Localized.Text("A full count must list every active item", "전체 실사에는 모든 사용 중인 품목이 있어야 합니다"),
                Localized.Text($"{missing.Count} active item(s) are missing from the count.", $"실사에서 빠진 사용 중인 품목이 {missing.Count}개 있습니다."),
                "count_incomplete", new Dictionary<string, object?> { ["missing"] = missing });
        }

        var currency = (await s.Settings.GetAsync(restaurantId, s.Ct)).Currency;
        return TypedResults.Created($"/api/inventory/{restaurantId}/counts/{count.Id}", CountResponse.From(count, currency));
    }

    public static async Task<Results<Ok<CountsResponse>, ProblemHttpResult>> CountsAsync(Guid restaurantId, int? limit, [AsParameters] InventoryServices s)
    {
        if (s.Refusal(restaurantId, managers: false) is { } refused)
        {
            return refused;
        }

        var currency = (await s.Settings.GetAsync(restaurantId, s.Ct)).Currency;
        var rows = await s.Stock.CountsAsync(restaurantId, Paging.Limit(limit), s.Ct);
        return TypedResults.Ok(new CountsResponse(rows.Select(c => CountResponse.From(c, currency)).ToList()));
    }

    public static async Task<Results<Ok<CountResponse>, ProblemHttpResult>> GetCountAsync(Guid restaurantId, Guid id, [AsParameters] InventoryServices s)
    {
        if (s.Refusal(restaurantId, managers: false) is { } refused)
        {
            return refused;
        }

        var count = await s.Stock.FindCountAsync(id, s.Ct);
        if (count is null || count.RestaurantId != restaurantId)
        {
            return Problems.NotFound("count", "재고 실사");
        }

        return TypedResults.Ok(CountResponse.From(count, (await s.Settings.GetAsync(restaurantId, s.Ct)).Currency));
    }

    public static ProblemHttpResult NoItem() => Problems.NotFound("stock item", "재고 품목");

    private sealed record NameCursor(string Name, Guid Id);

    private sealed record TimeCursor(DateTimeOffset At, Guid Id);
}

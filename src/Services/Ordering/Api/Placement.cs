using System.Text.Json;
using Brigade.Api;
using Brigade.Ordering.Data;
using Brigade.Ordering.Domain;
using Brigade.Security;
using Brigade.ServiceDefaults;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;

namespace Brigade.Ordering.Api;

/// <summary>A line as it arrives (body item or cart line): its place in the request, what is asked, and who at the table added it.</summary>
internal sealed record RequestedLine(int Index, LineRequest Line, Guid? AddedBy, string? AddedByName);

/// <summary>An order to place, from <c>POST /api/orders</c> or a cart's checkout, after its fields were checked.</summary>
internal sealed record PlacementRequest(
    Guid? RestaurantId,
    IReadOnlyList<RequestedLine> Lines,
    string? Channel,
    TableRow? Table,
    Guid? ReservationId,
    int? Covers,
    ShippingAddress? Address,
    string? Notes);

/// <summary>The menu items of one restaurant that a request names, and the restaurant, once found and allowed.</summary>
internal sealed record MenuScope(RestaurantRow Restaurant, IReadOnlyDictionary<Guid, MenuItemFact> Items, bool Staff, OrderingSettings Settings);

/// <summary>
/// Placing an order, shared by <c>POST /api/orders</c> and the carts' checkouts: the restaurant is implied by the items,
/// prices come from menu facts (a client price that disagrees is refused with 409 <c>price_mismatch</c>), items must be
/// orderable now, portions are taken atomically, online orders are throttled.
/// </summary>
internal static class Placement
{
    public static async Task<Results<Created<OrderResponse>, ValidationProblem, ProblemHttpResult>> PlaceAsync(PlacementRequest r, OrderingServices s)
    {
        var (scope, refused) = await ScopeAsync(r.RestaurantId, r.Lines, s);
        if (refused is not null)
        {
            return refused;
        }

        var restaurant = scope!.Restaurant;
        var errors = new FieldErrors();
        var channel = r.Channel ?? (r.Address is not null ? Channel.Delivery : r.Table is not null || r.ReservationId is not null ? Channel.DineIn : Channel.Takeout);
        ReservationRow? reservation = null;
        if (r.ReservationId is { } reservationId)
        {
            reservation = await s.Facts.ReservationAsync(reservationId, s.Ct);
            if (reservation is null || reservation.RestaurantId != restaurant.Id || reservation.Status != "confirmed"
                || !(scope.Staff || reservation.DinerId == s.User.FindUserId()))
            {
                errors.Add("reservationId", "reservationId is not a confirmed reservation of yours at this restaurant.",
                    "reservationId는 이 레스토랑에 확정된 본인의 예약이 아닙니다.");
            }
        }

        if (r.Table is { } table && table.RestaurantId != restaurant.Id)
        {
            errors.Add("tableId", "The table is not one of this restaurant's.", "해당 테이블은 이 레스토랑의 테이블이 아닙니다.");
        }

        if (channel == Channel.DineIn && r.Table is null && reservation is null && !scope.Staff)
        {
            errors.Add("tableToken", "A dine-in order from a diner needs the table's QR code (tableToken) or a reservation (reservationId).",
                "매장 주문에는 테이블 QR 코드(tableToken)나 예약(reservationId)이 필요합니다.");
        }

        var priced = new List<NewLine>();
        var settings = scope.Settings;
        foreach (var requested in r.Lines)
        {
            if (Pricing.Price(requested.Index, requested.Line, scope.Items[requested.Line.MenuItemId], errors) is { } line)
            {
                priced.Add(new NewLine(line, settings.Routing.StationFor(line.Item.Category), requested.AddedBy, requested.AddedByName));
            }
        }

        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        if (Unavailable(r.Lines, scope, s) is { } unavailable)
        {
            return unavailable;
        }

        if (PricesDisagree(r.Lines, priced, restaurant.Currency) is { } mismatch)
        {
            return mismatch;
        }

        if (priced.Sum(p => p.Priced.LineTotal) > Pricing.MaxTotal)
        {
            return Problems.Invalid("items", "The order would total more than an order may.", "주문 금액이 한도를 넘습니다.");
        }

        var reservedTable = reservation?.TableIds.FirstOrDefault() is { } reservedTableId && reservedTableId != Guid.Empty
            ? await s.Facts.TableAsync(reservedTableId, s.Ct)
            : null;
        var seatedAt = r.Table ?? reservedTable;
        var placed = await s.Orders.PlaceAsync(new NewOrder(
            restaurant.Id,
            restaurant.Name,
            scope.Staff ? reservation?.DinerId : s.User.FindUserId(),
            s.User.FindUserId(),
            scope.Staff,
            channel,
            seatedAt?.Id,
            seatedAt?.Label,
            reservation?.Id,
            r.Covers ?? reservation?.PartySize,
            r.Address is null ? null : JsonSerializer.Serialize(r.Address, JsonSerializerOptions.Web),
            r.Notes,
            restaurant.Currency,
            settings.OnlineOrdersPer15Minutes,
            priced), s.Clock.GetUtcNow(), s.Ct);

        switch (placed.Outcome)
        {
            case PlaceOutcome.Throttled:
                s.Http.Response.Headers.RetryAfter = Throttle.RetryAfterSeconds(s.Now).ToString(System.Globalization.CultureInfo.InvariantCulture);
                return Problems.Problem(StatusCodes.Status429TooManyRequests, "Too Many Requests", Localized.Text(
                    "The restaurant takes no more online orders in this quarter hour; try again in a few minutes.",
                    "레스토랑이 이번 15분 동안 더 이상 온라인 주문을 받지 않습니다. 몇 분 뒤 다시 시도해 주세요."), "orders_throttled");
            case PlaceOutcome.OutOfStock:
                var item = scope.Items[placed.ShortItem!.Value];
                return Problems.Problem(StatusCodes.Status409Conflict, "Conflict", Localized.Text(
                        $"Only {placed.PortionsLeft} of {item.Name} left.", $"{item.Name}은(는) {placed.PortionsLeft}개만 남았습니다."), "out_of_stock",
                    new Dictionary<string, object?> { ["productId"] = item.Id, ["portionsLeft"] = placed.PortionsLeft });
        }

        var view = placed.Order!;
        await s.Live.OrderChangedAsync(view, restaurant.TimeZone);
        var actor = s.User.ActorFor(view.Order) ?? Domain.Actor.Diner;
        return TypedResults.Created($"/api/orders/{view.Order.Id}", Render.Order(view, restaurant.TimeZone, actor));
    }

    /// <summary>
    /// Finds the restaurant the lines' items belong to (or checks they all belong to <paramref name="restaurantId"/>) and
    /// whether the caller may order there: diners at published restaurants, the restaurant's people at their own.
    /// </summary>
    public static async Task<(MenuScope? Scope, ProblemHttpResult? Refused)> ScopeAsync(Guid? restaurantId, IReadOnlyList<RequestedLine> lines, OrderingServices s)
    {
        var (rows, restaurantRows, settings) = await s.Facts.OrderFactsAsync(lines.Select(l => l.Line.MenuItemId).Distinct().ToList(), restaurantId, s.Ct);
        var items = rows.ToDictionary(i => i.Id, i => i.ToFact());
        var errors = new FieldErrors();
        foreach (var line in lines.Where(l => !items.ContainsKey(l.Line.MenuItemId)))
        {
            errors.Add($"items[{line.Index}].productId", $"items[{line.Index}].productId is not an item of any menu.",
                $"items[{line.Index}].productId에 해당하는 메뉴가 없습니다.");
        }

        var restaurants = items.Values.Select(i => i.RestaurantId).Distinct().ToList();
        var target = restaurantId ?? (restaurants.Count == 1 ? restaurants[0] : null);
        if (restaurantId is null && restaurants.Count > 1)
        {
            errors.Add("items", "All items of an order come from one restaurant's menu.", "한 주문의 메뉴는 모두 한 레스토랑의 것이어야 합니다.");
        }
        else if (target is { } id)
        {
            foreach (var line in lines.Where(l => items.TryGetValue(l.Line.MenuItemId, out var item) && item.RestaurantId != id))
            {
                errors.Add($"items[{line.Index}].productId", $"items[{line.Index}].productId is on another restaurant's menu.",
                    $"items[{line.Index}].productId는 다른 레스토랑의 메뉴입니다.");
            }
        }

        if (!errors.IsEmpty)
        {
            throw new ProblemException(StatusCodes.Status400BadRequest, Localized.Text("One or more validation errors occurred.", "입력값을 확인해 주세요."),
                errors.ToDictionary().First().Value[0], errors.ToDictionary());
        }

        var restaurant = restaurantRows.SingleOrDefault(x => x.Id == target);
        var staff = restaurant is not null && s.User.IsStaffOf(restaurant.Id);
        if (restaurant is null || restaurant.Status == "closed" || !(staff || restaurant.TakesOrdersFromDiners))
        {
            return (null, OrderProblems.NoRestaurant());
        }

        return (new MenuScope(restaurant, items, staff, settings.GetValueOrDefault(restaurant.Id) ?? OrderingSettings.Default), null);
    }

    /// <summary>409 <c>item_unavailable</c> naming every line whose item cannot be ordered now (86'd, out of its daypart, removed).</summary>
    public static ProblemHttpResult? Unavailable(IReadOnlyList<RequestedLine> lines, MenuScope scope, OrderingServices s)
    {
        var local = s.Now.InZone(scope.Restaurant.Zone).TimeOfDay;
        var dayparts = scope.Restaurant.DaypartFacts();
        var refused = lines
            .Select(l => (l.Index, Item: scope.Items[l.Line.MenuItemId]))
            .Select(l => (l.Index, l.Item, Reason: MenuRules.Availability(l.Item, dayparts, local)))
            .Where(l => l.Reason != Domain.Unavailable.None)
            .ToList();
        if (refused.Count == 0)
        {
            return null;
        }

        var names = string.Join(", ", refused.Select(r => r.Item.Name).Distinct());
        return Problems.Problem(StatusCodes.Status409Conflict, "Conflict",
            Localized.Text($"Not available now: {names}.", $"지금 주문할 수 없는 메뉴: {names}."), "item_unavailable",
            new Dictionary<string, object?>
            {
                ["items"] = refused.Select(r => new UnavailableItem(r.Index, r.Item.Id, r.Item.Name, Reason(r.Reason))).ToList(),
            });
    }

    /// <summary>409 <c>price_mismatch</c> when a client price disagrees with the menu, naming each line and the menu's price.</summary>
    public static ProblemHttpResult? PricesDisagree(IReadOnlyList<RequestedLine> lines, IReadOnlyList<NewLine> priced, string currency)
    {
        var mismatches = lines.Zip(priced)
            .Where(p => p.First.Line.ClientPrice is { } price && !Pricing.Agrees(price, p.Second.Priced.UnitPrice, currency))
            .Select(p => new PriceMismatch(p.First.Index, p.First.Line.MenuItemId, p.First.Line.ClientPrice!.Value, p.Second.Priced.UnitPrice, currency))
            .ToList();
        if (mismatches.Count == 0)
        {
            return null;
        }

        var first = mismatches[0];
        return Problems.Problem(StatusCodes.Status409Conflict, "Conflict", Localized.Text(
                $"items[{first.Index}].price {first.ClientPrice} is not the menu's price {Pricing.ToMajor(first.MenuUnitPrice, currency)} {currency}; prices come from the menu. Read the menu again and resend.",
                $"items[{first.Index}].price {first.ClientPrice}은(는) 메뉴 가격 {Pricing.Format(first.MenuUnitPrice, currency)}과 다릅니다. 가격은 메뉴를 따릅니다. 메뉴를 다시 확인해 주세요."),
            "price_mismatch",
            new Dictionary<string, object?>
            {
                ["lines"] = mismatches.Select(m => new PriceMismatchLine(m.Index, m.MenuItemId, m.ClientPrice, new Money(m.MenuUnitPrice, currency),
                    Pricing.ToMajor(m.MenuUnitPrice, currency))).ToList(),
            });
    }

    /// <summary>The body lines of an order or an addition, checked field by field (400 names each).</summary>
    public static IReadOnlyList<RequestedLine> Lines(IReadOnlyList<OrderItemBody?>? items, int maxLines, FieldErrors errors, Guid? addedBy, string? addedByName)
    {
        if (items is null || items.Count == 0)
        {
            errors.Add("items", "items is required: at least one { productId, quantity }.", "items는 필수입니다: 최소 한 개의 { productId, quantity }.");
            return [];
        }

        if (items.Count > maxLines)
        {
            errors.Add("items", $"items may hold at most {maxLines} lines.", $"items에는 최대 {maxLines}개까지 넣을 수 있습니다.");
            return [];
        }

        var lines = new List<RequestedLine>();
        for (var i = 0; i < items.Count; i++)
        {
            var field = $"items[{i}]";
            if (items[i] is not { } item)
            {
                errors.Add(field, $"{field} must be an object {{ productId, quantity, price? }}.", $"{field}은(는) {{ productId, quantity, price? }} 객체여야 합니다.");
                continue;
            }

            var line = Line(field, item, errors);
            if (line is not null)
            {
                lines.Add(new RequestedLine(i, line, addedBy, addedByName));
            }
        }

        return lines;
    }

    public static LineRequest? Line(string field, OrderItemBody item, FieldErrors errors)
    {
        if (item.ProductId is { } p && item.MenuItemId is { } m && p != m)
        {
            errors.Add($"{field}.productId", $"{field}.productId and menuItemId name different items; send one.",
                $"{field}.productId와 menuItemId가 서로 다릅니다. 하나만 보내 주세요.");
        }

        var id = errors.RequiredId($"{field}.productId", item.ProductId ?? item.MenuItemId);
        var quantity = errors.RequiredRange($"{field}.quantity", item.Quantity, 1, Pricing.MaxQuantity);
        if (item.Price is < 0)
        {
            errors.Add($"{field}.price", $"{field}.price must not be negative.", $"{field}.price는 음수일 수 없습니다.");
        }

        var modifiers = item.Modifiers ?? [];
        if (modifiers.Count > 50)
        {
            errors.Add($"{field}.modifiers", $"{field}.modifiers may hold at most 50 options.", $"{field}.modifiers에는 최대 50개까지 넣을 수 있습니다.");
        }

        var notes = errors.OptionalText($"{field}.notes", item.Notes, 200);
        var course = errors.Range($"{field}.course", item.Course, 1, Pricing.MaxCourse, 1);
        return id is null || quantity is null || item.Price is < 0 || modifiers.Count > 50 || errors.Has($"{field}.notes") || errors.Has($"{field}.course")
            ? null
            : new LineRequest(id.Value, quantity.Value, item.Price, modifiers, notes, course);
    }

    /// <summary>A delivery address: a street at least; the seed's <c>{ street, city, zipCode }</c> is enough.</summary>
    public static ShippingAddress? Address(ShippingAddress? address, FieldErrors errors)
    {
        if (address is null)
        {
            return null;
        }

        var street = errors.RequiredText("shippingAddress.street", address.Street, 200);
        var checkedAddress = new ShippingAddress(
            street,
            errors.OptionalText("shippingAddress.detail", address.Detail, 200),
            errors.OptionalText("shippingAddress.city", address.City, 100),
            errors.OptionalText("shippingAddress.zipCode", address.ZipCode, 20),
            errors.Phone("shippingAddress.phone", address.Phone),
            errors.OptionalText("shippingAddress.instructions", address.Instructions, 300));
        return street is null ? null : checkedAddress;
    }

    private static string Reason(Domain.Unavailable reason) => reason switch
    {
        Domain.Unavailable.Removed => "removed",
        Domain.Unavailable.SoldOut => "sold_out",
        Domain.Unavailable.NoPortionsLeft => "no_portions_left",
        Domain.Unavailable.NotNow => "not_in_daypart",
        _ => "available",
    };

    internal static string ReasonCode(Domain.Unavailable reason) => Reason(reason);
}

public sealed record UnavailableItem(int Index, Guid ProductId, string Name, string Reason);

/// <summary>A line whose client price disagreed: the price sent, and the menu's (minor units, and as the client wrote it).</summary>
public sealed record PriceMismatchLine(int Index, Guid ProductId, decimal Price, Money MenuPrice, decimal MenuPriceMajor);

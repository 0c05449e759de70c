using Brigade.Api;
using Brigade.Data;
using Brigade.Ordering.Data;
using Brigade.Ordering.Domain;
using Brigade.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Brigade.Ordering.Api;

public sealed record CartItemBody(Guid? MenuItemId, Guid? ProductId, int? Quantity, IReadOnlyList<Guid>? Modifiers, string? Notes, int? Course);

public sealed record CartLinePatch(int? Quantity, string? Notes);

/// <summary>A table's checkout: everyone's lines become one dine-in order.</summary>
public sealed record TableCheckoutBody(int? Covers, string? Notes);

/// <summary>A diner's own cart's checkout: <c>takeout</c> (default) or <c>delivery</c> with a <c>shippingAddress</c>, or a pre-order for a reservation.</summary>
public sealed record CartCheckoutBody(string? Channel, ShippingAddress? ShippingAddress, Guid? ReservationId, string? Notes);

/// <summary>A cart line priced from the menu now; <c>available</c> false (with <c>reason</c>) when it cannot be ordered as it stands.</summary>
public sealed record CartLineResponse(
    Guid LineId,
    Guid PersonId,
    string PersonName,
    Guid MenuItemId,
    string Name,
    int Quantity,
    IReadOnlyList<ModifierResponse> Modifiers,
    string? Notes,
    int Course,
    Money? UnitPrice,
    Money? LineTotal,
    bool Available,
    string? Reason);

public sealed record CartResponse(Guid RestaurantId, TableRef? Table, IReadOnlyList<CartLineResponse> Lines, Money Subtotal, DateTimeOffset? ExpiresAt);

public sealed record MenuRestaurant(Guid Id, string Name, string Currency, string TimeZone);

public sealed record MenuOption(Guid OptionId, string Name, Money PriceDelta);

public sealed record MenuGroup(Guid GroupId, string Name, bool Required, int MinChoices, int MaxChoices, IReadOnlyList<MenuOption> Options);

public sealed record MenuItemView(
    Guid Id,
    string Name,
    string? Category,
    string? Description,
    string? PhotoUrl,
    Money Price,
    IReadOnlyList<MenuGroup> ModifierGroups,
    bool Available,
    string? Reason,
    int? PortionsLeft);

/// <summary>What a table's QR code opens: the restaurant, the table, and the menu with what can be ordered now.</summary>
public sealed record TableMenuResponse(MenuRestaurant Restaurant, TableRef Table, IReadOnlyList<MenuItemView> Items);

/// <summary>
/// Carts in Redis. A table's cart (<c>/table/{token}</c>, the token from the table's QR code) is shared by everyone at the
/// table and pushed live on <c>/hubs/carts</c>; a diner's own cart per restaurant (<c>/restaurant/{restaurantId}</c>) is
/// for takeout and delivery. Lines hold no prices: a cart is priced from the menu whenever it is read, and the order
/// from the menu again at checkout.
/// </summary>
public static class CartsApi
{
    public const string Tag = "Carts";

    private static readonly TimeSpan CheckoutHold = TimeSpan.FromSeconds(30);

    public static RouteGroupBuilder MapCarts(this RouteGroupBuilder api)
    {
        api.MapGet("/qr/{token}", TableMenuAsync).AllowAnonymous()
            .WithName("TableMenu").WithSummary("What a table's QR code opens: restaurant, table and the menu orderable now (anyone)").WithTags(Tag);

        api.MapGet("/table/{token}", (string token, [AsParameters] OrderingServices s) => GetAsync(CartRef.Table(token), s))
            .RequireAuthorization(Policies.User).WithName("GetTableCart").WithSummary("The table's shared cart, everyone's lines").WithTags(Tag);
        api.MapPost("/table/{token}/items", (string token, CartItemBody body, [AsParameters] OrderingServices s) => AddAsync(CartRef.Table(token), body, s))
            .RequireAuthorization(Policies.User).WithName("AddToTableCart").WithSummary("Add a line to the table's cart (seen live by the table)").WithTags(Tag);
        api.MapPatch("/table/{token}/items/{lineId:guid}", (string token, Guid lineId, CartLinePatch body, [AsParameters] OrderingServices s) =>
                ChangeAsync(CartRef.Table(token), lineId, body, s))
            .RequireAuthorization(Policies.User).WithName("ChangeTableCartLine").WithSummary("Change one of your lines in the table's cart").WithTags(Tag);
        api.MapDelete("/table/{token}/items/{lineId:guid}", (string token, Guid lineId, [AsParameters] OrderingServices s) => RemoveAsync(CartRef.Table(token), lineId, s))
            .RequireAuthorization(Policies.User).WithName("RemoveTableCartLine").WithSummary("Remove one of your lines from the table's cart").WithTags(Tag);
        api.MapPost("/table/{token}/checkout", (string token, TableCheckoutBody? body, [AsParameters] OrderingServices s) => CheckoutTableAsync(token, body, s))
            .RequireAuthorization(Policies.User).WithIdempotency(required: true)
            .WithName("CheckoutTableCart").WithSummary("Order everything in the table's cart as one dine-in order (Idempotency-Key required)").WithTags(Tag);

        api.MapGet("/restaurant/{restaurantId:guid}", (Guid restaurantId, [AsParameters] OrderingServices s) => GetAsync(CartRef.Own(restaurantId), s))
            .RequireAuthorization(Policies.User).WithName("GetMyCart").WithSummary("Your cart at a restaurant (takeout, delivery)").WithTags(Tag);
        api.MapPost("/restaurant/{restaurantId:guid}/items", (Guid restaurantId, CartItemBody body, [AsParameters] OrderingServices s) => AddAsync(CartRef.Own(restaurantId), body, s))
            .RequireAuthorization(Policies.User).WithName("AddToMyCart").WithSummary("Add a line to your cart at a restaurant").WithTags(Tag);
        api.MapPatch("/restaurant/{restaurantId:guid}/items/{lineId:guid}", (Guid restaurantId, Guid lineId, CartLinePatch body, [AsParameters] OrderingServices s) =>
                ChangeAsync(CartRef.Own(restaurantId), lineId, body, s))
            .RequireAuthorization(Policies.User).WithName("ChangeMyCartLine").WithSummary("Change a line of your cart").WithTags(Tag);
        api.MapDelete("/restaurant/{restaurantId:guid}/items/{lineId:guid}", (Guid restaurantId, Guid lineId, [AsParameters] OrderingServices s) =>
                RemoveAsync(CartRef.Own(restaurantId), lineId, s))
            .RequireAuthorization(Policies.User).WithName("RemoveMyCartLine").WithSummary("Remove a line from your cart").WithTags(Tag);
        api.MapPost("/restaurant/{restaurantId:guid}/checkout", (Guid restaurantId, CartCheckoutBody? body, [AsParameters] OrderingServices s) =>
                CheckoutOwnAsync(restaurantId, body, s))
            .RequireAuthorization(Policies.User).WithIdempotency(required: true)
            .WithName("CheckoutMyCart").WithSummary("Order your cart for takeout or delivery (Idempotency-Key required)").WithTags(Tag);
        return api;
    }

    /// <summary>Which cart a request means: a table's (by the QR token) or the caller's own at a restaurant.</summary>
    private sealed record CartRef(string? Token, Guid? RestaurantId)
    {
        public static CartRef Table(string token) => new(token, null);

        public static CartRef Own(Guid restaurantId) => new(null, restaurantId);
    }

    /// <summary>The cart's key, its restaurant and table; null when the token names no active table or the restaurant takes no orders.</summary>
    private sealed record ResolvedCart(string Key, RestaurantRow Restaurant, TableRow? Table);

    public static async Task<Results<Ok<TableMenuResponse>, ProblemHttpResult>> TableMenuAsync(string token, [AsParameters] OrderingServices s)
    {
        var resolved = await ResolveAsync(CartRef.Table(token), s, forPublic: true);
        if (resolved is null)
        {
            return Problems.NotFound("table", "테이블");
        }

        var restaurant = resolved.Restaurant;
        var dayparts = restaurant.DaypartFacts();
        var local = s.Now.InZone(restaurant.Zone).TimeOfDay;
        var items = (await s.Facts.MenuAsync(restaurant.Id, s.Ct)).Select(row =>
        {
            var fact = row.ToFact();
            var availability = MenuRules.Availability(fact, dayparts, local);
            return new MenuItemView(row.Id, row.Name, row.Category, row.Description, row.PhotoUrl, new Money(row.Price, row.Currency),
                fact.ModifierGroups.Select(g => new MenuGroup(g.GroupId, g.Name, g.Required, g.MinChoices, g.MaxChoices,
                    g.Options.Select(o => new MenuOption(o.OptionId, o.Name, new Money(o.PriceDelta, row.Currency))).ToList())).ToList(),
                availability == Domain.Unavailable.None, availability == Domain.Unavailable.None ? null : Placement.ReasonCode(availability), row.PortionsLeft);
        }).ToList();
        return TypedResults.Ok(new TableMenuResponse(
            new MenuRestaurant(restaurant.Id, restaurant.Name, restaurant.Currency, restaurant.TimeZone),
            new TableRef(resolved.Table!.Id, resolved.Table.Label),
            items));
    }

    private static async Task<Results<Ok<CartResponse>, ProblemHttpResult>> GetAsync(CartRef cart, OrderingServices s)
    {
        var resolved = await ResolveAsync(cart, s);
        return resolved is null ? NoCart(cart) : TypedResults.Ok(await PriceAsync(resolved, s));
    }

    private static async Task<Results<Ok<CartResponse>, ValidationProblem, ProblemHttpResult>> AddAsync(CartRef cart, CartItemBody body, OrderingServices s)
    {
        var errors = new FieldErrors();
        var line = Placement.Line("item", new OrderItemBody(body.ProductId, body.MenuItemId, body.Quantity, null, body.Modifiers, body.Notes, body.Course), errors);
        if (line is null)
        {
            return Problems.Invalid(errors);
        }

        var resolved = await ResolveAsync(cart, s);
        if (resolved is null)
        {
            return NoCart(cart);
        }

        var requested = new[] { new RequestedLine(0, line, null, null) };
        var items = await s.Facts.ItemsAsync([line.MenuItemId], s.Ct);
        if (items.SingleOrDefault() is not { } item || item.RestaurantId != resolved.Restaurant.Id)
        {
            return Problems.Invalid("item.menuItemId", "No such item on this restaurant's menu.", "이 레스토랑 메뉴에 없는 항목입니다.");
        }

        var scope = new MenuScope(resolved.Restaurant, new Dictionary<Guid, MenuItemFact> { [item.Id] = item.ToFact() }, s.User.IsStaffOf(resolved.Restaurant.Id),
            OrderingSettings.Default);
        if (Pricing.Price(0, line, scope.Items[item.Id], errors) is null)
        {
            return Problems.Invalid(errors);
        }

        if (Placement.Unavailable(requested, scope, s) is { } unavailable)
        {
            return unavailable;
        }

        var outcome = await s.Carts.AddAsync(resolved.Key, new CartLine(Guid.CreateVersion7(), s.User.UserId(), s.User.DisplayName(), item.Id, line.Quantity,
            line.OptionIds, line.Notes, line.Course, s.Clock.GetUtcNow()));
        if (outcome == CartOutcome.Full)
        {
            return Problems.Conflict($"The cart holds at most {s.Options().MaxCartLines} lines.", $"장바구니에는 최대 {s.Options().MaxCartLines}개까지 담을 수 있습니다.", "cart_full");
        }

        return TypedResults.Ok(await ChangedAsync(resolved, s));
    }

    private static async Task<Results<Ok<CartResponse>, ValidationProblem, ProblemHttpResult>> ChangeAsync(CartRef cart, Guid lineId, CartLinePatch body, OrderingServices s)
    {
        var errors = new FieldErrors();
        int? quantity = body.Quantity is null ? null : errors.RequiredRange("quantity", body.Quantity, 1, Pricing.MaxQuantity);
        var notes = errors.OptionalText("notes", body.Notes, 200);
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        var resolved = await ResolveAsync(cart, s);
        if (resolved is null)
        {
            return NoCart(cart);
        }

        var (outcome, _) = await s.Carts.ReplaceAsync(resolved.Key, lineId, s.User.UserId(),
            l => l with { Quantity = quantity ?? l.Quantity, Notes = body.Notes is null ? l.Notes : notes });
        return outcome switch
        {
            CartOutcome.NotFound => Problems.NotFound("cart line", "장바구니 항목"),
            CartOutcome.NotYours => Problems.Forbidden("Each person changes only their own lines.", "본인이 담은 항목만 바꿀 수 있습니다.", "not_your_line"),
            _ => TypedResults.Ok(await ChangedAsync(resolved, s)),
        };
    }

    private static async Task<Results<Ok<CartResponse>, ProblemHttpResult>> RemoveAsync(CartRef cart, Guid lineId, OrderingServices s)
    {
        var resolved = await ResolveAsync(cart, s);
        if (resolved is null)
        {
            return NoCart(cart);
        }

        return await s.Carts.RemoveAsync(resolved.Key, lineId, s.User.UserId()) switch
        {
            CartOutcome.NotFound => Problems.NotFound("cart line", "장바구니 항목"),
            CartOutcome.NotYours => Problems.Forbidden("Each person removes only their own lines.", "본인이 담은 항목만 뺄 수 있습니다.", "not_your_line"),
            _ => TypedResults.Ok(await ChangedAsync(resolved, s)),
        };
    }

    private static async Task<Results<Created<OrderResponse>, ValidationProblem, ProblemHttpResult>> CheckoutTableAsync(string token, TableCheckoutBody? body, OrderingServices s)
    {
        var errors = new FieldErrors();
        int? covers = body?.Covers is null ? null : errors.Range("covers", body.Covers, 1, 100, 1);
        var notes = errors.OptionalText("notes", body?.Notes, 500);
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        var resolved = await ResolveAsync(CartRef.Table(token), s);
        if (resolved is null)
        {
            return Problems.NotFound("table", "테이블");
        }

        return await CheckoutAsync(resolved, s, lines => new PlacementRequest(resolved.Restaurant.Id, lines, Channel.DineIn, resolved.Table, null, covers, null, notes));
    }

    private static async Task<Results<Created<OrderResponse>, ValidationProblem, ProblemHttpResult>> CheckoutOwnAsync(Guid restaurantId, CartCheckoutBody? body, OrderingServices s)
    {
        var errors = new FieldErrors();
        var channel = errors.OneOf("channel", body?.Channel, [Channel.Takeout, Channel.Delivery, Channel.DineIn], required: false)
                      ?? (body?.ShippingAddress is not null ? Channel.Delivery : body?.ReservationId is not null ? Channel.DineIn : Channel.Takeout);
        var address = Placement.Address(body?.ShippingAddress, errors);
        var notes = errors.OptionalText("notes", body?.Notes, 500);
        if (channel == Channel.Delivery && body?.ShippingAddress is null)
        {
            errors.Add("shippingAddress", "A delivery needs a shippingAddress { street, city?, zipCode? }.", "배달 주문에는 shippingAddress { street, city?, zipCode? }가 필요합니다.");
        }

        if (channel == Channel.DineIn && body?.ReservationId is null)
        {
            errors.Add("reservationId", "A pre-order from your cart needs the reservation it is for.", "장바구니로 미리 주문하려면 예약(reservationId)이 필요합니다.");
        }

        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        var resolved = await ResolveAsync(CartRef.Own(restaurantId), s);
        if (resolved is null)
        {
            return OrderProblems.NoRestaurant();
        }

        return await CheckoutAsync(resolved, s, lines => new PlacementRequest(restaurantId, lines, channel, null, body?.ReservationId, null, address, notes));
    }

    /// <summary>
    /// One checkout per cart at a time (two people at a table pressing "order" together would otherwise order the same lines
    /// twice); the lines that became the order leave the cart, lines added meanwhile stay.
    /// </summary>
    private static async Task<Results<Created<OrderResponse>, ValidationProblem, ProblemHttpResult>> CheckoutAsync(
        ResolvedCart cart, OrderingServices s, Func<IReadOnlyList<RequestedLine>, PlacementRequest> request)
    {
        var hold = await s.Carts.LockAsync(cart.Key, CheckoutHold);
        if (hold is null)
        {
            return Problems.Conflict("Someone at your table is sending the order right now.", "같은 테이블의 다른 분이 지금 주문하고 있습니다.", "checkout_in_progress");
        }

        try
        {
            var lines = await s.Carts.GetAsync(cart.Key);
            if (lines.Count == 0)
            {
                return Problems.Conflict("The cart is empty.", "장바구니가 비어 있습니다.", "cart_empty");
            }

            var requested = lines.Select((l, i) => new RequestedLine(i, new LineRequest(l.MenuItemId, l.Quantity, null, l.Modifiers, l.Notes, l.Course), l.PersonId, l.PersonName)).ToList();
            var result = await Placement.PlaceAsync(request(requested), s);
            if (result.Result is Created<OrderResponse> created)
            {
                await s.Carts.RemoveLinesAsync(cart.Key, lines.Select(l => l.LineId));
                if (cart.Table is { } table)
                {
                    await s.Live.TableOrderedAsync(table.Id, created.Value!);
                    await s.Live.CartChangedAsync(table.Id, await PriceAsync(cart, s));
                }
            }

            return result;
        }
        finally
        {
            await s.Carts.ReleaseAsync(cart.Key, hold);
        }
    }

    private static async Task<ResolvedCart?> ResolveAsync(CartRef cart, OrderingServices s, bool forPublic = false)
    {
        if (cart.Token is { } token)
        {
            var table = token.Length is > 0 and <= 64 ? await s.Facts.TableByTokenAsync(token, s.Ct) : null;
            var restaurant = table is { Active: true } ? await s.Facts.RestaurantAsync(table.RestaurantId, s.Ct) : null;
            return restaurant is { TakesOrdersFromDiners: true } || (!forPublic && restaurant is not null && restaurant.Status != "closed" && s.User.IsStaffOf(restaurant.Id))
                ? new ResolvedCart(CartStore.TableCart(table!.Id), restaurant, table)
                : null;
        }

        var own = await s.Facts.RestaurantAsync(cart.RestaurantId!.Value, s.Ct);
        return own is { TakesOrdersFromDiners: true } || (own is not null && own.Status != "closed" && s.User.IsStaffOf(own.Id))
            ? new ResolvedCart(CartStore.DinerCart(s.User.UserId(), own.Id), own, null)
            : null;
    }

    private static ProblemHttpResult NoCart(CartRef cart) => cart.Token is not null ? Problems.NotFound("table", "테이블") : OrderProblems.NoRestaurant();

    /// <summary>The cart as it is now, and pushed to the table when it is a table's.</summary>
    private static async Task<CartResponse> ChangedAsync(ResolvedCart cart, OrderingServices s)
    {
        var priced = await PriceAsync(cart, s);
        if (cart.Table is { } table)
        {
            await s.Live.CartChangedAsync(table.Id, priced);
        }

        return priced;
    }

    /// <summary>Prices every line from the menu now; a line that cannot be ordered as it stands says why and counts for nothing.</summary>
    private static async Task<CartResponse> PriceAsync(ResolvedCart cart, OrderingServices s)
    {
        var lines = await s.Carts.GetAsync(cart.Key);
        var items = (await s.Facts.ItemsAsync(lines.Select(l => l.MenuItemId).Distinct().ToList(), s.Ct)).ToDictionary(i => i.Id, i => i.ToFact());
        var currency = cart.Restaurant.Currency;
        var dayparts = cart.Restaurant.DaypartFacts();
        var local = s.Now.InZone(cart.Restaurant.Zone).TimeOfDay;
        var responses = new List<CartLineResponse>();
        foreach (var line in lines)
        {
            if (!items.TryGetValue(line.MenuItemId, out var item))
            {
                responses.Add(new CartLineResponse(line.LineId, line.PersonId, line.PersonName, line.MenuItemId, "", line.Quantity, [], line.Notes, line.Course,
                    null, null, false, "removed"));
                continue;
            }

            var priced = Pricing.Price(0, new LineRequest(item.Id, line.Quantity, null, line.Modifiers, line.Notes, line.Course), item, new FieldErrors());
            var availability = MenuRules.Availability(item, dayparts, local);
            var reason = priced is null ? "options_changed" : availability == Domain.Unavailable.None ? null : Placement.ReasonCode(availability);
            responses.Add(new CartLineResponse(line.LineId, line.PersonId, line.PersonName, item.Id, item.Name, line.Quantity,
                priced?.Modifiers.Select(m => new ModifierResponse(m.OptionId, m.Name, new Money(m.PriceDelta, currency))).ToList() ?? [],
                line.Notes, line.Course,
                priced is null ? null : new Money(priced.UnitPrice, currency), priced is null ? null : new Money(priced.LineTotal, currency),
                reason is null, reason));
        }

        return new CartResponse(cart.Restaurant.Id, cart.Table is { } t ? new TableRef(t.Id, t.Label) : null, responses,
            new Money(responses.Where(r => r.Available).Sum(r => r.LineTotal!.Amount), currency),
            await s.Carts.ExpiresAtAsync(cart.Key, s.Clock.GetUtcNow()));
    }
}

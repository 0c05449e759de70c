using Brigade.Api;
using Brigade.Data;
using Brigade.Ordering.Data;
using Brigade.Ordering.Domain;
using Brigade.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;

namespace Brigade.Ordering.Api;

/// <summary>
/// One line of <c>POST /api/orders</c>: <c>productId</c> is the menu item's id (<c>menuItemId</c> is accepted too);
/// <c>price</c> (optional) is the unit price the client showed, in the currency's major units as people write it
/// (<c>15000</c> won, <c>29.99</c> dollars) — a check, never an input.
/// </summary>
public sealed record OrderItemBody(Guid? ProductId, Guid? MenuItemId, int? Quantity, decimal? Price, IReadOnlyList<Guid>? Modifiers, string? Notes, int? Course);

/// <summary>
/// An order. <c>restaurantId</c> may be left out: the items imply it (all must be on one restaurant's menu).
/// <c>channel</c> defaults to <c>delivery</c> with a <c>shippingAddress</c>, <c>dine_in</c> with a table or reservation,
/// else <c>takeout</c>. A diner's dine-in order names the table by its QR token; the restaurant's people by <c>tableId</c>.
/// </summary>
public sealed record PlaceOrderBody(
    Guid? RestaurantId,
    IReadOnlyList<OrderItemBody?>? Items,
    ShippingAddress? ShippingAddress,
    string? Channel,
    Guid? TableId,
    string? TableToken,
    Guid? ReservationId,
    int? Covers,
    string? Notes);

/// <summary>Details of a transition: <c>reason</c> (a code for cancel/void, text for reopen), <c>note</c>, and for close <c>paidAtCounter</c>.</summary>
public sealed record TransitionBody(string? Reason, string? Note, bool? PaidAtCounter);

public sealed record AddLinesBody(IReadOnlyList<OrderItemBody?>? Items);

public sealed record LineQuantityBody(int? Quantity);

public static class OrdersApi
{
    public const string Tag = "Orders";

    public static RouteGroupBuilder MapOrders(this RouteGroupBuilder api)
    {
        // The seed's call carries no Idempotency-Key, so the key is honoured when sent rather than required (carts' checkouts require it).
        api.MapPost("/", PlaceAsync).RequireAuthorization(Policies.User).WithIdempotency()
            .WithName("PlaceOrder")
            .WithSummary("Place an order { items: [{ productId, quantity, price? }], shippingAddress?, … }; prices come from the menu (Idempotency-Key honoured)")
            .WithTags(Tag);
        api.MapGet("/mine", MineAsync).RequireAuthorization(Policies.User)
            .WithName("MyOrders").WithSummary("The caller's orders, newest first").WithTags(Tag);
        api.MapGet("/", ListAsync).RequireAuthorization()
            .WithName("ListOrders").WithSummary("A restaurant's orders, newest first (?restaurantId=&status=open|received,…&date=yyyy-MM-dd; its people)").WithTags(Tag);
        api.MapGet("/{id:guid}", GetAsync).RequireAuthorization()
            .WithName("GetOrder").WithSummary("One order (its diner, the restaurant's people, services)").WithTags(Tag);
        api.MapPost("/{id:guid}/lines", AddLinesAsync).RequireAuthorization(Policies.User).WithIdempotency().WithIfMatch()
            .WithName("AddOrderLines").WithSummary("Add items before the kitchen starts (the diner while received, staff until preparation)").WithTags(Tag);
        api.MapPatch("/{id:guid}/lines/{lineId:guid}", ChangeQuantityAsync).RequireAuthorization(Policies.User).WithIfMatch()
            .WithName("ChangeOrderLine").WithSummary("Change a line's quantity before the kitchen starts").WithTags(Tag);
        api.MapDelete("/{id:guid}/lines/{lineId:guid}", RemoveLineAsync).RequireAuthorization(Policies.User).WithIfMatch()
            .WithName("RemoveOrderLine").WithSummary("Remove a line before the kitchen starts (not once money was captured)").WithTags(Tag);
        foreach (var action in Enum.GetValues<OrderAction>())
        {
            api.MapPost($"/{{id:guid}}/{OrderLifecycle.Spell(action)}", (Guid id, TransitionBody? body, [AsParameters] OrderingServices s) => MoveAsync(id, action, body, s))
                .RequireAuthorization(Policies.User).WithIfMatch()
                .WithName(action + "Order")
                .WithSummary(Summary(action))
                .WithTags(Tag);
        }

        return api;
    }

    private static string Summary(OrderAction action) => action switch
    {
        OrderAction.Accept => "Accept a received order: its tickets go to the kitchen (staff)",
        OrderAction.Start => "The kitchen started the order (staff)",
        OrderAction.MarkReady => "The whole order is ready at the pass; takeout and delivery diners are told (staff)",
        OrderAction.Serve => "A dine-in order was served (staff)",
        OrderAction.PickUp => "A takeout or delivery order was picked up (staff)",
        OrderAction.Close => "Close the check: paid online, or { paidAtCounter: true } (staff)",
        OrderAction.Cancel => "Cancel before the kitchen starts { reason, note? }: portions back, payment refunded (the diner while received; staff)",
        OrderAction.Void => "Void after the kitchen started { reason, note? }: payment refunded (owner, manager)",
        OrderAction.Reopen => "Reopen a closed check within the window { reason } (owner, manager)",
        _ => "Send a ready order back to the kitchen (staff)",
    };

    public static async Task<Results<Created<OrderResponse>, ValidationProblem, ProblemHttpResult>> PlaceAsync(PlaceOrderBody body, [AsParameters] OrderingServices s)
    {
        var errors = new FieldErrors();
        var options = s.Options();
        var lines = Placement.Lines(body.Items, options.MaxOrderLines, errors, s.User.FindUserId(), s.User.DisplayName());
        var channel = errors.OneOf("channel", body.Channel, Channel.All, required: false);
        var address = Placement.Address(body.ShippingAddress, errors);
        var token = errors.OptionalText("tableToken", body.TableToken, 64);
        int? covers = body.Covers is null ? null : errors.Range("covers", body.Covers, 1, 100, 1);
        var notes = errors.OptionalText("notes", body.Notes, 500);
        if (body.RestaurantId == Guid.Empty)
        {
            errors.RequiredId("restaurantId", body.RestaurantId);
        }

        var wantsTable = body.TableId is not null || token is not null || body.ReservationId is not null;
        var effective = channel ?? (body.ShippingAddress is not null ? Channel.Delivery : wantsTable ? Channel.DineIn : Channel.Takeout);
        if (effective == Channel.Delivery && body.ShippingAddress is null)
        {
            errors.Add("shippingAddress", "A delivery needs a shippingAddress { street, city?, zipCode? }.", "배달 주문에는 shippingAddress { street, city?, zipCode? }가 필요합니다.");
        }

        if (effective != Channel.Delivery && body.ShippingAddress is not null)
        {
            errors.Add("shippingAddress", "shippingAddress is only for delivery orders.", "shippingAddress는 배달 주문에만 씁니다.");
        }

        if (effective != Channel.DineIn && wantsTable)
        {
            errors.Add("channel", "A table, its QR token or a reservation makes a dine-in order.", "테이블, QR 토큰, 예약이 있으면 매장 주문입니다.");
        }

        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        TableRow? table = null;
        if (token is not null)
        {
            table = await s.Facts.TableByTokenAsync(token, s.Ct);
            if (table is not { Active: true })
            {
                return Problems.NotFound("table", "테이블");
            }
        }
        else if (body.TableId is { } tableId)
        {
            table = await s.Facts.TableAsync(tableId, s.Ct);
            if (table is null || !s.User.IsStaffOf(table.RestaurantId))
            {
                // A diner names a table by the QR code they scanned, never by id.
                return Problems.NotFound("table", "테이블");
            }
        }

        return await Placement.PlaceAsync(new PlacementRequest(body.RestaurantId ?? table?.RestaurantId, lines, effective, table, body.ReservationId, covers, address, notes), s);
    }

    public static async Task<Results<Ok<OrderResponse>, ProblemHttpResult>> GetAsync(Guid id, [AsParameters] OrderingServices s)
    {
        var view = await s.Orders.FindAsync(id, s.Ct);
        var actor = view is null ? null : s.User.IsService() ? Domain.Actor.System : s.User.ActorFor(view.Order);
        if (view is null || actor is null)
        {
            return OrderProblems.NoOrder();
        }

        s.Http.SetETag(view.Order.Version);
        return TypedResults.Ok(Render.Order(view, await ZoneAsync(s, view.Order.RestaurantId), actor.Value));
    }

    public static async Task<Results<Ok<Page<OrderResponse>>, ValidationProblem, ProblemHttpResult>> ListAsync(
        Guid? restaurantId, string? status, string? date, int? limit, string? cursor, [AsParameters] OrderingServices s)
    {
        var errors = new FieldErrors();
        errors.RequiredId("restaurantId", restaurantId);
        var day = errors.Date("date", date, required: false);
        IReadOnlyList<string>? statuses = null;
        if (!string.IsNullOrWhiteSpace(status))
        {
            var named = status.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(x => x.ToLowerInvariant()).ToList();
            if (named.Count == 1 && named[0] == "open")
            {
                statuses = OrderStatus.Open;
            }
            else if (named.All(n => OrderStatus.All.Contains(n, StringComparer.Ordinal)))
            {
                statuses = named;
            }
            else
            {
                errors.Add("status", $"status must be 'open' or statuses separated by commas: {string.Join(", ", OrderStatus.All)}.",
                    $"status는 'open' 또는 쉼표로 구분한 상태여야 합니다: {string.Join(", ", OrderStatus.All)}.");
            }
        }

        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        if (!s.User.IsStaffOf(restaurantId!.Value))
        {
            return OrderProblems.NoRestaurant();
        }

        var take = Paging.Limit(limit);
        var after = Paging.Decode<OrderCursor>(cursor);
        var zone = await ZoneAsync(s, restaurantId.Value);
        DateTimeOffset? from = null, to = null;
        if (day is { } d)
        {
            var local = LocalDate.FromDateOnly(d);
            var tz = RestaurantTime.Zone(zone);
            from = local.AtStartOfDayInZone(tz).ToDateTimeOffset();
            to = local.PlusDays(1).AtStartOfDayInZone(tz).ToDateTimeOffset();
        }

        var rows = await s.Orders.ListForRestaurantAsync(restaurantId.Value, statuses, from, to, after is null ? null : (after.PlacedAt, after.Id), take + 1, s.Ct);
        return TypedResults.Ok(await PageAsync(rows, take, zone, s));
    }

    public static async Task<Results<Ok<Page<OrderResponse>>, ProblemHttpResult>> MineAsync(int? limit, string? cursor, [AsParameters] OrderingServices s)
    {
        var take = Paging.Limit(limit);
        var after = Paging.Decode<OrderCursor>(cursor);
        var rows = await s.Orders.ListForDinerAsync(s.User.UserId(), after is null ? null : (after.PlacedAt, after.Id), take + 1, s.Ct);
        return TypedResults.Ok(await PageAsync(rows, take, null, s));
    }

    /// <summary>A transition: who may make it, whether the state machine allows it now, and its details.</summary>
    public static async Task<Results<Ok<OrderResponse>, ValidationProblem, ProblemHttpResult>> MoveAsync(Guid id, OrderAction action, TransitionBody? body, OrderingServices s)
    {
        var view = await s.Orders.FindAsync(id, s.Ct);
        var actor = view is null ? null : s.User.ActorFor(view.Order);
        if (view is null || actor is null)
        {
            return OrderProblems.NoOrder();
        }

        var order = view.Order;
        var expected = Versions.Expected(s.Http.Request);
        if (expected is { } version && version != order.Version)
        {
            return Problems.Stale("order", "주문");
        }

        var to = OrderLifecycle.Next(order.Status, action, order.Channel);
        if (to is null)
        {
            return Problems.Conflict(
                $"An order that is {order.Status} ({order.Channel}) cannot be {OrderLifecycle.Spell(action)}.",
                $"{order.Status} 상태의 주문({order.Channel})은 {OrderLifecycle.Spell(action)}할 수 없습니다.", "invalid_transition");
        }

        if (!OrderLifecycle.MayAct(actor.Value, action, order.Status))
        {
            return actor == Domain.Actor.Diner && action == OrderAction.Cancel
                ? Problems.Conflict("The restaurant has accepted the order; ask the restaurant to cancel it.", "레스토랑이 이미 주문을 접수했습니다. 레스토랑에 취소를 요청해 주세요.", "already_accepted")
                : Problems.Forbidden(
                    actor == Domain.Actor.Diner ? "Only the restaurant's people can do this." : "Only the restaurant's owner or a manager can do this.",
                    actor == Domain.Actor.Diner ? "레스토랑 직원만 할 수 있습니다." : "레스토랑의 오너나 매니저만 할 수 있습니다.");
        }

        var errors = new FieldErrors();
        string? reason = null;
        string? note = null;
        if (action is OrderAction.Cancel or OrderAction.Void)
        {
            reason = actor == Domain.Actor.Diner
                ? errors.OneOf("reason", body?.Reason, CancelReasons.All, required: false) ?? CancelReasons.CustomerRequest
                : errors.OneOf("reason", body?.Reason, CancelReasons.All);
            note = errors.OptionalText("note", body?.Note, 300);
        }
        else if (action == OrderAction.Reopen)
        {
            reason = errors.RequiredText("reason", body?.Reason, 300);
        }

        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        var counter = action == OrderAction.Close && body?.PaidAtCounter == true;
        if (action == OrderAction.Close && !counter && order.Settled < order.Total)
        {
            return Problems.Conflict(
                $"The check is not paid ({Pricing.Format(order.Settled, order.Currency)} of {Pricing.Format(order.Total, order.Currency)}): wait for the payment or record it with {{ \"paidAtCounter\": true }}.",
                $"결제가 끝나지 않았습니다({Pricing.Format(order.Total, order.Currency)} 중 {Pricing.Format(order.Settled, order.Currency)}). 결제를 기다리거나 {{ \"paidAtCounter\": true }}로 현장 결제를 기록해 주세요.",
                "unpaid");
        }

        if (action == OrderAction.Reopen && !OrderLifecycle.WithinReopenWindow(order.ClosedAt ?? order.UpdatedAt, s.Clock.GetUtcNow(), s.Options().ReopenWindow))
        {
            return Problems.Conflict("The check was closed too long ago to reopen.", "마감한 지 오래되어 다시 열 수 없습니다.", "reopen_window_passed");
        }

        var restaurant = await s.Facts.RestaurantAsync(order.RestaurantId, s.Ct);
        var moved = await s.Orders.TransitionAsync(id, new Transition(action, order.Status, to, actor.Value, reason, note, counter), expected ?? order.Version,
            restaurant?.Name ?? "", s.Clock.GetUtcNow(), s.Ct);
        if (moved is null)
        {
            return OrderProblems.Changed();
        }

        await s.Live.OrderChangedAsync(moved, restaurant?.TimeZone);
        s.Http.SetETag(moved.Order.Version);
        return TypedResults.Ok(Render.Order(moved, restaurant?.TimeZone, actor.Value));
    }

    public static Task<Results<Ok<OrderResponse>, ValidationProblem, ProblemHttpResult>> AddLinesAsync(Guid id, AddLinesBody body, [AsParameters] OrderingServices s)
    {
        var errors = new FieldErrors();
        var lines = Placement.Lines(body.Items, s.Options().MaxOrderLines, errors, s.User.FindUserId(), s.User.DisplayName());
        return errors.IsEmpty
            ? ModifyAsync(id, s, lines, [], new Dictionary<Guid, int>())
            : Task.FromResult<Results<Ok<OrderResponse>, ValidationProblem, ProblemHttpResult>>(Problems.Invalid(errors));
    }

    public static Task<Results<Ok<OrderResponse>, ValidationProblem, ProblemHttpResult>> ChangeQuantityAsync(
        Guid id, Guid lineId, LineQuantityBody body, [AsParameters] OrderingServices s)
    {
        var errors = new FieldErrors();
        var quantity = errors.RequiredRange("quantity", body.Quantity, 1, Pricing.MaxQuantity);
        return quantity is null
            ? Task.FromResult<Results<Ok<OrderResponse>, ValidationProblem, ProblemHttpResult>>(Problems.Invalid(errors))
            : ModifyAsync(id, s, [], [], new Dictionary<Guid, int> { [lineId] = quantity.Value }, lineId);
    }

    public static Task<Results<Ok<OrderResponse>, ValidationProblem, ProblemHttpResult>> RemoveLineAsync(Guid id, Guid lineId, [AsParameters] OrderingServices s) =>
        ModifyAsync(id, s, [], [lineId], new Dictionary<Guid, int>(), lineId);

    /// <summary>Lines change before the kitchen starts: the diner while the order is received, the restaurant's people until preparation.</summary>
    private static async Task<Results<Ok<OrderResponse>, ValidationProblem, ProblemHttpResult>> ModifyAsync(
        Guid id, OrderingServices s, IReadOnlyList<RequestedLine> add, IReadOnlyList<Guid> remove, IReadOnlyDictionary<Guid, int> quantities, Guid? lineId = null)
    {
        var view = await s.Orders.FindAsync(id, s.Ct);
        var actor = view is null ? null : s.User.ActorFor(view.Order);
        if (view is null || actor is null)
        {
            return OrderProblems.NoOrder();
        }

        var order = view.Order;
        if (Versions.Expected(s.Http.Request) is { } expected && expected != order.Version)
        {
            return Problems.Stale("order", "주문");
        }

        if (lineId is { } line && !view.ActiveLines.Any(l => l.Id == line))
        {
            return Problems.NotFound("order line", "주문 항목");
        }

        if (!OrderLifecycle.CanModify(order.Status) || (actor == Domain.Actor.Diner && order.Status != OrderStatus.Received))
        {
            return Problems.Conflict(
                $"An order that is {order.Status} can no longer be changed{(actor == Domain.Actor.Diner ? "; ask the restaurant" : "; void it instead")}.",
                $"{order.Status} 상태의 주문은 더 이상 바꿀 수 없습니다.", "not_modifiable");
        }

        var newLines = new List<NewLine>();
        if (add.Count > 0)
        {
            if (view.Lines.Count + add.Count > s.Options().MaxOrderLines)
            {
                return Problems.Invalid("items", "The order would hold too many lines.", "주문 항목이 너무 많습니다.");
            }

            var (scope, refused) = await Placement.ScopeAsync(order.RestaurantId, add, s);
            if (refused is not null)
            {
                return refused;
            }

            var errors = new FieldErrors();
            var settings = scope!.Settings;
            foreach (var requested in add)
            {
                if (Pricing.Price(requested.Index, requested.Line, scope!.Items[requested.Line.MenuItemId], errors) is { } priced)
                {
                    newLines.Add(new NewLine(priced, settings.Routing.StationFor(priced.Item.Category), requested.AddedBy, requested.AddedByName));
                }
            }

            if (!errors.IsEmpty)
            {
                return Problems.Invalid(errors);
            }

            if (Placement.Unavailable(add, scope!, s) is { } unavailable)
            {
                return unavailable;
            }

            if (Placement.PricesDisagree(add, newLines, order.Currency) is { } mismatch)
            {
                return mismatch;
            }
        }

        var (outcome, modified, shortItem, left) = await s.Orders.ModifyAsync(view, new LineChanges(newLines, remove, quantities), s.Clock.GetUtcNow(), s.Ct);
        switch (outcome)
        {
            case ModifyOutcome.Stale:
                return OrderProblems.Changed();
            case ModifyOutcome.Paid:
                return Problems.Conflict("Money was captured for this order: lines are not removed or reduced; cancel or void it instead.",
                    "결제된 주문은 항목을 빼거나 줄일 수 없습니다. 주문을 취소하거나 무효 처리해 주세요.", "order_paid");
            case ModifyOutcome.Empty:
                return Problems.Conflict("That would leave the order empty; cancel it instead.", "주문이 비게 됩니다. 대신 주문을 취소해 주세요.", "order_empty");
            case ModifyOutcome.OutOfStock:
                return Problems.Problem(StatusCodes.Status409Conflict, "Conflict", Localized.Text(
                    $"Only {left} of that item left.", $"해당 메뉴는 {left}개만 남았습니다."), "out_of_stock",
                    new Dictionary<string, object?> { ["productId"] = shortItem, ["portionsLeft"] = left });
        }

        var zone = await ZoneAsync(s, order.RestaurantId);
        await s.Live.OrderChangedAsync(modified!, zone);
        s.Http.SetETag(modified!.Order.Version);
        return TypedResults.Ok(Render.Order(modified, zone, actor.Value));
    }

    private sealed record OrderCursor(DateTimeOffset PlacedAt, Guid Id);

    private static async Task<Page<OrderResponse>> PageAsync(IReadOnlyList<OrderRow> rows, int take, string? zone, OrderingServices s)
    {
        var lines = await s.Orders.LinesOfAsync(rows.Select(r => r.Id).ToList(), s.Ct);
        var zones = new Dictionary<Guid, string?>();
        var items = new List<OrderResponse>();
        foreach (var row in rows)
        {
            if (!zones.TryGetValue(row.RestaurantId, out var z))
            {
                zones[row.RestaurantId] = z = zone ?? await ZoneAsync(s, row.RestaurantId);
            }

            items.Add(Render.Order(new OrderView(row, lines[row.Id].ToList(), []), z, s.User.ActorFor(row) ?? Domain.Actor.Diner));
        }

        return Paging.ToPage(items, take, o => new OrderCursor(o.PlacedAt, o.Id));
    }

    internal static async Task<string?> ZoneAsync(OrderingServices s, Guid restaurantId) => (await s.Facts.RestaurantAsync(restaurantId, s.Ct))?.TimeZone;
}

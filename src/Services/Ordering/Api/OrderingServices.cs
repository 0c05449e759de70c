using System.Security.Claims;
using Brigade.Api;
using Brigade.Ordering.Data;
using Brigade.Ordering.Hubs;
using Brigade.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Brigade.Ordering.Api;

/// <summary>The endpoints' dependencies and the request (caller, clock and cancellation come from <see cref="IApiRequest"/>).</summary>
public sealed record OrderingServices(
    FactsReader Facts,
    OrderStore Orders,
    KitchenStore Kitchen,
    SettingsStore Settings,
    CartStore Carts,
    StatsStore Stats,
    Live Live,
    TimeProvider Clock,
    HttpContext Http) : IApiRequest;

internal static class Access
{
    /// <summary>Any member of the restaurant (owner, manager, staff) or a platform admin.</summary>
    public static bool IsStaffOf(this ClaimsPrincipal user, Guid restaurantId) => user.IsAdmin() || user.HasMembership(restaurantId);

    /// <summary>The restaurant's owner or a manager, or a platform admin.</summary>
    public static bool IsManagerOf(this ClaimsPrincipal user, Guid restaurantId) =>
        user.IsAdmin() || user.HasMembership(restaurantId, Roles.Owner, Roles.Manager);

    /// <summary>Who the caller is to an order: its restaurant's manager or staff, its diner, or nobody (answered 404).</summary>
    public static Domain.Actor? ActorFor(this ClaimsPrincipal user, OrderRow order) =>
        user.IsManagerOf(order.RestaurantId) ? Domain.Actor.Manager
        : user.IsStaffOf(order.RestaurantId) ? Domain.Actor.Staff
        : order.DinerId is { } diner && user.FindUserId() == diner ? Domain.Actor.Diner
        : null;

    /// <summary>The name a person goes by at the table (the token's <c>name</c>).</summary>
    public static string DisplayName(this ClaimsPrincipal user) =>
        user.FindFirstValue("name") is { Length: > 0 } name ? name[..Math.Min(name.Length, 60)] : Localized.Text("Guest", "손님");

    public static OrderingOptions Options(this OrderingServices s) => s.Http.RequestServices.GetRequiredService<IOptions<OrderingOptions>>().Value;
}

internal static class OrderProblems
{
    public static ProblemHttpResult NoOrder() => Problems.NotFound("order", "주문");

    public static ProblemHttpResult NoRestaurant() => Problems.NotFound("restaurant taking orders", "주문을 받는 레스토랑");

    public static ProblemHttpResult Changed() => Problems.Conflict(
        "The order changed meanwhile; read it again and retry.", "그 사이 주문이 변경되었습니다. 다시 불러온 뒤 시도해 주세요.", "order_changed");
}

using System.Security.Claims;
using Brigade.Api;
using Brigade.Inventory.Data;
using Brigade.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Brigade.Inventory.Api;

/// <summary>The endpoints' dependencies and the request (caller, clock and cancellation come from <see cref="IApiRequest"/>).</summary>
public sealed record InventoryServices(
    StockStore Stock,
    RecipeStore Recipes,
    SupplierStore Suppliers,
    PurchaseOrderStore PurchaseOrders,
    SettingsStore Settings,
    IOptions<InventoryOptions> Options,
    TimeProvider Clock,
    HttpContext Http) : IApiRequest;

internal static class Access
{
    /// <summary>Any member of the restaurant (owner, manager, staff) or a platform admin: they read stock, log waste, count.</summary>
    public static bool IsStaffOf(this ClaimsPrincipal user, Guid restaurantId) => user.IsAdmin() || user.HasMembership(restaurantId);

    /// <summary>The restaurant's owner or a manager, or a platform admin: items, recipes, suppliers, orders, settings, costs.</summary>
    public static bool IsManagerOf(this ClaimsPrincipal user, Guid restaurantId) =>
        user.IsAdmin() || user.HasMembership(restaurantId, Roles.Owner, Roles.Manager);

    /// <summary>
    /// Null when the caller may act; else the refusal: 404 for someone outside the restaurant (its stock is not theirs to
    /// know of), 403 for its staff asking for a manager's action.
    /// </summary>
    public static ProblemHttpResult? Refusal(this InventoryServices s, Guid restaurantId, bool managers)
    {
        if (!s.User.IsStaffOf(restaurantId))
        {
            return NoRestaurant();
        }

        return managers && !s.User.IsManagerOf(restaurantId)
            ? Problems.Forbidden("Only the restaurant's owner or a manager can do this.", "식당 소유자나 매니저만 할 수 있습니다.", "managers_only")
            : null;
    }

    public static ProblemHttpResult NoRestaurant() => Problems.NotFound("restaurant", "식당");

    public static Guid UserIdOrEmpty(this InventoryServices s) => s.User.FindUserId() ?? Guid.Empty;
}

public sealed record Money(long Amount, string Currency);

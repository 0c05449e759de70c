using System.Security.Claims;
using Brigade.Api;
using Brigade.Restaurants.Data;
using Brigade.Restaurants.Domain;
using Brigade.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Brigade.Restaurants;

/// <summary>The restaurant an endpoint acts on, who is calling, and their role in it.</summary>
public sealed record RestaurantScope(RestaurantRow Restaurant, Caller Caller, MemberRole? Role)
{
    public Guid Id => Restaurant.Id;
}

/// <summary>
/// Applies <see cref="AccessPolicy"/> to a request: the caller from the token, their role from this service's
/// <c>restaurant_members</c> (the authority here, so a creator is owner at once and a removed member loses access at once).
/// </summary>
public static class RestaurantAccess
{
    public static Caller ToCaller(this ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true)
        {
            return Caller.Anonymous;
        }

        var isService = user.IsService();
        return new Caller(
            isService ? null : user.FindUserId(),
            user.IsAdmin(),
            isService,
            user.IsInRole(Roles.Owner));
    }

    /// <summary>
    /// Loads the restaurant with the caller's role and applies <see cref="AccessPolicy"/>: the scope when
    /// allowed, else the 404 or 403 problem to return.
    /// </summary>
    public static async Task<(RestaurantScope? Scope, ProblemHttpResult? Denied)> AuthorizeAsync(
        this RestaurantStore restaurants, Guid restaurantId, ClaimsPrincipal user, Capability capability, CancellationToken ct)
    {
        var caller = user.ToCaller();
        var (restaurant, role) = await restaurants.FindWithRoleAsync(restaurantId, caller.UserId, ct);
        if (restaurant is null)
        {
            return (null, Problems.NotFound("restaurant", "식당"));
        }

        return AccessPolicy.Check(caller, role, restaurant.StatusValue, capability) switch
        {
            Verdict.Allowed => (new RestaurantScope(restaurant, caller, role), null),
            Verdict.Forbidden => (null, Forbidden(capability)),
            _ => (null, Problems.NotFound("restaurant", "식당")),
        };
    }

    private static ProblemHttpResult Forbidden(Capability capability) => capability switch
    {
        Capability.PublishOrClose => Problems.Forbidden("Only the restaurant's owner can publish or close it.", "식당 소유자만 공개하거나 닫을 수 있습니다."),
        Capability.ManageMembers => Problems.Forbidden("Only the restaurant's owner can add or remove members.", "식당 소유자만 구성원을 추가하거나 뺄 수 있습니다."),
        Capability.ReadMembers => Problems.Forbidden("Only the restaurant's owner and managers can see its members.", "식당 소유자와 매니저만 구성원을 볼 수 있습니다."),
        Capability.ModerateReviews => Problems.Forbidden("Only administrators can hide or show reviews.", "관리자만 리뷰를 숨기거나 다시 보이게 할 수 있습니다."),
        Capability.SwitchSoldOut => Problems.Forbidden("Only the restaurant's people can mark items sold out.", "식당 직원만 품절을 표시할 수 있습니다."),
        _ => Problems.Forbidden("Only the restaurant's owner and managers can change this.", "식당 소유자와 매니저만 바꿀 수 있습니다."),
    };
}

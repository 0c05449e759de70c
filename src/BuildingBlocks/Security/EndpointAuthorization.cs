using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Brigade.Security;

/// <summary>Endpoint helpers: say who may call an endpoint in one line.</summary>
public static class EndpointAuthorization
{
    /// <summary>Callers holding at least one of <paramref name="roles"/> (platform roles, from the <c>roles</c> claim).</summary>
    public static TBuilder RequireRoles<TBuilder>(this TBuilder builder, params string[] roles) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(new AuthorizationPolicyBuilder(BearerAuthenticationHandler.SchemeName)
            .RequireAuthenticatedUser()
            .RequireRole(roles)
            .Build());

    /// <summary>
    /// Members of the restaurant whose id is the route value <paramref name="routeParameter"/>, in one of
    /// <paramref name="roles"/> (any role when none are given); platform admins too. Anyone else gets 403.
    /// </summary>
    public static TBuilder RequireRestaurantMember<TBuilder>(this TBuilder builder, string routeParameter, params string[] roles)
        where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(new AuthorizationPolicyBuilder(BearerAuthenticationHandler.SchemeName)
            .RequireAuthenticatedUser()
            .AddRequirements(new RestaurantMemberRequirement(routeParameter, roles))
            .Build());
}

/// <summary>The caller must belong to the restaurant named by a route value (see <see cref="EndpointAuthorization.RequireRestaurantMember"/>).</summary>
public sealed record RestaurantMemberRequirement(string RouteParameter, IReadOnlyList<string> Roles) : IAuthorizationRequirement;

internal sealed class RestaurantMemberHandler : AuthorizationHandler<RestaurantMemberRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, RestaurantMemberRequirement requirement)
    {
        if (context.User.IsAdmin())
        {
            context.Succeed(requirement);
        }
        else if (context.Resource is HttpContext http
                 && Guid.TryParse(http.GetRouteValue(requirement.RouteParameter)?.ToString(), out var restaurantId)
                 && context.User.HasMembership(restaurantId, [.. requirement.Roles]))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}

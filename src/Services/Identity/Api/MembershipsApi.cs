using System.Security.Claims;
using Brigade.Identity.Data;
using Brigade.Identity.Domain;
using Brigade.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Brigade.Identity.Api;

/// <summary>
/// Restaurant memberships, managed by the restaurants service (service token) or an admin; a restaurant's
/// owner may also add or change managers and staff of that restaurant. Changes reach the member's access
/// token at their next refresh.
/// </summary>
public static class MembershipsApi
{
    public static IEndpointRouteBuilder MapMembershipsApi(this IEndpointRouteBuilder app)
    {
        var memberships = app.MapGroup("/api/users/{id:guid}/memberships").WithTags("Memberships");

        memberships.MapGet("/", List).WithName("ListMemberships")
            .WithSummary("The restaurants a user belongs to and in which role (the user themself, admins, services; 404 for anyone else).")
            .RequireAuthorization();
        memberships.MapPut("/{restaurantId:guid}", Set).WithName("SetMembership")
            .WithSummary("Make the user owner, manager or staff of the restaurant (services, admins; the restaurant's owner for manager and staff).")
            .RequireAuthorization();
        memberships.MapDelete("/{restaurantId:guid}", Remove).WithName("RemoveMembership")
            .WithSummary("Remove the user from the restaurant (services, admins; the restaurant's owner for managers and staff).")
            .RequireAuthorization();
        return app;
    }

    public static async Task<Results<Ok<IReadOnlyList<Membership>>, NotFound>> List(Guid id, ClaimsPrincipal caller, UserStore users, MembershipStore memberships, CancellationToken ct)
    {
        if (!(caller.FindUserId() == id || caller.IsAdmin() || caller.IsService()) || await users.FindAsync(id, ct) is null)
        {
            return TypedResults.NotFound();
        }

        return TypedResults.Ok(await memberships.ListAsync(id, ct));
    }

    public static async Task<Results<Ok<Membership>, ValidationProblem, ForbidHttpResult, NotFound, ProblemHttpResult>> Set(
        Guid id, Guid restaurantId, SetMembershipRequest body, ClaimsPrincipal caller, MembershipStore memberships, IOptions<IdentityOptions> options, CancellationToken ct)
    {
        if (Accounts.CheckRestaurantRole(body.Role) is { } error)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["role"] = [error] });
        }

        var current = await memberships.RoleOfAsync(id, restaurantId, ct);
        if (!await MayManageAsync(caller, id, restaurantId, current, body.Role, memberships, ct))
        {
            return TypedResults.Forbid();
        }

        return await memberships.SetAsync(id, restaurantId, body.Role, options.Value.MaxMembershipsPerUser, ct) switch
        {
            MembershipOutcome.UserNotFound => TypedResults.NotFound(),
            MembershipOutcome.TooMany => AuthApi.Conflict("role", $"A user can belong to at most {options.Value.MaxMembershipsPerUser} restaurants."),
            _ => TypedResults.Ok(new Membership(restaurantId, body.Role!)),
        };
    }

    public static async Task<Results<NoContent, ForbidHttpResult, NotFound>> Remove(
        Guid id, Guid restaurantId, ClaimsPrincipal caller, MembershipStore memberships, IOptions<IdentityOptions> options, CancellationToken ct)
    {
        var current = await memberships.RoleOfAsync(id, restaurantId, ct);
        if (!await MayManageAsync(caller, id, restaurantId, current, null, memberships, ct))
        {
            return TypedResults.Forbid();
        }

        return await memberships.SetAsync(id, restaurantId, null, options.Value.MaxMembershipsPerUser, ct) switch
        {
            MembershipOutcome.UserNotFound or MembershipOutcome.NotMember => TypedResults.NotFound(),
            _ => TypedResults.NoContent(),
        };
    }

    /// <summary>
    /// Services and admins manage every membership. A restaurant's owner manages managers and staff of that
    /// restaurant only, never owners (their own membership included), so no owner can be pushed out by another.
    /// </summary>
    private static async Task<bool> MayManageAsync(ClaimsPrincipal caller, Guid userId, Guid restaurantId, string? currentRole, string? newRole,
        MembershipStore memberships, CancellationToken ct)
    {
        if (caller.IsService() || caller.IsAdmin())
        {
            return true;
        }

        if (caller.FindUserId() is not { } callerId || callerId == userId || currentRole == Roles.Owner || newRole == Roles.Owner)
        {
            return false;
        }

        // Checked against the database, not the token: a membership removed a minute ago must not still count.
        return await memberships.RoleOfAsync(callerId, restaurantId, ct) == Roles.Owner;
    }
}

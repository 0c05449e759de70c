using System.Security.Claims;
using Brigade.Api;
using Brigade.Identity.Data;
using Brigade.Identity.Domain;
using Brigade.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Brigade.Identity.Api;

public sealed record SetMembershipRequest(string? Role);

/// <summary>What the membership endpoints use besides the request.</summary>
public sealed record MembershipServices(UserStore Users, MembershipStore Memberships, IOptions<IdentityOptions> Options, TimeProvider Clock, HttpContext Http)
    : IApiRequest;

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
            .RequireAuthorization().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict);
        memberships.MapDelete("/{restaurantId:guid}", Remove).WithName("RemoveMembership")
            .WithSummary("Remove the user from the restaurant (services, admins; the restaurant's owner for managers and staff).")
            .RequireAuthorization().ProducesProblem(StatusCodes.Status403Forbidden);
        return app;
    }

    public static async Task<Results<Ok<IReadOnlyList<Membership>>, ProblemHttpResult>> List(Guid id, [AsParameters] MembershipServices s)
    {
        if (!(s.User.FindUserId() == id || s.User.IsAdmin() || s.User.IsService()) || await s.Users.FindAsync(id, s.Ct) is null)
        {
            return UsersApi.NoSuchAccount();
        }

        return TypedResults.Ok(await s.Memberships.ListAsync(id, s.Ct));
    }

    public static async Task<Results<Ok<Membership>, ValidationProblem, ProblemHttpResult>> Set(
        Guid id, Guid restaurantId, SetMembershipRequest body, [AsParameters] MembershipServices s)
    {
        if (Accounts.CheckRestaurantRole(body.Role) is { } error)
        {
            return Problems.Invalid(new FieldErrors().Add("role", error));
        }

        var current = await s.Memberships.RoleOfAsync(id, restaurantId, s.Ct);
        if (!await MayManageAsync(s.User, id, restaurantId, current, body.Role, s.Memberships, s.Ct))
        {
            return NotYours();
        }

        var max = s.Options.Value.MaxMembershipsPerUser;
        return await s.Memberships.SetAsync(id, restaurantId, body.Role, max, s.Ct) switch
        {
            MembershipOutcome.UserNotFound => UsersApi.NoSuchAccount(),
            MembershipOutcome.TooMany => AuthApi.Taken("role", $"A user can belong to at most {max} restaurants.", $"한 사용자는 식당 {max}곳까지만 소속될 수 있습니다."),
            _ => TypedResults.Ok(new Membership(restaurantId, body.Role!)),
        };
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Remove(Guid id, Guid restaurantId, [AsParameters] MembershipServices s)
    {
        var current = await s.Memberships.RoleOfAsync(id, restaurantId, s.Ct);
        if (!await MayManageAsync(s.User, id, restaurantId, current, null, s.Memberships, s.Ct))
        {
            return NotYours();
        }

        return await s.Memberships.SetAsync(id, restaurantId, null, s.Options.Value.MaxMembershipsPerUser, s.Ct) switch
        {
            MembershipOutcome.UserNotFound or MembershipOutcome.NotMember => Problems.NotFound("membership", "소속"),
            _ => TypedResults.NoContent(),
        };
    }

    private static ProblemHttpResult NotYours() => Problems.Forbidden(
        "Only services, admins and the restaurant's owner (for its managers and staff) may change this membership.",
        "이 소속은 서비스, 관리자, 그리고 (매니저와 직원에 한해) 식당 소유자만 바꿀 수 있습니다.", "membership_not_manageable");

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

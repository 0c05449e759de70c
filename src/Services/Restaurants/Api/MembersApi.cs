using System.Security.Claims;
using Brigade.Api;
using Brigade.Data;
using Brigade.Restaurants.Clients;
using Brigade.Restaurants.Data;
using Brigade.Restaurants.Domain;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Brigade.Restaurants.Api;

public sealed record MemberResponse(Guid UserId, string Role, string? Email, DateTimeOffset AddedAt)
{
    public static MemberResponse From(MemberRow m) => new(m.UserId, m.Role, m.Email, m.AddedAt);
}

/// <summary>
/// The endpoints' dependencies and the request. Only the request's <see cref="HttpContext"/> is a public member:
/// the validation generator walks public members of <c>[AsParameters]</c> types, and would descend into a
/// <see cref="System.Security.Claims.ClaimsPrincipal"/> forever.
/// </summary>
public sealed record MemberServices(RestaurantStore Restaurants, MemberStore Members, IdentityClient Identity, TimeProvider Clock, HttpContext Http) : IApiRequest;

public static class MembersApi
{
    public const string Tag = "Members";

    public static RouteGroupBuilder MapMembers(this RouteGroupBuilder api)
    {
        api.MapGet("/{restaurantId:guid}/members", ListAsync).RequireAuthorization()
            .WithName("ListMembers").WithSummary("The restaurant's owners, managers and staff (owner, manager)").WithTags(Tag).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/{restaurantId:guid}/members", AddAsync).RequireAuthorization()
            .WithName("AddMember")
            .WithSummary("Add a manager or staff member by user id or email, or change a member's role (owner); identity puts it in their next token")
            .WithTags(Tag).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        api.MapDelete("/{restaurantId:guid}/members/{userId:guid}", RemoveAsync).RequireAuthorization()
            .WithName("RemoveMember").WithSummary("Remove a manager or staff member (owner); owners only by an admin, never the last one").WithTags(Tag).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }

    public static async Task<Results<Ok<Page<MemberResponse>>, ProblemHttpResult>> ListAsync(Guid restaurantId, [AsParameters] MemberServices s)
    {
        var (_, denied) = await s.Restaurants.AuthorizeAsync(restaurantId, s.User, Capability.ReadMembers, s.Ct);
        if (denied is not null)
        {
            return denied;
        }

        var members = await s.Members.ListAsync(restaurantId, s.Ct);
        return TypedResults.Ok(new Page<MemberResponse>(members.Select(MemberResponse.From).ToList(), null));
    }

    public static async Task<Results<Created<MemberResponse>, Ok<MemberResponse>, ValidationProblem, ProblemHttpResult>> AddAsync(
        Guid restaurantId, MemberDraft body, [AsParameters] MemberServices s)
    {
        var (scope, denied) = await s.Restaurants.AuthorizeAsync(restaurantId, s.User, Capability.ManageMembers, s.Ct);
        if (denied is not null)
        {
            return denied;
        }

        var errors = new FieldErrors();
        var role = MembershipRules.Check(body, scope!.Caller, errors);
        if (role is null)
        {
            return Problems.Invalid(errors);
        }

        var email = body.Email?.Trim();
        var userId = body.UserId;
        if (userId is null)
        {
            try
            {
                userId = await s.Identity.FindUserIdByEmailAsync(email!, s.Ct);
            }
            catch (IdentityUnavailableException e)
            {
                return Problems.Unavailable($"The person could not be looked up by email right now ({e.Message}); retry, or add them by userId.", $"지금은 이메일로 사람을 찾을 수 없습니다({e.Message}). 다시 시도하거나 userId로 추가해 주세요.");
            }

            if (userId is null)
            {
                return Problems.Invalid("email", "No Brigade account has this email; the person must sign up first.", "이 이메일로 가입한 Brigade 계정이 없습니다. 먼저 가입해야 합니다.");
            }
        }

        var existing = await s.Members.FindAsync(restaurantId, userId.Value, s.Ct);
        if (existing is not null && AccessPolicy.ParseRole(existing.Role) is MemberRole.Owner && role != MemberRole.Owner)
        {
            var owners = await s.Members.CountOwnersAsync(restaurantId, s.Ct);
            switch (MembershipRules.CheckRemoval(MemberRole.Owner, owners, scope.Caller))
            {
                case RemovalOutcome.OwnersOnlyByAdmin:
                    return Problems.Forbidden("Only an administrator can change an owner's role.", "소유자의 역할은 관리자만 바꿀 수 있습니다.");
                case RemovalOutcome.LastOwner:
                    return Problems.Conflict("This is the restaurant's last owner; add another owner first.", "식당의 마지막 소유자입니다. 먼저 다른 소유자를 추가해 주세요.");
            }
        }

        var (change, member) = await s.Members.AddOrChangeAsync(restaurantId, userId.Value, role.Value, email, scope.Caller.UserId ?? Guid.Empty, s.Ct);
        var response = MemberResponse.From(member);
        return change == MemberChange.Added
            ? TypedResults.Created($"/api/restaurants/{restaurantId}/members/{member.UserId}", response)
            : TypedResults.Ok(response);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> RemoveAsync(Guid restaurantId, Guid userId, [AsParameters] MemberServices s)
    {
        var (scope, denied) = await s.Restaurants.AuthorizeAsync(restaurantId, s.User, Capability.ManageMembers, s.Ct);
        if (denied is not null)
        {
            return denied;
        }

        var member = await s.Members.FindAsync(restaurantId, userId, s.Ct);
        if (member is null)
        {
            return Problems.NotFound("member", "구성원");
        }

        if (AccessPolicy.ParseRole(member.Role) is MemberRole.Owner
            && MembershipRules.CheckRemoval(MemberRole.Owner, int.MaxValue, scope!.Caller) == RemovalOutcome.OwnersOnlyByAdmin)
        {
            return Problems.Forbidden("Only an administrator can remove an owner.", "소유자는 관리자만 뺄 수 있습니다.");
        }

        return await s.Members.RemoveAsync(restaurantId, userId, s.Ct) switch
        {
            RemoveOutcome.Removed => TypedResults.NoContent(),
            RemoveOutcome.LastOwner => Problems.Conflict("This is the restaurant's last owner; add another owner first.", "식당의 마지막 소유자입니다. 먼저 다른 소유자를 추가해 주세요."),
            _ => Problems.NotFound("member", "구성원"),
        };
    }
}

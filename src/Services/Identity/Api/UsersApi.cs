using System.Security.Claims;
using Brigade.Contracts.Identity;
using Brigade.Data;
using Brigade.Identity.Data;
using Brigade.Identity.Domain;
using Brigade.Messaging;
using Brigade.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Brigade.Identity.Api;

/// <summary>Everything under <c>/api/users</c>: the caller's own account and the admin's view of all accounts.</summary>
public static class UsersApi
{
    public static IEndpointRouteBuilder MapUsersApi(this IEndpointRouteBuilder app)
    {
        var users = app.MapGroup("/api/users").WithTags("Users");

        users.MapPost("/register", AuthApi.Register).WithName("RegisterUser")
            .WithSummary("Alias of POST /api/auth/register (anyone).")
            .AllowAnonymous().RequireRateLimiting(RateLimits.Register);
        users.MapGet("/me", Me).WithName("GetMe")
            .WithSummary("The signed-in user's profile, roles and memberships (signed-in user).")
            .RequireAuthorization(Policies.User);
        users.MapGet("/profile", Me).WithName("GetProfile")
            .WithSummary("Alias of GET /api/users/me (signed-in user).")
            .RequireAuthorization(Policies.User);
        users.MapPut("/profile", UpdateProfile).WithName("UpdateProfile")
            .WithSummary("Change the signed-in user's name, phone or username (signed-in user).")
            .RequireAuthorization(Policies.User);
        users.MapPost("/me/password", ChangePassword).WithName("ChangePassword")
            .WithSummary("Change the signed-in user's password (signed-in user): send the current one. Every other session of the account ends; this one stays signed in. Wrong current passwords count towards the lockout.")
            .RequireAuthorization(Policies.User).RequireRateLimiting(RateLimits.Login);
        users.MapDelete("/me", DeleteMe).WithName("DeleteMe")
            .WithSummary("Delete the signed-in user's account, anonymising its personal data (signed-in user).")
            .RequireAuthorization(Policies.User);
        users.MapGet("/", List).WithName("ListUsers")
            .WithSummary("Accounts in creation order, filtered by ?query= (email, name, username), ?email= (exact) and ?role= (admins, services).")
            .RequireAuthorization(Policies.AdminOrService);
        users.MapGet("/lookup", Lookup).WithName("LookupUserByEmail")
            .WithSummary("Find an account by exact email, e.g. to add a restaurant member (services, admins, owners, managers).")
            .RequireAuthorization(p => p.RequireAuthenticatedUser()
                .RequireAssertion(c => c.User.IsService() || c.User.IsAdmin() || c.User.IsInAnyRole(Roles.Owner, Roles.Manager)));
        users.MapGet("/{id:guid}", Get).WithName("GetUser")
            .WithSummary("One account's profile (the user themself, admins, services; 404 for anyone else).")
            .RequireAuthorization();
        users.MapPut("/{id:guid}/roles", SetRoles).WithName("SetUserRoles")
            .WithSummary("Replace an account's platform roles (admin); effective from the user's next refresh.")
            .RequireAuthorization(Policies.Admin);
        users.MapPost("/{id:guid}/lock", Lock).WithName("LockUser")
            .WithSummary("Lock an account: no sign-in, every session ended (admin).")
            .RequireAuthorization(Policies.Admin);
        users.MapPost("/{id:guid}/unlock", Unlock).WithName("UnlockUser")
            .WithSummary("Unlock an account, also clearing a lockout after failed sign-ins (admin).")
            .RequireAuthorization(Policies.Admin);
        users.MapDelete("/{id:guid}", Delete).WithName("DeleteUser")
            .WithSummary("Delete an account, anonymising its personal data (the user themself or an admin; 404 for anyone else).")
            .RequireAuthorization();
        return app;
    }

    public static async Task<Results<Ok<Profile>, NotFound>> Me(ClaimsPrincipal caller, UserStore users, MembershipStore memberships, CancellationToken ct) =>
        await ProfileOf(caller.UserId(), users, memberships, ct);

    public static async Task<Results<Ok<Profile>, NotFound>> Get(Guid id, ClaimsPrincipal caller, UserStore users, MembershipStore memberships, CancellationToken ct) =>
        caller.FindUserId() == id || caller.IsAdmin() || caller.IsService()
            ? await ProfileOf(id, users, memberships, ct)
            : TypedResults.NotFound();

    public static async Task<Results<Ok<Profile>, ValidationProblem, ProblemHttpResult, NotFound>> UpdateProfile(
        UpdateProfileRequest body, ClaimsPrincipal caller, UserStore users, MembershipStore memberships, CancellationToken ct)
    {
        var errors = new FieldErrors()
            .Check("name", Accounts.CheckName(body.Name, required: false))
            .Check("phone", Accounts.CheckPhone(body.Phone))
            .Check("username", Accounts.CheckUsername(body.Username))
            .Check("body", body is { Name: null, Phone: null, Username: null } ? "Send at least one of name, phone, username." : null);
        if (errors.Any)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        var userId = caller.UserId();
        var outcome = await users.UpdateProfileAsync(userId, body.Name?.Trim(), string.IsNullOrWhiteSpace(body.Phone) ? null : body.Phone.Trim(),
            clearPhone: body.Phone is not null && body.Phone.Trim().Length == 0, body.Username?.Trim(), ct);
        return outcome switch
        {
            null => TypedResults.NotFound(),
            CreateUserOutcome.UsernameTaken => AuthApi.Conflict("username", "This username is taken."),
            _ => (await ProfileOf(userId, users, memberships, ct)).Result switch
            {
                Ok<Profile> ok => ok,
                _ => TypedResults.NotFound(),
            },
        };
    }

    public static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult, NotFound>> ChangePassword(
        ChangePasswordRequest body, ClaimsPrincipal caller, UserStore users, Passwords passwords, Sessions sessions, NpgsqlDataSource db, IOutbox outbox,
        IOptions<IdentityOptions> options, TimeProvider clock, CancellationToken ct)
    {
        var errors = new FieldErrors()
            .Check("currentPassword", string.IsNullOrEmpty(body.CurrentPassword) ? "Send your current password." : body.CurrentPassword.Length > Accounts.MaxPasswordLength ? "Too long." : null)
            .Check("newPassword", string.IsNullOrEmpty(body.NewPassword) ? "Send the new password." : null);
        if (errors.Any)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        var now = clock.GetUtcNow();
        if (await users.FindAsync(caller.UserId(), ct) is not { PasswordHash: { } currentHash } user)
        {
            return TypedResults.NotFound();
        }

        if (LockoutPolicy.IsLocked(user.LockedByAdmin, user.LockedUntil, now))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Account locked",
                detail: "Too many wrong passwords: the account is locked for a while. Try again later or reset the password by email.");
        }

        // As for sign-in: someone holding the token but not the password gets the same lockout.
        if (passwords.Verify(currentHash, body.CurrentPassword!) == PasswordVerificationResult.Failed)
        {
            await users.RecordFailedLoginAsync(user.Id, new LockoutPolicy(options.Value.MaxFailedLogins, TimeSpan.FromMinutes(options.Value.LockoutMinutes)), ct);
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["currentPassword"] = ["The current password is wrong."] });
        }

        var newPasswordError = Accounts.CheckPassword(body.NewPassword, user.Email, user.Username)
            ?? (body.NewPassword == body.CurrentPassword ? "The new password must differ from the current one." : null);
        if (newPasswordError is not null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["newPassword"] = [newPasswordError] });
        }

        var newHash = passwords.Hash(body.NewPassword!);
        IReadOnlyList<RevokedAccessToken> ended = [];
        var changed = await db.InTransactionAsync(async (c, tx) =>
        {
            if (await UserStore.ChangePasswordAsync(c, tx, user.Id, currentHash, newHash, now, ct) != 1)
            {
                return false;
            }

            ended = await sessions.EndOthersAsync(c, tx, user.Id, caller.SessionId(), "password changed", now, ct);
            await outbox.AddAsync(c, tx, new PasswordChanged(user.Id, user.Email, user.Name, now), ct);
            return true;
        }, ct);
        if (!changed)
        {
            return AuthApi.Conflict("currentPassword", "The password was changed meanwhile; sign in again with the new one.");
        }

        sessions.Apply(ended);
        return TypedResults.NoContent();
    }

    public static async Task<Ok<Page<UserSummary>>> List([AsParameters] ListUsersQuery query, UserStore users, TimeProvider clock, CancellationToken ct)
    {
        var limit = Paging.Limit(query.Limit);
        var after = Paging.Decode<Guid?>(query.Cursor);
        if (query.Query is { Length: > 100 })
        {
            throw Brigade.ServiceDefaults.ProblemException.Validation("query", "query must be at most 100 characters.");
        }

        if (query.Email is not null && Accounts.CheckEmail(query.Email) is { } emailError)
        {
            throw Brigade.ServiceDefaults.ProblemException.Validation("email", emailError);
        }

        if (query.Role is not null && !Roles.UserRoles.Contains(query.Role))
        {
            throw Brigade.ServiceDefaults.ProblemException.Validation("role", $"role must be one of {string.Join(", ", Roles.UserRoles)}.");
        }

        var page = await users.ListAsync(query.Query, query.Email is null ? null : Accounts.NormalizeEmail(query.Email), query.Role, limit, after, ct);
        var now = clock.GetUtcNow();
        return TypedResults.Ok(new Page<UserSummary>(page.Items.Select(u => UserSummary.From(u, now)).ToList(), page.NextCursor));
    }

    public static async Task<Results<Ok<UserLookup>, NotFound, ValidationProblem>> Lookup(string? email, UserStore users, CancellationToken ct)
    {
        if (Accounts.CheckEmail(email) is { } error)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["email"] = [error] });
        }

        return await users.FindByEmailAsync(Accounts.NormalizeEmail(email!), ct) is { } user
            ? TypedResults.Ok(new UserLookup(user.Id, user.Name, user.Email))
            : TypedResults.NotFound();
    }

    public static async Task<Results<Ok<UserSummary>, ValidationProblem, ProblemHttpResult, NotFound>> SetRoles(
        Guid id, SetRolesRequest body, ClaimsPrincipal caller, UserStore users, TimeProvider clock, CancellationToken ct)
    {
        if (Accounts.CheckRoles(body.Roles) is { } error)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["roles"] = [error] });
        }

        var roles = body.Roles!.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        if (caller.FindUserId() == id && !roles.Contains(Roles.Admin))
        {
            return AuthApi.Conflict("roles", "You cannot remove your own admin role; ask another admin.");
        }

        return await users.SetRolesAsync(id, roles, ct) is { } user
            ? TypedResults.Ok(UserSummary.From(user, clock.GetUtcNow()))
            : TypedResults.NotFound();
    }

    public static Task<Results<Ok<UserSummary>, ProblemHttpResult, NotFound>> Lock(
        Guid id, ClaimsPrincipal caller, NpgsqlDataSource db, IOutbox outbox, Sessions sessions, TimeProvider clock, CancellationToken ct) =>
        caller.FindUserId() == id
            ? Task.FromResult<Results<Ok<UserSummary>, ProblemHttpResult, NotFound>>(AuthApi.Conflict("id", "You cannot lock your own account."))
            : SetLock(id, locked: true, db, outbox, sessions, clock, ct);

    public static Task<Results<Ok<UserSummary>, ProblemHttpResult, NotFound>> Unlock(
        Guid id, NpgsqlDataSource db, IOutbox outbox, Sessions sessions, TimeProvider clock, CancellationToken ct) =>
        SetLock(id, locked: false, db, outbox, sessions, clock, ct);

    public static Task<Results<NoContent, NotFound>> DeleteMe(
        ClaimsPrincipal caller, NpgsqlDataSource db, IOutbox outbox, Sessions sessions, TimeProvider clock, CancellationToken ct) =>
        DeleteAccount(caller.UserId(), db, outbox, sessions, clock, ct);

    public static Task<Results<NoContent, NotFound>> Delete(
        Guid id, ClaimsPrincipal caller, NpgsqlDataSource db, IOutbox outbox, Sessions sessions, TimeProvider clock, CancellationToken ct) =>
        caller.FindUserId() == id || caller.IsAdmin()
            ? DeleteAccount(id, db, outbox, sessions, clock, ct)
            : Task.FromResult<Results<NoContent, NotFound>>(TypedResults.NotFound());

    private static async Task<Results<Ok<Profile>, NotFound>> ProfileOf(Guid id, UserStore users, MembershipStore memberships, CancellationToken ct)
    {
        var user = await users.FindAsync(id, ct);
        return user is null ? TypedResults.NotFound() : TypedResults.Ok(Profile.From(user, await memberships.ListAsync(id, ct)));
    }

    private static async Task<Results<Ok<UserSummary>, ProblemHttpResult, NotFound>> SetLock(
        Guid id, bool locked, NpgsqlDataSource db, IOutbox outbox, Sessions sessions, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        IReadOnlyList<RevokedAccessToken> ended = [];
        var user = await db.InTransactionAsync(async (c, tx) =>
        {
            var user = await UserStore.SetLockAsync(c, tx, id, locked, now, ct);
            if (user is not null)
            {
                if (locked)
                {
                    ended = await sessions.EndAllAsync(c, tx, id, "account locked", now, ct);
                }

                await outbox.AddAsync(c, tx, new UserLockChanged(id, locked, now), ct);
            }

            return user;
        }, ct);
        sessions.Apply(ended);
        return user is null ? TypedResults.NotFound() : TypedResults.Ok(UserSummary.From(user, now));
    }

    private static async Task<Results<NoContent, NotFound>> DeleteAccount(
        Guid id, NpgsqlDataSource db, IOutbox outbox, Sessions sessions, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        IReadOnlyList<RevokedAccessToken> ended = [];
        var deleted = await db.InTransactionAsync(async (c, tx) =>
        {
            if (!await UserStore.AnonymiseAsync(c, tx, id, now, ct))
            {
                return false;
            }

            ended = await sessions.EndAllAsync(c, tx, id, "account deleted", now, ct);
            await outbox.AddAsync(c, tx, new UserDeleted(id, now), ct);
            return true;
        }, ct);
        sessions.Apply(ended);
        return deleted ? TypedResults.NoContent() : TypedResults.NotFound();
    }
}

public sealed record ListUsersQuery(int? Limit, string? Cursor, string? Query, string? Email, string? Role);

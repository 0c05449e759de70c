using Brigade.Api;
using Brigade.Data;
using Brigade.Identity.Data;
using Brigade.Identity.Domain;
using Brigade.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Brigade.Identity.Api;

/// <summary><c>currentPassword</c> proves it is the person, not someone holding their token; <c>newPassword</c> replaces it.</summary>
public sealed record ChangePasswordRequest(string? CurrentPassword, string? NewPassword);

/// <summary>Fields left out stay as they are; <c>phone: ""</c> removes the phone number.</summary>
public sealed record UpdateProfileRequest(string? Name, string? Phone, string? Username);

public sealed record SetRolesRequest(IReadOnlyList<string>? Roles);

public sealed record ListUsersQuery(int? Limit, string? Cursor, string? Query, string? Email, string? Role);

public sealed record Profile(
    Guid Id,
    string Email,
    string? Username,
    string Name,
    string? Phone,
    IReadOnlyList<string> Roles,
    IReadOnlyList<Membership> Memberships,
    bool EmailVerified,
    DateTimeOffset CreatedAt)
{
    public static Profile From(UserRow user, IReadOnlyList<Membership> memberships) =>
        new(user.Id, user.Email, user.Username, user.Name, user.Phone, user.Roles, memberships, user.EmailVerifiedAt is not null, user.CreatedAt);
}

public sealed record UserSummary(
    Guid Id,
    string Email,
    string? Username,
    string Name,
    IReadOnlyList<string> Roles,
    bool EmailVerified,
    bool Locked,
    DateTimeOffset CreatedAt)
{
    public static UserSummary From(UserRow user, DateTimeOffset now) =>
        new(user.Id, user.Email, user.Username, user.Name, user.Roles, user.EmailVerifiedAt is not null,
            LockoutPolicy.IsLocked(user.LockedByAdmin, user.LockedUntil, now), user.CreatedAt);
}

public sealed record UserLookup(Guid Id, string Name, string Email);

/// <summary>What the user endpoints use besides the request.</summary>
public sealed record UserServices(UserStore Users, MembershipStore Memberships, TimeProvider Clock, HttpContext Http) : IApiRequest;

/// <summary>Everything under <c>/api/users</c>: the caller's own account and the admin's view of all accounts.</summary>
public static class UsersApi
{
    public static IEndpointRouteBuilder MapUsersApi(this IEndpointRouteBuilder app)
    {
        var users = app.MapGroup("/api/users").WithTags("Users");

        users.MapPost("/register", AuthApi.Register).WithName("RegisterUser")
            .WithSummary("Alias of POST /api/auth/register (anyone).")
            .AllowAnonymous().RequireRateLimiting(RateLimitPolicies.Register);
        users.MapGet("/me", Me).WithName("GetMe")
            .WithSummary("The signed-in user's profile, roles and memberships (signed-in user).")
            .RequireAuthorization(Policies.User).ProducesProblem(StatusCodes.Status404NotFound);
        users.MapGet("/profile", Me).WithName("GetProfile")
            .WithSummary("Alias of GET /api/users/me (signed-in user).")
            .RequireAuthorization(Policies.User).ProducesProblem(StatusCodes.Status404NotFound);
        users.MapPut("/profile", UpdateProfile).WithName("UpdateProfile")
            .WithSummary("Change the signed-in user's name, phone or username (signed-in user).")
            .RequireAuthorization(Policies.User).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        users.MapPost("/me/password", ChangePassword).WithName("ChangePassword")
            .WithSummary("Change the signed-in user's password (signed-in user): send the current one. Every other session of the account ends; this one stays signed in. Wrong current passwords count towards the lockout.")
            .RequireAuthorization(Policies.User).RequireRateLimiting(RateLimitPolicies.Login)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        users.MapDelete("/me", DeleteMe).WithName("DeleteMe")
            .WithSummary("Delete the signed-in user's account, anonymising its personal data (signed-in user).")
            .RequireAuthorization(Policies.User).ProducesProblem(StatusCodes.Status404NotFound);
        users.MapGet("/", List).WithName("ListUsers")
            .WithSummary("Accounts in creation order, filtered by ?query= (email, name, username), ?email= (exact) and ?role= (admins, services).")
            .RequireAuthorization(Policies.AdminOrService);
        users.MapGet("/lookup", Lookup).WithName("LookupUserByEmail")
            .WithSummary("Find an account by exact email, e.g. to add a restaurant member (services, admins, owners, managers).")
            .RequireAuthorization(p => p.RequireAuthenticatedUser()
                .RequireAssertion(c => c.User.IsService() || c.User.IsAdmin() || c.User.IsInAnyRole(Roles.Owner, Roles.Manager)))
            .ProducesProblem(StatusCodes.Status404NotFound);
        users.MapGet("/{id:guid}", Get).WithName("GetUser")
            .WithSummary("One account's profile (the user themself, admins, services; 404 for anyone else).")
            .RequireAuthorization();
        users.MapPut("/{id:guid}/roles", SetRoles).WithName("SetUserRoles")
            .WithSummary("Replace an account's platform roles (admin); effective from the user's next refresh.")
            .RequireAuthorization(Policies.Admin).ProducesProblem(StatusCodes.Status409Conflict);
        users.MapPost("/{id:guid}/lock", Lock).WithName("LockUser")
            .WithSummary("Lock an account: no sign-in, every session ended (admin).")
            .RequireAuthorization(Policies.Admin).ProducesProblem(StatusCodes.Status409Conflict);
        users.MapPost("/{id:guid}/unlock", Unlock).WithName("UnlockUser")
            .WithSummary("Unlock an account, also clearing a lockout after failed sign-ins (admin).")
            .RequireAuthorization(Policies.Admin);
        users.MapDelete("/{id:guid}", Delete).WithName("DeleteUser")
            .WithSummary("Delete an account, anonymising its personal data (the user themself or an admin; 404 for anyone else).")
            .RequireAuthorization();
        return app;
    }

    public static Task<Results<Ok<Profile>, ProblemHttpResult>> Me([AsParameters] UserServices s) => ProfileOf(s.User.UserId(), s);

    public static async Task<Results<Ok<Profile>, ProblemHttpResult>> Get(Guid id, [AsParameters] UserServices s) =>
        s.User.FindUserId() == id || s.User.IsAdmin() || s.User.IsService()
            ? await ProfileOf(id, s)
            : NoSuchAccount();

    public static async Task<Results<Ok<Profile>, ValidationProblem, ProblemHttpResult>> UpdateProfile(UpdateProfileRequest body, [AsParameters] UserServices s)
    {
        var errors = new FieldErrors()
            .Check("name", Accounts.CheckName(body.Name, required: false))
            .Check("phone", Accounts.CheckPhone(body.Phone))
            .Check("username", Accounts.CheckUsername(body.Username));
        if (body is { Name: null, Phone: null, Username: null })
        {
            errors.Add("body", "Send at least one of name, phone, username.", "name, phone, username 중 하나 이상을 보내 주세요.");
        }

        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        var userId = s.User.UserId();
        var outcome = await s.Users.UpdateProfileAsync(userId, body.Name?.Trim(), string.IsNullOrWhiteSpace(body.Phone) ? null : body.Phone.Trim(),
            clearPhone: body.Phone is not null && body.Phone.Trim().Length == 0, body.Username?.Trim(), s.Ct);
        return outcome switch
        {
            null => NoSuchAccount(),
            CreateUserOutcome.UsernameTaken => AuthApi.Taken("username", "This username is taken.", "이미 사용 중인 사용자 이름입니다."),
            _ => (await ProfileOf(userId, s)).Result switch
            {
                Ok<Profile> ok => ok,
                _ => NoSuchAccount(),
            },
        };
    }

    public static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> ChangePassword(
        ChangePasswordRequest body, Passwords passwords, IOptions<IdentityOptions> options, [AsParameters] UserServices s)
    {
        var errors = new FieldErrors();
        if (string.IsNullOrEmpty(body.CurrentPassword))
        {
            errors.Add("currentPassword", "Send your current password.", "현재 비밀번호를 입력해 주세요.");
        }
        else if (body.CurrentPassword.Length > Accounts.MaxPasswordLength)
        {
            errors.Add("currentPassword", $"currentPassword must be at most {Accounts.MaxPasswordLength} characters.", $"현재 비밀번호는 {Accounts.MaxPasswordLength}자 이하여야 합니다.");
        }

        if (string.IsNullOrEmpty(body.NewPassword))
        {
            errors.Add("newPassword", "Send the new password.", "새 비밀번호를 입력해 주세요.");
        }

        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        if (await s.Users.FindAsync(s.User.UserId(), s.Ct) is not { PasswordHash: { } currentHash } user)
        {
            return NoSuchAccount();
        }

        if (LockoutPolicy.IsLocked(user.LockedByAdmin, user.LockedUntil, s.Clock.GetUtcNow()))
        {
            return Problems.Forbidden("Too many wrong passwords: the account is locked for a while. Try again later or reset the password by email.",
                "잘못된 비밀번호가 너무 많아 계정이 잠시 잠겼습니다. 나중에 다시 시도하거나 이메일로 비밀번호를 재설정해 주세요.", "account_locked");
        }

        // As for sign-in: someone holding the token but not the password gets the same lockout.
        if (passwords.Verify(currentHash, body.CurrentPassword!) == PasswordVerificationResult.Failed)
        {
            await s.Users.RecordFailedLoginAsync(user.Id, new LockoutPolicy(options.Value.MaxFailedLogins, TimeSpan.FromMinutes(options.Value.LockoutMinutes)), s.Ct);
            return Problems.Invalid("currentPassword", "The current password is wrong.", "현재 비밀번호가 틀렸습니다.");
        }

        var newPasswordError = Accounts.CheckPassword(body.NewPassword, user.Email, user.Username)
            ?? (body.NewPassword == body.CurrentPassword ? Localized.Text("The new password must differ from the current one.", "새 비밀번호는 현재 비밀번호와 달라야 합니다.") : null);
        if (newPasswordError is not null)
        {
            return Problems.Invalid(new FieldErrors().Add("newPassword", newPasswordError));
        }

        return await s.Users.ChangePasswordAsync(user, currentHash, passwords.Hash(body.NewPassword!), s.User.SessionId(), s.Ct)
            ? TypedResults.NoContent()
            : AuthApi.Taken("currentPassword", "The password was changed meanwhile; sign in again with the new one.", "그 사이 비밀번호가 바뀌었습니다. 새 비밀번호로 다시 로그인해 주세요.");
    }

    public static async Task<Results<Ok<Page<UserSummary>>, ValidationProblem>> List([AsParameters] ListUsersQuery query, [AsParameters] UserServices s)
    {
        var errors = new FieldErrors();
        var text = errors.OptionalText("query", query.Query, 100);
        if (query.Email is not null)
        {
            errors.Check("email", Accounts.CheckEmail(query.Email));
        }

        var role = query.Role is null ? null : errors.OneOf("role", query.Role, Roles.UserRoles.ToList(), required: false);
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        var limit = Paging.Limit(query.Limit);
        var after = Paging.Decode<Guid?>(query.Cursor);
        var page = await s.Users.ListAsync(text, query.Email is null ? null : Accounts.NormalizeEmail(query.Email), role, limit, after, s.Ct);
        var now = s.Clock.GetUtcNow();
        return TypedResults.Ok(new Page<UserSummary>(page.Items.Select(u => UserSummary.From(u, now)).ToList(), page.NextCursor));
    }

    public static async Task<Results<Ok<UserLookup>, ProblemHttpResult, ValidationProblem>> Lookup(string? email, [AsParameters] UserServices s)
    {
        if (Accounts.CheckEmail(email) is { } error)
        {
            return Problems.Invalid(new FieldErrors().Add("email", error));
        }

        return await s.Users.FindByEmailAsync(Accounts.NormalizeEmail(email!), s.Ct) is { } user
            ? TypedResults.Ok(new UserLookup(user.Id, user.Name, user.Email))
            : NoSuchAccount();
    }

    public static async Task<Results<Ok<UserSummary>, ValidationProblem, ProblemHttpResult>> SetRoles(Guid id, SetRolesRequest body, [AsParameters] UserServices s)
    {
        if (Accounts.CheckRoles(body.Roles) is { } error)
        {
            return Problems.Invalid(new FieldErrors().Add("roles", error));
        }

        var roles = body.Roles!.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        if (s.User.FindUserId() == id && !roles.Contains(Roles.Admin))
        {
            return AuthApi.Taken("roles", "You cannot remove your own admin role; ask another admin.", "자신의 admin 역할은 직접 뺄 수 없습니다. 다른 관리자에게 요청해 주세요.");
        }

        return await s.Users.SetRolesAsync(id, roles, s.Ct) is { } user
            ? TypedResults.Ok(UserSummary.From(user, s.Clock.GetUtcNow()))
            : NoSuchAccount();
    }

    public static async Task<Results<Ok<UserSummary>, ProblemHttpResult>> Lock(Guid id, [AsParameters] UserServices s) =>
        s.User.FindUserId() == id
            ? AuthApi.Taken("id", "You cannot lock your own account.", "자신의 계정은 잠글 수 없습니다.")
            : await SetLock(id, locked: true, s);

    public static Task<Results<Ok<UserSummary>, ProblemHttpResult>> Unlock(Guid id, [AsParameters] UserServices s) => SetLock(id, locked: false, s);

    public static Task<Results<NoContent, ProblemHttpResult>> DeleteMe([AsParameters] UserServices s) => DeleteAccount(s.User.UserId(), s);

    public static async Task<Results<NoContent, ProblemHttpResult>> Delete(Guid id, [AsParameters] UserServices s) =>
        s.User.FindUserId() == id || s.User.IsAdmin() ? await DeleteAccount(id, s) : NoSuchAccount();

    private static async Task<Results<Ok<Profile>, ProblemHttpResult>> ProfileOf(Guid id, UserServices s)
    {
        var user = await s.Users.FindAsync(id, s.Ct);
        return user is null ? NoSuchAccount() : TypedResults.Ok(Profile.From(user, await s.Memberships.ListAsync(id, s.Ct)));
    }

    private static async Task<Results<Ok<UserSummary>, ProblemHttpResult>> SetLock(Guid id, bool locked, UserServices s) =>
        await s.Users.SetLockAsync(id, locked, s.Ct) is { } user ? TypedResults.Ok(UserSummary.From(user, s.Clock.GetUtcNow())) : NoSuchAccount();

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAccount(Guid id, UserServices s) =>
        await s.Users.DeleteAsync(id, s.Ct) ? TypedResults.NoContent() : NoSuchAccount();

    internal static ProblemHttpResult NoSuchAccount() => Problems.NotFound("account", "계정");
}

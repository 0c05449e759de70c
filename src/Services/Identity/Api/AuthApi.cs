using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Brigade.Api;
using Brigade.Identity.Data;
using Brigade.Identity.Domain;
using Brigade.Security;
using Brigade.ServiceDefaults;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Brigade.Identity.Api;

// Requests: every field nullable so a missing one is a precise 400, not a binding failure.
public sealed record RegisterRequest(string? Email, string? Password, string? Name, string? Username, string? Phone, string? AccountType);

public sealed record LoginRequest(string? Username, string? Email, string? Password);

public sealed record RefreshRequest(string? RefreshToken);

public sealed record LogoutRequest(string? RefreshToken);

public sealed record ServiceTokenRequest(string? GrantType, string? ClientId, string? ClientSecret);

public sealed record VerifyEmailRequest(string? Token);

public sealed record ForgotPasswordRequest(string? Email);

/// <summary><c>newPassword</c> (or <c>password</c>) replaces the forgotten one.</summary>
public sealed record ResetPasswordRequest(string? Token, string? NewPassword, string? Password);

public sealed record RegisteredUser(Guid Id, string Email, string? Username, string Name, IReadOnlyList<string> Roles);

public sealed record RotatedKey(string KeyId, DateTimeOffset ActivatesAt);

/// <summary>What the auth endpoints use besides the request body.</summary>
public sealed record AuthServices(UserStore Users, Sessions Sessions, Passwords Passwords, IOptions<IdentityOptions> Options, TimeProvider Clock, HttpContext Http)
    : IApiRequest;

/// <summary>Everything under <c>/api/auth</c>: accounts in, tokens out.</summary>
public static class AuthApi
{
    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/api/auth").WithTags("Auth");

        auth.MapPost("/register", Register).WithName("Register")
            .WithSummary("Create an account (anyone). accountType: diner (default), business (owner) or worker.")
            .AllowAnonymous().RequireRateLimiting(RateLimitPolicies.Register).ProducesProblem(StatusCodes.Status409Conflict);
        auth.MapPost("/login", Login).WithName("Login")
            .WithSummary("Sign in with username or email and password (anyone); returns an access and a refresh token.")
            .AllowAnonymous().RequireRateLimiting(RateLimitPolicies.Login).ProducesProblem(StatusCodes.Status401Unauthorized);
        auth.MapPost("/refresh", Refresh).WithName("Refresh")
            .WithSummary("Exchange a refresh token for a new pair (anyone holding one); a used refresh token ends its session.")
            .AllowAnonymous().RequireRateLimiting(RateLimitPolicies.Login).ProducesProblem(StatusCodes.Status401Unauthorized);
        auth.MapPost("/logout", Logout).WithName("Logout")
            .WithSummary("End the session of the access token and/or of the refresh token sent (anyone); always 204.")
            .AllowAnonymous();
        auth.MapPost("/token", IssueServiceToken).WithName("IssueServiceToken")
            .WithSummary("Client credentials (Brigade services): a service token for client_id and the shared client secret.")
            .Accepts<ServiceTokenRequest>("application/json", "application/x-www-form-urlencoded")
            .AllowAnonymous().RequireRateLimiting(RateLimitPolicies.ServiceToken).ProducesProblem(StatusCodes.Status401Unauthorized);
        auth.MapGet("/jwks", Jwks).WithName("Jwks")
            .WithSummary("The public keys access tokens are signed with (anyone).")
            .AllowAnonymous();
        auth.MapPost("/keys/rotate", RotateKey).WithName("RotateSigningKey")
            .WithSummary("Schedule a new signing key now (admin): published at once, signing after the publish lead.")
            .RequireAuthorization(Policies.Admin);
        auth.MapPost("/verify-email", VerifyEmail).WithName("VerifyEmail")
            .WithSummary("Confirm the email address with the emailed token (anyone holding it).")
            .AllowAnonymous().RequireRateLimiting(RateLimitPolicies.Recovery);
        auth.MapPost("/verify-email/resend", ResendVerification).WithName("ResendEmailVerification")
            .WithSummary("Send a new verification email (signed-in user whose address is unverified).")
            .RequireAuthorization(Policies.User).RequireRateLimiting(RateLimitPolicies.Recovery)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        auth.MapPost("/forgot-password", ForgotPassword).WithName("ForgotPassword")
            .WithSummary("Email a password-reset token if the address has an account (anyone); always 202.")
            .AllowAnonymous().RequireRateLimiting(RateLimitPolicies.Recovery);
        auth.MapPost("/reset-password", ResetPassword).WithName("ResetPassword")
            .WithSummary("Set a new password with the emailed reset token (anyone holding it); ends every session.")
            .AllowAnonymous().RequireRateLimiting(RateLimitPolicies.Recovery);
        return app;
    }

    public static async Task<Results<Created<RegisteredUser>, ValidationProblem, ProblemHttpResult>> Register(RegisterRequest body, [AsParameters] AuthServices s)
    {
        var errors = new FieldErrors()
            .Check("email", Accounts.CheckEmail(body.Email))
            .Check("name", Accounts.CheckName(body.Name, required: true))
            .Check("username", Accounts.CheckUsername(body.Username))
            .Check("phone", Accounts.CheckPhone(body.Phone))
            .Check("password", Accounts.CheckPassword(body.Password, body.Email, body.Username))
            .Check("accountType", Accounts.CheckAccountType(body.AccountType));
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        var user = new NewUser(Guid.CreateVersion7(), body.Email!.Trim(), body.Username?.Trim(), body.Name!.Trim(),
            string.IsNullOrWhiteSpace(body.Phone) ? null : body.Phone.Trim(), s.Passwords.Hash(body.Password!), [.. Accounts.RolesFor(body.AccountType)!]);
        var outcome = await s.Users.CreateAsync(user, OpaqueTokens.Create(), TimeSpan.FromHours(s.Options.Value.EmailVerificationHours), s.Ct);
        return outcome switch
        {
            CreateUserOutcome.EmailTaken => Taken("email", "An account with this email address already exists.", "이 이메일 주소로 된 계정이 이미 있습니다."),
            CreateUserOutcome.UsernameTaken => Taken("username", "This username is taken.", "이미 사용 중인 사용자 이름입니다."),
            _ => TypedResults.Created($"/api/users/{user.Id}", new RegisteredUser(user.Id, user.Email, user.Username, user.Name, user.Roles)),
        };
    }

    public static async Task<Results<Ok<TokenResponse>, ValidationProblem, ProblemHttpResult>> Login(
        LoginRequest body, AccountLoginLimiter accountLimiter, [AsParameters] AuthServices s)
    {
        var identifier = string.IsNullOrWhiteSpace(body.Username) ? body.Email : body.Username;
        var errors = new FieldErrors();
        if (string.IsNullOrWhiteSpace(identifier))
        {
            errors.Add("username", "Send username or email.", "사용자 이름이나 이메일을 입력해 주세요.");
        }
        else if (identifier.Length > Accounts.MaxEmailLength)
        {
            errors.Add("username", $"username must be at most {Accounts.MaxEmailLength} characters.", $"사용자 이름은 {Accounts.MaxEmailLength}자 이하여야 합니다.");
        }

        if (string.IsNullOrEmpty(body.Password))
        {
            errors.Add("password", "Password is required.", "비밀번호를 입력해 주세요.");
        }
        else if (body.Password.Length > Accounts.MaxPasswordLength)
        {
            errors.Add("password", $"Password must be at most {Accounts.MaxPasswordLength} characters.", $"비밀번호는 {Accounts.MaxPasswordLength}자 이하여야 합니다.");
        }

        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        var login = Accounts.NormalizeLogin(identifier!);
        if (!accountLimiter.TryAcquire(login, out var retryAfter))
        {
            return (ProblemHttpResult)RateLimitPolicies.TooManyRequests(s.Http, retryAfter);
        }

        var user = await s.Users.FindByLoginAsync(login, s.Ct);
        if (user?.PasswordHash is null)
        {
            s.Passwords.VerifyDummy(body.Password!); // as slow as a wrong password
            return InvalidCredentials();
        }

        var verdict = s.Passwords.Verify(user.PasswordHash, body.Password!);
        if (LockoutPolicy.IsLocked(user.LockedByAdmin, user.LockedUntil, s.Clock.GetUtcNow()))
        {
            return InvalidCredentials();
        }

        if (verdict == PasswordVerificationResult.Failed)
        {
            var settings = s.Options.Value;
            await s.Users.RecordFailedLoginAsync(user.Id, new LockoutPolicy(settings.MaxFailedLogins, TimeSpan.FromMinutes(settings.LockoutMinutes)), s.Ct);
            return InvalidCredentials();
        }

        var rehash = verdict == PasswordVerificationResult.SuccessRehashNeeded ? s.Passwords.Hash(body.Password!) : null;
        return TypedResults.Ok(await s.Sessions.StartAsync(user, rehash, s.Ct));
    }

    public static async Task<Results<Ok<TokenResponse>, ValidationProblem, ProblemHttpResult>> Refresh(RefreshRequest body, [AsParameters] AuthServices s)
    {
        if (string.IsNullOrEmpty(body.RefreshToken) || body.RefreshToken.Length > OpaqueTokens.MaxLength)
        {
            return Problems.Invalid("refreshToken", "Send the refresh token from login or the last refresh.", "로그인이나 마지막 갱신에서 받은 리프레시 토큰을 보내 주세요.");
        }

        var (tokens, failure) = await s.Sessions.RefreshAsync(body.RefreshToken, s.Ct);
        return tokens is not null
            ? TypedResults.Ok(tokens)
            : Problems.Problem(StatusCodes.Status401Unauthorized, "Invalid refresh token", failure switch
            {
                RefreshFailure.Reused => Localized.Text("This refresh token was already used; the session has been ended. Sign in again.",
                    "이미 사용된 리프레시 토큰입니다. 세션을 종료했으니 다시 로그인해 주세요."),
                RefreshFailure.Expired => Localized.Text("The refresh token has expired. Sign in again.", "리프레시 토큰이 만료되었습니다. 다시 로그인해 주세요."),
                RefreshFailure.Ended => Localized.Text("The session has ended. Sign in again.", "세션이 종료되었습니다. 다시 로그인해 주세요."),
                _ => Localized.Text("Unknown refresh token. Sign in again.", "알 수 없는 리프레시 토큰입니다. 다시 로그인해 주세요."),
            }, code: "refresh_" + failure.ToString().ToLowerInvariant());
    }

    public static async Task<NoContent> Logout(
        [FromBody(EmptyBodyBehavior = Microsoft.AspNetCore.Mvc.ModelBinding.EmptyBodyBehavior.Allow)] LogoutRequest? body, [AsParameters] AuthServices s)
    {
        await s.Sessions.EndAsync(s.User, body?.RefreshToken, s.Ct);
        return TypedResults.NoContent();
    }

    public static async Task<Results<Ok<ServiceTokenResponse>, ValidationProblem, ProblemHttpResult>> IssueServiceToken(
        IConfiguration configuration, [AsParameters] AuthServices s)
    {
        var body = await ReadClientCredentialsAsync(s.Http.Request, s.Ct);
        if (body is null)
        {
            return Problems.Invalid("body", "Send JSON { clientId, clientSecret } or a form with client_id and client_secret.",
                "JSON { clientId, clientSecret } 또는 client_id와 client_secret이 담긴 폼을 보내 주세요.");
        }

        var errors = new FieldErrors();
        if (body.GrantType is not (null or "client_credentials"))
        {
            errors.Add("grantType", "grantType must be client_credentials.", "grantType은(는) client_credentials여야 합니다.");
        }

        if (body.ClientId is not { Length: >= 2 and <= 64 } id || !id.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
        {
            errors.Add("clientId", "clientId must be 2 to 64 lower-case letters, digits or '-' (the calling service's name).",
                "clientId은(는) 영문 소문자, 숫자, '-'로 된 2~64자(호출하는 서비스 이름)여야 합니다.");
        }

        if (string.IsNullOrEmpty(body.ClientSecret))
        {
            errors.Missing("clientSecret");
        }

        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        var expected = SHA256.HashData(Encoding.UTF8.GetBytes(configuration.GetRequired("ServiceAuth:ClientSecret")));
        var given = SHA256.HashData(Encoding.UTF8.GetBytes(body.ClientSecret!));
        if (!CryptographicOperations.FixedTimeEquals(expected, given))
        {
            return Problems.Problem(StatusCodes.Status401Unauthorized, "invalid_client",
                Localized.Text("Unknown client or wrong client secret.", "알 수 없는 클라이언트이거나 클라이언트 비밀이 틀렸습니다."), code: "invalid_client");
        }

        return TypedResults.Ok(await s.Sessions.IssueServiceTokenAsync(body.ClientId!, s.Ct));
    }

    public static async Task<Ok<JwksDocument>> Jwks(SigningKeyRing keys, HttpContext http, CancellationToken ct)
    {
        http.Response.Headers.CacheControl = "public, max-age=300";
        return TypedResults.Ok(await keys.GetPublishedAsync(ct));
    }

    public static async Task<Ok<RotatedKey>> RotateKey(SigningKeyRing keys, CancellationToken ct)
    {
        var key = await keys.RotateAsync(ct);
        return TypedResults.Ok(new RotatedKey(key.KeyId, key.ActivatesAt));
    }

    public static async Task<Results<NoContent, ValidationProblem>> VerifyEmail(VerifyEmailRequest body, [AsParameters] AuthServices s)
    {
        if (string.IsNullOrEmpty(body.Token) || body.Token.Length > OpaqueTokens.MaxLength)
        {
            return Problems.Invalid("token", "Send the token from the verification email.", "확인 메일에 있는 토큰을 보내 주세요.");
        }

        return await s.Users.VerifyEmailAsync(body.Token, s.Ct)
            ? TypedResults.NoContent()
            : Problems.Invalid("token", "This verification token is unknown, used or expired; ask for a new one.",
                "알 수 없거나 이미 쓰였거나 만료된 확인 토큰입니다. 새로 요청해 주세요.");
    }

    public static async Task<Results<Accepted, ProblemHttpResult>> ResendVerification([AsParameters] AuthServices s) =>
        await s.Users.RenewEmailVerificationAsync(s.User.UserId(), TimeSpan.FromHours(s.Options.Value.EmailVerificationHours), s.Ct) switch
        {
            VerificationRenewal.NotFound => Problems.NotFound("account", "계정"),
            VerificationRenewal.AlreadyVerified => Taken("email", "The email address is already verified.", "이메일 주소가 이미 확인되었습니다."),
            _ => TypedResults.Accepted((string?)null),
        };

    public static async Task<Results<Accepted, ValidationProblem>> ForgotPassword(ForgotPasswordRequest body, [AsParameters] AuthServices s)
    {
        if (Accounts.CheckEmail(body.Email) is { } error)
        {
            return Problems.Invalid(new FieldErrors().Add("email", error));
        }

        // The answer is the same whether or not the address has an account.
        if (await s.Users.FindByEmailAsync(Accounts.NormalizeEmail(body.Email!), s.Ct) is { PasswordHash: not null } user)
        {
            await s.Users.RequestPasswordResetAsync(user, TimeSpan.FromMinutes(s.Options.Value.PasswordResetMinutes), s.Ct);
        }

        return TypedResults.Accepted((string?)null);
    }

    public static async Task<Results<NoContent, ValidationProblem>> ResetPassword(ResetPasswordRequest body, [AsParameters] AuthServices s)
    {
        if (string.IsNullOrEmpty(body.Token) || body.Token.Length > OpaqueTokens.MaxLength)
        {
            return Problems.Invalid("token", "Send the token from the password-reset email.", "비밀번호 재설정 메일에 있는 토큰을 보내 주세요.");
        }

        var (outcome, problem) = await s.Users.ResetPasswordAsync(body.Token, body.NewPassword ?? body.Password, s.Ct);
        return outcome switch
        {
            PasswordReset.WeakPassword => Problems.Invalid(new FieldErrors().Add("newPassword", problem!)),
            PasswordReset.InvalidToken => Problems.Invalid("token", "This reset token is unknown, used or expired; ask for a new one.",
                "알 수 없거나 이미 쓰였거나 만료된 재설정 토큰입니다. 새로 요청해 주세요."),
            _ => TypedResults.NoContent(),
        };
    }

    /// <summary>409 for a value someone else holds or a state that forbids the change, naming the field like a validation error.</summary>
    internal static ProblemHttpResult Taken(string field, string en, string ko)
    {
        var message = Localized.Text(en, ko);
        return Problems.Problem(StatusCodes.Status409Conflict, "Conflict", message,
            extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [field] = [message] } });
    }

    private static ProblemHttpResult InvalidCredentials() =>
        Problems.Problem(StatusCodes.Status401Unauthorized, "Invalid credentials", Localized.Text(
            "The username or email and password do not match an account that may sign in now.",
            "사용자 이름(또는 이메일)과 비밀번호가 지금 로그인할 수 있는 계정과 맞지 않습니다."), code: "invalid_credentials");

    private static async Task<ServiceTokenRequest?> ReadClientCredentialsAsync(HttpRequest request, CancellationToken ct)
    {
        try
        {
            if (request.HasFormContentType)
            {
                var form = await request.ReadFormAsync(ct);
                return new ServiceTokenRequest(form["grant_type"].FirstOrDefault(), form["client_id"].FirstOrDefault(), form["client_secret"].FirstOrDefault());
            }

            return await request.ReadFromJsonAsync<ServiceTokenRequest>(JsonSerializerOptions.Web, ct);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or InvalidDataException or BadHttpRequestException)
        {
            return null;
        }
    }
}

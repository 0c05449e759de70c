using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Brigade.Contracts.Identity;
using Brigade.Identity.Data;
using Brigade.Identity.Domain;
using Brigade.Messaging;
using Brigade.Security;
using Brigade.ServiceDefaults;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Brigade.Identity.Api;

/// <summary>Everything under <c>/api/auth</c>: accounts in, tokens out.</summary>
public static class AuthApi
{
    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/api/auth").WithTags("Auth");

        auth.MapPost("/register", Register).WithName("Register")
            .WithSummary("Create an account (anyone). accountType: diner (default), business (owner) or worker.")
            .AllowAnonymous().RequireRateLimiting(RateLimits.Register);
        auth.MapPost("/login", Login).WithName("Login")
            .WithSummary("Sign in with username or email and password (anyone); returns an access and a refresh token.")
            .AllowAnonymous().RequireRateLimiting(RateLimits.Login);
        auth.MapPost("/refresh", Refresh).WithName("Refresh")
            .WithSummary("Exchange a refresh token for a new pair (anyone holding one); a used refresh token ends its session.")
            .AllowAnonymous().RequireRateLimiting(RateLimits.Login);
        auth.MapPost("/logout", Logout).WithName("Logout")
            .WithSummary("End the session of the access token and/or of the refresh token sent (anyone); always 204.")
            .AllowAnonymous();
        auth.MapPost("/token", IssueServiceToken).WithName("IssueServiceToken")
            .WithSummary("Client credentials (Brigade services): a service token for client_id and the shared client secret.")
            .Accepts<ServiceTokenRequest>("application/json", "application/x-www-form-urlencoded")
            .AllowAnonymous().RequireRateLimiting(RateLimits.ServiceToken);
        auth.MapGet("/jwks", Jwks).WithName("Jwks")
            .WithSummary("The public keys access tokens are signed with (anyone).")
            .AllowAnonymous();
        auth.MapPost("/keys/rotate", RotateKey).WithName("RotateSigningKey")
            .WithSummary("Schedule a new signing key now (admin): published at once, signing after the publish lead.")
            .RequireAuthorization(Policies.Admin);
        auth.MapPost("/verify-email", VerifyEmail).WithName("VerifyEmail")
            .WithSummary("Confirm the email address with the emailed token (anyone holding it).")
            .AllowAnonymous().RequireRateLimiting(RateLimits.Recovery);
        auth.MapPost("/verify-email/resend", ResendVerification).WithName("ResendEmailVerification")
            .WithSummary("Send a new verification email (signed-in user whose address is unverified).")
            .RequireAuthorization(Policies.User).RequireRateLimiting(RateLimits.Recovery);
        auth.MapPost("/forgot-password", ForgotPassword).WithName("ForgotPassword")
            .WithSummary("Email a password-reset token if the address has an account (anyone); always 202.")
            .AllowAnonymous().RequireRateLimiting(RateLimits.Recovery);
        auth.MapPost("/reset-password", ResetPassword).WithName("ResetPassword")
            .WithSummary("Set a new password with the emailed reset token (anyone holding it); ends every session.")
            .AllowAnonymous().RequireRateLimiting(RateLimits.Recovery);
        return app;
    }

    public static async Task<Results<Created<RegisteredUser>, ValidationProblem, ProblemHttpResult>> Register(
        RegisterRequest body, UserStore users, Passwords passwords, IOptions<IdentityOptions> options, CancellationToken ct)
    {
        var roles = Accounts.RolesFor(body.AccountType);
        var errors = new FieldErrors()
            .Check("email", Accounts.CheckEmail(body.Email))
            .Check("name", Accounts.CheckName(body.Name, required: true))
            .Check("username", Accounts.CheckUsername(body.Username))
            .Check("phone", Accounts.CheckPhone(body.Phone))
            .Check("password", Accounts.CheckPassword(body.Password, body.Email, body.Username))
            .Check("accountType", roles is null ? "accountType must be diner, business or worker." : null);
        if (errors.Any)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        var user = new NewUser(Guid.CreateVersion7(), body.Email!.Trim(), body.Username?.Trim(), body.Name!.Trim(),
            string.IsNullOrWhiteSpace(body.Phone) ? null : body.Phone.Trim(), passwords.Hash(body.Password!), [.. roles!]);
        var outcome = await users.CreateAsync(user, OpaqueTokens.Create(), TimeSpan.FromHours(options.Value.EmailVerificationHours), ct);
        return outcome switch
        {
            CreateUserOutcome.EmailTaken => Conflict("email", "An account with this email address already exists."),
            CreateUserOutcome.UsernameTaken => Conflict("username", "This username is taken."),
            _ => TypedResults.Created($"/api/users/{user.Id}", new RegisteredUser(user.Id, user.Email, user.Username, user.Name, user.Roles)),
        };
    }

    public static async Task<Results<Ok<TokenResponse>, ValidationProblem, ProblemHttpResult>> Login(
        LoginRequest body, UserStore users, Passwords passwords, Sessions sessions, AccountLoginLimiter accountLimiter,
        IOptions<IdentityOptions> options, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var identifier = string.IsNullOrWhiteSpace(body.Username) ? body.Email : body.Username;
        var errors = new FieldErrors()
            .Check("username", string.IsNullOrWhiteSpace(identifier) ? "Send username or email." : identifier.Length > Accounts.MaxEmailLength ? "Too long." : null)
            .Check("password", string.IsNullOrEmpty(body.Password) ? "Password is required." : body.Password.Length > Accounts.MaxPasswordLength ? "Too long." : null);
        if (errors.Any)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        var login = Accounts.NormalizeLogin(identifier!);
        if (!accountLimiter.TryAcquire(login, out var retryAfter))
        {
            return (ProblemHttpResult)RateLimits.TooManyRequests(http, retryAfter);
        }

        var user = await users.FindByLoginAsync(login, ct);
        if (user?.PasswordHash is null)
        {
            passwords.VerifyDummy(body.Password!); // as slow as a wrong password
            return InvalidCredentials();
        }

        var verdict = passwords.Verify(user.PasswordHash, body.Password!);
        if (LockoutPolicy.IsLocked(user.LockedByAdmin, user.LockedUntil, clock.GetUtcNow()))
        {
            return InvalidCredentials();
        }

        if (verdict == PasswordVerificationResult.Failed)
        {
            var settings = options.Value;
            await users.RecordFailedLoginAsync(user.Id, new LockoutPolicy(settings.MaxFailedLogins, TimeSpan.FromMinutes(settings.LockoutMinutes)), ct);
            return InvalidCredentials();
        }

        var rehash = verdict == PasswordVerificationResult.SuccessRehashNeeded ? passwords.Hash(body.Password!) : null;
        return TypedResults.Ok(await sessions.StartAsync(user, rehash, ct));
    }

    public static async Task<Results<Ok<TokenResponse>, ValidationProblem, ProblemHttpResult>> Refresh(
        RefreshRequest body, Sessions sessions, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(body.RefreshToken) || body.RefreshToken.Length > OpaqueTokens.MaxLength)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["refreshToken"] = ["Send the refresh token from login or the last refresh."] });
        }

        var (tokens, failure) = await sessions.RefreshAsync(body.RefreshToken, ct);
        return tokens is not null
            ? TypedResults.Ok(tokens)
            : TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Invalid refresh token", detail: failure switch
            {
                RefreshFailure.Reused => "This refresh token was already used; the session has been ended. Sign in again.",
                RefreshFailure.Expired => "The refresh token has expired. Sign in again.",
                RefreshFailure.Ended => "The session has ended. Sign in again.",
                _ => "Unknown refresh token. Sign in again.",
            });
    }

    public static async Task<NoContent> Logout(
        [FromBody(EmptyBodyBehavior = Microsoft.AspNetCore.Mvc.ModelBinding.EmptyBodyBehavior.Allow)] LogoutRequest? body,
        ClaimsPrincipal user, Sessions sessions, CancellationToken ct)
    {
        await sessions.EndAsync(user, body?.RefreshToken, ct);
        return TypedResults.NoContent();
    }

    public static async Task<Results<Ok<ServiceTokenResponse>, ValidationProblem, ProblemHttpResult>> IssueServiceToken(
        HttpRequest request, Sessions sessions, IConfiguration configuration, CancellationToken ct)
    {
        var body = await ReadClientCredentialsAsync(request, ct);
        if (body is null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["body"] = ["Send JSON { clientId, clientSecret } or a form with client_id and client_secret."] });
        }

        var errors = new FieldErrors()
            .Check("grantType", body.GrantType is null or "client_credentials" ? null : "grantType must be client_credentials.")
            .Check("clientId", body.ClientId is { Length: >= 2 and <= 64 } id && id.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')
                ? null : "clientId must be 2 to 64 lower-case letters, digits or '-' (the calling service's name).")
            .Check("clientSecret", string.IsNullOrEmpty(body.ClientSecret) ? "clientSecret is required." : null);
        if (errors.Any)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        var expected = SHA256.HashData(Encoding.UTF8.GetBytes(configuration.GetRequired("ServiceAuth:ClientSecret")));
        var given = SHA256.HashData(Encoding.UTF8.GetBytes(body.ClientSecret!));
        if (!CryptographicOperations.FixedTimeEquals(expected, given))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "invalid_client", detail: "Unknown client or wrong client secret.");
        }

        return TypedResults.Ok(await sessions.IssueServiceTokenAsync(body.ClientId!, ct));
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

    public static async Task<Results<NoContent, ValidationProblem>> VerifyEmail(
        VerifyEmailRequest body, NpgsqlDataSource db, IOutbox outbox, TimeProvider clock, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(body.Token) || body.Token.Length > OpaqueTokens.MaxLength)
        {
            return InvalidToken("token", "Send the token from the verification email.");
        }

        var now = clock.GetUtcNow();
        var verified = await db.InTransactionAsync(async (c, tx) =>
        {
            if (await OneTimeTokenStore.ConsumeAsync(c, tx, OneTimeTokenStore.VerifyEmail, body.Token, now, ct) is not { } userId)
            {
                return false;
            }

            if (await UserStore.MarkEmailVerifiedAsync(c, tx, userId, now, ct) == 1 && await UserStore.FindAsync(c, tx, userId, false, ct) is { } user)
            {
                await outbox.AddAsync(c, tx, new UserVerified(userId, user.Email, now), ct);
            }

            return true;
        }, ct);
        return verified ? TypedResults.NoContent() : InvalidToken("token", "This verification token is unknown, used or expired; ask for a new one.");
    }

    public static async Task<Results<Accepted, NotFound, ProblemHttpResult>> ResendVerification(
        ClaimsPrincipal caller, NpgsqlDataSource db, IOutbox outbox, TimeProvider clock, IOptions<IdentityOptions> options, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var outcome = await db.InTransactionAsync(async (c, tx) =>
        {
            var user = await UserStore.FindAsync(c, tx, caller.UserId(), forUpdate: true, ct);
            if (user is null || user.EmailVerifiedAt is not null)
            {
                return user is null ? 404 : 409;
            }

            await OneTimeTokenStore.RetireAsync(c, tx, user.Id, OneTimeTokenStore.VerifyEmail, now, ct);
            var token = OpaqueTokens.Create();
            var expiresAt = await OneTimeTokenStore.CreateAsync(c, tx, user.Id, OneTimeTokenStore.VerifyEmail, token, now, TimeSpan.FromHours(options.Value.EmailVerificationHours), ct);
            await outbox.AddAsync(c, tx, new EmailVerificationRequested(user.Id, user.Email, user.Name, token, expiresAt), ct);
            return 202;
        }, ct);
        return outcome switch
        {
            404 => TypedResults.NotFound(),
            409 => Conflict("email", "The email address is already verified."),
            _ => TypedResults.Accepted((string?)null),
        };
    }

    public static async Task<Results<Accepted, ValidationProblem>> ForgotPassword(
        ForgotPasswordRequest body, UserStore users, NpgsqlDataSource db, IOutbox outbox, TimeProvider clock, IOptions<IdentityOptions> options, CancellationToken ct)
    {
        if (Accounts.CheckEmail(body.Email) is { } error)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["email"] = [error] });
        }

        // The answer is the same whether or not the address has an account.
        if (await users.FindByEmailAsync(Accounts.NormalizeEmail(body.Email!), ct) is { PasswordHash: not null } user)
        {
            var now = clock.GetUtcNow();
            await db.InTransactionAsync(async (c, tx) =>
            {
                await OneTimeTokenStore.RetireAsync(c, tx, user.Id, OneTimeTokenStore.ResetPassword, now, ct);
                var token = OpaqueTokens.Create();
                var expiresAt = await OneTimeTokenStore.CreateAsync(c, tx, user.Id, OneTimeTokenStore.ResetPassword, token, now, TimeSpan.FromMinutes(options.Value.PasswordResetMinutes), ct);
                await outbox.AddAsync(c, tx, new PasswordResetRequested(user.Id, user.Email, user.Name, token, expiresAt), ct);
                return true;
            }, ct);
        }

        return TypedResults.Accepted((string?)null);
    }

    public static async Task<Results<NoContent, ValidationProblem>> ResetPassword(
        ResetPasswordRequest body, NpgsqlDataSource db, Passwords passwords, Sessions sessions, TimeProvider clock, CancellationToken ct)
    {
        var newPassword = body.NewPassword ?? body.Password;
        if (string.IsNullOrEmpty(body.Token) || body.Token.Length > OpaqueTokens.MaxLength)
        {
            return InvalidToken("token", "Send the token from the password-reset email.");
        }

        var now = clock.GetUtcNow();
        string? passwordError = null;
        IReadOnlyList<RevokedAccessToken> ended = [];
        try
        {
            await db.InTransactionAsync<bool>(async (c, tx) =>
            {
                if (await OneTimeTokenStore.ConsumeAsync(c, tx, OneTimeTokenStore.ResetPassword, body.Token, now, ct) is not { } userId
                    || await UserStore.FindAsync(c, tx, userId, forUpdate: true, ct) is not { } user)
                {
                    throw new InvalidResetToken();
                }

                passwordError = Accounts.CheckPassword(newPassword, user.Email, user.Username);
                if (passwordError is not null)
                {
                    throw new InvalidResetToken(); // roll back: the token stays usable
                }

                await UserStore.SetPasswordAsync(c, tx, userId, passwords.Hash(newPassword!), now, ct);
                ended = await sessions.EndAllAsync(c, tx, userId, "password reset", now, ct);
                return true;
            }, ct);
        }
        catch (InvalidResetToken)
        {
            return passwordError is not null
                ? TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["newPassword"] = [passwordError] })
                : InvalidToken("token", "This reset token is unknown, used or expired; ask for a new one.");
        }

        sessions.Apply(ended);
        return TypedResults.NoContent();
    }

    internal static ProblemHttpResult Conflict(string field, string message) =>
        TypedResults.Problem(new ProblemDetails
        {
            Status = StatusCodes.Status409Conflict,
            Title = "Conflict",
            Detail = message,
            Extensions = { ["errors"] = new Dictionary<string, string[]> { [field] = [message] } },
        });

    private static ProblemHttpResult InvalidCredentials() =>
        TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Invalid credentials",
            detail: "The username or email and password do not match an account that may sign in now.");

    private static ValidationProblem InvalidToken(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });

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

    private sealed class InvalidResetToken : Exception;
}

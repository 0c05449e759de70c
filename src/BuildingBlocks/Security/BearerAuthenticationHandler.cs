using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Brigade.Security;

/// <summary>
/// The <c>Bearer</c> scheme: reads the access token from <c>Authorization: Bearer …</c> (or, for
/// SignalR WebSockets under <c>/hubs/</c>, the <c>access_token</c> query parameter), validates it with
/// <see cref="AccessTokenValidator"/>, and answers 401/403 as problem details.
/// </summary>
public sealed class BearerAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    AccessTokenValidator validator)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Bearer";

    private TokenValidationResult? _failure;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var token = ReadToken(Request);
        if (token is null)
        {
            return AuthenticateResult.NoResult();
        }

        var result = await validator.ValidateAsync(token, Context.RequestAborted);
        if (!result.Succeeded)
        {
            _failure = result;
            Logger.LogDebug("Access token refused: {Failure} ({Detail})", result.Failure, result.Detail);
            return AuthenticateResult.Fail(result.Detail);
        }

        return AuthenticateResult.Success(new AuthenticationTicket(result.Principal!, SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = _failure is null
            ? "Bearer"
            : $"Bearer error=\"invalid_token\", error_description=\"{_failure.Detail}\"";
        var detail = _failure is null
            ? "Sign in first: send an access token as 'Authorization: Bearer <token>'."
            : $"The access token was refused: {_failure.Detail}.";
        return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized", detail: detail).ExecuteAsync(Context);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: "Your account is not allowed to do this.")
            .ExecuteAsync(Context);

    /// <summary>The request presents an access token (the edge authenticates only those).</summary>
    public static bool HasToken(HttpRequest request) => ReadToken(request) is not null;

    private static string? ReadToken(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            var token = header["Bearer ".Length..].Trim();
            return token.Length > 0 ? token : null;
        }

        // Browsers cannot set headers on WebSocket requests; SignalR sends the token in the query instead.
        if (request.Path.StartsWithSegments("/hubs") && request.Query["access_token"].ToString() is { Length: > 0 } queryToken)
        {
            return queryToken;
        }

        return null;
    }
}

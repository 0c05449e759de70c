using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Brigade.Security;

public static class SecurityExtensions
{
    /// <summary>
    /// Registers the <c>Bearer</c> scheme (JwtBearer with <see cref="AccessTokenHandler"/>: ES256 access
    /// tokens, revoked ones refused, 401/403 as problem details), the <see cref="Policies"/>, and the
    /// restaurant-membership requirement. Keys come from the fixed set in <c>Security:Jwks</c> when given,
    /// else from the JWKS at <c>Security:JwksUrl</c> (default: the first <c>Services:identity</c> URL +
    /// <c>/api/auth/jwks</c>). A service that owns the keys (identity) registers its own
    /// <see cref="IValidationKeys"/> after this.
    /// </summary>
    public static IServiceCollection AddBrigadeSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SecurityOptions>().Bind(configuration.GetSection(SecurityOptions.Section))
            .Validate(o => o.ClockSkewSeconds is >= 0 and <= 300, "Security:ClockSkewSeconds must be 0 to 300.")
            .Validate(o => o.MaxTokenBytes >= 512, "Security:MaxTokenBytes must be at least 512.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<RevokedTokens>();
        services.AddHttpClient(JwksClient.HttpClientName, http =>
        {
            http.Timeout = TimeSpan.FromSeconds(5);
            http.MaxResponseContentBufferSize = 256 * 1024;
        });
        services.TryAddSingleton<JwksClient>();
        services.TryAddSingleton<IValidationKeys>(sp =>
        {
            var fixedSet = sp.GetRequiredService<IOptions<SecurityOptions>>().Value.Jwks;
            return string.IsNullOrWhiteSpace(fixedSet)
                ? sp.GetRequiredService<JwksClient>()
                : StaticValidationKeys.Parse(fixedSet);
        });
        services.TryAddSingleton<AccessTokenHandler>();
        services.TryAddSingleton<AccessTokenValidator>();

        services.AddAuthentication(BearerAuthenticationHandler.SchemeName).AddJwtBearer(BearerAuthenticationHandler.SchemeName, _ => { });
        services.AddOptions<JwtBearerOptions>(BearerAuthenticationHandler.SchemeName)
            .Configure<AccessTokenHandler, AccessTokenValidator>((o, handler, validator) =>
            {
                o.MapInboundClaims = false;
                o.TokenHandlers.Clear();
                o.TokenHandlers.Add(handler);
                o.TokenValidationParameters = handler.Parameters;
                o.Events = BearerEvents(handler, validator);
            });

        // JwtBearer logs every refused token at Information; a client with a stale token is no news.
        services.AddLogging(logging => logging.AddFilter(typeof(JwtBearerHandler).FullName, LogLevel.Warning));

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAuthorizationHandler, RestaurantMemberHandler>());
        services.AddAuthorization(o =>
        {
            AuthorizationPolicy RolePolicy(params string[] roles) => new AuthorizationPolicyBuilder(BearerAuthenticationHandler.SchemeName)
                .RequireAuthenticatedUser().RequireRole(roles).Build();

            o.DefaultPolicy = new AuthorizationPolicyBuilder(BearerAuthenticationHandler.SchemeName).RequireAuthenticatedUser().Build();
            o.AddPolicy(Policies.Admin, RolePolicy(Roles.Admin));
            o.AddPolicy(Policies.Service, new AuthorizationPolicyBuilder(BearerAuthenticationHandler.SchemeName)
                .RequireAuthenticatedUser().RequireAssertion(c => c.User.IsService()).Build());
            o.AddPolicy(Policies.AdminOrService, new AuthorizationPolicyBuilder(BearerAuthenticationHandler.SchemeName)
                .RequireAuthenticatedUser().RequireAssertion(c => c.User.IsAdmin() || c.User.IsService()).Build());
            o.AddPolicy(Policies.User, new AuthorizationPolicyBuilder(BearerAuthenticationHandler.SchemeName)
                .RequireAuthenticatedUser().RequireAssertion(c => c.User.FindUserId() is not null).Build());
        });
        return services;
    }

    private static JwtBearerEvents BearerEvents(AccessTokenHandler handler, AccessTokenValidator validator) => new()
    {
        OnMessageReceived = context =>
        {
            // Browsers cannot set headers on WebSocket requests; SignalR sends the token in the query instead.
            var token = BearerAuthenticationHandler.ReadToken(context.Request);
            context.Token = token;

            // A token verified before (its key unchanged, still in its lifetime) is answered here: every
            // request of a client repeats its token, and JwtBearer's per-request set-up costs more than the lookup.
            if (token is not null && handler.TryRemembered(token) is { } identity)
            {
                context.Principal = new ClaimsPrincipal(identity);
                CheckRevocation(context, validator);
            }

            return Task.CompletedTask;
        },
        OnTokenValidated = context =>
        {
            CheckRevocation(context, validator);
            return Task.CompletedTask;
        },
        OnChallenge = context =>
        {
            context.HandleResponse();
            var failure = context.AuthenticateFailure is null ? null : AccessTokenRefusedException.From(context.AuthenticateFailure);
            context.Response.Headers.WWWAuthenticate = failure is null
                ? "Bearer"
                : $"Bearer error=\"invalid_token\", error_description=\"{failure.Detail}\"";
            var detail = failure is null
                ? "Sign in first: send an access token as 'Authorization: Bearer <token>'."
                : $"The access token was refused: {failure.Detail}.";
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized", detail: detail).ExecuteAsync(context.HttpContext);
        },
        OnForbidden = context =>
            TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: "Your account is not allowed to do this.")
                .ExecuteAsync(context.HttpContext),
    };

    /// <summary>The revocation hook: a revoked <c>jti</c> fails authentication (logout, lock, password change).</summary>
    private static void CheckRevocation(ResultContext<JwtBearerOptions> context, AccessTokenValidator validator)
    {
        if (validator.Revocation(context.Principal!) is { } revoked)
        {
            context.Fail(revoked);
        }
        else
        {
            context.Success();
        }
    }
}

/// <summary>
/// The <c>Bearer</c> scheme's name and where it reads the token from. The scheme itself is JwtBearer's
/// handler, configured by <see cref="SecurityExtensions.AddBrigadeSecurity"/>.
/// </summary>
public static class BearerAuthenticationHandler
{
    public const string SchemeName = JwtBearerDefaults.AuthenticationScheme;

    /// <summary>The request presents an access token (the edge authenticates only those).</summary>
    public static bool HasToken(HttpRequest request) => ReadToken(request) is not null;

    /// <summary><c>Authorization: Bearer …</c>, or under <c>/hubs/</c> the <c>access_token</c> query parameter.</summary>
    public static string? ReadToken(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            var token = header["Bearer ".Length..].Trim();
            return token.Length > 0 ? token : null;
        }

        if (request.Path.StartsWithSegments("/hubs") && request.Query["access_token"].ToString() is { Length: > 0 } queryToken)
        {
            return queryToken;
        }

        return null;
    }
}

using Microsoft.AspNetCore.Authentication;

namespace Brigade.Gateway.Edge;

/// <summary>
/// Edge authentication: the platform's <c>Bearer</c> scheme (registered by ServiceDefaults through the
/// Security block: ES256 against identity's keys, and the revocation list the gateway feeds from
/// <c>identity.token.revoked</c>, see <see cref="TokenRevocations"/>). Only a request that presents a token
/// is authenticated; an <see cref="RouteAccess.Authenticated"/> route refuses one without a valid token with
/// a 401 problem before anything reaches the service. The token is forwarded as the client sent it.
/// </summary>
public static class EdgeAuthentication
{
    /// <summary>
    /// Runs the authentication middleware only for requests that carry a token. The marker stops
    /// WebApplication from adding an unconditional UseAuthentication() in front of the pipeline.
    /// </summary>
    public static void UseEdgeAuthentication(this WebApplication app)
    {
        if (app.Services.GetService<IAuthenticationSchemeProvider>() is null)
        {
            return;
        }

        app.UseWhen(http => PresentsToken(http.Request), branch => branch.UseAuthentication());
        ((IApplicationBuilder)app).Properties["__AuthenticationMiddlewareSet"] = true;
    }

    /// <summary>
    /// <c>Authorization: Bearer …</c>, or under <c>/hubs</c> the <c>access_token</c> query parameter (browsers
    /// cannot set headers on a WebSocket), where the Bearer scheme looks for it too.
    /// </summary>
    public static bool PresentsToken(HttpRequest request)
    {
        var authorization = request.Headers.Authorization;
        if (authorization.Count > 0)
        {
            return authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);
        }

        return request.Path.StartsWithSegments("/hubs", StringComparison.OrdinalIgnoreCase)
            && request.QueryString.HasValue && request.Query["access_token"].ToString().Length > 0;
    }

    public static bool IsAuthenticated(HttpContext http) =>
        http.Features.Get<Microsoft.AspNetCore.Http.Features.Authentication.IHttpAuthenticationFeature>()?.User is { Identity.IsAuthenticated: true };

    /// <summary>The 401 problem, saying why a presented token was refused.</summary>
    public static async Task RefuseAsync(HttpContext http)
    {
        var presented = http.Request.Headers.Authorization.Count > 0 || http.Request.Query.ContainsKey("access_token");
        string? reason = null;
        if (presented)
        {
            try
            {
                reason = (await http.AuthenticateAsync()).Failure?.Message;
            }
            catch (InvalidOperationException)
            {
                // no authentication scheme registered: nothing more to say than "refused"
            }
        }

        http.Response.Headers.WWWAuthenticate = presented ? "Bearer error=\"invalid_token\"" : "Bearer";
        await Problem.WriteAsync(http, StatusCodes.Status401Unauthorized, "Unauthorized",
            presented
                ? $"The access token was refused{(string.IsNullOrEmpty(reason) ? "." : $": {reason}")}"
                : "This route needs an access token (Authorization: Bearer …).");
    }
}

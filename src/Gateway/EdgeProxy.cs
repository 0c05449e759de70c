using System.Globalization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.Features;

namespace Brigade.Gateway;

/// <summary>
/// The front door for every request: finds the route, enforces edge authentication, rate limits and
/// the body size limit, then hands the request to the <see cref="Forwarder"/>. Requests no route claims
/// (the gateway's own endpoints, the web app) continue down the pipeline, rate limited per address.
/// </summary>
public sealed class EdgeProxy(Topology topology, Forwarder forwarder, RateLimits rateLimits, GatewayMetrics metrics)
{
    public Task InvokeAsync(HttpContext http, RequestDelegate next)
    {
        var path = http.Request.Path;
        var route = topology.Routes.Match(path, http.Request.Method);
        if (route is null || ApiDocs.IsServiceDocsPath(path, topology))
        {
            if (IsOperational(path) || rateLimits.TryAcquire(http, null, out var wait))
            {
                return next(http);
            }

            return TooManyRequests(http, wait);
        }

        if (http.Features.Get<GatewayRequestState>() is { } state)
        {
            state.Route = route.Name;
        }

        if (route.Access == RouteAccess.Authenticated && http.User.Identity?.IsAuthenticated != true)
        {
            return UnauthorizedAsync(http);
        }

        if (!rateLimits.TryAcquire(http, route, out var retryAfter))
        {
            return TooManyRequests(http, retryAfter);
        }

        if (!ApplyBodyLimit(http, route.MaxRequestBodyBytes))
        {
            metrics.Rejected("body_too_large");
            return Problem.WriteAsync(http, StatusCodes.Status413PayloadTooLarge, "Content Too Large",
                $"The request body is larger than the {route.MaxRequestBodyBytes} bytes this route accepts.");
        }

        return forwarder.ForwardAsync(http, route.Cluster, route);
    }

    /// <summary>Probes and scrapes are never rate limited: an orchestrator must always see the gateway.</summary>
    private static bool IsOperational(PathString path) =>
        path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/metrics", StringComparison.OrdinalIgnoreCase);

    /// <summary>Refuses a declared length over the limit at once; a chunked body is cut off by Kestrel when it crosses it.</summary>
    private static bool ApplyBodyLimit(HttpContext http, long limit)
    {
        if (limit <= 0)
        {
            limit = long.MaxValue;
        }

        if (http.Request.ContentLength > limit)
        {
            return false;
        }

        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = limit == long.MaxValue ? null : limit;
        }

        return true;
    }

    private Task TooManyRequests(HttpContext http, TimeSpan retryAfter)
    {
        metrics.Rejected("rate_limited");
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return Problem.WriteAsync(http, StatusCodes.Status429TooManyRequests, "Too Many Requests",
            $"Rate limit exceeded; retry after {seconds} s.");
    }

    private async Task UnauthorizedAsync(HttpContext http)
    {
        metrics.Rejected("unauthenticated");
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

using System.Globalization;
using Yarp.ReverseProxy.Model;

namespace Brigade.Gateway.Edge;

/// <summary>
/// Our policy in front of YARP, after routing has picked the endpoint: for a proxied route, edge
/// authentication, the rate limits and the declared body size, in that order; for everything the gateway
/// answers itself (health, status, docs page, web app) the per-address rate limit, probes and scrapes
/// excepted. Nothing here blocks a thread (ADR 0006).
/// </summary>
public sealed class EdgePolicy(Topology topology, RateLimits rateLimits, GatewayMetrics metrics)
{
    public Task InvokeAsync(HttpContext http, RequestDelegate next)
    {
        var route = RouteOf(http);
        if (route is null)
        {
            if (ManagementPort.IsOperational(http.Request.Path) || rateLimits.TryAcquire(http, null, out var wait))
            {
                return next(http);
            }

            return TooManyRequests(http, wait);
        }

        if (http.Features.Get<GatewayRequestState>() is { } state)
        {
            state.Route = route;
        }

        if (route.Access == RouteAccess.Authenticated && !EdgeAuthentication.IsAuthenticated(http))
        {
            metrics.Rejected("unauthenticated");
            return EdgeAuthentication.RefuseAsync(http);
        }

        if (!rateLimits.TryAcquire(http, route, out var retryAfter))
        {
            return TooManyRequests(http, retryAfter);
        }

        if (!BodyLimits.DeclaredWithin(http, route))
        {
            metrics.Rejected("body_too_large");
            return BodyLimits.RefuseAsync(http, route);
        }

        return next(http);
    }

    /// <summary>Our route for a YARP endpoint (its route id is the route's name), or null for the gateway's own endpoints.</summary>
    private GatewayRoute? RouteOf(HttpContext http) =>
        http.GetEndpoint()?.Metadata.GetMetadata<RouteModel>() is { } model
            // A route removed by a reload while this request was routed is held to the strictest policy.
            ? topology.Routes.GetValueOrDefault(model.Config.RouteId) ?? new GatewayRoute(model.Config.RouteId, "/", model.Config.ClusterId ?? "", null, RouteAccess.Authenticated, null, 0, false)
            : null;

    private Task TooManyRequests(HttpContext http, TimeSpan retryAfter)
    {
        metrics.Rejected("rate_limited");
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return Problem.WriteAsync(http, StatusCodes.Status429TooManyRequests, "Too Many Requests",
            $"Rate limit exceeded; retry after {seconds} s.");
    }
}

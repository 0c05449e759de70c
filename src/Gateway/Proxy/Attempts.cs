using Brigade.Gateway.Edge;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Model;

namespace Brigade.Gateway.Proxy;

/// <summary>
/// Around YARP's balancing and forwarding: a replica that health took out of rotation is skipped at once
/// (YARP refreshes its list of available replicas in the background), and a request that never reached a
/// replica (the connection was refused) is tried on another one, up to three, when it is safe to repeat: an
/// idempotent method or a request carrying an <c>Idempotency-Key</c>. Nothing of its body was read then, so
/// the next attempt sends it whole.
/// </summary>
public static class Attempts
{
    private const int MaxAttempts = 3;

    /// <summary>Runs <paramref name="next"/> (balancing, passive health, forwarding) once, or again on another replica.</summary>
    public static async Task RunAsync(HttpContext http, RequestDelegate next)
    {
        var proxy = http.GetReverseProxyFeature();
        var candidates = InRotation(proxy.AvailableDestinations, null);
        proxy.AvailableDestinations = candidates;
        await next(http);

        for (var attempt = 1; attempt < MaxAttempts && NothingReachedReplica(http) && IsRepeatable(http.Request); attempt++)
        {
            candidates = InRotation(candidates, proxy.ProxiedDestination);
            if (candidates.Count == 0)
            {
                return;
            }

            http.Features.Set<IForwarderErrorFeature>(null);
            http.Response.StatusCode = StatusCodes.Status200OK;
            proxy.AvailableDestinations = candidates;
            await next(http);
        }
    }

    /// <summary>The list without replicas that are out of rotation or just tried; the same list when nothing is left out.</summary>
    private static IReadOnlyList<DestinationState> InRotation(IReadOnlyList<DestinationState> destinations, DestinationState? tried)
    {
        for (var i = 0; i < destinations.Count; i++)
        {
            if (destinations[i] == tried || ReplicaHealthPolicy.IsOut(destinations[i]))
            {
                return destinations.Where(d => d != tried && !ReplicaHealthPolicy.IsOut(d)).ToArray();
            }
        }

        return destinations;
    }

    private static bool NothingReachedReplica(HttpContext http) =>
        !http.Response.HasStarted
        && !http.RequestAborted.IsCancellationRequested
        && http.Features.Get<IForwarderErrorFeature>() is { Error: ForwarderError.Request } failure
        && UpstreamProblems.IsRefused(failure.Exception);

    private static bool IsRepeatable(HttpRequest request)
    {
        var method = request.Method;
        return HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method)
            || HttpMethods.IsPut(method) || HttpMethods.IsDelete(method) || HttpMethods.IsTrace(method)
            || request.Headers.ContainsKey("Idempotency-Key");
    }
}

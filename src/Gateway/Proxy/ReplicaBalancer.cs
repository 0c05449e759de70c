using Brigade.Gateway.Edge;
using Yarp.ReverseProxy.LoadBalancing;
using Yarp.ReverseProxy.Model;

namespace Brigade.Gateway.Proxy;

/// <summary>
/// Power of two choices, as YARP's own policy of that name does it (two replicas at random, the one with
/// fewer requests in flight by YARP's count), except on a route with <c>Affinity: ClientAddress</c> (the
/// SignalR hubs), where a client's address always picks the same replica among the available ones, so a
/// hub's negotiate and connect meet. YARP calls it only when there are two replicas or more to choose from.
/// </summary>
public sealed class ReplicaBalancer(Topology topology) : ILoadBalancingPolicy
{
    public const string PolicyName = "BrigadeReplicas";

    public string Name => PolicyName;

    public DestinationState? PickDestination(HttpContext context, ClusterState cluster, IReadOnlyList<DestinationState> availableDestinations)
    {
        if (context.Features.Get<GatewayRequestState>()?.Route is { ClientAffinity: true } && topology.Forwarded.ClientIp(context) is { } client)
        {
            return availableDestinations.Count == 0 ? null : availableDestinations[(int)((uint)client.GetHashCode() % (uint)availableDestinations.Count)];
        }

        var count = availableDestinations.Count;
        if (count < 2)
        {
            return count == 0 ? null : availableDestinations[0];
        }

        var first = Random.Shared.Next(count);
        var second = Random.Shared.Next(count - 1);
        if (second >= first)
        {
            second++;
        }

        var a = availableDestinations[first];
        var b = availableDestinations[second];
        return b.ConcurrentRequestCount < a.ConcurrentRequestCount ? b : a;
    }
}

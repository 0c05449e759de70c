using Brigade.Gateway.Edge;
using Yarp.ReverseProxy.LoadBalancing;
using Yarp.ReverseProxy.Model;

namespace Brigade.Gateway.Proxy;

/// <summary>
/// YARP's power of two choices (two replicas at random, the one with fewer requests in flight), except on a
/// route with <c>Affinity: ClientAddress</c> (the SignalR hubs), where a client's address always picks the
/// same replica among the available ones, so a hub's negotiate and connect meet.
/// </summary>
public sealed class ReplicaBalancer(IEnumerable<ILoadBalancingPolicy> policies, Topology topology) : ILoadBalancingPolicy
{
    public const string PolicyName = "BrigadeReplicas";

    private readonly ILoadBalancingPolicy _powerOfTwo = policies.Single(p => p.Name == LoadBalancingPolicies.PowerOfTwoChoices);

    public string Name => PolicyName;

    public DestinationState? PickDestination(HttpContext context, ClusterState cluster, IReadOnlyList<DestinationState> availableDestinations)
    {
        if (context.Features.Get<GatewayRequestState>()?.Route is { ClientAffinity: true } && topology.Forwarded.ClientIp(context) is { } client)
        {
            return availableDestinations.Count == 0 ? null : availableDestinations[(int)((uint)client.GetHashCode() % (uint)availableDestinations.Count)];
        }

        return _powerOfTwo.PickDestination(context, cluster, availableDestinations);
    }
}

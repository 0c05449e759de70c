namespace Brigade.Gateway;

/// <summary>
/// One configured route and the edge policy that goes with it: who may call (<see cref="Access"/>), which
/// extra rate limit applies, how large a body may be, and whether a client sticks to one replica.
/// </summary>
public sealed record GatewayRoute(
    string Name,
    string Prefix,
    string Cluster,
    string[]? Methods,
    RouteAccess Access,
    string? RateLimitPolicy,
    long MaxRequestBodyBytes,
    bool ClientAffinity);

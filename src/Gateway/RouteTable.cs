
namespace Brigade.Gateway;

/// <summary>One configured route: a path prefix (optionally for some methods only) sent to a cluster.</summary>
public sealed class GatewayRoute(string name, PathString prefix, Cluster cluster, string[]? methods, RouteAccess access, string? rateLimitPolicy, long maxRequestBodyBytes, bool clientAffinity)
{
    public string Name { get; } = name;
    public PathString Prefix { get; } = prefix;
    public Cluster Cluster { get; } = cluster;
    public string[]? Methods { get; } = methods;
    public RouteAccess Access { get; } = access;
    public string? RateLimitPolicy { get; } = rateLimitPolicy;
    public long MaxRequestBodyBytes { get; } = maxRequestBodyBytes;
    public bool ClientAffinity { get; } = clientAffinity;

    public bool Allows(string method)
    {
        if (Methods is null)
        {
            return true;
        }

        foreach (var allowed in Methods)
        {
            if (string.Equals(allowed, method, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>
/// An immutable snapshot of the routes, ordered so the first hit is the answer: longest prefix first,
/// and among equal prefixes a method-specific route before a catch-all one. Matching is by whole path
/// segments, case-insensitive: <c>/api/orders</c> matches <c>/api/orders/7</c> but not <c>/api/ordersx</c>.
/// </summary>
public sealed class RouteTable
{
    public static readonly RouteTable Empty = new([]);

    private readonly GatewayRoute[] _routes;

    public RouteTable(IEnumerable<GatewayRoute> routes)
    {
        _routes = routes
            .OrderByDescending(r => r.Prefix.Value?.TrimEnd('/').Length ?? 0)
            .ThenBy(r => r.Methods is null ? 1 : 0)
            .ThenBy(r => r.Name, StringComparer.Ordinal)
            .ToArray();
    }

    public IReadOnlyList<GatewayRoute> Routes => _routes;

    public GatewayRoute? Match(PathString path, string method)
    {
        foreach (var route in _routes)
        {
            if (path.StartsWithSegments(route.Prefix, StringComparison.OrdinalIgnoreCase) && route.Allows(method))
            {
                return route;
            }
        }

        return null;
    }
}

using System.Collections.Frozen;
using Brigade.Gateway.Edge;
using Brigade.Gateway.Proxy;
using Microsoft.Extensions.Primitives;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Health;

namespace Brigade.Gateway;

/// <summary>One service as the gateway sees it: its replicas (from <c>Services:&lt;name&gt;</c>, in order) and its settings.</summary>
public sealed record ServiceCluster(string Name, IReadOnlyList<string> Urls, ClusterOptions Options);

/// <summary>
/// The live routing state, rebuilt whenever the configuration reloads (appsettings, environment, the
/// launcher's <c>services.json</c>) without a restart: our settings, our routes with their edge policy, and
/// the YARP routes and clusters made from them (<see cref="IProxyConfigProvider"/>). A route is a path prefix
/// (optionally for some methods) sent to a cluster; the longest prefix wins, by whole segments,
/// case-insensitively, and among equal prefixes a method-specific route wins over a catch-all one. A cluster
/// is named after a service; its destinations are the URLs in <c>Services:&lt;name&gt;</c>, each one's id is
/// its URL, so YARP keeps a replica's health and counters across reloads that keep it.
/// </summary>
public sealed partial class Topology : IProxyConfigProvider, IDisposable
{
    /// <summary>Services' own body limit (ServiceDefaults reads the same key), the default here too.</summary>
    private const long ServiceBodyLimit = 1024 * 1024;

    /// <summary>Route orders: the docs routes before any prefix route; longer prefixes before shorter ones.</summary>
    private const int DocsOrder = -1_000_000;

    private readonly IConfiguration _configuration;
    private readonly ILogger<Topology> _logger;
    private readonly IDisposable _subscription;
    private volatile Snapshot _current;

    public Topology(IConfiguration configuration, ILogger<Topology> logger)
    {
        _configuration = configuration;
        _logger = logger;
        _current = Build();
        _subscription = ChangeToken.OnChange(configuration.GetReloadToken, Reload);
    }

    /// <summary>Raised after a reload has been applied.</summary>
    public event Action<GatewayOptions>? Changed;

    public GatewayOptions Options => _current.Options;

    /// <summary>Every route by name (YARP's route id), the per-service document routes (<c>docs:&lt;cluster&gt;</c>) included.</summary>
    public FrozenDictionary<string, GatewayRoute> Routes => _current.Routes;

    /// <summary>The client's address and the forwarded headers, per <see cref="GatewayOptions.TrustedProxies"/>.</summary>
    public ForwardedHeaders Forwarded => _current.Forwarded;

    /// <summary>Every cluster, in name order; a cluster exists when a route or the <c>Clusters</c> section names it.</summary>
    public IReadOnlyList<ServiceCluster> Clusters => _current.Clusters;

    public ServiceCluster? FindCluster(string name) =>
        _current.Clusters.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));

    public IProxyConfig GetConfig() => _current.Proxy;

    public void Dispose() => _subscription.Dispose();

    private void Reload()
    {
        try
        {
            var previous = _current;
            _current = Build();
            previous.Proxy.SignalChange();
            LogReloaded(_logger, _current.Routes.Count, _current.Clusters.Count, _current.Clusters.Sum(c => c.Urls.Count));
            Changed?.Invoke(_current.Options);
        }
        catch (Exception e)
        {
            // A half-written file must not take the gateway down: keep serving with the previous table.
            LogReloadFailed(_logger, e);
        }
    }

    private Snapshot Build()
    {
        var options = new GatewayOptions();
        _configuration.GetSection("Gateway").Bind(options);
        var forwarded = ForwardedHeaders.Parse(options.TrustedProxies);
        var defaultBodyLimit = options.MaxRequestBodyBytes ?? _configuration.GetValue<long?>("Brigade:Limits:MaxRequestBodyBytes") ?? ServiceBodyLimit;

        var names = new SortedSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var route in options.Routes.Values.Where(r => !string.IsNullOrWhiteSpace(r.Cluster)))
        {
            names.Add(route.Cluster.Trim());
        }

        names.UnionWith(options.Clusters.Keys);
        var clusters = names.Select(name => new ServiceCluster(name, Urls(name), options.Clusters.GetValueOrDefault(name) ?? new ClusterOptions())).ToList();

        var routes = new Dictionary<string, GatewayRoute>(StringComparer.Ordinal);
        foreach (var (name, route) in options.Routes)
        {
            if (string.IsNullOrWhiteSpace(route.Prefix) || string.IsNullOrWhiteSpace(route.Cluster))
            {
                LogInvalidRoute(_logger, name);
                continue;
            }

            var prefix = "/" + route.Prefix.Trim().Trim('/');
            routes[name] = new GatewayRoute(
                name,
                prefix,
                clusters.First(c => string.Equals(c.Name, route.Cluster.Trim(), StringComparison.OrdinalIgnoreCase)).Name,
                route.Methods is { Count: > 0 } methods ? [.. methods.Select(m => m.Trim().ToUpperInvariant())] : null,
                route.Access,
                string.IsNullOrWhiteSpace(route.RateLimitPolicy) ? null : route.RateLimitPolicy,
                route.MaxRequestBodyBytes ?? defaultBodyLimit,
                string.Equals(route.Affinity, "ClientAddress", StringComparison.OrdinalIgnoreCase));
        }

        var yarpRoutes = routes.Values.Select(ToYarp).ToList();
        foreach (var cluster in clusters)
        {
            // /api/<service>/docs: the service's OpenAPI document, public even where its routes are not.
            var docs = new GatewayRoute($"docs:{cluster.Name}", $"/api/{cluster.Name}/docs", cluster.Name, ["GET", "HEAD"], RouteAccess.Public, null, defaultBodyLimit, false);
            routes[docs.Name] = docs;
            yarpRoutes.Add(new RouteConfig
            {
                RouteId = docs.Name,
                ClusterId = cluster.Name,
                Order = DocsOrder,
                Match = new RouteMatch { Path = docs.Prefix, Methods = docs.Methods },
                Transforms = [new Dictionary<string, string> { ["PathSet"] = ApiDocs.ServiceDocumentPath }],
            });
        }

        var proxy = new ProxyConfig(yarpRoutes, [.. clusters.Select(c => ToYarp(c, options))]);
        return new Snapshot(options, routes.ToFrozenDictionary(StringComparer.Ordinal), clusters, forwarded, proxy);
    }

    private List<string> Urls(string cluster)
    {
        var urls = _configuration.GetSection($"Services:{cluster}").GetChildren().Select(c => c.Value).ToList();
        if (urls.Count == 0)
        {
            urls.Add(_configuration[$"Services:{cluster}"]);
        }

        var valid = new List<string>();
        foreach (var url in urls)
        {
            var trimmed = url?.Trim().TrimEnd('/');
            if (!string.IsNullOrEmpty(trimmed) && !valid.Contains(trimmed, StringComparer.OrdinalIgnoreCase)
                && Uri.TryCreate(trimmed, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
            {
                valid.Add(trimmed);
            }
        }

        return valid;
    }

    /// <summary>
    /// Order makes routing pick as our table always did: ASP.NET Core routing takes the lowest order first,
    /// so a longer prefix gets a lower one, and a method-specific route one lower still than a catch-all.
    /// </summary>
    private static RouteConfig ToYarp(GatewayRoute route) => new()
    {
        RouteId = route.Name,
        ClusterId = route.Cluster,
        Order = -(route.Prefix.TrimEnd('/').Length * 2 + (route.Methods is null ? 0 : 1)),
        Match = new RouteMatch { Path = route.Prefix.TrimEnd('/') + "/{**rest}", Methods = route.Methods },
        MaxRequestBodySize = route.MaxRequestBodyBytes > 0 ? route.MaxRequestBodyBytes : -1,
    };

    private static ClusterConfig ToYarp(ServiceCluster cluster, GatewayOptions options) => new()
    {
        ClusterId = cluster.Name,
        LoadBalancingPolicy = ReplicaBalancer.PolicyName,
        Destinations = cluster.Urls.ToDictionary(url => url, url => new DestinationConfig { Address = url }, StringComparer.OrdinalIgnoreCase),
        HealthCheck = new HealthCheckConfig
        {
            Active = new ActiveHealthCheckConfig
            {
                Enabled = options.HealthChecks.Enabled,
                Interval = options.HealthChecks.Interval > TimeSpan.Zero ? options.HealthChecks.Interval : TimeSpan.FromSeconds(5),
                Timeout = options.HealthChecks.Timeout > TimeSpan.Zero ? options.HealthChecks.Timeout : TimeSpan.FromSeconds(2),
                Policy = "ConsecutiveFailures",
                Path = options.HealthChecks.Path,
            },
            Passive = new PassiveHealthCheckConfig { Enabled = true, Policy = ReplicaHealthPolicy.PolicyName },
        },
        HttpClient = new HttpClientConfig { MaxConnectionsPerServer = options.Forwarder.MaxConnectionsPerServer, EnableMultipleHttp2Connections = true },
        HttpRequest = new Yarp.ReverseProxy.Forwarder.ForwarderRequestConfig { ActivityTimeout = cluster.Options.RequestTimeout },
        // One passing probe brings a replica back; this many failing ones in a row take it out.
        Metadata = new Dictionary<string, string>
        {
            [ConsecutiveFailuresHealthPolicyOptions.ThresholdMetadataName] = Math.Max(1, options.HealthChecks.UnhealthyThreshold).ToString(System.Globalization.CultureInfo.InvariantCulture),
        },
    };

    private sealed record Snapshot(GatewayOptions Options, FrozenDictionary<string, GatewayRoute> Routes, IReadOnlyList<ServiceCluster> Clusters, ForwardedHeaders Forwarded, ProxyConfig Proxy);

    private sealed class ProxyConfig(IReadOnlyList<RouteConfig> routes, IReadOnlyList<ClusterConfig> clusters) : IProxyConfig
    {
        private readonly CancellationTokenSource _changed = new();

        public IReadOnlyList<RouteConfig> Routes { get; } = routes;

        public IReadOnlyList<ClusterConfig> Clusters { get; } = clusters;

        public IChangeToken ChangeToken => new CancellationChangeToken(_changed.Token);

        public void SignalChange() => _changed.Cancel();
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Gateway configuration reloaded: {routes} routes, {clusters} clusters, {destinations} destinations")]
    private static partial void LogReloaded(ILogger logger, int routes, int clusters, int destinations);

    [LoggerMessage(EventId = 2, Level = LogLevel.Error, Message = "Gateway configuration reload failed; the previous routes stay in effect")]
    private static partial void LogReloadFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "Route {route} has no prefix or cluster and is ignored")]
    private static partial void LogInvalidRoute(ILogger logger, string route);
}

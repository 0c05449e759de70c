using Microsoft.Extensions.Primitives;

namespace Brigade.Gateway;

/// <summary>
/// The live routing state: settings, route table and clusters, rebuilt whenever the configuration
/// reloads (appsettings, environment, the launcher's <c>services.json</c>) without a restart. Clusters and
/// destinations keep their identity across rebuilds, so counters, health and circuits survive.
/// </summary>
public sealed partial class Topology : IDisposable
{
    private readonly IConfiguration _configuration;
    private readonly ILogger<Topology> _logger;
    private readonly IDisposable _subscription;
    private readonly Dictionary<string, Cluster> _clusters = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lock _rebuildLock = new();
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

    public RouteTable Routes => _current.Routes;

    /// <summary>The client's address and the forwarded headers, per <see cref="GatewayOptions.TrustedProxies"/>.</summary>
    public ForwardedHeaders Forwarded => _current.Forwarded;

    /// <summary>Every cluster, in name order; a cluster exists when a route or the <c>Clusters</c> section names it.</summary>
    public IReadOnlyList<Cluster> Clusters => _current.Clusters;

    public Cluster? FindCluster(string name)
    {
        foreach (var cluster in _current.Clusters)
        {
            if (string.Equals(cluster.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return cluster;
            }
        }

        return null;
    }

    public void Dispose() => _subscription.Dispose();

    private void Reload()
    {
        try
        {
            _current = Build();
            LogReloaded(_logger, _current.Routes.Routes.Count, _current.Clusters.Count, _current.Clusters.Sum(c => c.Destinations.Length));
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

        lock (_rebuildLock)
        {
            var names = new SortedSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var route in options.Routes.Values)
            {
                if (!string.IsNullOrWhiteSpace(route.Cluster))
                {
                    names.Add(route.Cluster.Trim());
                }
            }

            foreach (var name in options.Clusters.Keys)
            {
                names.Add(name);
            }

            var clusters = new List<Cluster>(names.Count);
            foreach (var name in names)
            {
                if (!_clusters.TryGetValue(name, out var cluster))
                {
                    cluster = new Cluster(name);
                    _clusters[name] = cluster;
                }

                var urls = _configuration.GetSection($"Services:{name}").GetChildren()
                    .Select(c => c.Value)
                    .Where(v => !string.IsNullOrWhiteSpace(v))
                    .Select(v => v!)
                    .ToList();
                if (urls.Count == 0 && _configuration[$"Services:{name}"] is { Length: > 0 } single)
                {
                    urls.Add(single);
                }

                cluster.Update(urls, options.Clusters.GetValueOrDefault(name) ?? new ClusterOptions(), options.Circuit);
                clusters.Add(cluster);
            }

            var routes = new List<GatewayRoute>();
            foreach (var (name, route) in options.Routes)
            {
                if (string.IsNullOrWhiteSpace(route.Prefix) || string.IsNullOrWhiteSpace(route.Cluster))
                {
                    LogInvalidRoute(_logger, name);
                    continue;
                }

                var prefix = "/" + route.Prefix.Trim().Trim('/');
                routes.Add(new GatewayRoute(
                    name,
                    new PathString(prefix),
                    _clusters[route.Cluster.Trim()],
                    route.Methods is { Count: > 0 } methods ? [.. methods.Select(m => m.Trim().ToUpperInvariant())] : null,
                    route.Access,
                    string.IsNullOrWhiteSpace(route.RateLimitPolicy) ? null : route.RateLimitPolicy,
                    route.MaxRequestBodyBytes ?? options.MaxRequestBodyBytes,
                    string.Equals(route.Affinity, "ClientAddress", StringComparison.OrdinalIgnoreCase)));
            }

            return new Snapshot(options, new RouteTable(routes), clusters, forwarded);
        }
    }

    private sealed record Snapshot(GatewayOptions Options, RouteTable Routes, IReadOnlyList<Cluster> Clusters, ForwardedHeaders Forwarded);

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Gateway configuration reloaded: {routes} routes, {clusters} clusters, {destinations} destinations")]
    private static partial void LogReloaded(ILogger logger, int routes, int clusters, int destinations);

    [LoggerMessage(EventId = 2, Level = LogLevel.Error, Message = "Gateway configuration reload failed; the previous routes stay in effect")]
    private static partial void LogReloadFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "Route {route} has no prefix or cluster and is ignored")]
    private static partial void LogInvalidRoute(ILogger logger, string route);
}

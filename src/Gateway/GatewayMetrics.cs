using System.Diagnostics;
using System.Diagnostics.Metrics;
using Yarp.ReverseProxy;

namespace Brigade.Gateway;

/// <summary>
/// Meter <c>Brigade.Gateway</c>. One histogram per forwarded request, labelled by cluster, destination
/// and status: its <c>_count</c> is the request counter, so no separate counter is recorded on the hot
/// path. Requests in flight per destination are read when scraped, from the counts YARP keeps for its
/// balancer anyway. Requests the gateway answers itself (limits, auth, no destination) are counted by
/// reason. ASP.NET Core's per-request hosting meter (<see cref="HostingMeter"/>) is not listened to in
/// the gateway: it would measure every forwarded request a second time, three measurements per request.
/// </summary>
public sealed class GatewayMetrics
{
    public const string MeterName = "Brigade.Gateway";
    public const string HostingMeter = "Microsoft.AspNetCore.Hosting";

    /// <summary>Its per-request match counter says again what the access log and the forwarded histogram say.</summary>
    public const string RoutingMeter = "Microsoft.AspNetCore.Routing";

    private static readonly string[] StatusText = Enumerable.Range(0, 600).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();

    private readonly Histogram<double> _forwarded;
    private readonly Counter<long> _rejected;

    public GatewayMetrics(IMeterFactory meters, IServiceProvider services)
    {
        var meter = meters.Create(MeterName);
        // Resolved when first scraped: YARP's state lookup is built after this meter.
        var proxy = new Lazy<IProxyStateLookup>(services.GetRequiredService<IProxyStateLookup>);
        meter.CreateObservableGauge("brigade.gateway.in_flight", () => InFlight(proxy.Value), unit: "{request}",
            description: "Requests forwarded to a destination and not finished yet, by cluster and destination.");
        _forwarded = meter.CreateHistogram<double>("brigade.gateway.forwarded.duration", unit: "s",
            description: "Requests forwarded to a destination and the time until their response ended, by cluster, destination and status (0 = no response).");
        _rejected = meter.CreateCounter<long>("brigade.gateway.rejected", description: "Requests the gateway answered itself, by reason.");
    }

    public void Forwarded(string cluster, string destination, int status, long startTimestamp)
    {
        var tags = new TagList
        {
            { "cluster", cluster },
            { "destination", destination },
            { "status", (uint)status < StatusText.Length ? StatusText[status] : "other" },
        };
        _forwarded.Record(Stopwatch.GetElapsedTime(startTimestamp).TotalSeconds, tags);
    }

    /// <summary>Records a proxied request that reached (or tried to reach) a replica.</summary>
    public void Forwarded(HttpContext http, long startTimestamp)
    {
        var proxy = http.GetReverseProxyFeature();
        if (proxy.ProxiedDestination is { } destination)
        {
            Forwarded(proxy.Cluster.Config.ClusterId, destination.Model.Config.Address, http.Response.StatusCode, startTimestamp);
        }
    }

    private static IEnumerable<Measurement<int>> InFlight(IProxyStateLookup proxy)
    {
        foreach (var cluster in proxy.GetClusters())
        {
            foreach (var destination in cluster.Destinations.Values)
            {
                yield return new Measurement<int>(destination.ConcurrentRequestCount,
                    new KeyValuePair<string, object?>("cluster", cluster.ClusterId), new KeyValuePair<string, object?>("destination", destination.Model.Config.Address));
            }
        }
    }

    public void Rejected(string reason) => _rejected.Add(1, new KeyValuePair<string, object?>("reason", reason));
}

/// <summary>
/// Gives the upstream client's and the status probe's <see cref="SocketsHttpHandler"/> meters that nobody exports:
/// per forwarded request HttpClient would record the facts <see cref="GatewayMetrics"/> already records
/// (three or four more measurements per request), which at load costs more CPU than forwarding itself.
/// </summary>
internal sealed class UnexportedMeterFactory : IMeterFactory
{
    public static readonly UnexportedMeterFactory Instance = new();

    public Meter Create(MeterOptions options) =>
        new(new MeterOptions("gateway-unexported." + options.Name) { Version = options.Version });

    public void Dispose()
    {
    }
}

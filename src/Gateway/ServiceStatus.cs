using System.Diagnostics;
using System.Net;
using System.Text.Json.Serialization;

namespace Brigade.Gateway;

/// <summary>
/// <c>GET /api/services/status</c>: every service and replica with status and latency. Replicas are
/// probed here and now (<c>GET /health/ready</c>), concurrently, each with a short timeout, so the answer
/// comes within two seconds even when a service hangs; YARP's own health state is not used, since it knows
/// no latency and is up to one probe interval old. Answers are shared for a moment so a dashboard polling
/// hard probes once.
/// </summary>
public sealed class ServiceStatus(Topology topology, TimeProvider time) : IDisposable
{
    private readonly HttpMessageInvoker _invoker = new(new SocketsHttpHandler
    {
        MeterFactory = UnexportedMeterFactory.Instance,
        UseProxy = false,
        UseCookies = false,
        AllowAutoRedirect = false,
        ConnectTimeout = TimeSpan.FromSeconds(2),
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        // Status probes must not queue behind forwarded traffic, nor pile up on a hanging replica.
        MaxConnectionsPerServer = 4,
    }, disposeHandler: true);

    private readonly SemaphoreSlim _probing = new(1, 1);
    private StatusReport? _cached;
    private long _cachedAt;

    public async Task<StatusReport> GetAsync(string gatewayUrl, CancellationToken cancellationToken)
    {
        var options = topology.Options.Status;
        if (Fresh(options) is { } fresh)
        {
            return fresh with { Services = [Gateway(gatewayUrl), .. fresh.Services.Skip(1)] };
        }

        await _probing.WaitAsync(cancellationToken);
        try
        {
            if (Fresh(options) is { } raced)
            {
                return raced with { Services = [Gateway(gatewayUrl), .. raced.Services.Skip(1)] };
            }

            var timeout = options.ProbeTimeout is var t && t > TimeSpan.Zero && t < TimeSpan.FromSeconds(1.8) ? t : TimeSpan.FromSeconds(1);
            var clusters = topology.Clusters;
            var urls = clusters.SelectMany(c => c.Urls).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
            var probed = await Task.WhenAll(urls.Select(url => ProbeAsync(url, timeout, cancellationToken)));
            var results = urls.Zip(probed).ToDictionary(p => p.First, p => p.Second, StringComparer.OrdinalIgnoreCase);
            var services = new List<ServiceReport> { Gateway(gatewayUrl) };
            foreach (var cluster in clusters)
            {
                var instances = cluster.Urls
                    .Select(url => new InstanceReport(url, results[url].Healthy ? "healthy" : "unhealthy", Math.Round(results[url].LatencyMs, 1)))
                    .ToList();
                var healthy = instances.Count(i => i.Status == "healthy");
                var status = instances.Count > 0 && healthy == instances.Count ? "healthy" : healthy > 0 ? "degraded" : "unhealthy";
                services.Add(new ServiceReport(cluster.Name, status, instances));
            }

            var report = new StatusReport(services);
            _cached = report;
            _cachedAt = time.GetTimestamp();
            return report;
        }
        finally
        {
            _probing.Release();
        }
    }

    public void Dispose() => _invoker.Dispose();

    /// <summary>Probes one replica; never throws, and answers within <paramref name="timeout"/>.</summary>
    private async Task<(bool Healthy, double LatencyMs)> ProbeAsync(string url, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cancellation.CancelAfter(timeout);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url + topology.Options.HealthChecks.Path) { Version = HttpVersion.Version11 };
            request.Headers.TryAddWithoutValidation("User-Agent", "brigade-gateway-status");
            using var response = await _invoker.SendAsync(request, cancellation.Token);
            return (response.IsSuccessStatusCode, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (Exception)
        {
            return (false, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }

    private StatusReport? Fresh(StatusOptions options) =>
        _cached is { } cached && time.GetElapsedTime(Volatile.Read(ref _cachedAt)) < options.CacheFor ? cached : null;

    private static ServiceReport Gateway(string url) => new("gateway", "healthy", [new InstanceReport(url, "healthy", 0)]);
}

public sealed record StatusReport([property: JsonPropertyName("services")] IReadOnlyList<ServiceReport> Services);

public sealed record ServiceReport(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("instances")] IReadOnlyList<InstanceReport> Instances);

public sealed record InstanceReport(
    [property: JsonPropertyName("url")] string Url,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("latencyMs")] double? LatencyMs);

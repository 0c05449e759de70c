using System.Text.Json.Serialization;

namespace Brigade.Gateway;

/// <summary>
/// <c>GET /api/services/status</c>: every service and replica with status and latency. Replicas are
/// probed concurrently, each with a short timeout, so the answer comes within two seconds even when a
/// service hangs. Answers are shared for a moment so a dashboard polling hard probes once.
/// </summary>
public sealed class ServiceStatus(Topology topology, HealthProber prober, TimeProvider time)
{
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
            var results = await prober.ProbeAllAsync(timeout, cancellationToken);
            var services = new List<ServiceReport> { Gateway(gatewayUrl) };
            foreach (var cluster in topology.Clusters)
            {
                var instances = cluster.Destinations
                    .Select(d => results.TryGetValue(d, out var r)
                        ? new InstanceReport(d.Url, r.Healthy ? "healthy" : "unhealthy", Math.Round(r.LatencyMs, 1))
                        : new InstanceReport(d.Url, "unhealthy", null))
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

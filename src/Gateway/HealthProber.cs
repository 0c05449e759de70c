using System.Diagnostics;
using System.Net;

namespace Brigade.Gateway;

/// <summary>The answer of one readiness probe.</summary>
public readonly record struct ProbeResult(bool Healthy, double LatencyMs);

/// <summary>
/// Active health checks: every few seconds, <c>GET /health/ready</c> on every destination of every
/// cluster, concurrently and with a short timeout. A failed probe takes a replica out of rotation until
/// a later probe passes; a new replica counts as healthy until its first probe says otherwise, so a
/// freshly started gateway serves at once.
/// </summary>
public sealed partial class HealthProber(Topology topology, ILogger<HealthProber> logger) : BackgroundService
{
    private readonly HttpMessageInvoker _invoker = new(new SocketsHttpHandler
    {
        MeterFactory = UnexportedMeterFactory.Instance,
        UseProxy = false,
        UseCookies = false,
        AllowAutoRedirect = false,
        ConnectTimeout = TimeSpan.FromSeconds(2),
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        // Probes must not be starved by, or queue behind, forwarded traffic.
        MaxConnectionsPerServer = 4,
    }, disposeHandler: true);

    /// <summary>Probes one destination; never throws, and answers within <paramref name="timeout"/>.</summary>
    public async Task<ProbeResult> ProbeAsync(Destination destination, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cancellation.CancelAfter(timeout);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, destination.Url + topology.Options.HealthChecks.Path)
            {
                Version = HttpVersion.Version11,
            };
            request.Headers.TryAddWithoutValidation("User-Agent", "brigade-gateway-probe");
            using var response = await _invoker.SendAsync(request, cancellation.Token);
            var healthy = response.IsSuccessStatusCode;
            return new ProbeResult(healthy, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (Exception)
        {
            return new ProbeResult(false, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }

    /// <summary>Probes every destination once and records the results (used by the loop and by the status endpoint).</summary>
    public async Task<IReadOnlyDictionary<Destination, ProbeResult>> ProbeAllAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var destinations = topology.Clusters.SelectMany(c => c.Destinations).Distinct().ToArray();
        var results = await Task.WhenAll(destinations.Select(d => ProbeAsync(d, timeout, cancellationToken)));
        var byDestination = new Dictionary<Destination, ProbeResult>(destinations.Length);
        for (var i = 0; i < destinations.Length; i++)
        {
            Record(destinations[i], results[i]);
            byDestination[destinations[i]] = results[i];
        }

        return byDestination;
    }

    public override void Dispose()
    {
        _invoker.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var settings = topology.Options.HealthChecks;
            if (settings.Enabled)
            {
                try
                {
                    await ProbeAllAsync(settings.Timeout, stoppingToken);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    return;
                }
            }

            try
            {
                await Task.Delay(settings.Interval > TimeSpan.Zero ? settings.Interval : TimeSpan.FromSeconds(5), stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private void Record(Destination destination, ProbeResult result)
    {
        var was = destination.Health;
        destination.RecordProbe(result.Healthy, topology.Options.HealthChecks.UnhealthyThreshold);
        if (was != destination.Health && (was != DestinationHealth.Unknown || !result.Healthy))
        {
            LogHealthChanged(logger, destination.Url, result.Healthy ? "healthy" : "unhealthy");
        }
    }

    [LoggerMessage(EventId = 30, Level = LogLevel.Warning, Message = "Destination {destination} is now {health}")]
    private static partial void LogHealthChanged(ILogger logger, string destination, string health);
}

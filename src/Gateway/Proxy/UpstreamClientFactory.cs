using Yarp.ReverseProxy.Forwarder;

namespace Brigade.Gateway.Proxy;

/// <summary>
/// YARP's upstream client (pooled <see cref="SocketsHttpHandler"/>: no proxy, cookies, redirects or
/// decompression) with our timeouts (<c>Gateway:Forwarder</c>), and with meters nobody exports: per forwarded
/// request HttpClient would record again what <see cref="GatewayMetrics"/> records, at a CPU cost (ADR 0006).
/// </summary>
public sealed class UpstreamClientFactory(Topology topology, ILogger<ForwarderHttpClientFactory> logger) : ForwarderHttpClientFactory(logger)
{
    protected override void ConfigureHandler(ForwarderHttpClientContext context, SocketsHttpHandler handler)
    {
        base.ConfigureHandler(context, handler);
        var settings = topology.Options.Forwarder;
        handler.ConnectTimeout = settings.ConnectTimeout;
        handler.PooledConnectionLifetime = settings.PooledConnectionLifetime;
        handler.PooledConnectionIdleTimeout = settings.PooledConnectionIdleTimeout;
        handler.MeterFactory = UnexportedMeterFactory.Instance;
    }
}

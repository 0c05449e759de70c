using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Brigade.ServiceDefaults;

/// <summary>
/// OpenTelemetry for every process. Metrics always, scraped on <c>/metrics</c> by Prometheus. Traces and logs
/// only when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (the launcher points it at the Aspire dashboard):
/// without a listener nobody pays for spans nobody reads, and the trace id still reaches logs and events
/// through ASP.NET Core's own activity.
/// </summary>
internal static class Telemetry
{
    public const string OtlpEndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>Histogram buckets for our seconds-valued instruments (the SDK's default ones are for milliseconds).</summary>
    private static readonly double[] SecondsBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private static readonly string[] ReservedSuffixes = [".count", "_count", ".sum", "_sum", ".bucket", "_bucket"];

    public static void Add(WebApplicationBuilder builder, ServiceIdentity identity)
    {
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(identity.Name, serviceInstanceId: identity.InstanceId))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddNpgsqlInstrumentation()
                .AddMeter("Microsoft.AspNetCore.*", "System.Runtime", "Polly", "Brigade.*")
                .AddPrometheusExporter(o =>
                {
                    // Series keep the labels they are recorded with (no otel_scope_* on each), and every scrape is fresh.
                    o.ScopeInfoEnabled = false;
                    o.ScrapeResponseCacheDurationMilliseconds = 0;
                }));

        // A host's own MetricsOptions (the gateway leaves out hosting's per-request meter) are known only once it is built.
        builder.Services.ConfigureOpenTelemetryMeterProvider((services, metrics) =>
        {
            var excluded = services.GetRequiredService<IOptions<MetricsOptions>>().Value.ExcludedMeters.ToHashSet(StringComparer.Ordinal);
            metrics.AddView(instrument => View(instrument, excluded));
        });

        // The resilience handler's Polly logs every HTTP attempt at Information; retries and breaks (Warning) are what tell.
        builder.Logging.AddFilter("Polly", LogLevel.Warning);

        if (string.IsNullOrWhiteSpace(builder.Configuration[OtlpEndpointKey]))
        {
            return;
        }

        var options = builder.Configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
        telemetry.WithTracing(tracing =>
        {
            if (options.TraceRequests)
            {
                tracing.AddAspNetCoreInstrumentation(o => o.Filter = http => !IsOperational(http.Request.Path));
            }

            // RabbitMQ.Client's publisher spans only: its subscriber span starts a new trace for each delivery
            // (linked, not parented), while Messaging's consume span continues the message's own trace.
            tracing.AddHttpClientInstrumentation()
                .AddNpgsql()
                .AddSource("RabbitMQ.Client.Publisher", "Brigade.*")
                .SetSampler(new ParentBasedSampler(new RequestsAndMessagesSampler()));
        });
        builder.Services.Configure<OpenTelemetryLoggerOptions>(o =>
        {
            o.IncludeFormattedMessage = true;
            o.IncludeScopes = true;
        });
        telemetry.UseOtlpExporter(); // protocol, headers and intervals from the standard OTEL_* variables
    }

    /// <summary>Probes and scrapes would bury the requests a person looks for.</summary>
    private static bool IsOperational(Microsoft.AspNetCore.Http.PathString path) =>
        path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments("/metrics", StringComparison.OrdinalIgnoreCase);

    private static MetricStreamConfiguration? View(Instrument instrument, HashSet<string> excluded)
    {
        if (excluded.Contains(instrument.Meter.Name))
        {
            return MetricStreamConfiguration.Drop;
        }

        var type = instrument.GetType().GetGenericTypeDefinition();
        if (type == typeof(Histogram<>))
        {
            // Polly times in milliseconds; Prometheus wants seconds (promtool refuses a _milliseconds series). Its
            // events counter (retries, breaks) stays; the HttpClient metrics already time each call.
            if (instrument.Meter.Name == "Polly" && instrument.Unit == "ms")
            {
                return MetricStreamConfiguration.Drop;
            }

            return instrument is Histogram<double> && instrument.Unit == "s" && instrument.Meter.Name.StartsWith("Brigade.", StringComparison.Ordinal)
                ? new ExplicitBucketHistogramConfiguration { Boundaries = SecondsBuckets }
                : null;
        }

        // Prometheus keeps _count, _sum and _bucket for histogram series (promtool refuses a gauge such as
        // dotnet_thread_pool_thread_count); counters are safe, they end in _total.
        var counter = type == typeof(Counter<>) || type == typeof(ObservableCounter<>);
        return !counter && ReservedSuffixes.Any(s => instrument.Name.EndsWith(s, StringComparison.Ordinal))
            ? new MetricStreamConfiguration { Name = instrument.Name + ".value" }
            : null;
    }
}

/// <summary>
/// Traces start at a request or a message. A span with no parent that calls out (a client span: an outbox
/// or delivery queue polling PostgreSQL, the gateway probing replicas' health) is background work that would
/// bury the requests a person looks for, so it is not recorded, nor is anything under it.
/// </summary>
internal sealed class RequestsAndMessagesSampler : Sampler
{
    private static readonly SamplingResult Drop = new(SamplingDecision.Drop);
    private static readonly SamplingResult Sample = new(SamplingDecision.RecordAndSample);

    public override SamplingResult ShouldSample(in SamplingParameters parameters) =>
        parameters.Kind == System.Diagnostics.ActivityKind.Client ? Drop : Sample;
}

/// <summary>Which meters <c>/metrics</c> and OTLP leave out (configuration section <c>Brigade:Metrics</c>).</summary>
public sealed class MetricsOptions
{
    /// <summary>
    /// Meters not listened to. Always the memory pool's: it records on every buffer rent and return,
    /// several times per request, for a figure nobody alerts on. A service adds its own.
    /// </summary>
    public List<string> ExcludedMeters { get; } = ["Microsoft.AspNetCore.MemoryPool"];
}

/// <summary>What is traced when OTLP export is on (configuration section <c>Brigade:Telemetry</c>).</summary>
public sealed class TelemetryOptions
{
    public const string Section = "Brigade:Telemetry";

    /// <summary>
    /// A span for each incoming request (ASP.NET Core's hosting activity). A host whose every microsecond per
    /// request counts, and whose requests are traced downstream anyway, can say false.
    /// </summary>
    public bool TraceRequests { get; set; } = true;
}

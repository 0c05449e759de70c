using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Brigade.ServiceDefaults;

internal static class Tracing
{
    /// <summary>Activity sources whose spans are exported: ASP.NET Core, HttpClient, Npgsql and ours.</summary>
    private static readonly string[] Sources = ["Microsoft.AspNetCore", "System.Net.Http", "Npgsql", "Brigade.*"];

    public static void AddOtlpTracingIfConfigured(WebApplicationBuilder builder, string serviceName)
    {
        if (string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            return;
        }

        builder.Services.AddSingleton(_ => Sdk.CreateTracerProviderBuilder()
            .SetResourceBuilder(ResourceBuilder.CreateDefault().AddService(serviceName))
            .AddSource(Sources)
            .AddOtlpExporter()
            .Build());
        builder.Services.AddHostedService<TracerProviderActivator>();
    }

    /// <summary>Builds the tracer provider at start-up so spans flow from the first request; disposing it flushes.</summary>
    private sealed class TracerProviderActivator(TracerProvider provider) : Microsoft.Extensions.Hosting.IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken)
        {
            provider.ForceFlush(2000);
            return Task.CompletedTask;
        }
    }
}

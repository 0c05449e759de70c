using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Brigade.ServiceDefaults;

/// <summary>What every Brigade process gets in one line: logs, health, problems, OpenAPI, metrics, traces.</summary>
public static class ServiceDefaultsExtensions
{
    /// <summary>Health checks with this tag must pass for <c>/health/ready</c>.</summary>
    public const string ReadyTag = "ready";

    /// <remarks>
    /// Each service also calls <c>builder.Services.AddValidation()</c> in its own module: the .NET
    /// validation source generator only sees the endpoints of the project that makes that call.
    /// </remarks>
    public static WebApplicationBuilder AddServiceDefaults(this WebApplicationBuilder builder, string serviceName)
    {
        var services = builder.Services;
        var identity = new ServiceIdentity(serviceName, builder.Configuration["Brigade:InstanceId"] ?? serviceName);
        services.AddSingleton(identity);

        var servicesFile = builder.Configuration["Brigade:ServicesFile"];
        if (!string.IsNullOrEmpty(servicesFile))
        {
            builder.Configuration.AddJsonFile(servicesFile, optional: true, reloadOnChange: true);
        }

        builder.Logging.ClearProviders();
        builder.Logging.Configure(o => o.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);
        builder.Logging.Services.AddSingleton<ILoggerProvider, JsonLogProvider>();

        var limits = builder.Configuration.GetSection("Brigade:Limits");
        services.Configure<KestrelServerOptions>(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = limits.GetValue<long?>("MaxRequestBodyBytes") ?? 1024 * 1024;
        });
        services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(limits.GetValue<int?>("ShutdownSeconds") ?? 20));

        services.AddProblemDetails(o => o.CustomizeProblemDetails = ctx =>
        {
            ctx.ProblemDetails.Instance ??= ctx.HttpContext.Request.Path;
            ctx.ProblemDetails.Extensions["traceId"] = Activity.Current?.Id ?? ctx.HttpContext.TraceIdentifier;
        });
        services.AddExceptionHandler<ProblemExceptionHandler>();
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Skip);

        services.AddOpenApi(o =>
        {
            o.AddDocumentTransformer<BrigadeOpenApiTransformer>();
            o.AddOperationTransformer<BrigadeOpenApiTransformer>();
            o.AddSchemaTransformer<BrigadeOpenApiTransformer>();
        });
        services.AddHealthChecks();
        builder.AddCaching();
        Brigade.Security.SecurityExtensions.AddBrigadeSecurity(services, builder.Configuration);

        services.AddSingleton<EndpointAccessCheck>();
        services.AddHostedService(sp => sp.GetRequiredService<EndpointAccessCheck>());
        services.Configure<MetricsOptions>(builder.Configuration.GetSection("Brigade:Metrics"));
        Telemetry.Add(builder, identity);
        HttpClientDefaults.Add(builder);
        return builder;
    }

    /// <summary>Adds the error pipeline and maps <c>/health/*</c>, <c>/metrics</c> and <c>/openapi/v1.json</c>.</summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        Brigade.Api.ApiDefaults.UseApiDefaults(app);

        // Routing and auth run after the error pipeline so 401/403/404/405 become problem+json too.
        app.UseRouting();
        if (app.Services.GetService<Microsoft.AspNetCore.Authentication.IAuthenticationSchemeProvider>() is not null)
        {
            app.UseAuthentication();
        }

        app.UseAuthorization();

        var maxBody = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<KestrelServerOptions>>().Value.Limits.MaxRequestBodySize;
        app.Use((http, next) =>
        {
            // Kestrel enforces the limit while reading; refusing a declared oversized body up front is
            // cheaper and also holds on hosts without Kestrel's limits.
            if (http.Request.ContentLength > maxBody)
            {
                throw new Microsoft.AspNetCore.Http.BadHttpRequestException($"The request body is larger than the limit of {maxBody} bytes.", StatusCodes.Status413PayloadTooLarge);
            }

            // A request carrying an Idempotency-Key keeps its body readable so its hash can be compared.
            if (http.Request.Headers.ContainsKey("Idempotency-Key"))
            {
                http.Request.EnableBuffering();
            }

            return next(http);
        });

        return app.MapOperationalEndpoints();
    }

    /// <summary>
    /// Maps <c>/health/live</c>, <c>/health/ready</c> (the checks tagged <see cref="ReadyTag"/>, or those
    /// <paramref name="ready"/> picks), <c>/metrics</c> and <c>/openapi/v1.json</c>, all anonymous, and puts
    /// the app's endpoints under the start-up check that each declares who may call it.
    /// </summary>
    public static WebApplication MapOperationalEndpoints(this WebApplication app, Func<HealthCheckRegistration, bool>? ready = null)
    {
        app.Services.GetRequiredService<EndpointAccessCheck>().Routes = app;
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteHealth })
            .AllowAnonymous().ExcludeFromDescription();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = ready ?? (c => c.Tags.Contains(ReadyTag)), ResponseWriter = WriteHealth })
            .AllowAnonymous().ExcludeFromDescription();
        app.MapPrometheusScrapingEndpoint("/metrics").AllowAnonymous().ExcludeFromDescription();
        app.MapOpenApi("/openapi/v1.json").AllowAnonymous();
        return app;
    }

    private static Task WriteHealth(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "application/json";
        var body = new
        {
            status = report.Status.ToString(),
            durationMs = Math.Round(report.TotalDuration.TotalMilliseconds, 1),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        };
        return JsonSerializer.SerializeAsync(http.Response.Body, body, JsonSerializerOptions.Web, http.RequestAborted);
    }
}

/// <summary>The service's name and this instance's id, as logs, metrics and events show them.</summary>
public sealed record ServiceIdentity(string Name, string InstanceId);

using Brigade.Gateway.Edge;
using Brigade.Gateway.Proxy;
using Brigade.ServiceDefaults;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Health;
using Yarp.ReverseProxy.LoadBalancing;

namespace Brigade.Gateway;

/// <summary>Registration (<see cref="AddGateway"/>) and request pipeline (<see cref="MapGateway"/>) of the gateway.</summary>
public static class GatewayModule
{
    public static WebApplicationBuilder AddGateway(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var settings = new GatewayOptions();
        builder.Configuration.GetSection("Gateway").Bind(settings);

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<Topology>();
        services.AddSingleton<IProxyConfigProvider>(sp => sp.GetRequiredService<Topology>());
        services.AddReverseProxy().AddTransforms<EdgeTransforms>();
        services.AddSingleton<IForwarderHttpClientFactory, UpstreamClientFactory>();
        services.AddSingleton<ILoadBalancingPolicy, ReplicaBalancer>();
        services.AddSingleton<IPassiveHealthCheckPolicy, ReplicaHealthPolicy>();

        services.AddSingleton<GatewayMetrics>();
        services.Configure<MetricsOptions>(o => o.ExcludedMeters.AddRange([GatewayMetrics.HostingMeter, GatewayMetrics.RoutingMeter]));
        services.AddSingleton<RateLimits>();
        services.AddSingleton<EdgePolicy>();
        services.AddSingleton<UpstreamProblems>();
        services.AddSingleton<AccessLog>();
        services.AddSingleton<ServiceStatus>();
        services.AddCors();
        services.AddSingleton<ICorsPolicyProvider, GatewayCors>();
        services.Configure<KestrelServerOptions>(k => k.Limits.MaxRequestLineSize = UriLength.KestrelRequestLineLimit);
        builder.AddTokenRevocations();

        var management = ManagementPort.Listen(builder, settings.Management);
        if (management is not null)
        {
            services.AddSingleton(management);
        }

        if (settings.InlineIo)
        {
            UseInlineIo(builder, settings.IoThreads);
        }

        return builder;
    }

    /// <summary>
    /// Socket completions run their continuations on the socket's event thread, and Kestrel runs the
    /// request there too; <paramref name="ioThreads"/> event threads serve every socket. The runtime reads
    /// both variables once, when the first socket is made, so an explicit setting in the environment wins.
    /// Nothing on the gateway's request path waits on a thread: log lines are written off it (errors, and
    /// a log 1 MB behind stdout, excepted).
    /// </summary>
    internal static void UseInlineIo(WebApplicationBuilder builder, int ioThreads)
    {
        if (ioThreads < 1)
        {
            throw new InvalidOperationException($"Gateway:{nameof(GatewayOptions.IoThreads)} must be at least 1 (was {ioThreads}).");
        }

        SetUnlessPresent("DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS", "1");
        SetUnlessPresent("DOTNET_SYSTEM_NET_SOCKETS_THREAD_COUNT", ioThreads.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.WebHost.UseSockets(o => o.UnsafePreferInlineScheduling = true);
    }

    private static void SetUnlessPresent(string variable, string value)
    {
        if (Environment.GetEnvironmentVariable(variable) is null)
        {
            Environment.SetEnvironmentVariable(variable, value);
        }
    }

    /// <summary>
    /// Access log → management port → errors → URI length → CORS → authentication (requests with a token) →
    /// docs page → web app files → routing → edge policy (per route: auth, limits, body size) → the endpoint:
    /// YARP (retries → balancing → passive health → forwarding; then metrics and upstream problems) or the
    /// gateway's own (status code pages, authorization; health, status, the web app's fallback).
    /// </summary>
    public static WebApplication MapGateway(this WebApplication app)
    {
        var topology = app.Services.GetRequiredService<Topology>();
        var files = WebApp.FileProvider(app.Environment, topology.Options);

        app.Use(app.Services.GetRequiredService<AccessLog>().InvokeAsync);
        if (app.Services.GetService<ManagementPort>() is { } management)
        {
            app.Use(management.InvokeAsync);
        }
        else
        {
            app.Use(ManagementPort.HideMetrics);
        }

        app.UseExceptionHandler();
        app.Use((http, next) => UriLength.InvokeAsync(http, next, topology.Options.MaxUriLength));
        app.UseCors();
        app.UseEdgeAuthentication();

        app.MapApiDocs(topology);
        app.UseWebApp(files);
        app.UseRouting();
        app.Use(app.Services.GetRequiredService<EdgePolicy>().InvokeAsync);
        // The gateway's own endpoints get problem bodies for bare statuses and endpoint authorization; proxied
        // requests need neither (an upstream's answer passes as it is, EdgePolicy has decided who may call),
        // and skip both middlewares' per-request work. The marker stops WebApplication adding authorization again.
        app.UseWhen(http => !IsProxied(http), own =>
        {
            own.UseStatusCodePages();
            own.UseAuthorization();
        });
        ((IApplicationBuilder)app).Properties["__AuthorizationMiddlewareSet"] = true;

        // Everything the gateway answers itself is public; the start-up check holds it to saying so.
        app.MapGet("/health", () => TypedResults.Ok(new { status = "healthy" })).AllowAnonymous()
            .WithName("GatewayHealth").WithSummary("The gateway itself is up.").WithTags("Gateway");
        // The edge stays ready while its revocation inbox's database is away: traffic matters more than
        // a revocation arriving late (the broker check only ever reports Degraded).
        app.MapOperationalEndpoints(ready: c => c.Tags.Contains(ServiceDefaultsExtensions.ReadyTag) && c.Name != "database");

        app.MapGet("/api/services/status", async (HttpContext http, ServiceStatus status) =>
                TypedResults.Ok(await status.GetAsync($"{http.Request.Scheme}://{http.Request.Host}", http.RequestAborted)))
            .AllowAnonymous().WithName("ServicesStatus").WithSummary("Every service and replica with status and probe latency.").WithTags("Gateway");

        var metrics = app.Services.GetRequiredService<GatewayMetrics>();
        var upstreamProblems = app.Services.GetRequiredService<UpstreamProblems>();
        app.MapReverseProxy(proxy =>
        {
            // One frame around all attempts (each is balancing, passive health, forwarding).
            proxy.Use(async (http, next) =>
            {
                var started = System.Diagnostics.Stopwatch.GetTimestamp();
                await Attempts.RunAsync(http, next);
                metrics.Forwarded(http, started);
                await upstreamProblems.WriteIfFailedAsync(http);
            });
            proxy.UseLoadBalancing();
            proxy.UsePassiveHealthChecks();
        })
            // Who may call a proxied route is the edge policy's decision (EdgePolicy, per route), made before this.
            .AllowAnonymous();

        app.MapFallback("/{**path}", (HttpContext http) => WebApp.FallbackAsync(http, files)).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    private static bool IsProxied(HttpContext http) => http.GetEndpoint()?.Metadata.GetMetadata<Yarp.ReverseProxy.Model.RouteModel>() is not null;
}

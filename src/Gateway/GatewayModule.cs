using Brigade.Security;
using Brigade.ServiceDefaults;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Brigade.Gateway;

/// <summary>Registration (<see cref="AddGateway"/>) and request pipeline (<see cref="MapGateway"/>) of the gateway.</summary>
public static class GatewayModule
{
    public static WebApplicationBuilder AddGateway(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<Topology>();
        services.AddSingleton<GatewayMetrics>();
        services.Configure<MetricsOptions>(o => o.ExcludedMeters.Add(GatewayMetrics.HostingMeter));
        services.AddSingleton<WebSocketTunnel>();
        services.AddSingleton<Forwarder>();
        services.AddSingleton<RateLimits>();
        services.AddSingleton<EdgeProxy>();
        services.AddSingleton<AccessLog>();
        services.AddSingleton<HealthProber>();
        services.AddHostedService(sp => sp.GetRequiredService<HealthProber>());
        services.AddSingleton<ServiceStatus>();
        services.AddCors();
        services.AddSingleton<ICorsPolicyProvider, GatewayCors>();
        builder.AddTokenRevocations();
        var defaults = new GatewayOptions();
        if (builder.Configuration.GetValue($"Gateway:{nameof(GatewayOptions.InlineIo)}", defaults.InlineIo))
        {
            UseInlineIo(builder, builder.Configuration.GetValue($"Gateway:{nameof(GatewayOptions.IoThreads)}", defaults.IoThreads));
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
    /// Access log → errors → CORS → authentication → edge proxy (routes, limits, forwarding) → the
    /// gateway's own endpoints (health, metrics, status, docs) → the web app.
    /// </summary>
    public static WebApplication MapGateway(this WebApplication app)
    {
        var topology = app.Services.GetRequiredService<Topology>();
        var files = WebApp.FileProvider(app.Environment, topology.Options);

        app.Use(app.Services.GetRequiredService<AccessLog>().InvokeAsync);
        app.UseExceptionHandler();
        app.UseCors();
        if (app.Services.GetService<Microsoft.AspNetCore.Authentication.IAuthenticationSchemeProvider>() is not null)
        {
            // Without a token there is nothing to authenticate: anonymous requests skip the handler. The
            // marker stops WebApplication from adding an unconditional UseAuthentication() in front.
            app.UseWhen(http => BearerAuthenticationHandler.HasToken(http.Request), branch => branch.UseAuthentication());
            ((IApplicationBuilder)app).Properties["__AuthenticationMiddlewareSet"] = true;
        }

        app.Use(app.Services.GetRequiredService<EdgeProxy>().InvokeAsync);

        app.MapApiDocs(topology);
        app.UseWebApp(files);
        app.UseStatusCodePages();
        app.UseRouting();
        app.UseAuthorization();

        // Everything the gateway answers itself is public; the start-up check holds it to saying so.
        app.MapGet("/health", () => TypedResults.Ok(new { status = "healthy" })).AllowAnonymous()
            .WithName("GatewayHealth").WithSummary("The gateway itself is up.").WithTags("Gateway");
        // The edge stays ready while its revocation inbox's database is away: traffic matters more than
        // a revocation arriving late (the broker check only ever reports Degraded).
        app.MapOperationalEndpoints(ready: c => c.Tags.Contains(ServiceDefaultsExtensions.ReadyTag) && c.Name != "database");

        app.MapGet("/api/services/status", async (HttpContext http, ServiceStatus status) =>
                TypedResults.Ok(await status.GetAsync($"{http.Request.Scheme}://{http.Request.Host}", http.RequestAborted)))
            .AllowAnonymous().WithName("ServicesStatus").WithSummary("Every service and replica with status and probe latency.").WithTags("Gateway");
        app.MapGet("/api/{service}/docs", (HttpContext http, string service, Forwarder forwarder) =>
                ApiDocs.ServeServiceDocumentAsync(http, service, topology, forwarder))
            .AllowAnonymous().WithName("ServiceOpenApiDocument").WithSummary("A service's OpenAPI document, fetched through the gateway.").WithTags("Gateway");

        app.MapFallback("/{**path}", (HttpContext http) => WebApp.FallbackAsync(http, files)).AllowAnonymous().ExcludeFromDescription();
        return app;
    }
}

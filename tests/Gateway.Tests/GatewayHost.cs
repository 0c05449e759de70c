using System.Net;
using System.Net.Sockets;
using Brigade.ServiceDefaults;
using Brigade.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Brigade.Gateway.Tests;

/// <summary>Settings for a gateway under test, with helpers for routes and destinations.</summary>
public sealed class GatewaySettings : Dictionary<string, string?>
{
    public GatewaySettings()
    {
        // Quiet, predictable defaults; a test turns on what it examines.
        this["Logging:LogLevel:Default"] = "Warning";
        this["Gateway:RateLimits:Enabled"] = "false";
        this["Gateway:HealthChecks:Interval"] = "00:00:01";
        // Generous: on a loaded machine two slow probes in a row would take a healthy replica out mid-test.
        this["Gateway:HealthChecks:Timeout"] = "00:00:03";
        this["Gateway:Ejection:ConsecutiveFailures"] = "0";
        this["Gateway:Circuit:MinimumThroughput"] = "100000";
        this["Gateway:Forwarder:ConnectTimeout"] = "00:00:02";
        foreach (var (key, value) in TestTokens.Settings)
        {
            this[key] = value;
        }
    }

    public GatewaySettings Route(string name, string prefix, string cluster, string access = "Public", string[]? methods = null, string? rateLimitPolicy = null, long? maxBody = null)
    {
        this[$"Gateway:Routes:{name}:Prefix"] = prefix;
        this[$"Gateway:Routes:{name}:Cluster"] = cluster;
        this[$"Gateway:Routes:{name}:Access"] = access;
        for (var i = 0; methods is not null && i < methods.Length; i++)
        {
            this[$"Gateway:Routes:{name}:Methods:{i}"] = methods[i];
        }

        if (rateLimitPolicy is not null)
        {
            this[$"Gateway:Routes:{name}:RateLimitPolicy"] = rateLimitPolicy;
        }

        if (maxBody is not null)
        {
            this[$"Gateway:Routes:{name}:MaxRequestBodyBytes"] = maxBody.ToString();
        }

        return this;
    }

    public GatewaySettings Destinations(string cluster, params string[] urls)
    {
        for (var i = 0; i < urls.Length; i++)
        {
            this[$"Services:{cluster}:{i}"] = urls[i];
        }

        return this;
    }

    public GatewaySettings Set(string key, string? value)
    {
        this[key] = value;
        return this;
    }

    /// <summary>Opens the operators' listener (/metrics) on a free loopback port.</summary>
    public GatewaySettings WithManagementPort()
    {
        this["Gateway:Management:Url"] = GatewayHost.DeadUrl();
        return this;
    }
}

/// <summary>The real gateway pipeline (the same AddGateway/MapGateway Program uses) on real Kestrel sockets.</summary>
public sealed class GatewayHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _contentRoot;

    private GatewayHost(WebApplication app, string contentRoot, string url, string? managementUrl)
    {
        _app = app;
        _contentRoot = contentRoot;
        Url = url;
        ManagementUrl = managementUrl;
        Client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, UseProxy = false })
        {
            BaseAddress = new Uri(url),
            Timeout = TimeSpan.FromSeconds(30),
        };
    }

    public string Url { get; }

    /// <summary>The operators' listener, when the settings open one (<see cref="GatewaySettings.WithManagementPort"/>).</summary>
    public string? ManagementUrl { get; }

    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<GatewayHost> StartAsync(GatewaySettings settings, Action<WebApplicationBuilder>? configure = null, string? contentRoot = null, Action<WebApplication>? mapMore = null)
    {
        var root = contentRoot ?? Directory.CreateTempSubdirectory("brigade-gateway-test").FullName;
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ContentRootPath = root,
            EnvironmentName = "Testing",
            ApplicationName = typeof(GatewayModule).Assembly.GetName().Name,
        });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.AddServiceDefaults("gateway");
        builder.AddGateway();
        configure?.Invoke(builder);
        var app = builder.Build();
        app.MapGateway();
        mapMore?.Invoke(app);
        await app.StartAsync();
        var management = settings.GetValueOrDefault("Gateway:Management:Url");
        var url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First(a => a != management);
        return new GatewayHost(app, root, url, management);
    }

    public HttpClient NewClient(HttpMessageHandler? handler = null) => new(handler ?? new SocketsHttpHandler { UseCookies = false, UseProxy = false })
    {
        BaseAddress = new Uri(Url),
        Timeout = TimeSpan.FromSeconds(30),
    };

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        try
        {
            Directory.Delete(_contentRoot, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>A loopback URL nothing listens on (connections are refused).</summary>
    public static string DeadUrl()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return $"http://127.0.0.1:{port}";
    }

    /// <summary>Polls until <paramref name="condition"/> holds or fails the test after <paramref name="timeout"/>.</summary>
    public static async Task Eventually(Func<Task<bool>> condition, TimeSpan timeout, string because)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new ShouldAssertException($"Timed out after {timeout}: {because}");
            }

            await Task.Delay(50);
        }
    }
}

extern alias gateway;

using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using Brigade.ServiceDefaults;
using Brigade.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using GatewayModule = gateway::Brigade.Gateway.GatewayModule;

namespace Brigade.Notifications.Tests;

/// <summary>The notifications service on real Kestrel sockets, so the gateway can forward to it.</summary>
public sealed class KestrelNotificationsFactory : NotificationsFactory
{
    public KestrelNotificationsFactory() => UseKestrel(k => k.Listen(IPAddress.Loopback, 0));

    public string Url => Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        StartServer();
    }
}

/// <summary>The real gateway (its own pipeline, on Kestrel) in front of the notifications service.</summary>
public sealed class GatewayInFront : IAsyncLifetime
{
    private WebApplication? _gateway;

    public KestrelNotificationsFactory Notifications { get; } = new();

    public Uri GatewayUrl { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Notifications.InitializeAsync();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ContentRootPath = Directory.CreateTempSubdirectory("brigade-notifications-gateway").FullName,
            EnvironmentName = "Testing",
            ApplicationName = typeof(GatewayModule).Assembly.GetName().Name,
        });
        var settings = new Dictionary<string, string?>(TestTokens.Settings)
        {
            ["Logging:LogLevel:Default"] = "Warning",
            ["Gateway:RateLimits:Enabled"] = "false",
            ["Gateway:Routes:notifications:Prefix"] = "/api/notifications",
            ["Gateway:Routes:notifications:Cluster"] = "notifications",
            ["Gateway:Routes:notifications:Access"] = "Authenticated",
            ["Gateway:Routes:notifications-hub:Prefix"] = "/hubs/notifications",
            ["Gateway:Routes:notifications-hub:Cluster"] = "notifications",
            ["Gateway:Routes:notifications-hub:Access"] = "Authenticated",
            ["Services:notifications:0"] = Notifications.Url,
        };
        builder.Configuration.AddInMemoryCollection(settings);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.AddServiceDefaults("gateway");
        GatewayModule.AddGateway(builder);
        _gateway = builder.Build();
        GatewayModule.MapGateway(_gateway);
        await _gateway.StartAsync();
        GatewayUrl = new Uri(_gateway.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    public async Task DisposeAsync()
    {
        if (_gateway is not null)
        {
            await _gateway.StopAsync();
            await _gateway.DisposeAsync();
        }

        await Notifications.DisposeAsync();
    }
}

public sealed class GatewayTests(GatewayInFront world) : IClassFixture<GatewayInFront>
{
    [Fact]
    public async Task A_hub_client_behind_the_gateway_receives_its_notification()
    {
        var person = Actor.Diner("edge");
        await using var hub = await HubClient.ConnectAsync(world.GatewayUrl, person.Token);

        using var admin = new HttpClient { BaseAddress = world.GatewayUrl }.WithToken(Actor.Admin().Token);
        var sent = await (await admin.PostAsJsonAsync("/api/notifications/send", new { userId = person.Id, title = "via the gateway", body = "b" }))
            .ShouldBeAsync(HttpStatusCode.Accepted);

        var item = await hub.NextAsync();
        item.GetProperty("id").GetGuid().ShouldBe(sent.GetProperty("notificationIds")[0].GetGuid());
        item.GetProperty("title").GetString().ShouldBe("via the gateway");

        using var mine = new HttpClient { BaseAddress = world.GatewayUrl }.WithToken(person.Token);
        (await (await mine.GetAsync("/api/notifications")).ShouldBeAsync(HttpStatusCode.OK)).Items().ShouldHaveSingleItem();
    }

    [Fact]
    public async Task The_gateway_refuses_a_hub_connection_without_a_token()
    {
        var refused = await Should.ThrowAsync<WebSocketException>(() => HubClient.ConnectAsync(world.GatewayUrl, null));
        refused.Message.ShouldContain("401");
    }
}

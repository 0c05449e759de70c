extern alias gateway;

using Microsoft.AspNetCore.SignalR.Client;

using System.Net;
using System.Net.Http.Json;
using Brigade.ServiceDefaults;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using GatewayModule = gateway::Brigade.Gateway.GatewayModule;

namespace Brigade.Chat.Tests;

/// <summary>The chat service on real Kestrel sockets, so a gateway can forward to it.</summary>
public sealed class KestrelChatFactory : ChatFactory
{
    public KestrelChatFactory() => UseKestrel(k => k.Listen(IPAddress.Loopback, 0));

    public string Url => Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        StartServer();
    }
}

/// <summary>
/// Two replicas of chat sharing one database, exchange and Redis backplane, each behind a real gateway of its own: the
/// gateway pins a client to a replica by address, and every test client is 127.0.0.1, so one gateway per replica is how a
/// test puts two people on two replicas.
/// </summary>
public sealed class TwoReplicas : IAsyncLifetime
{
    private readonly List<WebApplication> _gateways = [];

    public KestrelChatFactory First { get; } = new() { InstanceId = "chat-1" };

    public KestrelChatFactory Second { get; } = new() { InstanceId = "chat-2" };

    public Uri GatewayToFirst { get; private set; } = null!;

    public Uri GatewayToSecond { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await First.InitializeAsync();
        Second.ReplicaOf(First);
        await Second.InitializeAsync();
        GatewayToFirst = await StartGatewayAsync(First.Url);
        GatewayToSecond = await StartGatewayAsync(Second.Url);
    }

    private async Task<Uri> StartGatewayAsync(string replica)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ContentRootPath = Directory.CreateTempSubdirectory("brigade-chat-gateway").FullName,
            EnvironmentName = "Testing",
            ApplicationName = typeof(GatewayModule).Assembly.GetName().Name,
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>(TestTokens.Settings)
        {
            ["Logging:LogLevel:Default"] = "Warning",
            ["Gateway:RateLimits:Enabled"] = "false",
            ["Gateway:Routes:chat:Prefix"] = "/api/chat",
            ["Gateway:Routes:chat:Cluster"] = "chat",
            ["Gateway:Routes:chat:Access"] = "Authenticated",
            ["Gateway:Routes:chat-hub:Prefix"] = "/hubs/chat",
            ["Gateway:Routes:chat-hub:Cluster"] = "chat",
            ["Gateway:Routes:chat-hub:Access"] = "Authenticated",
            ["Gateway:Routes:chat-hub:Affinity"] = "ClientAddress",
            ["Services:chat:0"] = replica,
        });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.AddServiceDefaults("gateway");
        GatewayModule.AddGateway(builder);
        var gateway = builder.Build();
        GatewayModule.MapGateway(gateway);
        await gateway.StartAsync();
        _gateways.Add(gateway);
        return new Uri(gateway.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    public async Task DisposeAsync()
    {
        foreach (var gateway in _gateways)
        {
            await gateway.StopAsync();
            await gateway.DisposeAsync();
        }

        await Second.DisposeAsync();
        await First.DisposeAsync();
    }
}

public sealed class ReplicaTests(TwoReplicas replicas) : IClassFixture<TwoReplicas>
{
    [Fact]
    public async Task Two_people_on_two_replicas_talk_through_the_gateway()
    {
        var (restaurant, people) = await replicas.First.StaffAsync("owner", "staff");
        var (owner, cook) = (people[0], people[1]);
        using var ownerApi = new HttpClient { BaseAddress = replicas.GatewayToFirst }.WithToken(owner.Token);
        var room = (await (await ownerApi.PostAsJsonAsync("/api/chat/rooms", new { restaurantId = restaurant, title = "Pass", memberIds = new[] { cook.Id } }))
            .ShouldBeAsync(HttpStatusCode.Created)).GetProperty("room").GetProperty("id").GetGuid();

        await using var onFirst = await HubClient.ConnectAsync(replicas.GatewayToFirst, owner.Token);
        await using var onSecond = await HubClient.ConnectAsync(replicas.GatewayToSecond, cook.Token);

        var ack = await onFirst.SendAsync(room, "two tables of six at eight", "r-1");
        var received = await onSecond.NextAsync("message");
        received.GetProperty("id").GetGuid().ShouldBe(ack.GetProperty("id").GetGuid());
        received.Text().ShouldBe("two tables of six at eight");

        await onSecond.Connection.InvokeAsync("typing", room);
        (await onFirst.NextAsync("typing")).GetProperty("userId").GetGuid().ShouldBe(cook.Id);

        using var cookApi = new HttpClient { BaseAddress = replicas.GatewayToSecond }.WithToken(cook.Token);
        var reply = await ChatFactory.SendAsync(cookApi, room, "on it");
        (await onFirst.NextAsync("message", m => m.GetProperty("senderId").ValueKind != System.Text.Json.JsonValueKind.Null && m.Text() == "on it"))
            .GetProperty("id").GetGuid().ShouldBe(reply.GetProperty("id").GetGuid());

        // Presence is shared: the cook is connected (to the other replica), so only nobody is notified.
        (await replicas.First.EventsAboutAsync(ack.GetProperty("id").GetGuid())).ShouldNotContain(e => e.Type == "notifications.notification.requested");

        var history = await (await cookApi.GetAsync($"/api/chat/rooms/{room}/messages")).ShouldBeAsync(HttpStatusCode.OK);
        history.Items().Select(m => m.Text()).Take(2).ShouldBe(["on it", "two tables of six at eight"]);
    }

    [Fact]
    public async Task The_gateway_refuses_a_hub_connection_without_a_token()
    {
        var refused = await Should.ThrowAsync<System.Net.WebSockets.WebSocketException>(() => HubClient.ConnectAsync(replicas.GatewayToFirst, null));
        refused.Message.ShouldContain("401");
    }
}

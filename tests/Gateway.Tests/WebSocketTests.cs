using System.Net;
using System.Net.WebSockets;
using System.Text;
using Brigade.Testing;

namespace Brigade.Gateway.Tests;

public sealed class WebSocketTests : IAsyncLifetime
{
    private FakeService _hub = null!;
    private GatewayHost _gateway = null!;

    public async Task InitializeAsync()
    {
        _hub = await FakeService.StartAsync("chat", (app, _) =>
        {
            app.Map("/hubs/chat", async (HttpContext http) =>
            {
                if (!http.WebSockets.IsWebSocketRequest)
                {
                    return Results.BadRequest();
                }

                if (http.Request.Query["room"] == "forbidden")
                {
                    return Results.Json(new { error = "not a member" }, statusCode: 403);
                }

                using var socket = await http.WebSockets.AcceptWebSocketAsync("json");
                var buffer = new byte[4 * 1024 * 1024];
                while (true)
                {
                    var received = 0;
                    WebSocketReceiveResult result;
                    do
                    {
                        result = await socket.ReceiveAsync(buffer.AsMemory(received), CancellationToken.None) is var r
                            ? new WebSocketReceiveResult(r.Count, r.MessageType, r.EndOfMessage)
                            : null!;
                        received += result.Count;
                    }
                    while (!result.EndOfMessage);

                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);
                        return Results.Empty;
                    }

                    await socket.SendAsync(buffer.AsMemory(0, received), result.MessageType, true, CancellationToken.None);
                }
            });
        });
        _gateway = await GatewayHost.StartAsync(new GatewaySettings()
            .Route("chat-hub", "/hubs/chat", "chat", access: "Authenticated")
            .Destinations("chat", _hub.Url));
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _hub.DisposeAsync();
    }

    [Fact]
    public async Task Messages_echo_through_the_gateway_in_both_directions()
    {
        using var socket = new ClientWebSocket();
        socket.Options.AddSubProtocol("json");
        var token = TestTokens.For(Guid.NewGuid(), ["diner"]);
        await socket.ConnectAsync(new Uri(_gateway.Url.Replace("http", "ws") + "/hubs/chat?access_token=" + token), CancellationToken.None);
        socket.SubProtocol.ShouldBe("json");

        await socket.SendAsync(Encoding.UTF8.GetBytes("{\"hello\":\"kitchen\"}"), WebSocketMessageType.Text, true, CancellationToken.None);
        (await Receive(socket)).ShouldBe(Encoding.UTF8.GetBytes("{\"hello\":\"kitchen\"}"));

        var large = new byte[2 * 1024 * 1024];
        Random.Shared.NextBytes(large);
        await socket.SendAsync(large, WebSocketMessageType.Binary, true, CancellationToken.None);
        (await Receive(socket)).ShouldBe(large);

        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None);
        socket.State.ShouldBe(WebSocketState.Closed);
        _hub.Requests.Single().Headers["X-Forwarded-For"].ShouldBe("127.0.0.1");
    }

    [Fact]
    public async Task An_upgrade_the_service_declines_is_passed_on_with_its_status()
    {
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        var token = TestTokens.For(Guid.NewGuid(), ["diner"]);

        await Should.ThrowAsync<WebSocketException>(() =>
            socket.ConnectAsync(new Uri(_gateway.Url.Replace("http", "ws") + "/hubs/chat?room=forbidden&access_token=" + token), CancellationToken.None));

        socket.HttpStatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_hub_connection_without_a_token_is_refused_at_the_edge()
    {
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;

        await Should.ThrowAsync<WebSocketException>(() =>
            socket.ConnectAsync(new Uri(_gateway.Url.Replace("http", "ws") + "/hubs/chat"), CancellationToken.None));

        socket.HttpStatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        _hub.Hits.ShouldBe(0);
    }

    private static async Task<byte[]> Receive(ClientWebSocket socket)
    {
        var buffer = new byte[4 * 1024 * 1024];
        var received = 0;
        ValueWebSocketReceiveResult result;
        do
        {
            result = await socket.ReceiveAsync(buffer.AsMemory(received), CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
            received += result.Count;
        }
        while (!result.EndOfMessage);

        return buffer[..received];
    }
}

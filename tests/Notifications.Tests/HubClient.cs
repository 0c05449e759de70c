using System.Net.WebSockets;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.TestHost;

namespace Brigade.Notifications.Tests;

/// <summary>
/// A connection to <c>/hubs/notifications</c> with the SignalR .NET client, recording every <c>notification</c> the
/// server calls. It connects as browsers may: WebSockets without negotiation, the token in the <c>access_token</c> query.
/// </summary>
public sealed class HubClient : IAsyncDisposable
{
    private readonly HubConnection _connection;
    private readonly Channel<JsonElement> _notifications = Channel.CreateUnbounded<JsonElement>();

    private HubClient(HubConnection connection)
    {
        _connection = connection;
        _connection.On<JsonElement>("notification", item => _notifications.Writer.TryWrite(item.Clone()));
    }

    /// <summary>Connects to a test server's hub in memory.</summary>
    public static Task<HubClient> ConnectAsync(TestServer server, string? token) =>
        StartAsync(new Uri(server.BaseAddress, "hubs/notifications"), token,
            async (uri, ct) => await server.CreateWebSocketClient().ConnectAsync(uri, ct));

    /// <summary>Connects over the network (through the gateway) with a real <see cref="ClientWebSocket"/>.</summary>
    public static Task<HubClient> ConnectAsync(Uri baseAddress, string? token) =>
        StartAsync(new Uri(baseAddress, "hubs/notifications"), token, async (uri, ct) =>
        {
            var socket = new ClientWebSocket();
            try
            {
                await socket.ConnectAsync(uri, ct);
                return socket;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        });

    private static async Task<HubClient> StartAsync(Uri hub, string? token, Func<Uri, CancellationToken, Task<WebSocket>> connect)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(hub, o =>
            {
                o.Transports = HttpTransportType.WebSockets;
                o.SkipNegotiation = true;
                o.WebSocketFactory = async (context, ct) => await connect(WithToken(context.Uri, token), ct);
            })
            .Build();
        var client = new HubClient(connection);
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            await connection.StartAsync(timeout.Token);

            // The handshake completes before the hub's OnConnectedAsync has joined the groups; the server handles
            // invocations only after it, so the answer to one (here: an error, no such method) means the groups are set.
            await Should.ThrowAsync<HubException>(() => connection.InvokeAsync("ready", timeout.Token));
            return client;
        }
        catch
        {
            await client.DisposeAsync();
            throw;
        }
    }

    private static Uri WithToken(Uri uri, string? token) =>
        token is null ? uri : new UriBuilder(uri) { Query = (uri.Query.Length > 1 ? uri.Query[1..] + "&" : "") + "access_token=" + Uri.EscapeDataString(token) }.Uri;

    /// <summary>The next <c>notification</c> the server called, or a timeout.</summary>
    public async Task<JsonElement> NextAsync(int timeoutSeconds = 15)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(timeoutSeconds));
        try
        {
            return await _notifications.Reader.ReadAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"No notification arrived within {timeoutSeconds} s.");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _connection.DisposeAsync();
        _notifications.Writer.TryComplete();
    }
}

using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.TestHost;

namespace Brigade.Chat.Tests;

/// <summary>
/// A connection to <c>/hubs/chat</c> with the SignalR .NET client, recording what the server calls (<c>message</c>,
/// <c>messageChanged</c>, <c>typing</c>, <c>read</c>). It connects as browsers may: WebSockets without negotiation, the
/// token in the <c>access_token</c> query.
/// </summary>
public sealed class HubClient : IAsyncDisposable
{
    public static readonly string[] Methods = ["message", "messageChanged", "typing", "read"];

    private readonly ConcurrentDictionary<string, Channel<JsonElement>> _received = new();

    private HubClient(HubConnection connection)
    {
        Connection = connection;
        foreach (var method in Methods)
        {
            var channel = _received.GetOrAdd(method, _ => Channel.CreateUnbounded<JsonElement>());
            connection.On<JsonElement>(method, item => channel.Writer.TryWrite(item.Clone()));
        }
    }

    public HubConnection Connection { get; }

    public static Task<HubClient> ConnectAsync(TestServer server, string? token) =>
        StartAsync(new Uri(server.BaseAddress, "hubs/chat"), token, async (uri, ct) => await server.CreateWebSocketClient().ConnectAsync(uri, ct));

    /// <summary>The seed's path <c>/api/chat/socket</c>, as a native client connects: the token in the Authorization header.</summary>
    public static Task<HubClient> ConnectToSeedPathAsync(TestServer server, string token) =>
        StartAsync(new Uri(server.BaseAddress, "api/chat/socket"), null, async (uri, ct) =>
        {
            var client = server.CreateWebSocketClient();
            client.ConfigureRequest = request => request.Headers.Authorization = "Bearer " + token;
            return await client.ConnectAsync(uri, ct);
        });

    /// <summary>Over the network (through the gateway) with a real <see cref="ClientWebSocket"/>.</summary>
    public static Task<HubClient> ConnectAsync(Uri baseAddress, string? token) =>
        StartAsync(new Uri(baseAddress, "hubs/chat"), token, async (uri, ct) =>
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

            // The server handles invocations only after OnConnectedAsync (group joined, presence recorded): the answer to
            // one (here an error, no such method) means the connection is ready to receive.
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

    /// <summary>The next call of <paramref name="method"/> the server made, or a timeout.</summary>
    public async Task<JsonElement> NextAsync(string method = "message", int timeoutSeconds = 15)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(timeoutSeconds));
        try
        {
            return await _received[method].Reader.ReadAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"No '{method}' arrived within {timeoutSeconds} s.");
        }
    }

    /// <summary>Skips calls of <paramref name="method"/> until one matches (e.g. the system message a room opened with).</summary>
    public async Task<JsonElement> NextAsync(string method, Func<JsonElement, bool> match)
    {
        while (true)
        {
            var item = await NextAsync(method);
            if (match(item))
            {
                return item;
            }
        }
    }

    public Task<JsonElement> SendAsync(Guid roomId, string text, string? clientMessageId = null) =>
        Connection.InvokeAsync<JsonElement>("send", roomId, new { clientMessageId, text });

    public async ValueTask DisposeAsync()
    {
        await Connection.DisposeAsync();
        foreach (var channel in _received.Values)
        {
            channel.Writer.TryComplete();
        }
    }
}

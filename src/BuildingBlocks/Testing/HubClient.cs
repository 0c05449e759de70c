using System.Collections.Concurrent;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.TestHost;

namespace Brigade.Testing;

/// <summary>
/// A SignalR connection to a service's hub (in memory, WebSockets, token in <c>access_token</c> as browsers send it),
/// recording every message of the named client methods.
/// </summary>
public sealed class HubClient : IAsyncDisposable
{
    private readonly HubConnection _connection;
    private readonly ConcurrentDictionary<string, Channel<JsonElement>> _messages = new(StringComparer.Ordinal);

    private HubClient(HubConnection connection, IEnumerable<string> methods)
    {
        _connection = connection;
        foreach (var method in methods)
        {
            var channel = _messages[method] = Channel.CreateUnbounded<JsonElement>();
            _connection.On<JsonElement>(method, m => channel.Writer.TryWrite(m.Clone()));
        }
    }

    public HubConnection Connection => _connection;

    public static async Task<HubClient> ConnectAsync(TestServer server, string path, string? token, params string[] methods)
    {
        var uri = new Uri(server.BaseAddress, path.TrimStart('/'));
        var connection = new HubConnectionBuilder()
            .WithUrl(uri, o =>
            {
                o.Transports = HttpTransportType.WebSockets;
                o.SkipNegotiation = true;
                o.WebSocketFactory = async (context, ct) =>
                {
                    var target = token is null ? context.Uri : new UriBuilder(context.Uri) { Query = "access_token=" + Uri.EscapeDataString(token) }.Uri;
                    return await server.CreateWebSocketClient().ConnectAsync(target, ct);
                };
            })
            .Build();
        var client = new HubClient(connection, methods);
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            await connection.StartAsync(timeout.Token);
            return client;
        }
        catch
        {
            await client.DisposeAsync();
            throw;
        }
    }

    /// <summary>The next message of <paramref name="method"/> that satisfies <paramref name="match"/>, skipping others.</summary>
    public async Task<JsonElement> NextAsync(string method, Func<JsonElement, bool>? match = null, int timeoutSeconds = 15)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(timeoutSeconds));
        try
        {
            while (true)
            {
                var message = await _messages[method].Reader.ReadAsync(timeout.Token);
                if (match is null || match(message))
                {
                    return message;
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"No matching '{method}' message arrived within {timeoutSeconds} s.");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _connection.DisposeAsync();
        foreach (var channel in _messages.Values)
        {
            channel.Writer.TryComplete();
        }
    }
}

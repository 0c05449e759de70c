using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.TestHost;

namespace Brigade.Notifications.Tests;

/// <summary>
/// A SignalR client speaking the JSON hub protocol over a real WebSocket (there is no .NET SignalR client package
/// here): records end with 0x1E, the handshake is <c>{"protocol":"json","version":1}</c>, the server answers <c>{}</c>,
/// then invocations <c>{"type":1,"target":…,"arguments":[…]}</c> arrive, with pings (type 6) in between.
/// </summary>
public sealed class HubClient : IAsyncDisposable
{
    private const char RecordSeparator = '\u001e';

    private readonly WebSocket _socket;
    private readonly Channel<JsonElement> _notifications = Channel.CreateUnbounded<JsonElement>();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _receiving;
    private readonly List<byte> _leftover;

    private HubClient(WebSocket socket, List<byte> leftover)
    {
        _socket = socket;
        _leftover = leftover;
        _receiving = Task.Run(ReceiveAsync);
    }

    /// <summary>Connects to <c>/hubs/notifications</c> with the token in the <c>access_token</c> query (skipping negotiation, as browsers may for WebSockets).</summary>
    public static async Task<HubClient> ConnectAsync(TestServer server, string? token)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var socket = await server.CreateWebSocketClient().ConnectAsync(HubUri(new Uri("ws://localhost/"), token), timeout.Token);
        return await HandshakeAsync(socket, timeout.Token);
    }

    /// <summary>Connects over the network (through the gateway) with a real <see cref="ClientWebSocket"/>.</summary>
    public static async Task<HubClient> ConnectAsync(Uri baseAddress, string? token)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var socket = new ClientWebSocket();
        try
        {
            var ws = new UriBuilder(baseAddress) { Scheme = baseAddress.Scheme == "https" ? "wss" : "ws" }.Uri;
            await socket.ConnectAsync(HubUri(ws, token), timeout.Token);
            return await HandshakeAsync(socket, timeout.Token);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static Uri HubUri(Uri baseAddress, string? token) =>
        new(baseAddress, "hubs/notifications" + (token is null ? "" : "?access_token=" + Uri.EscapeDataString(token)));

    private static async Task<HubClient> HandshakeAsync(WebSocket socket, CancellationToken ct)
    {
        await socket.SendAsync(Encoding.UTF8.GetBytes("{\"protocol\":\"json\",\"version\":1}" + RecordSeparator), WebSocketMessageType.Text, true, ct);
        var leftover = new List<byte>();
        var handshake = await ReadRecordAsync(socket, leftover, ct);
        handshake.ShouldBe("{}", "the server accepts the handshake without an error");
        return new HubClient(socket, leftover);
    }

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

    /// <summary>True when no notification arrives within <paramref name="milliseconds"/>.</summary>
    public async Task<bool> NothingWithinAsync(int milliseconds)
    {
        using var timeout = new CancellationTokenSource(milliseconds);
        try
        {
            await _notifications.Reader.WaitToReadAsync(timeout.Token);
            return false;
        }
        catch (OperationCanceledException)
        {
            return true;
        }
    }

    private async Task ReceiveAsync()
    {
        var pending = _leftover;
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var record = await ReadRecordAsync(_socket, pending, _stop.Token);
                using var json = JsonDocument.Parse(record);
                var root = json.RootElement;
                var type = root.GetProperty("type").GetInt32();
                if (type == 1 && root.GetProperty("target").GetString() == "notification")
                {
                    await _notifications.Writer.WriteAsync(root.GetProperty("arguments")[0].Clone());
                }
                else if (type == 7)
                {
                    break;
                }
            }
        }
        catch (Exception) when (_stop.IsCancellationRequested || _socket.State != WebSocketState.Open)
        {
        }
        finally
        {
            _notifications.Writer.TryComplete();
        }
    }

    // 0x1E never occurs inside a multi-byte UTF-8 sequence, so records are cut on bytes before decoding.
    private static async Task<string> ReadRecordAsync(WebSocket socket, List<byte> pending, CancellationToken ct)
    {
        var buffer = new byte[8192];
        while (true)
        {
            var end = pending.IndexOf((byte)RecordSeparator);
            if (end >= 0)
            {
                var record = Encoding.UTF8.GetString(pending.GetRange(0, end).ToArray());
                pending.RemoveRange(0, end + 1);
                return record;
            }

            var result = await socket.ReceiveAsync(buffer, ct);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                throw new WebSocketException($"The server closed the connection: {result.CloseStatus} {result.CloseStatusDescription}");
            }

            pending.AddRange(buffer.AsSpan(0, result.Count).ToArray());
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            if (_socket.State == WebSocketState.Open)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or InvalidOperationException)
        {
            // the server may already have gone
        }

        _socket.Dispose();
        await _receiving.ContinueWith(_ => { }, TaskScheduler.Default);
        _stop.Dispose();
    }
}

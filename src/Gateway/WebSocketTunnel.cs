using System.Buffers;
using System.Diagnostics;
using System.Net.Security;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core.Features;

namespace Brigade.Gateway;

public enum TunnelResult
{
    Done,
    Refused,
    ConnectTimedOut,
}

/// <summary>
/// Passes a WebSocket upgrade (SignalR hubs) through as an opaque byte tunnel: opens its own socket to
/// the replica, writes the client's upgrade request, relays the replica's answer, and after a 101 copies
/// bytes both ways between the upgraded client connection (<see cref="IHttpUpgradeFeature"/>) and the
/// socket until either side closes. Frames are never parsed, so every subprotocol and extension works.
/// An answer other than 101 (401, 404 …) is relayed as an ordinary response.
/// </summary>
public sealed partial class WebSocketTunnel(Topology topology, ILogger<WebSocketTunnel> logger)
{
    private const int RelayBufferSize = 16 * 1024;
    private static readonly TimeSpan CloseGrace = TimeSpan.FromSeconds(5);

    public static bool IsWebSocketUpgrade(HttpRequest request)
    {
        foreach (var value in request.Headers.Upgrade)
        {
            if (value is not null && value.Contains("websocket", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    public async Task<TunnelResult> RunAsync(HttpContext http, IHttpUpgradeFeature upgrade, Cluster cluster, Destination destination)
    {
        var state = http.Features.Get<GatewayRequestState>();
        if (state is not null)
        {
            state.Upstream = destination.Url;
        }

        var options = topology.Options;
        destination.Enter();
        try
        {
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            using (var connect = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted))
            {
                connect.CancelAfter(options.Forwarder.ConnectTimeout);
                try
                {
                    await socket.ConnectAsync(destination.Address.Host, destination.Address.Port, connect.Token);
                }
                catch (Exception e) when (!http.RequestAborted.IsCancellationRequested)
                {
                    socket.Dispose();
                    destination.ReportFailure(options.Ejection);
                    LogConnectFailed(logger, cluster.Name, destination.Url, e.Message);
                    return e is OperationCanceledException ? TunnelResult.ConnectTimedOut : TunnelResult.Refused;
                }
                catch (OperationCanceledException)
                {
                    socket.Dispose();
                    return TunnelResult.Done;
                }
            }

            Stream upstream = new NetworkStream(socket, ownsSocket: true);
            try
            {
                try
                {
                    if (destination.Address.Scheme == Uri.UriSchemeHttps)
                    {
                        var tls = new SslStream(upstream);
                        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = destination.Address.IdnHost }, http.RequestAborted);
                        upstream = tls;
                    }

                    await upstream.WriteAsync(RequestHead(http, destination, state?.RequestId, options.InternalHeaderPrefixes, topology.Forwarded), http.RequestAborted);
                }
                catch (Exception e) when (!http.RequestAborted.IsCancellationRequested)
                {
                    destination.ReportFailure(options.Ejection);
                    LogConnectFailed(logger, cluster.Name, destination.Url, e.Message);
                    await Problem.WriteAsync(http, StatusCodes.Status502BadGateway, "Bad Gateway", $"'{cluster.Name}' failed to answer the upgrade.");
                    return TunnelResult.Done;
                }
                catch (OperationCanceledException)
                {
                    return TunnelResult.Done;
                }

                var reader = new ResponseReader(upstream);
                ResponseHead head;
                using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted))
                {
                    timeout.CancelAfter(cluster.Options.RequestTimeout);
                    try
                    {
                        head = await reader.ReadHeadAsync(timeout.Token);
                    }
                    catch (Exception e) when (!http.RequestAborted.IsCancellationRequested)
                    {
                        destination.ReportFailure(options.Ejection);
                        var timedOut = e is OperationCanceledException;
                        await Problem.WriteAsync(http, timedOut ? 504 : 502, timedOut ? "Gateway Timeout" : "Bad Gateway",
                            timedOut ? $"'{cluster.Name}' did not answer the upgrade in time." : $"'{cluster.Name}' failed to answer the upgrade.");
                        return TunnelResult.Done;
                    }
                    catch (OperationCanceledException)
                    {
                        return TunnelResult.Done;
                    }
                }

                destination.ReportSuccess();
                if (head.Status == StatusCodes.Status101SwitchingProtocols)
                {
                    await RelayUpgradedAsync(http, upgrade, head, reader, upstream, socket);
                }
                else
                {
                    await RelayResponseAsync(http, head, reader);
                }

                return TunnelResult.Done;
            }
            finally
            {
                await upstream.DisposeAsync();
            }
        }
        finally
        {
            destination.Leave();
        }
    }

    private static async Task RelayUpgradedAsync(HttpContext http, IHttpUpgradeFeature upgrade, ResponseHead head, ResponseReader reader, Stream upstream, Socket socket)
    {
        var response = http.Response;
        response.StatusCode = StatusCodes.Status101SwitchingProtocols;
        foreach (var (name, value) in head.Headers)
        {
            // Kestrel writes "Connection: Upgrade" itself; the Upgrade token must be passed on.
            if (string.Equals(name, "Upgrade", StringComparison.OrdinalIgnoreCase) || !HeaderRules.IsHopByHop(name))
            {
                response.Headers.Append(name, value);
            }
        }

        // A WebSocket may sit idle for minutes: Kestrel's minimum body data rate must not close it.
        if (http.Features.Get<IHttpMinRequestBodyDataRateFeature>() is { } rate)
        {
            rate.MinDataRate = null;
        }

        Stream client;
        try
        {
            client = await upgrade.UpgradeAsync();
        }
        catch (Exception)
        {
            return;
        }

        await using (client)
        {
            using var stop = new CancellationTokenSource();
            try
            {
                var early = reader.TakeBuffered();
                if (!early.IsEmpty)
                {
                    await client.WriteAsync(early, http.RequestAborted);
                    await client.FlushAsync(http.RequestAborted);
                }
            }
            catch (Exception)
            {
                return;
            }

            var toUpstream = PumpAsync(client, upstream, stop.Token);
            var toClient = PumpAsync(upstream, client, stop.Token);
            var first = await Task.WhenAny(toUpstream, toClient);
            if (first == toUpstream && upstream is NetworkStream)
            {
                // The client finished sending: tell the replica, and give its last frames a moment to arrive.
                try
                {
                    socket.Shutdown(SocketShutdown.Send);
                }
                catch (Exception)
                {
                    // already closed
                }

                await Task.WhenAny(toClient, Task.Delay(CloseGrace, CancellationToken.None));
            }

            await stop.CancelAsync();
            await Task.WhenAll(toUpstream, toClient);
        }
    }

    private static async Task PumpAsync(Stream from, Stream to, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(RelayBufferSize);
        try
        {
            while (true)
            {
                var read = await from.ReadAsync(buffer.AsMemory(), cancellationToken);
                if (read == 0)
                {
                    return;
                }

                await to.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                await to.FlushAsync(cancellationToken);
            }
        }
        catch (Exception)
        {
            // Either side closing or resetting ends the tunnel; there is nobody to report it to.
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The replica declined the upgrade: pass its answer on like any other response.</summary>
    private static async Task RelayResponseAsync(HttpContext http, ResponseHead head, ResponseReader reader)
    {
        var response = http.Response;
        response.StatusCode = head.Status;
        long? length = null;
        var chunked = false;
        foreach (var (name, value) in head.Headers)
        {
            if (string.Equals(name, "Transfer-Encoding", StringComparison.OrdinalIgnoreCase))
            {
                chunked = value.Contains("chunked", StringComparison.OrdinalIgnoreCase);
                continue;
            }

            if (string.Equals(name, "Content-Length", StringComparison.OrdinalIgnoreCase) && long.TryParse(value, out var parsed))
            {
                length = parsed;
            }

            if (!HeaderRules.IsHopByHop(name))
            {
                response.Headers.Append(name, value);
            }
        }

        if (http.Features.Get<IStatusCodePagesFeature>() is { } statusPages)
        {
            statusPages.Enabled = false;
        }

        if (HttpMethods.IsHead(http.Request.Method) || head.Status is 204 or 304)
        {
            return;
        }

        try
        {
            if (chunked)
            {
                await reader.CopyChunkedAsync(response.Body, http.RequestAborted);
            }
            else
            {
                await reader.CopyAsync(response.Body, length, http.RequestAborted);
            }
        }
        catch (Exception) when (!http.RequestAborted.IsCancellationRequested)
        {
            http.Abort();
        }
        catch (Exception)
        {
            // the client left
        }
    }

    private static ReadOnlyMemory<byte> RequestHead(HttpContext http, Destination destination, string? requestId, IReadOnlyList<string> internalPrefixes, ForwardedHeaders forwardedHeaders)
    {
        var request = http.Request;
        var text = new StringBuilder(1024);
        text.Append(request.Method).Append(' ')
            .Append((request.PathBase + request.Path).ToUriComponent()).Append(request.QueryString.ToUriComponent())
            .Append(" HTTP/1.1\r\n");
        text.Append("Host: ").Append(destination.Address.Authority).Append("\r\n");

        var activity = Activity.Current;
        var connection = request.Headers.Connection;
        foreach (var (name, values) in request.Headers)
        {
            if (HeaderRules.SkipRequestHeader(name, connection, internalPrefixes, replaceTraceContext: activity is not null))
            {
                continue;
            }

            foreach (var value in values)
            {
                text.Append(name).Append(": ").Append(value).Append("\r\n");
            }
        }

        text.Append("Connection: Upgrade\r\n");
        text.Append("Upgrade: ").Append(request.Headers.Upgrade.ToString()).Append("\r\n");
        var forwarded = forwardedHeaders.For(http);
        text.Append(HeaderRules.ForwardedFor).Append(": ").Append(forwarded.For).Append("\r\n");
        text.Append(HeaderRules.ForwardedProto).Append(": ").Append(forwarded.Proto).Append("\r\n");
        text.Append(HeaderRules.ForwardedHost).Append(": ").Append(forwarded.Host).Append("\r\n");
        if (requestId is not null)
        {
            text.Append(AccessLog.RequestIdHeader).Append(": ").Append(requestId).Append("\r\n");
        }

        if (activity is { IdFormat: ActivityIdFormat.W3C })
        {
            text.Append("traceparent: ").Append(activity.Id).Append("\r\n");
            if (!string.IsNullOrEmpty(activity.TraceStateString))
            {
                text.Append("tracestate: ").Append(activity.TraceStateString).Append("\r\n");
            }
        }

        text.Append("\r\n");
        return Encoding.Latin1.GetBytes(text.ToString());
    }

    [LoggerMessage(EventId = 20, Level = LogLevel.Warning, Message = "WebSocket upstream {cluster} at {destination} failed: {error}")]
    private static partial void LogConnectFailed(ILogger logger, string cluster, string destination, string error);
}

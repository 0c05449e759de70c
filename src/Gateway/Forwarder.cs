using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Diagnostics;
using Polly;
using Polly.CircuitBreaker;

namespace Brigade.Gateway;

/// <summary>
/// Sends a client request to a replica of a cluster and streams the answer back. One pooled
/// <see cref="SocketsHttpHandler"/> serves every upstream (no cookies, redirects or decompression: the
/// gateway passes bytes, it does not interpret them). Bodies are never buffered: the request body is
/// read from Kestrel as the upstream takes it, the response body is read straight into Kestrel's
/// output buffer and flushed chunk by chunk, so a 100 MB upload and a Server-Sent Events stream both
/// pass through with constant memory.
/// </summary>
public sealed partial class Forwarder : IDisposable
{
    private const int LargeBufferSize = 64 * 1024;

    private readonly HttpMessageInvoker _invoker;
    private readonly Topology _topology;
    private readonly WebSocketTunnel _tunnel;
    private readonly GatewayMetrics _metrics;
    private readonly ILogger<Forwarder> _logger;

    public Forwarder(Topology topology, WebSocketTunnel tunnel, GatewayMetrics metrics, ILogger<Forwarder> logger)
    {
        _topology = topology;
        _tunnel = tunnel;
        _metrics = metrics;
        _logger = logger;
        var settings = topology.Options.Forwarder;
        _invoker = new HttpMessageInvoker(new SocketsHttpHandler
        {
            UseProxy = false,
            UseCookies = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            ConnectTimeout = settings.ConnectTimeout,
            PooledConnectionLifetime = settings.PooledConnectionLifetime,
            PooledConnectionIdleTimeout = settings.PooledConnectionIdleTimeout,
            MaxConnectionsPerServer = settings.MaxConnectionsPerServer,
            EnableMultipleHttp2Connections = true,
            MaxResponseHeadersLength = 64,
            MeterFactory = UnexportedMeterFactory.Instance,
        }, disposeHandler: true);
    }

    private enum Attempt
    {
        /// <summary>A response (upstream's or a problem) was written, or the client went away.</summary>
        Done,

        /// <summary>The connection could not be opened: nothing reached the replica.</summary>
        Refused,

        /// <summary>Opening the connection timed out: nothing reached the replica.</summary>
        ConnectTimedOut,

        /// <summary>The replica's circuit refused the call before anything was sent.</summary>
        CircuitOpen,
    }

    /// <summary>
    /// Forwards to <paramref name="cluster"/>. A request that never left the gateway (connection refused,
    /// circuit open) is tried on another replica when it is safe to repeat: an idempotent method or a
    /// request carrying an <c>Idempotency-Key</c>.
    /// </summary>
    public async Task ForwardAsync(HttpContext http, Cluster cluster, GatewayRoute? route = null, string? pathOverride = null)
    {
        var destinations = cluster.Destinations;
        if (destinations.Length == 0)
        {
            _metrics.Rejected("no_destination");
            await Problem.WriteAsync(http, StatusCodes.Status503ServiceUnavailable, "Service Unavailable",
                $"No instance of '{cluster.Name}' is configured.");
            return;
        }

        var upgrade = http.Features.Get<IHttpUpgradeFeature>();
        var isUpgrade = pathOverride is null && upgrade is { IsUpgradableRequest: true } && WebSocketTunnel.IsWebSocketUpgrade(http.Request);
        var repeatable = isUpgrade || IsIdempotent(http.Request.Method) || http.Request.Headers.ContainsKey("Idempotency-Key");
        int? affinity = route is { ClientAffinity: true } ? _topology.Forwarded.ClientIp(http)?.GetHashCode() : null;

        Destination? tried1 = null, tried2 = null;
        var last = Attempt.CircuitOpen;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var destination = LoadBalancer.Pick(destinations, tried1, tried2, affinity);
            if (destination is null)
            {
                break;
            }

            last = isUpgrade
                ? await _tunnel.RunAsync(http, upgrade!, cluster, destination) switch
                {
                    TunnelResult.Refused => Attempt.Refused,
                    TunnelResult.ConnectTimedOut => Attempt.ConnectTimedOut,
                    _ => Attempt.Done,
                }
                : await SendAsync(http, cluster, destination, pathOverride);

            if (last == Attempt.Done)
            {
                return;
            }

            // Nothing was sent. A circuit rejection never left the gateway, so any request may go elsewhere;
            // after a refused connection only a request that is safe to repeat may.
            if (last != Attempt.CircuitOpen && !repeatable)
            {
                break;
            }

            if (tried1 is null)
            {
                tried1 = destination;
            }
            else
            {
                tried2 = destination;
            }
        }

        switch (last)
        {
            case Attempt.Refused:
                _metrics.Rejected("upstream_refused");
                await Problem.WriteAsync(http, StatusCodes.Status502BadGateway, "Bad Gateway",
                    $"'{cluster.Name}' refused the connection.");
                break;
            case Attempt.ConnectTimedOut:
                _metrics.Rejected("upstream_timeout");
                await Problem.WriteAsync(http, StatusCodes.Status504GatewayTimeout, "Gateway Timeout",
                    $"'{cluster.Name}' did not accept the connection in time.");
                break;
            default:
                _metrics.Rejected("no_healthy_destination");
                await Problem.WriteAsync(http, StatusCodes.Status503ServiceUnavailable, "Service Unavailable",
                    $"No healthy instance of '{cluster.Name}' is available.");
                break;
        }
    }

    public void Dispose() => _invoker.Dispose();

    private async Task<Attempt> SendAsync(HttpContext http, Cluster cluster, Destination destination, string? pathOverride)
    {
        var state = http.Features.Get<GatewayRequestState>();
        if (state is not null)
        {
            state.Upstream = destination.Url;
        }

        var started = Stopwatch.GetTimestamp();
        var status = 0;
        destination.Enter();
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
        cancellation.CancelAfter(cluster.Options.RequestTimeout);
        using var request = CreateRequest(http, destination, pathOverride, state?.RequestId, out var content);
        HttpResponseMessage? response = null;
        try
        {
            var context = ResilienceContextPool.Shared.Get(cancellation.Token);
            Outcome<HttpResponseMessage> outcome;
            try
            {
                outcome = await destination.Circuit.ExecuteOutcomeAsync(
                    static async (ctx, s) =>
                    {
                        try
                        {
                            return Outcome.FromResult(await s.Invoker.SendAsync(s.Request, ctx.CancellationToken));
                        }
                        catch (Exception e) when (s.Content?.ClientReadFailure is not null)
                        {
                            // The client's body failed (too large, cut off): not the replica's fault.
                            return Outcome.FromException<HttpResponseMessage>(new ClientBodyException(s.Content.ClientReadFailure, e));
                        }
                        catch (OperationCanceledException e) when (!s.ClientAborted.IsCancellationRequested)
                        {
                            // Our timeout (or the connect timeout) fired, not the client leaving.
                            return Outcome.FromException<HttpResponseMessage>(new TimeoutException("The upstream did not answer in time.", e));
                        }
                        catch (Exception e)
                        {
                            return Outcome.FromException<HttpResponseMessage>(e);
                        }
                    },
                    context,
                    (Invoker: _invoker, Request: request, Content: content, ClientAborted: http.RequestAborted));
            }
            finally
            {
                ResilienceContextPool.Shared.Return(context);
            }

            if (outcome.Exception is { } error)
            {
                if (http.RequestAborted.IsCancellationRequested)
                {
                    return Attempt.Done;
                }

                switch (error)
                {
                    case BrokenCircuitException:
                        return Attempt.CircuitOpen;
                    case ClientBodyException body:
                        status = body.Status;
                        await Problem.WriteAsync(http, body.Status, body.Status == 413 ? "Content Too Large" : "Bad Request", body.Message);
                        return Attempt.Done;
                }

                destination.ReportFailure(_topology.Options.Ejection);
                var notSent = content is not { Started: true } && IsConnectFailure(error);
                var timedOut = error is TimeoutException || error.InnerException is TimeoutException;
                LogUpstreamFailed(_logger, cluster.Name, destination.Url, error.GetType().Name, error.Message);
                if (notSent)
                {
                    return timedOut ? Attempt.ConnectTimedOut : Attempt.Refused;
                }

                status = timedOut ? 504 : 502;
                _metrics.Rejected(timedOut ? "upstream_timeout" : "upstream_error");
                await Problem.WriteAsync(http, status, timedOut ? "Gateway Timeout" : "Bad Gateway",
                    timedOut ? $"'{cluster.Name}' did not answer in time." : $"'{cluster.Name}' failed to answer.");
                return Attempt.Done;
            }

            response = outcome.Result!;
            status = (int)response.StatusCode;
            if (Destination.IsFailure(outcome))
            {
                destination.ReportFailure(_topology.Options.Ejection);
            }
            else
            {
                destination.ReportSuccess();
            }

            // The timeout covers waiting for the answer; a streamed body may take as long as it takes.
            cancellation.CancelAfter(Timeout.InfiniteTimeSpan);
            await CopyResponseAsync(http, response, cancellation.Token);
            return Attempt.Done;
        }
        finally
        {
            destination.Leave();
            response?.Dispose();
            _metrics.Forwarded(cluster.Name, destination.Url, status, started);
        }
    }

    private HttpRequestMessage CreateRequest(HttpContext http, Destination destination, string? pathOverride, string? requestId, out StreamingRequestContent? content)
    {
        var incoming = http.Request;
        var target = pathOverride ?? (incoming.PathBase + incoming.Path).ToUriComponent() + incoming.QueryString.ToUriComponent();
        var request = new HttpRequestMessage(HttpMethod.Parse(incoming.Method), new Uri(destination.Url + target, UriKind.Absolute))
        {
            Version = HttpVersion.Version11,
            VersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
        };

        content = null;
        if (pathOverride is null && HasBody(http))
        {
            content = new StreamingRequestContent(http.Request);
            request.Content = content;
        }

        CopyRequestHeaders(http, request, content, _topology.Options.InternalHeaderPrefixes);
        var headers = request.Headers;
        var forwarded = _topology.Forwarded.For(http);
        headers.TryAddWithoutValidation(HeaderRules.ForwardedFor, forwarded.For);
        headers.TryAddWithoutValidation(HeaderRules.ForwardedProto, forwarded.Proto);
        headers.TryAddWithoutValidation(HeaderRules.ForwardedHost, forwarded.Host);
        if (requestId is not null)
        {
            headers.TryAddWithoutValidation(AccessLog.RequestIdHeader, requestId);
        }

        return request;
    }

    /// <summary>
    /// Copies the client's headers minus hop-by-hop, internal and gateway-set ones. When the gateway has
    /// a current trace, the handler writes its own <c>traceparent</c> (a child of the client's), so the
    /// client's copy is left out.
    /// </summary>
    internal static void CopyRequestHeaders(HttpContext http, HttpRequestMessage request, HttpContent? content, IReadOnlyList<string> internalPrefixes)
    {
        var source = http.Request.Headers;
        var connection = source.Connection;
        var replaceTrace = Activity.Current is not null;
        foreach (var (name, values) in source)
        {
            if (HeaderRules.SkipRequestHeader(name, connection, internalPrefixes, replaceTrace))
            {
                continue;
            }

            if (values.Count == 1)
            {
                var value = values[0]!;
                if (!request.Headers.TryAddWithoutValidation(name, value))
                {
                    content?.Headers.TryAddWithoutValidation(name, value);
                }
            }
            else if (string.Equals(name, "Cookie", StringComparison.OrdinalIgnoreCase))
            {
                // HTTP/2 clients may split cookies; HTTP/1.1 wants them in one header (RFC 6265 §5.4).
                request.Headers.TryAddWithoutValidation(name, string.Join("; ", values.ToArray()));
            }
            else
            {
                var array = values.ToArray();
                if (!request.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)array))
                {
                    content?.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)array);
                }
            }
        }
    }

    private static async Task CopyResponseAsync(HttpContext http, HttpResponseMessage upstream, CancellationToken cancellationToken)
    {
        var response = http.Response;
        response.StatusCode = (int)upstream.StatusCode;
        var headers = response.Headers;
        // Unvalidated and as one string: the comma-separated names in Connection are only compared.
        Microsoft.Extensions.Primitives.StringValues connection = upstream.Headers.NonValidated.TryGetValues("Connection", out var named) ? named.ToString() : default;
        CopyResponseHeaders(upstream.Headers.NonValidated, headers, connection);
        CopyResponseHeaders(upstream.Content.Headers.NonValidated, headers, connection);

        // An upstream 4xx/5xx with an empty body is passed on as it is, not dressed up as a status page.
        if (http.Features.Get<IStatusCodePagesFeature>() is { } statusPages)
        {
            statusPages.Enabled = false;
        }

        http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();

        Stream body;
        try
        {
            body = await upstream.Content.ReadAsStreamAsync(cancellationToken);
        }
        catch (Exception) when (!http.RequestAborted.IsCancellationRequested)
        {
            http.Abort();
            return;
        }

        var writer = response.BodyWriter;
        var length = upstream.Content.Headers.ContentLength;
        var sizeHint = length is > 0 and < LargeBufferSize ? (int)length.Value : LargeBufferSize;
        try
        {
            while (true)
            {
                var memory = writer.GetMemory(sizeHint);
                var read = await body.ReadAsync(memory, cancellationToken);
                if (read == 0)
                {
                    break;
                }

                writer.Advance(read);
                var flush = await writer.FlushAsync(cancellationToken);
                if (flush.IsCompleted || flush.IsCanceled)
                {
                    break;
                }
            }
        }
        catch (Exception) when (!http.RequestAborted.IsCancellationRequested)
        {
            // The upstream broke off mid-body. The status line is gone already, so the only honest signal
            // left is an aborted connection rather than a response that looks complete.
            http.Abort();
        }
        catch (Exception)
        {
            // The client left (cancelled read or failed write); the upstream call is cancelled with it.
        }
        finally
        {
            await body.DisposeAsync();
        }
    }

    private static void CopyResponseHeaders(HttpHeadersNonValidated source, IHeaderDictionary target, Microsoft.Extensions.Primitives.StringValues connection)
    {
        foreach (var (name, values) in source)
        {
            if (HeaderRules.SkipResponseHeader(name, connection))
            {
                continue;
            }

            if (values.Count == 1)
            {
                target[name] = values.ToString();
            }
            else
            {
                var array = new string[values.Count];
                var i = 0;
                foreach (var value in values)
                {
                    array[i++] = value;
                }

                target[name] = array;
            }
        }
    }

    private static bool HasBody(HttpContext http)
    {
        if (http.Features.Get<IHttpRequestBodyDetectionFeature>() is { CanHaveBody: true })
        {
            return true;
        }

        // A POST with "Content-Length: 0" still needs its Content-Length (and Content-Type) upstream.
        return http.Request.ContentLength == 0 && !HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method);
    }

    private static bool IsIdempotent(string method) =>
        HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method)
        || HttpMethods.IsPut(method) || HttpMethods.IsDelete(method) || HttpMethods.IsTrace(method);

    /// <summary>The failure happened while opening the connection, before any request byte went out.</summary>
    private static bool IsConnectFailure(Exception error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            if (e is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError })
            {
                return true;
            }
        }

        return false;
    }

    [LoggerMessage(EventId = 10, Level = LogLevel.Warning, Message = "Upstream {cluster} at {destination} failed: {errorType}: {error}")]
    private static partial void LogUpstreamFailed(ILogger logger, string cluster, string destination, string errorType, string error);

    /// <summary>The client's request body could not be read; carries the status the client should get.</summary>
    private sealed class ClientBodyException(Exception readFailure, Exception inner) : Exception(readFailure.Message, inner)
    {
        public int Status { get; } = readFailure is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status400BadRequest;
    }
}

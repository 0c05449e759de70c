using System.Diagnostics;
using System.Text.Json;
using Brigade.ServiceDefaults;
using Yarp.ReverseProxy.Model;

namespace Brigade.Gateway.Edge;

/// <summary>What the edge learns about a request as it passes through, for the access log and the balancer.</summary>
public sealed class GatewayRequestState
{
    /// <summary>The route that claimed the request; null for the gateway's own endpoints and the web app.</summary>
    public GatewayRoute? Route { get; set; }

    public string RequestId { get; set; } = "";
}

/// <summary>
/// One JSON line per request (method, path, route, status, duration, upstream, request id, user id):
/// a disabled category costs one check; an enabled one a small <see cref="Entry"/> whose fields become
/// the line's properties. The query string is never logged: hub tokens travel in it.
/// </summary>
public sealed class AccessLog(ILoggerFactory loggers)
{
    public const string Category = "Brigade.Gateway.AccessLog";

    private static readonly EventId RequestEvent = new(1, "Request");

    private readonly ILogger _logger = loggers.CreateLogger(Category);

    public async Task InvokeAsync(HttpContext http, RequestDelegate next)
    {
        var started = Stopwatch.GetTimestamp();
        var state = new GatewayRequestState { RequestId = RequestIds.For(http) };
        http.Features.Set(state);
        http.Response.OnStarting(static s => SecurityHeaders.Apply((HttpContext)s), http);
        try
        {
            await next(http);
        }
        finally
        {
            if (_logger.IsEnabled(LogLevel.Information))
            {
                var status = http.RequestAborted.IsCancellationRequested && !http.Response.HasStarted ? 499 : http.Response.StatusCode;
                var entry = new Entry(http.Request.Method, http.Request.Path.Value ?? "/", status,
                    Math.Round(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 2), state.Route?.Name,
                    http.Features.Get<IReverseProxyFeature>()?.ProxiedDestination?.Model.Config.Address, state.RequestId, EdgeUser.Subject(http));
                _logger.Log(LogLevel.Information, RequestEvent, entry, null, static (e, _) => e.ToString());
            }
        }
    }

    /// <summary>
    /// One request's fields and a short message (the request line and status). The JSON log writes the
    /// fields straight (<see cref="IJsonLogFields"/>); other providers see them as name/value pairs.
    /// </summary>
    private sealed class Entry(string method, string path, int status, double durationMs, string? route, string? upstream, string requestId, string? userId)
        : IReadOnlyList<KeyValuePair<string, object?>>, IJsonLogFields
    {
        public int Count => 8;

        public KeyValuePair<string, object?> this[int index] => index switch
        {
            0 => new("method", method),
            1 => new("path", path),
            2 => new("status", status),
            3 => new("durationMs", durationMs),
            4 => new("route", route),
            5 => new("upstream", upstream),
            6 => new("requestId", requestId),
            7 => new("userId", userId),
            _ => throw new ArgumentOutOfRangeException(nameof(index)),
        };

        /// <summary>Absent values (no route, no upstream, anonymous) are left out of the line.</summary>
        public void WriteFields(Utf8JsonWriter json)
        {
            json.WriteString(Names.Method, method);
            json.WriteString(Names.Path, path);
            json.WriteNumber(Names.Status, status);
            json.WriteNumber(Names.DurationMs, durationMs);
            WriteIfPresent(json, Names.Route, route);
            WriteIfPresent(json, Names.Upstream, upstream);
            json.WriteString(Names.RequestId, requestId);
            WriteIfPresent(json, Names.UserId, userId);
        }

        private static void WriteIfPresent(Utf8JsonWriter json, JsonEncodedText name, string? value)
        {
            if (value is not null)
            {
                json.WriteString(name, value);
            }
        }

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
        {
            for (var i = 0; i < Count; i++)
            {
                yield return this[i];
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString() => $"{method} {path} {status}";
    }

    private static class Names
    {
        public static readonly JsonEncodedText Method = JsonEncodedText.Encode("method");
        public static readonly JsonEncodedText Path = JsonEncodedText.Encode("path");
        public static readonly JsonEncodedText Status = JsonEncodedText.Encode("status");
        public static readonly JsonEncodedText DurationMs = JsonEncodedText.Encode("durationMs");
        public static readonly JsonEncodedText Route = JsonEncodedText.Encode("route");
        public static readonly JsonEncodedText Upstream = JsonEncodedText.Encode("upstream");
        public static readonly JsonEncodedText RequestId = JsonEncodedText.Encode("requestId");
        public static readonly JsonEncodedText UserId = JsonEncodedText.Encode("userId");
    }
}

using System.Diagnostics;
using System.Text.Json;
using Brigade.ServiceDefaults;

namespace Brigade.Gateway;

/// <summary>What the access log line needs to know about a request, filled in as it passes through.</summary>
public sealed class GatewayRequestState
{
    public string? Route { get; set; }

    public string? Upstream { get; set; }

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
    public const string RequestIdHeader = "X-Request-Id";

    private static readonly string RequestIdPrefix = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(8));
    private static long _requestCounter;

    private static readonly EventId RequestEvent = new(1, "Request");

    private readonly ILogger _logger = loggers.CreateLogger(Category);

    public async Task InvokeAsync(HttpContext http, RequestDelegate next)
    {
        var started = Stopwatch.GetTimestamp();
        var state = new GatewayRequestState { RequestId = RequestIdFor(http) };
        http.Features.Set(state);
        http.Response.OnStarting(static s => EdgeHeaders.Apply((HttpContext)s), http);
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
                    Math.Round(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 2), state.Route, state.Upstream, state.RequestId, EdgeUser.Subject(http));
                _logger.Log(LogLevel.Information, RequestEvent, entry, null, static (e, _) => e.ToString());
            }
        }
    }

    /// <summary>The client's X-Request-Id when it is a sane token, otherwise a new one.</summary>
    private static string RequestIdFor(HttpContext http)
    {
        var given = http.Request.Headers[RequestIdHeader];
        if (given.Count == 1 && given[0] is { Length: > 0 and <= 128 } value && IsToken(value))
        {
            return value;
        }

        return NewRequestId();
    }

    /// <summary>
    /// 32 hex digits, like nginx's <c>$request_id</c>: a random prefix drawn once per process and a counter.
    /// Unique without a random draw per request (on Linux each <see cref="Guid.NewGuid"/> is a system call).
    /// </summary>
    internal static string NewRequestId() =>
        string.Create(32, Interlocked.Increment(ref _requestCounter), static (chars, counter) =>
        {
            RequestIdPrefix.AsSpan().CopyTo(chars);
            counter.TryFormat(chars[16..], out _, "x16", System.Globalization.CultureInfo.InvariantCulture);
        });

    private static bool IsToken(string value)
    {
        foreach (var c in value)
        {
            if (c is < '!' or > '~')
            {
                return false;
            }
        }

        return true;
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

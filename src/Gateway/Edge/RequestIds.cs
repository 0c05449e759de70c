namespace Brigade.Gateway.Edge;

/// <summary>
/// Request ids and trace context. Every request has an <c>X-Request-Id</c>: the client's when it is a sane
/// token, otherwise a new one; the service gets it and the client gets it back (<see cref="SecurityHeaders"/>).
/// The trace context (<c>traceparent</c>, <c>tracestate</c>) crosses as the client sent it; when the gateway
/// traces (OTLP configured) the forwarder's propagator replaces it with the gateway's own span, a child of
/// the client's.
/// </summary>
public static class RequestIds
{
    public const string Header = "X-Request-Id";

    private static readonly string Prefix = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(8));
    private static long _counter;

    /// <summary>The client's X-Request-Id when it is a sane token, otherwise a new one.</summary>
    public static string For(HttpContext http)
    {
        var given = http.Request.Headers[Header];
        if (given.Count == 1 && given[0] is { Length: > 0 and <= 128 } value && IsToken(value))
        {
            return value;
        }

        return New();
    }

    /// <summary>
    /// 32 hex digits, like nginx's <c>$request_id</c>: a random prefix drawn once per process and a counter.
    /// Unique without a random draw per request (on Linux each <see cref="Guid.NewGuid"/> is a system call).
    /// </summary>
    public static string New() =>
        string.Create(32, Interlocked.Increment(ref _counter), static (chars, counter) =>
        {
            Prefix.AsSpan().CopyTo(chars);
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
}

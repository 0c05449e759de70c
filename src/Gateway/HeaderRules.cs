using System.Collections.Frozen;
using Microsoft.Extensions.Primitives;

namespace Brigade.Gateway;

/// <summary>Which headers cross the gateway and which the gateway adds: RFC 9110 §7.6.1 hop-by-hop rules plus our own.</summary>
public static class HeaderRules
{
    public const string ForwardedFor = "X-Forwarded-For";
    public const string ForwardedProto = "X-Forwarded-Proto";
    public const string ForwardedHost = "X-Forwarded-Host";

    /// <summary>Meaningful for one connection only; never forwarded in either direction.</summary>
    private static readonly FrozenSet<string> HopByHop = new[]
    {
        "Connection", "Keep-Alive", "Proxy-Connection", "TE", "Trailer", "Transfer-Encoding", "Upgrade",
        "Proxy-Authenticate", "Proxy-Authorization", "Expect", "Alt-Svc",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>Request headers the gateway sets itself and so does not copy from the client as they are.</summary>
    private static readonly FrozenSet<string> SetByGateway = new[]
    {
        "Host", ForwardedFor, ForwardedProto, ForwardedHost, AccessLog.RequestIdHeader,
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenSet<string> TraceContext = new[] { "traceparent", "tracestate" }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    public static bool IsHopByHop(string name) =>
        HopByHop.Contains(name) || name.StartsWith("Proxy-", StringComparison.OrdinalIgnoreCase);

    /// <summary>True when the client's header must not reach a service as sent.</summary>
    public static bool SkipRequestHeader(string name, StringValues connection, IReadOnlyList<string> internalPrefixes, bool replaceTraceContext) =>
        IsHopByHop(name)
        || SetByGateway.Contains(name)
        || (replaceTraceContext && TraceContext.Contains(name))
        || IsInternal(name, internalPrefixes)
        || IsNamedIn(connection, name);

    public static bool SkipResponseHeader(string name, StringValues connection) =>
        IsHopByHop(name) || IsNamedIn(connection, name);

    public static bool IsInternal(string name, IReadOnlyList<string> prefixes)
    {
        if (name.Length < 2 || (name[0] | 0x20) != 'x')
        {
            return false;
        }

        for (var i = 0; i < prefixes.Count; i++)
        {
            if (name.StartsWith(prefixes[i], StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Headers listed in <c>Connection</c> (RFC 9110 §7.6.1) are hop-by-hop too.</summary>
    public static bool IsNamedIn(StringValues connection, string name)
    {
        if (connection.Count == 0)
        {
            return false;
        }

        foreach (var value in connection)
        {
            if (value is null)
            {
                continue;
            }

            foreach (var range in value.AsSpan().Split(','))
            {
                if (value.AsSpan()[range].Trim().Equals(name, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Existing values with ours appended, as one comma-separated header value.</summary>
    public static string Append(StringValues existing, string value) =>
        existing.Count == 0 ? value : existing.ToString() + ", " + value;
}

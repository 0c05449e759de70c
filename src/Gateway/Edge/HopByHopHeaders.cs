using Microsoft.Extensions.Primitives;

namespace Brigade.Gateway.Edge;

/// <summary>
/// Headers named in <c>Connection</c> are meaningful for one connection only (RFC 9110 §7.6.1) and never
/// cross the gateway in either direction. YARP drops the fixed hop-by-hop set (Connection, Keep-Alive, TE,
/// Transfer-Encoding, Upgrade, Proxy-*); the ones a peer names itself are dropped here.
/// </summary>
public static class HopByHopHeaders
{
    /// <summary>Tokens of <c>Connection</c> that name no header of their own.</summary>
    private static bool IsConnectionOption(ReadOnlySpan<char> token) =>
        token.Equals("close", StringComparison.OrdinalIgnoreCase)
        || token.Equals("keep-alive", StringComparison.OrdinalIgnoreCase)
        || token.Equals("upgrade", StringComparison.OrdinalIgnoreCase);

    /// <summary>Calls <paramref name="remove"/> for every header the <c>Connection</c> value names.</summary>
    public static void ForEachNamed<TState>(StringValues connection, TState state, Action<TState, string> remove)
    {
        foreach (var value in connection)
        {
            if (string.IsNullOrEmpty(value))
            {
                continue;
            }

            foreach (var range in value.AsSpan().Split(','))
            {
                var token = value.AsSpan()[range].Trim();
                if (token.Length > 0 && !IsConnectionOption(token))
                {
                    remove(state, token.ToString());
                }
            }
        }
    }
}

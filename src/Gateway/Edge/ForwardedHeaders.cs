using System.Net;

namespace Brigade.Gateway.Edge;

/// <summary>
/// Who the client is, and the <c>X-Forwarded-For/Proto/Host</c> values sent upstream. By default the
/// gateway is the edge: the connection's peer is the client, and forwarded headers the client sent are
/// replaced, not extended, so no client can name another address, scheme or host to the services (or
/// slip past the per-address limits). Behind a load balancer, list it in <c>Gateway:TrustedProxies</c>
/// (addresses or CIDR ranges): from those peers the headers are extended, and the client is the
/// right-most <c>X-Forwarded-For</c> address that is not itself a trusted proxy.
/// </summary>
public sealed class ForwardedHeaders
{
    public const string ForwardedFor = "X-Forwarded-For";
    public const string ForwardedProto = "X-Forwarded-Proto";
    public const string ForwardedHost = "X-Forwarded-Host";

    private readonly IPNetwork[] _trusted;

    private ForwardedHeaders(IPNetwork[] trusted) => _trusted = trusted;

    /// <summary>Parses <c>Gateway:TrustedProxies</c>; an entry that is neither an address nor a range is a configuration error.</summary>
    public static ForwardedHeaders Parse(IEnumerable<string> trustedProxies)
    {
        var trusted = new List<IPNetwork>();
        foreach (var entry in trustedProxies.Select(e => e.Trim()).Where(e => e.Length > 0))
        {
            if (IPNetwork.TryParse(entry, out var range))
            {
                trusted.Add(range);
            }
            else if (IPAddress.TryParse(entry, out var parsed))
            {
                var address = Normalize(parsed);
                trusted.Add(new IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128));
            }
            else
            {
                throw new FormatException($"Gateway:TrustedProxies: '{entry}' is neither an IP address nor a CIDR range.");
            }
        }

        return new ForwardedHeaders([.. trusted]);
    }

    /// <summary>The client's address: the peer, or behind trusted proxies the address they vouch for.</summary>
    public IPAddress? ClientIp(HttpContext http)
    {
        var peer = Peer(http);
        if (peer is null || !IsTrusted(peer))
        {
            return peer;
        }

        var client = peer;
        var chain = http.Request.Headers[ForwardedFor];
        for (var v = chain.Count - 1; v >= 0; v--)
        {
            var hops = chain[v]!.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            for (var i = hops.Length - 1; i >= 0; i--)
            {
                if (!IPAddress.TryParse(hops[i], out var hop))
                {
                    return client; // garbage in the chain: believe no further than the last good hop
                }

                client = Normalize(hop);
                if (!IsTrusted(client))
                {
                    return client;
                }
            }
        }

        return client;
    }

    /// <summary>The three forwarded header values for the upstream request.</summary>
    public (string For, string Proto, string Host) For(HttpContext http)
    {
        var request = http.Request;
        var peer = Peer(http);
        var peerText = peer?.ToString() ?? "unknown";
        var host = request.Host.Value ?? "";
        if (peer is null || !IsTrusted(peer))
        {
            return (peerText, request.Scheme, host);
        }

        return (Append(request.Headers[ForwardedFor], peerText),
            Append(request.Headers[ForwardedProto], request.Scheme),
            Append(request.Headers[ForwardedHost], host));
    }

    private bool IsTrusted(IPAddress address)
    {
        foreach (var range in _trusted)
        {
            if (range.Contains(address))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Existing values with ours appended, as one comma-separated header value.</summary>
    private static string Append(Microsoft.Extensions.Primitives.StringValues existing, string value) =>
        existing.Count == 0 ? value : existing.ToString() + ", " + value;

    private static IPAddress? Peer(HttpContext http) => http.Connection.RemoteIpAddress is { } address ? Normalize(address) : null;

    private static IPAddress Normalize(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
}

using System.Net;
using Brigade.Gateway.Edge;
using Microsoft.AspNetCore.Http;

namespace Brigade.Gateway.Tests;

public sealed class ForwardedHeadersTests
{
    private static readonly ForwardedHeaders BehindProxies = ForwardedHeaders.Parse(["127.0.0.1", "10.0.0.0/8", " "]);

    [Theory]
    [InlineData("127.0.0.1", null, "127.0.0.1")]                                    // the proxy itself, nothing forwarded
    [InlineData("127.0.0.1", "198.51.100.7", "198.51.100.7")]                      // one trusted hop
    [InlineData("127.0.0.1", "203.0.113.1, 198.51.100.7, 10.1.2.3", "198.51.100.7")] // the right-most untrusted hop, not the client's own claim
    [InlineData("127.0.0.1", "198.51.100.7, not-an-address, 10.1.2.3", "10.1.2.3")] // believe no further than garbage
    [InlineData("203.0.113.50", "198.51.100.7", "203.0.113.50")]                   // not a trusted peer: its header means nothing
    [InlineData("::ffff:127.0.0.1", "198.51.100.7", "198.51.100.7")]               // IPv4-mapped peer
    public void The_client_is_the_first_address_not_vouched_for_by_a_trusted_proxy(string peer, string? forwardedFor, string client)
    {
        var http = new DefaultHttpContext();
        http.Connection.RemoteIpAddress = IPAddress.Parse(peer);
        if (forwardedFor is not null)
        {
            http.Request.Headers["X-Forwarded-For"] = forwardedFor;
        }

        BehindProxies.ClientIp(http).ShouldBe(IPAddress.Parse(client));
    }

    [Fact]
    public void An_untrusted_peers_forwarded_headers_are_replaced()
    {
        var http = new DefaultHttpContext();
        http.Connection.RemoteIpAddress = IPAddress.Parse("203.0.113.50");
        http.Request.Scheme = "http";
        http.Request.Host = new HostString("api.brigade.test");
        http.Request.Headers["X-Forwarded-For"] = "1.2.3.4";
        http.Request.Headers["X-Forwarded-Proto"] = "https";

        BehindProxies.For(http).ShouldBe(("203.0.113.50", "http", "api.brigade.test"));
    }

    [Fact]
    public void A_trusted_proxy_written_as_an_ipv4_mapped_address_trusts_that_ipv4_peer()
    {
        var http = new DefaultHttpContext();
        http.Connection.RemoteIpAddress = IPAddress.Parse("10.0.0.1");
        http.Request.Headers["X-Forwarded-For"] = "198.51.100.7";

        ForwardedHeaders.Parse(["::ffff:10.0.0.1"]).ClientIp(http).ShouldBe(IPAddress.Parse("198.51.100.7"));
    }

    [Fact]
    public void A_trusted_proxy_entry_that_is_not_an_address_is_a_configuration_error() =>
        Should.Throw<FormatException>(() => ForwardedHeaders.Parse(["10.0.0.0/8", "lb.internal"])).Message.ShouldContain("lb.internal");
}

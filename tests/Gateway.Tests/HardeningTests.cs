using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;

namespace Brigade.Gateway.Tests;

/// <summary>What hostile input and a careful operator found (issues 15 and 28): each one held here.</summary>
public sealed class HardeningTests
{
    private const int ServiceLimit = 1024 * 1024;

    [Fact]
    public async Task A_body_the_service_refuses_gets_its_413_and_the_next_request_from_another_client_succeeds_200_times()
    {
        // The route lets 10 MB through, the service takes 1 MiB, like a route configured above its service.
        await using var service = await FakeService.StartAsync("orders", maxBody: ServiceLimit);
        await using var gateway = await GatewayHost.StartAsync(new GatewaySettings()
            .Route("orders", "/api/orders", "orders", maxBody: 10 * 1024 * 1024)
            .Destinations("orders", service.Url));
        using var hostile = gateway.NewClient();
        using var ordinary = gateway.NewClient();
        var oversized = new byte[2 * ServiceLimit];

        for (var i = 0; i < 200; i++)
        {
            using var refused = await hostile.PostAsync("/api/orders/upload", new ByteArrayContent(oversized));
            refused.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge, $"attempt {i}: {await refused.Content.ReadAsStringAsync()}");
            refused.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
            (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString().ShouldBe("orders takes smaller bodies.");

            using var next = await ordinary.PostAsync("/api/orders", JsonContent.Create(new { items = i }));
            next.StatusCode.ShouldBe(HttpStatusCode.OK, $"attempt {i}: {await next.Content.ReadAsStringAsync()}");
        }

        service.Refused.ShouldBe(200);
    }

    [Fact]
    public async Task A_client_speaks_http2_to_the_gateway_for_requests_bodies_and_websockets()
    {
        await using var service = await FakeService.StartAsync("orders", (app, _) =>
            app.Map("/api/orders/socket", async (HttpContext http) =>
            {
                using var socket = await http.WebSockets.AcceptWebSocketAsync();
                var buffer = new byte[1024];
                var received = await socket.ReceiveAsync(buffer, CancellationToken.None);
                await socket.SendAsync(buffer.AsMemory(0, received.Count), WebSocketMessageType.Text, true, CancellationToken.None);
                await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);
            }));
        using var certificate = SelfSigned();
        await using var gateway = await GatewayHost.StartAsync(new GatewaySettings()
            .Route("orders", "/api/orders", "orders")
            .Destinations("orders", service.Url), builder =>
            {
                builder.WebHost.UseUrls("https://127.0.0.1:0");
                builder.WebHost.ConfigureKestrel(k => k.ConfigureHttpsDefaults(https => https.ServerCertificate = certificate));
            });
        gateway.Url.ShouldStartWith("https://");
        using var handler = new SocketsHttpHandler { SslOptions = { RemoteCertificateValidationCallback = (_, cert, _, _) => cert?.GetCertHashString() == certificate.GetCertHashString() } };
        using var client = new HttpClient(handler) { BaseAddress = new Uri(gateway.Url), DefaultRequestVersion = HttpVersion.Version20, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };

        using var read = await client.GetAsync("/api/orders/7?x=1");
        read.Version.ShouldBe(HttpVersion.Version20);
        read.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = new byte[300 * 1024];
        Random.Shared.NextBytes(body);
        using var written = await client.PostAsync("/api/orders", new ByteArrayContent(body));
        written.Version.ShouldBe(HttpVersion.Version20);
        (await written.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("bodySha256").GetString().ShouldBe(Convert.ToHexString(SHA256.HashData(body)));
        var seen = service.Requests.Where(r => r.Path.StartsWith("/api/orders", StringComparison.Ordinal)).ToList();
        seen.Select(r => r.Path).ShouldBe(["/api/orders/7", "/api/orders"]);
        seen[0].Query.ShouldBe("?x=1");
        seen[0].Headers["X-Forwarded-Proto"].ShouldBe("https");

        // A WebSocket over HTTP/2 (extended CONNECT) reaches the service as an HTTP/1.1 upgrade.
        using var socket = new ClientWebSocket();
        socket.Options.HttpVersion = HttpVersion.Version20;
        socket.Options.HttpVersionPolicy = HttpVersionPolicy.RequestVersionExact;
        await socket.ConnectAsync(new Uri(gateway.Url.Replace("https", "wss") + "/api/orders/socket"), new HttpMessageInvoker(handler, disposeHandler: false), CancellationToken.None);
        await socket.SendAsync(Encoding.UTF8.GetBytes("over h2"), WebSocketMessageType.Text, true, CancellationToken.None);
        var echo = new byte[64];
        var result = await socket.ReceiveAsync(echo, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        Encoding.UTF8.GetString(echo, 0, result.Count).ShouldBe("over h2");
    }

    [Fact]
    public async Task Metrics_are_served_to_operators_on_their_own_port_and_never_on_the_public_one()
    {
        await using var service = await FakeService.StartAsync("orders");
        await using var gateway = await GatewayHost.StartAsync(new GatewaySettings()
            .Route("orders", "/api/orders", "orders")
            .Destinations("orders", service.Url)
            .WithManagementPort());
        (await gateway.Client.GetAsync("/api/orders")).StatusCode.ShouldBe(HttpStatusCode.OK);

        using var exposed = await gateway.Client.GetAsync("/metrics");
        await ResilienceTests.ShouldBeProblem(exposed, HttpStatusCode.NotFound);
        (await exposed.Content.ReadAsStringAsync()).ShouldNotContain(service.Url);

        using var operators = new HttpClient { BaseAddress = new Uri(gateway.ManagementUrl!) };
        using var scrape = await operators.GetAsync("/metrics");
        scrape.StatusCode.ShouldBe(HttpStatusCode.OK);
        var text = await scrape.Content.ReadAsStringAsync();
        text.ShouldContain("brigade_gateway_forwarded_duration_seconds_count{");
        (await operators.GetAsync("/health/ready")).StatusCode.ShouldBe(HttpStatusCode.OK);
        // The operators' port is not a second way in.
        (await operators.GetAsync("/api/orders")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        service.Hits.ShouldBe(1);

        var promtool = Process.Start(new ProcessStartInfo("promtool", "check metrics")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        await promtool.StandardInput.WriteAsync(text);
        promtool.StandardInput.Close();
        var output = await promtool.StandardOutput.ReadToEndAsync() + await promtool.StandardError.ReadToEndAsync();
        await promtool.WaitForExitAsync();
        promtool.ExitCode.ShouldBe(0, output);
    }

    [Theory]
    [InlineData("GET", "/admin/events/dead-letters")]
    [InlineData("POST", "/admin/events/dead-letters/replay")]
    [InlineData("GET", "/admin")]
    [InlineData("GET", "/api/nothing-here/at-all")]
    [InlineData("DELETE", "/api")]
    [InlineData("GET", "/hubs/unknown")]
    public async Task Unknown_api_and_admin_paths_are_a_404_problem_never_the_web_app(string method, string path)
    {
        await using var gateway = await GatewayHost.StartAsync(new GatewaySettings());

        using var response = await gateway.Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        await ResilienceTests.ShouldBeProblem(response, HttpStatusCode.NotFound);
        (await response.Content.ReadAsStringAsync()).ShouldNotContain("<html", Case.Insensitive);
    }

    [Theory]
    [InlineData(9 * 1024)]
    [InlineData(40 * 1024)]
    public async Task A_uri_too_long_is_a_414_problem(int length)
    {
        await using var service = await FakeService.StartAsync("orders");
        await using var gateway = await GatewayHost.StartAsync(new GatewaySettings()
            .Route("orders", "/api/orders", "orders")
            .Destinations("orders", service.Url));

        using var response = await gateway.Client.GetAsync("/api/orders?q=" + new string('a', length));

        await ResilienceTests.ShouldBeProblem(response, HttpStatusCode.RequestUriTooLong);
        service.Hits.ShouldBe(0);
        (await gateway.Client.GetAsync("/api/orders?q=" + new string('a', 4 * 1024))).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private static X509Certificate2 SelfSigned()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));
        // Exported and loaded again so the private key is usable by the TLS stack.
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), null);
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Brigade.Gateway.Tests;

public sealed class ForwardingTests : IAsyncLifetime
{
    private FakeService _upstream = null!;
    private GatewayHost _gateway = null!;

    public async Task InitializeAsync()
    {
        _upstream = await FakeService.StartAsync("orders", (app, _) =>
        {
            app.MapPost("/api/orders/created", (HttpContext http) =>
            {
                http.Response.Headers["X-Upstream-Header"] = "from-upstream";
                http.Response.Headers["Set-Cookie"] = "a=1; Path=/";
                http.Response.Headers.Connection = "X-Upstream-Hop";
                http.Response.Headers["X-Upstream-Hop"] = "secret";
                var seen = (SeenRequest)http.Items["seen"]!;
                return Results.Json(new { seen.BodyLength, seen.BodySha256 }, statusCode: 201);
            });
            app.MapGet("/api/orders/empty-404", () => Results.StatusCode(404));
        });
        _gateway = await GatewayHost.StartAsync(new GatewaySettings()
            .Route("orders", "/api/orders", "orders")
            .Destinations("orders", _upstream.Url)
            .WithManagementPort());
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _upstream.DisposeAsync();
    }

    [Fact]
    public async Task Method_path_query_headers_and_body_reach_the_service_and_its_answer_comes_back()
    {
        var body = "{\"items\":[{\"productId\":\"p1\",\"quantity\":2}]}";
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/orders/created?x=1&name=%ED%95%9C%20b")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Client-Header", "hello");
        request.Headers.Add("Idempotency-Key", "key-1");

        using var response = await _gateway.Client.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        response.Headers.GetValues("X-Upstream-Header").ShouldBe(["from-upstream"]);
        response.Headers.GetValues("Set-Cookie").Single().ShouldStartWith("a=1");
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
        answer.GetProperty("bodyLength").GetInt64().ShouldBe(Encoding.UTF8.GetByteCount(body));

        var seen = _upstream.Requests.Single();
        seen.Method.ShouldBe("POST");
        seen.Path.ShouldBe("/api/orders/created");
        seen.Query.ShouldBe("?x=1&name=%ED%95%9C%20b");
        seen.Headers["X-Client-Header"].ShouldBe("hello");
        seen.Headers["Idempotency-Key"].ShouldBe("key-1");
        seen.Headers["Content-Type"].ShouldBe("application/json; charset=utf-8");
        seen.Headers["Host"].ShouldBe(new Uri(_upstream.Url).Authority);
    }

    [Fact]
    public async Task An_upstream_error_without_a_body_is_passed_on_as_it_is()
    {
        using var response = await _gateway.Client.GetAsync("/api/orders/empty-404");
        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await response.Content.ReadAsStringAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task Hop_by_hop_headers_are_dropped_both_ways()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/orders/created") { Content = new StringContent("x") };
        request.Headers.Connection.Add("X-Client-Hop");
        request.Headers.Add("X-Client-Hop", "1");
        request.Headers.Add("Keep-Alive", "timeout=5");
        request.Headers.Add("Proxy-Authorization", "Basic Zm9vOmJhcg==");
        request.Headers.TE.ParseAdd("trailers");

        using var response = await _gateway.Client.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var seen = _upstream.Requests.Single().Headers;
        seen.ShouldNotContainKey("X-Client-Hop");
        seen.ShouldNotContainKey("Keep-Alive");
        seen.ShouldNotContainKey("Proxy-Authorization");
        seen.ShouldNotContainKey("TE");
        response.Headers.Contains("X-Upstream-Hop").ShouldBeFalse();
    }

    [Fact]
    public async Task Forwarded_headers_are_the_gateways_own_and_client_internal_headers_removed()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/orders/7");
        request.Headers.Add("X-Forwarded-For", "203.0.113.9"); // a client naming another address
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-Host", "bank.example");
        request.Headers.Add("X-Internal-Role", "admin");
        request.Headers.Add("X-User-Id", "someone-else");
        request.Headers.Add("x-service-name", "payments");

        using var response = await _gateway.Client.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var seen = _upstream.Requests.Single().Headers;
        seen["X-Forwarded-For"].ShouldBe("127.0.0.1");
        seen["X-Forwarded-Proto"].ShouldBe("http");
        seen["X-Forwarded-Host"].ShouldBe(new Uri(_gateway.Url).Authority);
        seen.ShouldNotContainKey("X-Internal-Role");
        seen.ShouldNotContainKey("X-User-Id");
        seen.ShouldNotContainKey("X-Service-Name");
    }

    [Fact]
    public async Task Behind_a_trusted_proxy_forwarded_headers_are_extended()
    {
        await using var gateway = await GatewayHost.StartAsync(new GatewaySettings()
            .Route("orders", "/api/orders", "orders")
            .Destinations("orders", _upstream.Url)
            .Set("Gateway:TrustedProxies:0", "127.0.0.0/8"));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/orders/8");
        request.Headers.Add("X-Forwarded-For", "203.0.113.9");
        request.Headers.Add("X-Forwarded-Proto", "https");

        (await gateway.Client.SendAsync(request)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var seen = _upstream.Requests.Single().Headers;
        seen["X-Forwarded-For"].ShouldBe("203.0.113.9, 127.0.0.1");
        seen["X-Forwarded-Proto"].ShouldBe("https, http");
    }

    [Fact]
    public async Task A_request_id_is_added_when_absent_and_echoed_back()
    {
        using var response = await _gateway.Client.GetAsync("/api/orders/1");
        var echoed = response.Headers.GetValues("X-Request-Id").Single();
        echoed.ShouldMatch("^[0-9a-f]{32}$");
        _upstream.Requests.Single().Headers["X-Request-Id"].ShouldBe(echoed);
        using var another = await _gateway.Client.GetAsync("/api/orders/2");
        another.Headers.GetValues("X-Request-Id").Single().ShouldNotBe(echoed);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/orders/2");
        request.Headers.Add("X-Request-Id", "client-chosen-42");
        using var second = await _gateway.Client.SendAsync(request);
        second.Headers.GetValues("X-Request-Id").Single().ShouldBe("client-chosen-42");
        _upstream.Requests.Last().Headers["X-Request-Id"].ShouldBe("client-chosen-42");
    }

    [Fact]
    public async Task The_trace_continues_into_the_service()
    {
        const string traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/orders/trace");
        request.Headers.Add("traceparent", $"00-{traceId}-00f067aa0ba902b7-01");

        using var response = await _gateway.Client.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var traceparent = _upstream.Requests.Single().Headers["traceparent"];
        traceparent.Split('-')[1].ShouldBe(traceId);
    }

    [Fact]
    public async Task Responses_carry_the_security_headers()
    {
        using var response = await _gateway.Client.GetAsync("/api/orders/1");
        response.Headers.GetValues("X-Content-Type-Options").Single().ShouldBe("nosniff");
        response.Headers.GetValues("X-Frame-Options").Single().ShouldBe("DENY");
        response.Headers.GetValues("Referrer-Policy").Single().ShouldBe("strict-origin-when-cross-origin");
        response.Headers.GetValues("Content-Security-Policy").Single().ShouldContain("frame-ancestors 'none'");
        response.Headers.Contains("Strict-Transport-Security").ShouldBeFalse(); // plain http: HSTS would be ignored anyway

        using var own = await _gateway.Client.GetAsync("/health");
        own.Headers.GetValues("X-Content-Type-Options").Single().ShouldBe("nosniff");
    }

    [Fact]
    public async Task An_unrouted_api_path_is_a_404_problem_and_the_root_serves_the_web_app()
    {
        using var unknown = await _gateway.Client.GetAsync("/api/nothing-here");
        unknown.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        unknown.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");

        using var root = await _gateway.Client.GetAsync("/");
        root.StatusCode.ShouldBe(HttpStatusCode.OK);
        root.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        root.Headers.CacheControl!.NoCache.ShouldBeTrue();
        (await root.Content.ReadAsStringAsync()).ShouldContain("Brigade");

        using var clientRoute = await _gateway.Client.GetAsync("/restaurants/some-page");
        clientRoute.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await clientRoute.Content.ReadAsStringAsync()).ShouldContain("Brigade");
        _upstream.Hits.ShouldBe(0);
    }

    [Fact]
    public async Task Forwarded_requests_are_counted_in_the_gateway_metrics()
    {
        (await _gateway.Client.GetAsync("/api/orders/metrics-probe")).StatusCode.ShouldBe(HttpStatusCode.OK);
        using var operators = new HttpClient();
        var metrics = await operators.GetStringAsync(_gateway.ManagementUrl + "/metrics");
        metrics.ShouldContain($"brigade_gateway_forwarded_duration_seconds_count{{cluster=\"orders\",destination=\"{_upstream.Url}\",status=\"200\"}} 1");
        // The forwarder's own HttpClient metrics would only repeat these (the test's clients share the process, hence the port filter).
        metrics.Split('\n').ShouldNotContain(l => l.StartsWith("http_client_request_duration_seconds_count{", StringComparison.Ordinal) && l.Contains($"server_port=\"{_upstream.Port}\"", StringComparison.Ordinal));
        // Nor would ASP.NET Core's per-request hosting histogram; what is in flight is read at scrape time instead.
        metrics.ShouldNotContain("http_server_request_duration_seconds");
        metrics.ShouldContain($"brigade_gateway_in_flight{{cluster=\"orders\",destination=\"{_upstream.Url}\"}} 0");
    }
}

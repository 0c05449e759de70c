using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Brigade.Gateway.Edge;
using Brigade.Security;
using Brigade.Testing;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Brigade.Gateway.Tests;

/// <summary>Edge rules: tokens, rate limits, body size, CORS.</summary>
public sealed class EdgeTests : IAsyncLifetime
{
    private FakeService _upstream = null!;

    public async Task InitializeAsync() => _upstream = await FakeService.StartAsync("svc");

    public async Task DisposeAsync() => await _upstream.DisposeAsync();

    [Fact]
    public async Task A_genuine_token_is_accepted_and_forwarded_as_it_is()
    {
        await using var gateway = await Start();
        var token = TestTokens.For(Guid.NewGuid(), ["diner"]);

        using var response = await Send(gateway, "/api/private/me", token);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        _upstream.Requests.Single().Headers["Authorization"].ShouldBe("Bearer " + token);
    }

    [Fact]
    public async Task Only_requests_that_carry_a_token_run_the_authentication_handler()
    {
        var lookups = new HandlerLookups();
        await using var gateway = await GatewayHost.StartAsync(Settings().Destinations("svc", _upstream.Url),
            builder => builder.Services.AddScoped<IAuthenticationHandlerProvider>(sp =>
                new CountingHandlerProvider(sp.GetRequiredService<IAuthenticationSchemeProvider>(), lookups)));

        for (var i = 0; i < 3; i++)
        {
            (await gateway.Client.GetAsync("/api/open/list")).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        lookups.Count.ShouldBe(0);
        using var signedIn = await Send(gateway, "/api/private/me", TestTokens.For(Guid.NewGuid(), ["diner"]));
        signedIn.StatusCode.ShouldBe(HttpStatusCode.OK);
        lookups.Count.ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task A_protected_route_without_a_token_is_a_401_problem_and_never_reaches_the_service()
    {
        await using var gateway = await Start();

        using var response = await gateway.Client.GetAsync("/api/private/me");

        await ResilienceTests.ShouldBeProblem(response, HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.ToString().ShouldStartWith("Bearer");
        _upstream.Hits.ShouldBe(0);
    }

    public static TheoryData<string, string> HostileTokens()
    {
        var genuine = TestTokens.For(Guid.NewGuid(), ["diner"]);
        var parts = genuine.Split('.');
        var payload = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(Base64UrlDecode(parts[1]))!;
        var promoted = new Dictionary<string, object?>(payload.Select(p => KeyValuePair.Create(p.Key, (object?)p.Value))) { ["roles"] = new[] { "admin" } };
        return new TheoryData<string, string>
        {
            { "foreign key", SignWithForeignKey(promoted) },
            { "alg none", Base64Url("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + parts[1] + "." },
            { "tampered payload", parts[0] + "." + Base64Url(JsonSerializer.Serialize(promoted)) + "." + parts[2] },
            { "expired", TestTokens.Create(Guid.NewGuid().ToString(), ["diner"], [], lifetime: TimeSpan.FromMinutes(1), issuedAt: DateTimeOffset.UtcNow.AddHours(-1)) },
            { "garbage", "not-a-token" },
        };
    }

    [Theory]
    [MemberData(nameof(HostileTokens))]
    public async Task A_hostile_token_is_refused_at_the_edge(string kind, string token)
    {
        await using var gateway = await Start();

        using var response = await Send(gateway, "/api/private/me", token);

        await ResilienceTests.ShouldBeProblem(response, HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.ToString().ShouldContain("invalid_token", customMessage: kind);
        _upstream.Hits.ShouldBe(0);
    }

    [Fact]
    public async Task A_token_for_another_audience_is_refused()
    {
        await using var gateway = await Start(s => s.Set("Security:Audience", "some-other-platform"));

        using var response = await Send(gateway, "/api/private/me", TestTokens.For(Guid.NewGuid(), ["diner"]));

        await ResilienceTests.ShouldBeProblem(response, HttpStatusCode.Unauthorized);
        _upstream.Hits.ShouldBe(0);
    }

    [Fact]
    public async Task A_revoked_token_is_refused_until_it_expires()
    {
        await using var gateway = await Start();
        var jti = Guid.NewGuid().ToString("N");
        var token = TestTokens.Create(Guid.NewGuid().ToString(), ["diner"], [], tokenId: jti);
        (await Send(gateway, "/api/private/me", token)).StatusCode.ShouldBe(HttpStatusCode.OK);

        gateway.Services.GetRequiredService<RevokedTokens>().Revoke(jti, DateTimeOffset.UtcNow.AddMinutes(15));

        using var response = await Send(gateway, "/api/private/me", token);
        await ResilienceTests.ShouldBeProblem(response, HttpStatusCode.Unauthorized);
        _upstream.Hits.ShouldBe(1);
    }

    [Fact]
    public async Task A_public_route_forwards_without_a_token_and_passes_any_token_on_for_the_service_to_judge()
    {
        await using var gateway = await Start();

        (await gateway.Client.GetAsync("/api/open/list")).StatusCode.ShouldBe(HttpStatusCode.OK);
        using var withStaleToken = await Send(gateway, "/api/open/refresh", "stale.token.value");
        withStaleToken.StatusCode.ShouldBe(HttpStatusCode.OK);
        _upstream.Requests.Last().Headers["Authorization"].ShouldBe("Bearer stale.token.value");
    }

    [Fact]
    public async Task Login_is_limited_per_address_with_a_429_problem_and_retry_after()
    {
        await using var gateway = await Start(s => s
            .Set("Gateway:RateLimits:Enabled", "true")
            .Set("Gateway:RateLimits:Policies:login:TokenLimit", "3")
            .Set("Gateway:RateLimits:Policies:login:TokensPerPeriod", "3")
            .Set("Gateway:RateLimits:Policies:login:Period", "00:01:00"));

        for (var i = 0; i < 3; i++)
        {
            (await gateway.Client.PostAsync("/api/open/login", new StringContent("{}"))).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        using var limited = await gateway.Client.PostAsync("/api/open/login", new StringContent("{}"));

        await ResilienceTests.ShouldBeProblem(limited, (HttpStatusCode)429);
        var retryAfter = limited.Headers.RetryAfter!.Delta!.Value;
        retryAfter.ShouldBeGreaterThan(TimeSpan.Zero);
        retryAfter.ShouldBeLessThanOrEqualTo(TimeSpan.FromMinutes(1));
        _upstream.Hits.ShouldBe(3);

        // Other routes draw on the general bucket and are not affected.
        (await gateway.Client.GetAsync("/api/open/list")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_client_cannot_name_another_address_to_escape_its_limit_unless_a_trusted_proxy_vouches(bool behindTrustedProxy)
    {
        await using var gateway = await Start(s =>
        {
            s.Set("Gateway:RateLimits:Enabled", "true")
                .Set("Gateway:RateLimits:Policies:login:TokenLimit", "1")
                .Set("Gateway:RateLimits:Policies:login:TokensPerPeriod", "1")
                .Set("Gateway:RateLimits:Policies:login:Period", "00:01:00");
            if (behindTrustedProxy)
            {
                s.Set("Gateway:TrustedProxies:0", "127.0.0.1");
            }
        });

        async Task<HttpStatusCode> Login(string forwardedFor)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/open/login") { Content = new StringContent("{}") };
            request.Headers.Add("X-Forwarded-For", forwardedFor);
            return (await gateway.Client.SendAsync(request)).StatusCode;
        }

        (await Login("198.51.100.1")).ShouldBe(HttpStatusCode.OK);
        // Directly connected, the peer is the client whatever the header says; behind the trusted proxy
        // the address it vouches for is, so another client has its own bucket and the first stays limited.
        (await Login("198.51.100.2")).ShouldBe(behindTrustedProxy ? HttpStatusCode.OK : (HttpStatusCode)429);
        (await Login("198.51.100.1")).ShouldBe((HttpStatusCode)429);
    }

    [Fact]
    public async Task Users_are_limited_each_on_their_own_bucket()
    {
        await using var gateway = await Start(s => s
            .Set("Gateway:RateLimits:Enabled", "true")
            .Set("Gateway:RateLimits:PerUser:TokenLimit", "2")
            .Set("Gateway:RateLimits:PerUser:TokensPerPeriod", "2")
            .Set("Gateway:RateLimits:PerUser:Period", "00:01:00"));
        var alice = TestTokens.For(Guid.NewGuid(), ["diner"]);
        var bob = TestTokens.For(Guid.NewGuid(), ["diner"]);

        (await Send(gateway, "/api/private/a", alice)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Send(gateway, "/api/private/a", alice)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Send(gateway, "/api/private/a", alice)).StatusCode.ShouldBe((HttpStatusCode)429);
        using var other = await Send(gateway, "/api/private/b", bob);
        other.StatusCode.ShouldBe(HttpStatusCode.OK, await other.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_body_over_the_route_limit_is_a_413_problem()
    {
        await using var gateway = await Start();

        using var declared = await gateway.Client.PostAsync("/api/small/upload", new ByteArrayContent(new byte[4096]));
        await ResilienceTests.ShouldBeProblem(declared, HttpStatusCode.RequestEntityTooLarge);
        _upstream.Hits.ShouldBe(0);

        var chunked = new StreamContent(new MemoryStream(new byte[4096]));
        chunked.Headers.ContentLength = null;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/small/upload") { Content = chunked };
        request.Headers.TransferEncodingChunked = true;
        using var streamed = await gateway.Client.SendAsync(request);
        await ResilienceTests.ShouldBeProblem(streamed, HttpStatusCode.RequestEntityTooLarge);

        (await gateway.Client.PostAsync("/api/small/upload", new ByteArrayContent(new byte[512]))).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_cors_preflight_from_the_web_app_is_answered_at_the_edge()
    {
        await using var gateway = await Start(s => s.Set("Gateway:Cors:Origins:0", "https://app.brigade.test"));

        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/api/private/me");
        preflight.Headers.Add("Origin", "https://app.brigade.test");
        preflight.Headers.Add("Access-Control-Request-Method", "PUT");
        preflight.Headers.Add("Access-Control-Request-Headers", "authorization, content-type");
        using var allowed = await gateway.Client.SendAsync(preflight);

        allowed.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        allowed.Headers.GetValues("Access-Control-Allow-Origin").Single().ShouldBe("https://app.brigade.test");
        allowed.Headers.GetValues("Access-Control-Allow-Methods").Single().ShouldContain("PUT");

        using var foreign = new HttpRequestMessage(HttpMethod.Options, "/api/private/me");
        foreign.Headers.Add("Origin", "https://evil.test");
        foreign.Headers.Add("Access-Control-Request-Method", "PUT");
        using var refused = await gateway.Client.SendAsync(foreign);
        refused.Headers.Contains("Access-Control-Allow-Origin").ShouldBeFalse();

        using var actual = new HttpRequestMessage(HttpMethod.Get, "/api/open/list");
        actual.Headers.Add("Origin", "https://app.brigade.test");
        using var response = await gateway.Client.SendAsync(actual);
        response.Headers.GetValues("Access-Control-Allow-Origin").Single().ShouldBe("https://app.brigade.test");
        response.Headers.GetValues("Access-Control-Expose-Headers").Single().ShouldContain("X-Request-Id");
        _upstream.Hits.ShouldBe(1); // only the real request went upstream
    }

    [Fact]
    public async Task Every_request_writes_one_access_log_line()
    {
        var lines = new LogCapture();
        await using var gateway = await GatewayHost.StartAsync(Settings().Destinations("svc", _upstream.Url).Set("Logging:LogLevel:Brigade.Gateway.AccessLog", "Information"),
            builder => builder.Logging.AddProvider(lines));
        var userId = Guid.NewGuid();

        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/private/me?secret=1");
        request.Headers.Add("X-Request-Id", "log-me-1");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.For(userId, ["diner"]));
        (await gateway.Client.SendAsync(request)).StatusCode.ShouldBe(HttpStatusCode.OK);

        await GatewayHost.Eventually(() => Task.FromResult(lines.Entries.Any(e => e.Values.GetValueOrDefault("requestId") as string == "log-me-1")),
            TimeSpan.FromSeconds(5), "the access log line should be written");
        var line = lines.Entries.Single(e => e.Values.GetValueOrDefault("requestId") as string == "log-me-1");
        line.Category.ShouldBe(AccessLog.Category);
        line.Values["method"].ShouldBe("GET");
        line.Values["path"].ShouldBe("/api/private/me");
        line.Values["status"].ShouldBe(200);
        line.Values["route"].ShouldBe("private");
        line.Values["upstream"].ShouldBe(_upstream.Url);
        line.Values["userId"].ShouldBe(userId.ToString());
        line.Values.ShouldContainKey("durationMs");
        line.Message.ShouldNotContain("secret");
    }

    [Fact]
    public async Task The_gateway_refuses_to_start_with_an_endpoint_that_does_not_declare_who_may_call_it()
    {
        var error = await Should.ThrowAsync<InvalidOperationException>(() => GatewayHost.StartAsync(Settings().Destinations("svc", _upstream.Url),
            mapMore: app => app.MapGet("/gateway-undeclared", () => "open to whom?")));
        error.Message.ShouldContain("/gateway-undeclared");
        error.Message.ShouldNotContain("/health"); // its own endpoints all say who may call them
    }

    [Fact]
    public async Task The_gateway_refuses_to_start_without_a_socket_thread()
    {
        var error = await Should.ThrowAsync<InvalidOperationException>(() => Start(s => s.Set("Gateway:IoThreads", "0")));
        error.Message.ShouldContain("Gateway:IoThreads");
    }

    [Fact]
    public void Inline_io_asks_the_runtime_for_the_configured_socket_threads_unless_the_environment_says_otherwise()
    {
        const string Variable = "DOTNET_SYSTEM_NET_SOCKETS_THREAD_COUNT";
        var before = Environment.GetEnvironmentVariable(Variable);
        try
        {
            // The runtime reads it once, at the first socket; this process made its sockets long ago.
            Environment.SetEnvironmentVariable(Variable, null);
            GatewayModule.UseInlineIo(WebApplication.CreateEmptyBuilder(new WebApplicationOptions()), 3);
            Environment.GetEnvironmentVariable(Variable).ShouldBe("3");

            Environment.SetEnvironmentVariable(Variable, "2");
            GatewayModule.UseInlineIo(WebApplication.CreateEmptyBuilder(new WebApplicationOptions()), 1);
            Environment.GetEnvironmentVariable(Variable).ShouldBe("2");
        }
        finally
        {
            Environment.SetEnvironmentVariable(Variable, before);
        }
    }

    private static GatewaySettings Settings() => new GatewaySettings()
        .Route("private", "/api/private", "svc", access: "Authenticated")
        .Route("open", "/api/open", "svc")
        .Route("open-login", "/api/open/login", "svc", methods: ["POST"], rateLimitPolicy: "login")
        .Route("small", "/api/small", "svc", maxBody: 1024);

    private Task<GatewayHost> Start(Action<GatewaySettings>? configure = null)
    {
        var settings = Settings().Destinations("svc", _upstream.Url);
        configure?.Invoke(settings);
        return GatewayHost.StartAsync(settings);
    }

    private static async Task<HttpResponseMessage> Send(GatewayHost gateway, string path, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
        return await gateway.Client.SendAsync(request);
    }

    private static string SignWithForeignKey(Dictionary<string, object?> payload)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var input = Base64Url($"{{\"alg\":\"ES256\",\"kid\":\"{TestTokens.KeyId}\",\"typ\":\"JWT\"}}") + "." + Base64Url(JsonSerializer.Serialize(payload));
        var signature = key.SignData(Encoding.ASCII.GetBytes(input), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        return input + "." + System.Buffers.Text.Base64Url.EncodeToString(signature);
    }

    private static string Base64Url(string text) => System.Buffers.Text.Base64Url.EncodeToString(Encoding.UTF8.GetBytes(text));

    private static byte[] Base64UrlDecode(string text) => System.Buffers.Text.Base64Url.DecodeFromChars(text);

    private sealed class HandlerLookups
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public void Add() => Interlocked.Increment(ref _count);
    }

    /// <summary>Counts how often a request asks for an authentication handler.</summary>
    private sealed class CountingHandlerProvider(IAuthenticationSchemeProvider schemes, HandlerLookups lookups) : IAuthenticationHandlerProvider
    {
        private readonly AuthenticationHandlerProvider _inner = new(schemes);

        public Task<IAuthenticationHandler?> GetHandlerAsync(HttpContext context, string authenticationScheme)
        {
            lookups.Add();
            return _inner.GetHandlerAsync(context, authenticationScheme);
        }
    }
}

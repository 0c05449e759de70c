using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Brigade.Security.Tests;

public class JwksTests
{
    [Fact]
    public void A_key_set_keeps_only_usable_ES256_keys()
    {
        using var good = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var jwk = PublicJwk.Of("good", good);
        var json = $$"""
            {"keys":[
              {"kty":"EC","crv":"P-256","x":"{{jwk.X}}","y":"{{jwk.Y}}","kid":"good","use":"sig","alg":"ES256"},
              {"kty":"EC","crv":"P-256","x":"{{jwk.X}}","y":"{{jwk.X}}","kid":"off-curve"},
              {"kty":"EC","crv":"P-384","x":"{{jwk.X}}","y":"{{jwk.Y}}","kid":"p384"},
              {"kty":"EC","crv":"P-256","x":"{{jwk.X}}","y":"{{jwk.Y}}","kid":"enc","use":"enc"},
              {"kty":"EC","crv":"P-256","x":"{{jwk.X}}","y":"{{jwk.Y}}","kid":"hs","alg":"HS256"},
              {"kty":"RSA","crv":"P-256","x":"{{jwk.X}}","y":"{{jwk.Y}}","kid":"rsa"},
              {"kty":"EC","crv":"P-256","x":"{{jwk.X}}=","y":"{{jwk.Y}}","kid":"padded"},
              {"kty":"EC","crv":"P-256","x":"{{jwk.X}}","y":"{{jwk.Y}}","kid":""}
            ]}
            """;

        var keys = SigningKeys.Parse(json);

        keys.Keys.ShouldBe(["good"]);
    }

    [Fact]
    public void A_key_round_trips_through_its_JWK()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var json = new JwksDocument([PublicJwk.Of("k", key)]).ToJson();
        json.ShouldContain("\"kty\":\"EC\"");
        json.ShouldContain("\"alg\":\"ES256\"");

        var parsed = (Microsoft.IdentityModel.Tokens.ECDsaSecurityKey)SigningKeys.Parse(json)["k"];

        var signature = key.SignData("hello"u8.ToArray(), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        parsed.ECDsa.VerifyData("hello"u8.ToArray(), signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation).ShouldBeTrue();
        parsed.KeyId.ShouldBe("k");
    }

    [Fact]
    public async Task The_client_fetches_on_an_unknown_kid_and_rate_limits_fetches()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        using var first = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var second = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var server = new JwksServer(new JwksDocument([PublicJwk.Of("k1", first)]).ToJson());
        var client = Client(server, clock, new Dictionary<string, string?> { ["Services:identity:0"] = "http://identity.test:5001/" });

        client.JwksUrl.ShouldBe("http://identity.test:5001/api/auth/jwks");
        client.Find("k1").ShouldBeNull();
        await client.RefreshAsync(CancellationToken.None);
        client.Find("k1").ShouldNotBeNull();
        server.Requests.ShouldBe(1);

        // A rotated key appears; unknown kids within the minimum interval do not reach identity.
        server.Body = new JwksDocument([PublicJwk.Of("k1", first), PublicJwk.Of("k2", second)]).ToJson();
        for (var i = 0; i < 20; i++)
        {
            await client.RefreshAsync(CancellationToken.None);
        }

        server.Requests.ShouldBe(1);
        client.Find("k2").ShouldBeNull();

        clock.Advance(TimeSpan.FromSeconds(11));
        await client.RefreshAsync(CancellationToken.None);
        server.Requests.ShouldBe(2);
        client.Find("k2").ShouldNotBeNull();
        client.Find("k1").ShouldNotBeNull(); // two keys live at once
    }

    [Fact]
    public async Task A_token_under_a_new_kid_is_accepted_after_one_fetch_and_forged_kids_fetch_no_more()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        var f = new TokenFactory();
        using var old = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var server = new JwksServer(new JwksDocument([PublicJwk.Of("old", old)]).ToJson());
        var client = Client(server, clock, new Dictionary<string, string?> { ["Security:JwksUrl"] = "http://identity.test/jwks" });
        var validator = new TestValidator(client, f.Revoked, new SecurityOptions(), clock);
        await client.RefreshAsync(CancellationToken.None);
        clock.Advance(TimeSpan.FromSeconds(11));

        // Identity rotates: the new key (f.Key as "k1") is published beside the old one.
        server.Body = new JwksDocument([PublicJwk.Of("old", old), PublicJwk.Of(TokenFactory.KeyId, f.Key)]).ToJson();
        var descriptor = f.Descriptor() with { IssuedAt = clock.GetUtcNow(), ExpiresAt = clock.GetUtcNow().AddMinutes(15) };

        (await validator.ValidateAsync(f.Issue(descriptor))).Failure.ShouldBe(TokenFailure.None);
        server.Requests.ShouldBe(2);

        for (var i = 0; i < 10; i++)
        {
            var forged = f.Sign(TokenFactory.Header($"forged-{i}"), f.Payload(exp: clock.GetUtcNow().AddMinutes(5).ToUnixTimeSeconds()));
            (await validator.ValidateAsync(forged)).Failure.ShouldBe(TokenFailure.UnknownKey);
        }

        server.Requests.ShouldBe(2);
    }

    [Fact]
    public async Task A_failed_fetch_keeps_the_known_keys()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var server = new JwksServer(new JwksDocument([PublicJwk.Of("k1", key)]).ToJson());
        var client = Client(server, clock, new Dictionary<string, string?> { ["Security:JwksUrl"] = "http://identity.test/jwks" });
        await client.RefreshAsync(CancellationToken.None);

        server.Status = HttpStatusCode.ServiceUnavailable;
        clock.Advance(TimeSpan.FromMinutes(1));
        await client.RefreshAsync(CancellationToken.None);

        server.Body = "not json";
        server.Status = HttpStatusCode.OK;
        clock.Advance(TimeSpan.FromMinutes(1));
        await client.RefreshAsync(CancellationToken.None);

        server.Requests.ShouldBe(3);
        client.Find("k1").ShouldNotBeNull();
    }

    [Fact]
    public async Task A_failed_first_fetch_does_not_keep_the_next_unknown_kid_from_fetching()
    {
        // Identity is not answering yet when the first token arrives; a moment later it is.
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var server = new JwksServer(new JwksDocument([PublicJwk.Of("k1", key)]).ToJson()) { Status = HttpStatusCode.ServiceUnavailable };
        var client = Client(server, clock, new Dictionary<string, string?> { ["Security:JwksUrl"] = "http://identity.test/jwks" });

        await client.RefreshAsync(CancellationToken.None);
        client.Find("k1").ShouldBeNull();

        server.Status = HttpStatusCode.OK;
        clock.Advance(TimeSpan.FromMilliseconds(200));
        await client.RefreshAsync(CancellationToken.None);

        server.Requests.ShouldBe(2);
        client.Find("k1").ShouldNotBeNull();
    }

    [Fact]
    public async Task Callers_arriving_while_a_fetch_runs_wait_for_it_and_share_it()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var server = new JwksServer(new JwksDocument([PublicJwk.Of("k1", key)]).ToJson()) { Hold = new TaskCompletionSource() };
        var client = Client(server, clock, new Dictionary<string, string?> { ["Security:JwksUrl"] = "http://identity.test/jwks" });

        var first = client.RefreshAsync(CancellationToken.None);
        await server.Received.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var second = client.RefreshAsync(CancellationToken.None);
        var third = client.RefreshAsync(CancellationToken.None);
        second.IsCompleted.ShouldBeFalse("a caller that needs the keys while they are being fetched waits for them");

        server.Hold.SetResult();
        await Task.WhenAll(first, second, third).WaitAsync(TimeSpan.FromSeconds(10));

        server.Requests.ShouldBe(1);
        client.Find("k1").ShouldNotBeNull();
    }

    [Fact]
    public async Task Good_tokens_arriving_together_before_the_keys_are_known_are_all_accepted()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        var f = new TokenFactory();
        var server = new JwksServer(new JwksDocument([PublicJwk.Of(TokenFactory.KeyId, f.Key)]).ToJson()) { Hold = new TaskCompletionSource() };
        var client = Client(server, clock, new Dictionary<string, string?> { ["Security:JwksUrl"] = "http://identity.test/jwks" });
        var validator = new TestValidator(client, f.Revoked, new SecurityOptions(), clock);
        var descriptor = f.Descriptor() with { IssuedAt = clock.GetUtcNow(), ExpiresAt = clock.GetUtcNow().AddMinutes(15) };

        var pending = Enumerable.Range(0, 5).Select(_ => validator.ValidateAsync(f.Issue(descriptor with { Id = Guid.NewGuid().ToString() }))).ToList();
        await server.Received.Task.WaitAsync(TimeSpan.FromSeconds(10));
        server.Hold.SetResult();
        var results = await Task.WhenAll(pending).WaitAsync(TimeSpan.FromSeconds(10));

        results.Select(r => r.Failure).ShouldAllBe(failure => failure == TokenFailure.None);
        server.Requests.ShouldBe(1);
    }

    [Fact]
    public async Task A_fetch_that_throws_anything_leaves_the_callers_with_the_known_keys()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var server = new JwksServer(new JwksDocument([PublicJwk.Of("k1", key)]).ToJson());
        var client = Client(server, clock, new Dictionary<string, string?> { ["Security:JwksUrl"] = "http://identity.test/jwks" });
        await client.RefreshAsync(CancellationToken.None);

        server.Throw = new InvalidCastException("an open circuit, say");
        clock.Advance(TimeSpan.FromMinutes(1));
        await client.RefreshAsync(CancellationToken.None);

        client.Find("k1").ShouldNotBeNull();
    }

    private static JwksClient Client(JwksServer server, ManualClock clock, Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var options = new SecurityOptions { JwksUrl = configuration["Security:JwksUrl"] };
        return new JwksClient(new SingleClientFactory(server), configuration, Options.Create(options), clock, NullLogger<JwksClient>.Instance);
    }

    private sealed class JwksServer(string body) : HttpMessageHandler
    {
        public string Body { get; set; } = body;
        public HttpStatusCode Status { get; set; } = HttpStatusCode.OK;
        public Exception? Throw { get; set; }
        public int Requests;

        /// <summary>When set, a request is answered only once the test completes it.</summary>
        public TaskCompletionSource? Hold { get; init; }

        public TaskCompletionSource Received { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref Requests);
            Received.TrySetResult();
            if (Hold is not null)
            {
                await Hold.Task.WaitAsync(cancellationToken);
            }

            return Throw is { } error ? throw error : new HttpResponseMessage(Status) { Content = new StringContent(Body, Encoding.UTF8, "application/json") };
        }
    }

    private sealed class SingleClientFactory(HttpMessageHandler handler) : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => new(handler, disposeHandler: false);
    }
}

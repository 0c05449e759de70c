using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Brigade.Security;

namespace Brigade.Identity.Tests;

/// <summary>Refresh-token rotation, reuse detection and logout.</summary>
public class SessionTests(IdentityFactory factory) : IClassFixture<IdentityFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task A_refresh_rotates_both_tokens()
    {
        var user = await factory.SignUpAsync();

        var refreshed = await Refresh(user.RefreshToken);

        refreshed.StatusCode.ShouldBe(HttpStatusCode.OK);
        var tokens = (await refreshed.Content.ReadFromJsonAsync<Tokens>())!;
        tokens.RefreshToken.ShouldNotBe(user.RefreshToken);
        tokens.AccessToken.ShouldNotBe(user.AccessToken);
        (await factory.ClientWith(tokens.AccessToken).GetAsync("/api/users/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Refresh(tokens.RefreshToken)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Reusing_a_refresh_token_ends_the_whole_session()
    {
        var user = await factory.SignUpAsync();
        var second = (await (await Refresh(user.RefreshToken)).Content.ReadFromJsonAsync<Tokens>())!;

        // A thief replays the first refresh token.
        var replay = await Refresh(user.RefreshToken);

        (await replay.ShouldBeProblemAsync(401)).GetProperty("detail").GetString()!.ShouldContain("already used");
        (await Refresh(second.RefreshToken)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await factory.ClientWith(second.AccessToken).GetAsync("/api/users/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await factory.ClientWith(user.AccessToken).GetAsync("/api/users/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await factory.OutboxAsync("identity.token.revoked", "userId", user.Id.ToString())).Count.ShouldBe(2);
    }

    [Fact]
    public async Task Another_session_of_the_same_user_survives_a_reuse()
    {
        var user = await factory.SignUpAsync();
        var phone = await factory.LoginAsync(user.Email, user.Password);
        await Refresh(user.RefreshToken);

        await Refresh(user.RefreshToken);

        (await Refresh(phone.RefreshToken)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Concurrent_refreshes_with_one_token_give_one_new_pair_at_most()
    {
        var user = await factory.SignUpAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => factory.CreateClient().PostAsJsonAsync("/api/auth/refresh", new { refreshToken = user.RefreshToken })));

        results.Count(r => r.StatusCode == HttpStatusCode.OK).ShouldBeLessThanOrEqualTo(1);
    }

    [Fact]
    public async Task An_expired_refresh_token_is_refused()
    {
        var user = await factory.SignUpAsync();

        factory.Clock.Advance(TimeSpan.FromDays(7) + TimeSpan.FromMinutes(1)); // time only moves forward: later tests run in the future

        (await (await Refresh(user.RefreshToken)).ShouldBeProblemAsync(401)).GetProperty("detail").GetString()!.ShouldContain("expired");
    }

    [Theory]
    [InlineData("""{"refreshToken":"forged"}""", 401)]
    [InlineData("""{}""", 400)]
    [InlineData("""{"refreshToken":""}""", 400)]
    public async Task A_bad_refresh_token_is_refused(string json, int status)
    {
        var response = await _client.PostAsync("/api/auth/refresh", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        await response.ShouldBeProblemAsync(status);
    }

    [Fact]
    public async Task Logout_revokes_the_access_token_and_the_session_and_announces_it()
    {
        var user = await factory.SignUpAsync();
        var jti = Claims(user.AccessToken).GetProperty("jti").GetString()!;

        var logout = await factory.ClientWith(user.AccessToken).PostAsync("/api/auth/logout", null);

        logout.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await factory.ClientWith(user.AccessToken).GetAsync("/api/users/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await Refresh(user.RefreshToken)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var revoked = await factory.OutboxAsync("identity.token.revoked", "tokenId", jti);
        revoked.Count.ShouldBe(1);
        revoked[0].GetProperty("reason").GetString().ShouldBe("logout");
        revoked[0].GetProperty("expiresAt").GetDateTimeOffset().ShouldBe(DateTimeOffset.FromUnixTimeSeconds(Claims(user.AccessToken).GetProperty("exp").GetInt64()));
    }

    [Fact]
    public async Task Logout_with_only_the_refresh_token_ends_that_session()
    {
        var user = await factory.SignUpAsync();

        (await _client.PostAsJsonAsync("/api/auth/logout", new { refreshToken = user.RefreshToken })).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        (await Refresh(user.RefreshToken)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await factory.ClientWith(user.AccessToken).GetAsync("/api/users/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Logout_of_one_session_leaves_the_others()
    {
        var user = await factory.SignUpAsync();
        var laptop = await factory.LoginAsync(user.Email, user.Password);

        await factory.ClientWith(user.AccessToken).PostAsync("/api/auth/logout", null);

        (await factory.ClientWith(laptop.AccessToken).GetAsync("/api/users/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Refresh(laptop.RefreshToken)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Logout_without_anything_is_harmless()
    {
        (await _client.PostAsync("/api/auth/logout", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task A_revocation_written_by_another_replica_is_picked_up()
    {
        var user = await factory.SignUpAsync();
        var claims = Claims(user.AccessToken);

        // Another replica revoked it: only the shared table knows.
        await factory.ScalarAsync<int>(
            "INSERT INTO revoked_access_tokens (token_id, user_id, expires_at, revoked_at) VALUES (@jti, @Id, to_timestamp(@exp), now()) RETURNING 1",
            new { jti = claims.GetProperty("jti").GetString(), user.Id, exp = claims.GetProperty("exp").GetInt64() });

        var refused = false;
        for (var i = 0; i < 40 && !refused; i++)
        {
            refused = (await factory.ClientWith(user.AccessToken).GetAsync("/api/users/me")).StatusCode == HttpStatusCode.Unauthorized;
            await Task.Delay(100);
        }

        refused.ShouldBeTrue();
    }

    private Task<HttpResponseMessage> Refresh(string token) => _client.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = token });

    private static JsonElement Claims(string token)
    {
        var parts = JwtParts.Of(token);
        return JsonDocument.Parse(parts.Payload).RootElement.Clone();
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Brigade.Security;

namespace Brigade.Identity.Tests;

public class LoginTests(IdentityFactory factory) : IClassFixture<IdentityFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task Login_by_email_or_username_returns_a_token_with_the_contract_claims()
    {
        var username = $"cook{Random.Shared.Next(1_000_000)}";
        var email = $"cook{Guid.NewGuid():N}@example.com";
        (await _client.PostAsJsonAsync("/api/auth/register", new { email, password = "Galbi-Jjim-2026", name = "Park Cook", username, accountType = "worker" }))
            .StatusCode.ShouldBe(HttpStatusCode.Created);

        var byEmail = await _client.PostAsJsonAsync("/api/auth/login", new { email = email.ToUpperInvariant(), password = "Galbi-Jjim-2026" });
        var byUsername = await factory.LoginAsync(username, "Galbi-Jjim-2026");

        byEmail.StatusCode.ShouldBe(HttpStatusCode.OK);
        var parts = JwtParts.Of(byUsername.AccessToken);
        var header = JsonDocument.Parse(parts.Header).RootElement;
        header.GetProperty("alg").GetString().ShouldBe("ES256");
        header.GetProperty("typ").GetString().ShouldBe("JWT");
        header.GetProperty("kid").GetString().ShouldNotBeNullOrEmpty();
        var claims = JsonDocument.Parse(parts.Payload).RootElement;
        foreach (var claim in new[] { "sub", "name", "email", "roles", "memberships", "jti", "iss", "aud", "iat", "exp" })
        {
            claims.TryGetProperty(claim, out _).ShouldBeTrue(claim);
        }

        claims.GetProperty("roles").EnumerateArray().Select(r => r.GetString()).ShouldBe(["worker"]);
        (claims.GetProperty("exp").GetInt64() - claims.GetProperty("iat").GetInt64()).ShouldBe(900);
        byUsername.RefreshToken.Length.ShouldBeGreaterThanOrEqualTo(43);

        var me = await factory.ClientWith(byUsername.AccessToken).GetFromJsonAsync<JsonElement>("/api/users/me");
        me.GetProperty("email").GetString().ShouldBe(email);
        me.GetProperty("username").GetString().ShouldBe(username);
    }

    [Fact]
    public async Task Unknown_user_and_wrong_password_get_the_same_answer()
    {
        var user = await factory.SignUpAsync();

        var unknown = await _client.PostAsJsonAsync("/api/auth/login", new { username = $"nobody{Guid.NewGuid():N}@example.com", password = "Whatever-123" });
        var wrong = await _client.PostAsJsonAsync("/api/auth/login", new { username = user.Email, password = "Whatever-123" });

        var a = await unknown.ShouldBeProblemAsync(401);
        var b = await wrong.ShouldBeProblemAsync(401);
        Comparable(a).ShouldBe(Comparable(b));
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_for_15_minutes()
    {
        var user = await factory.SignUpAsync();
        for (var i = 0; i < 5; i++)
        {
            (await _client.PostAsJsonAsync("/api/auth/login", new { username = user.Email, password = $"Wrong-Guess-{i}" })).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }

        // Even the right password is refused now, with the same answer as a wrong one.
        var locked = await _client.PostAsJsonAsync("/api/auth/login", new { username = user.Email, password = user.Password });
        var wrong = await _client.PostAsJsonAsync("/api/auth/login", new { username = user.Email, password = "Wrong-Guess-x" });
        Comparable(await locked.ShouldBeProblemAsync(401)).ShouldBe(Comparable(await wrong.ShouldBeProblemAsync(401)));

        factory.Clock.Advance(TimeSpan.FromMinutes(14));
        (await _client.PostAsJsonAsync("/api/auth/login", new { username = user.Email, password = user.Password })).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        factory.Clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        (await _client.PostAsJsonAsync("/api/auth/login", new { username = user.Email, password = user.Password })).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_successful_login_resets_the_failure_count()
    {
        var user = await factory.SignUpAsync();
        for (var i = 0; i < 4; i++)
        {
            await _client.PostAsJsonAsync("/api/auth/login", new { username = user.Email, password = "Wrong-Guess-1" });
        }

        await factory.LoginAsync(user.Email, user.Password);
        for (var i = 0; i < 4; i++)
        {
            await _client.PostAsJsonAsync("/api/auth/login", new { username = user.Email, password = "Wrong-Guess-1" });
        }

        (await _client.PostAsJsonAsync("/api/auth/login", new { username = user.Email, password = user.Password })).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Concurrent_wrong_guesses_cannot_get_past_the_lock()
    {
        var user = await factory.SignUpAsync();

        await Task.WhenAll(Enumerable.Range(0, 12).Select(i =>
            factory.CreateClient().PostAsJsonAsync("/api/auth/login", new { username = user.Email, password = $"Wrong-Guess-{i}" })));

        (await _client.PostAsJsonAsync("/api/auth/login", new { username = user.Email, password = user.Password })).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("""{"password":"Whatever-123"}""", "username")]
    [InlineData("""{"username":"someone"}""", "password")]
    [InlineData("""{"username":"","password":""}""", "username")]
    public async Task A_login_without_credentials_is_a_400(string json, string field)
    {
        var response = await _client.PostAsync("/api/auth/login", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        (await response.ShouldBeProblemAsync(400)).ErrorFields().ShouldContain(field);
    }

    [Fact]
    public async Task The_admin_account_from_configuration_can_sign_in()
    {
        var tokens = await factory.AdminAsync();

        var me = await factory.ClientWith(tokens.AccessToken).GetFromJsonAsync<JsonElement>("/api/users/me");
        me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()).ShouldContain("admin");
    }

    private static string Comparable(JsonElement problem) =>
        JsonSerializer.Serialize(problem.EnumerateObject().Where(p => p.Name is not ("traceId" or "instance")).ToDictionary(p => p.Name, p => p.Value.ToString()));
}

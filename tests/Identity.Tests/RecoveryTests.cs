using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Brigade.Identity.Tests;

/// <summary>Email verification and password reset, with the tokens the notifications service would email.</summary>
public class RecoveryTests(IdentityFactory factory) : IClassFixture<IdentityFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task The_emailed_token_verifies_the_address_once()
    {
        var user = await factory.SignUpAsync();
        var token = (await factory.OutboxAsync("identity.email_verification.requested", "userId", user.Id.ToString())).Single().GetProperty("token").GetString();

        (await _client.PostAsJsonAsync("/api/auth/verify-email", new { token })).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var me = await factory.ClientWith(user.AccessToken).GetFromJsonAsync<JsonElement>("/api/users/me");
        me.GetProperty("emailVerified").GetBoolean().ShouldBeTrue();
        (await factory.OutboxAsync("identity.user.verified", "userId", user.Id.ToString())).Count.ShouldBe(1);
        (await (await _client.PostAsJsonAsync("/api/auth/verify-email", new { token })).ShouldBeProblemAsync(400)).ErrorFields().ShouldBe(["token"]);
    }

    [Fact]
    public async Task A_new_verification_email_replaces_the_old_token()
    {
        var user = await factory.SignUpAsync();
        var first = (await factory.OutboxAsync("identity.email_verification.requested", "userId", user.Id.ToString())).Single().GetProperty("token").GetString();

        (await factory.ClientWith(user.AccessToken).PostAsync("/api/auth/verify-email/resend", null)).StatusCode.ShouldBe(HttpStatusCode.Accepted);

        var tokens = await factory.OutboxAsync("identity.email_verification.requested", "userId", user.Id.ToString());
        tokens.Count.ShouldBe(2);
        (await _client.PostAsJsonAsync("/api/auth/verify-email", new { token = first })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await _client.PostAsJsonAsync("/api/auth/verify-email", new { token = tokens[1].GetProperty("token").GetString() })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await factory.ClientWith(user.AccessToken).PostAsync("/api/auth/verify-email/resend", null)).StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task An_expired_verification_token_is_refused()
    {
        var user = await factory.SignUpAsync();
        var token = (await factory.OutboxAsync("identity.email_verification.requested", "userId", user.Id.ToString())).Single().GetProperty("token").GetString();

        factory.Clock.Advance(TimeSpan.FromHours(49));

        (await _client.PostAsJsonAsync("/api/auth/verify-email", new { token })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Forgot_password_answers_202_whether_or_not_the_account_exists()
    {
        var user = await factory.SignUpAsync();
        var stranger = $"nobody{Guid.NewGuid():N}@example.com";

        (await _client.PostAsJsonAsync("/api/auth/forgot-password", new { email = user.Email.ToUpperInvariant() })).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        (await _client.PostAsJsonAsync("/api/auth/forgot-password", new { email = stranger })).StatusCode.ShouldBe(HttpStatusCode.Accepted);

        (await factory.OutboxAsync("identity.password_reset.requested", "userId", user.Id.ToString())).Count.ShouldBe(1);
        (await factory.OutboxAsync("identity.password_reset.requested", "email", stranger)).Count.ShouldBe(0);
    }

    [Fact]
    public async Task Resetting_the_password_ends_every_session_and_the_old_password()
    {
        var user = await factory.SignUpAsync();
        await _client.PostAsJsonAsync("/api/auth/forgot-password", new { email = user.Email });
        var token = (await factory.OutboxAsync("identity.password_reset.requested", "userId", user.Id.ToString())).Single().GetProperty("token").GetString();

        // A weak new password is refused and the token stays usable.
        (await (await _client.PostAsJsonAsync("/api/auth/reset-password", new { token, newPassword = "weak" })).ShouldBeProblemAsync(400)).ErrorFields().ShouldBe(["newPassword"]);

        (await _client.PostAsJsonAsync("/api/auth/reset-password", new { token, newPassword = "Fresh-Doenjang-9" })).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        (await _client.PostAsJsonAsync("/api/auth/login", new { username = user.Email, password = user.Password })).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        await factory.LoginAsync(user.Email, "Fresh-Doenjang-9");
        (await _client.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = user.RefreshToken })).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await factory.ClientWith(user.AccessToken).GetAsync("/api/users/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await _client.PostAsJsonAsync("/api/auth/reset-password", new { token, newPassword = "Another-Doenjang-9" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_reset_also_lifts_a_lockout()
    {
        var user = await factory.SignUpAsync();
        for (var i = 0; i < 5; i++)
        {
            await _client.PostAsJsonAsync("/api/auth/login", new { username = user.Email, password = "Wrong-Guess-1" });
        }

        await _client.PostAsJsonAsync("/api/auth/forgot-password", new { email = user.Email });
        var token = (await factory.OutboxAsync("identity.password_reset.requested", "userId", user.Id.ToString())).Single().GetProperty("token").GetString();
        (await _client.PostAsJsonAsync("/api/auth/reset-password", new { token, password = "Fresh-Doenjang-9" })).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        await factory.LoginAsync(user.Email, "Fresh-Doenjang-9");
    }

    [Theory]
    [InlineData("/api/auth/verify-email", """{"token":"made-up"}""")]
    [InlineData("/api/auth/verify-email", """{}""")]
    [InlineData("/api/auth/reset-password", """{"token":"made-up","newPassword":"Fresh-Doenjang-9"}""")]
    [InlineData("/api/auth/forgot-password", """{"email":"nope"}""")]
    public async Task Bad_recovery_requests_are_400s(string path, string json)
    {
        var response = await _client.PostAsync(path, new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        await response.ShouldBeProblemAsync(400);
    }
}

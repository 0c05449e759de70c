using System.Net;
using System.Net.Http.Json;

namespace Brigade.Identity.Tests;

/// <summary><c>POST /api/users/me/password</c>: a signed-in person changes their password.</summary>
public class PasswordChangeTests(IdentityFactory factory) : IClassFixture<IdentityFactory>
{
    private const string NewPassword = "Doenjang-Jjigae-77";

    [Fact]
    public async Task The_password_changes_and_every_other_session_ends_but_this_one()
    {
        var user = await factory.SignUpAsync(); // session A
        var other = await factory.LoginAsync(user.Email, user.Password); // session B, e.g. a lost phone

        var response = await factory.ClientWith(user.AccessToken).PostAsJsonAsync("/api/users/me/password", new { currentPassword = user.Password, newPassword = NewPassword });

        response.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await factory.CreateClient().PostAsJsonAsync("/api/auth/login", new { username = user.Email, password = user.Password })).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        await factory.LoginAsync(user.Email, NewPassword);

        // Session B is over: its access token and its refresh token are refused.
        (await factory.ClientWith(other.AccessToken).GetAsync("/api/users/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await factory.CreateClient().PostAsJsonAsync("/api/auth/refresh", new { refreshToken = other.RefreshToken })).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await factory.OutboxAsync("identity.token.revoked", "tokenId", Claims(other.AccessToken))).Count.ShouldBe(1);

        // Session A, which changed it, goes on.
        (await factory.ClientWith(user.AccessToken).GetAsync("/api/users/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await factory.CreateClient().PostAsJsonAsync("/api/auth/refresh", new { refreshToken = user.RefreshToken })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await factory.OutboxAsync("identity.password.changed", "userId", user.Id.ToString())).Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_wrong_current_password_changes_nothing_and_counts_towards_the_lockout()
    {
        var user = await factory.SignUpAsync();
        var other = await factory.LoginAsync(user.Email, user.Password);

        var response = await factory.ClientWith(user.AccessToken).PostAsJsonAsync("/api/users/me/password", new { currentPassword = "Not-My-Password-1", newPassword = NewPassword });

        (await response.ShouldBeProblemAsync(400)).ErrorFields().ShouldBe(["currentPassword"]);
        await factory.LoginAsync(user.Email, user.Password);
        (await factory.ClientWith(other.AccessToken).GetAsync("/api/users/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await factory.ScalarAsync<int>("SELECT failed_logins FROM users WHERE id = @id", new { id = user.Id })).ShouldBe(0); // the login above reset it
        (await factory.ClientWith(user.AccessToken).PostAsJsonAsync("/api/users/me/password", new { currentPassword = "Not-My-Password-1", newPassword = NewPassword }))
            .StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await factory.ScalarAsync<int>("SELECT failed_logins FROM users WHERE id = @id", new { id = user.Id })).ShouldBe(1);
    }

    [Theory]
    [InlineData("""{"newPassword":"Doenjang-Jjigae-77"}""", "currentPassword")]
    [InlineData("""{"currentPassword":"Kimchi-Stew-42"}""", "newPassword")]
    [InlineData("""{"currentPassword":"Kimchi-Stew-42","newPassword":"short"}""", "newPassword")]
    [InlineData("""{"currentPassword":"Kimchi-Stew-42","newPassword":"Kimchi-Stew-42"}""", "newPassword")]
    public async Task A_bad_request_is_a_400_naming_the_field(string json, string field)
    {
        var user = await factory.SignUpAsync();

        var response = await factory.ClientWith(user.AccessToken).PostAsync("/api/users/me/password", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        (await response.ShouldBeProblemAsync(400)).ErrorFields().ShouldBe([field]);
        await factory.LoginAsync(user.Email, user.Password);
    }

    [Fact]
    public async Task Only_a_signed_in_person_may_change_their_password()
    {
        var body = new { currentPassword = "Kimchi-Stew-42", newPassword = NewPassword };

        await (await factory.CreateClient().PostAsJsonAsync("/api/users/me/password", body)).ShouldBeProblemAsync(401);
        var service = await (await factory.CreateClient().PostAsJsonAsync("/api/auth/token", new { clientId = "reservations", clientSecret = IdentityFactory.ClientSecret })).JsonAsync();
        await (await factory.ClientWith(service.GetProperty("accessToken").GetString()).PostAsJsonAsync("/api/users/me/password", body)).ShouldBeProblemAsync(403);
    }

    [Fact]
    public async Task The_operation_is_documented()
    {
        var document = await factory.CreateClient().GetStringAsync("/openapi/v1.json");

        document.ShouldContain("/api/users/me/password");
        document.ShouldContain("ChangePassword");
    }

    private static string Claims(string token) =>
        System.Text.Json.JsonDocument.Parse(JwtParts.Of(token).Payload).RootElement.GetProperty("jti").GetString()!;
}

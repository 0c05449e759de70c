using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Brigade.Security;

namespace Brigade.Identity.Tests;

public class ServiceTokenTests(IdentityFactory factory) : IClassFixture<IdentityFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task Client_credentials_give_a_service_token()
    {
        var response = await _client.PostAsJsonAsync("/api/auth/token", new { grantType = "client_credentials", clientId = "reservations", clientSecret = IdentityFactory.ClientSecret });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = await response.JsonAsync();
        body.GetProperty("tokenType").GetString().ShouldBe("Bearer");
        body.TryGetProperty("refreshToken", out _).ShouldBeFalse();
        var parts = JwtParts.Of(body.GetProperty("accessToken").GetString()!);
        var claims = JsonDocument.Parse(parts.Payload).RootElement;
        claims.GetProperty("sub").GetString().ShouldBe("service:reservations");
        claims.GetProperty("roles").EnumerateArray().Select(r => r.GetString()).ShouldBe(["service"]);
    }

    [Fact]
    public async Task The_OAuth_form_encoding_works_too()
    {
        var response = await _client.PostAsync("/api/auth/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = "ordering",
            ["client_secret"] = IdentityFactory.ClientSecret,
        }));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_wrong_secret_is_refused()
    {
        var response = await _client.PostAsJsonAsync("/api/auth/token", new { clientId = "reservations", clientSecret = IdentityFactory.ClientSecret + "x" });

        await response.ShouldBeProblemAsync(401);
    }

    [Theory]
    [InlineData("""{"clientId":"Reservations!","clientSecret":"s"}""", "clientId")]
    [InlineData("""{"clientId":"reservations"}""", "clientSecret")]
    [InlineData("""{"grantType":"password","clientId":"reservations","clientSecret":"s"}""", "grantType")]
    [InlineData("""not json""", "body")]
    public async Task A_malformed_request_is_a_400(string json, string field)
    {
        var response = await _client.PostAsync("/api/auth/token", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        (await response.ShouldBeProblemAsync(400)).ErrorFields().ShouldContain(field);
    }

    [Fact]
    public async Task A_service_may_read_and_find_accounts_but_not_change_them()
    {
        var user = await factory.SignUpAsync();
        var service = (await (await _client.PostAsJsonAsync("/api/auth/token", new { clientId = "notifications", clientSecret = IdentityFactory.ClientSecret })).JsonAsync())
            .GetProperty("accessToken").GetString()!;

        (await factory.ClientWith(service).GetAsync($"/api/users/{user.Id}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var found = await factory.ClientWith(service).GetFromJsonAsync<JsonElement>($"/api/users?email={Uri.EscapeDataString(user.Email.ToUpperInvariant())}&limit=2");
        found.GetProperty("items").EnumerateArray().Select(u => u.GetProperty("id").GetGuid()).ShouldBe([user.Id]);
        (await factory.ClientWith(service).PutAsJsonAsync($"/api/users/{user.Id}/roles", new { roles = new[] { "admin" } })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await factory.ClientWith(service).PostAsync($"/api/users/{user.Id}/lock", null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}

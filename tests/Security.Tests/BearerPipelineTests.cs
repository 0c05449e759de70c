using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Brigade.ServiceDefaults;
using Brigade.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Brigade.Security.Tests;

/// <summary>The authentication handler and policies inside the real ServiceDefaults pipeline, with TestTokens.</summary>
public sealed class BearerPipelineTests : IAsyncLifetime
{
    private static readonly Guid Restaurant = Guid.CreateVersion7();
    private WebApplication _app = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Configuration.AddInMemoryCollection(TestTokens.Settings);
        builder.AddServiceDefaults("security-tests");
        _app = builder.Build();
        _app.MapDefaultEndpoints();
        _app.MapGet("/me", (System.Security.Claims.ClaimsPrincipal user) => user.UserId()).RequireAuthorization(Policies.User);
        _app.MapGet("/admin", () => "ok").RequireAuthorization(Policies.Admin);
        _app.MapGet("/service", () => "ok").RequireAuthorization(Policies.Service);
        _app.MapGet("/owners", () => "ok").RequireRoles(Roles.Owner, Roles.Manager);
        _app.MapGet("/restaurants/{restaurantId}/numbers", (Guid restaurantId) => restaurantId)
            .RequireRestaurantMember("restaurantId", Roles.Owner, Roles.Manager);
        _app.MapGet("/hubs/chat", () => "ok").RequireAuthorization();
        _app.MapGet("/open", () => "ok").AllowAnonymous();
        await _app.StartAsync();
        _client = _app.GetTestClient();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task No_token_is_a_401_problem_with_a_bearer_challenge()
    {
        var response = await _client.GetAsync("/me");

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        response.Headers.WwwAuthenticate.ToString().ShouldBe("Bearer");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("status").GetInt32().ShouldBe(401);
        problem.TryGetProperty("traceId", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task A_bad_token_is_a_401_naming_the_reason()
    {
        var expired = TestTokens.Create(Guid.CreateVersion7().ToString(), [Roles.Diner], [], issuedAt: DateTimeOffset.UtcNow.AddHours(-1));

        var response = await Get("/me", expired);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.ToString().ShouldContain("error=\"invalid_token\"");
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()!.ShouldContain("expired");
        (await Get("/me", "not-a-token")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("none", "alg must be ES256")]
    [InlineData("kid", "unknown signing key")]
    [InlineData("tampered", "invalid signature")]
    public async Task A_hostile_token_is_a_401_naming_the_reason_whether_or_not_a_good_one_was_seen_before(string attack, string reason)
    {
        var genuine = TestTokens.For(Guid.CreateVersion7(), [Roles.Diner]);
        (await Get("/me", genuine)).StatusCode.ShouldBe(HttpStatusCode.OK); // now remembered as verified
        var parts = genuine.Split('.');
        var hostile = attack switch
        {
            "none" => TokenFactory.B64("""{"alg":"none","typ":"JWT"}""") + "." + parts[1] + ".",
            "kid" => TokenFactory.B64($$"""{"alg":"ES256","kid":"{{Guid.NewGuid()}}","typ":"JWT"}""") + "." + parts[1] + "." + parts[2],
            _ => parts[0] + "." + TokenFactory.B64(System.Text.Encoding.UTF8.GetString(TokenFactory.Decode(parts[1])).Replace("\"diner\"", "\"admin\"", StringComparison.Ordinal)) + "." + parts[2],
        };

        var response = await Get("/me", hostile);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()!.ShouldContain(reason);
    }

    [Fact]
    public async Task A_valid_user_token_reaches_the_endpoint()
    {
        var userId = Guid.CreateVersion7();

        var response = await Get("/me", TestTokens.For(userId, [Roles.Diner]));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadFromJsonAsync<Guid>()).ShouldBe(userId);
    }

    [Fact]
    public async Task Admin_policy_refuses_everyone_else_with_a_403_problem()
    {
        foreach (var role in new[] { Roles.Diner, Roles.Owner, Roles.Manager, Roles.Staff, Roles.Worker, Roles.Concierge })
        {
            var response = await Get("/admin", TestTokens.For(Guid.CreateVersion7(), [role]));
            response.StatusCode.ShouldBe(HttpStatusCode.Forbidden, role);
            response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        }

        (await Get("/admin", TestTokens.Service())).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await Get("/admin", TestTokens.Admin())).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Service_policy_needs_a_service_token()
    {
        (await Get("/service", TestTokens.Service("reservations"))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Get("/service", TestTokens.Admin())).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await Get("/service", TestTokens.For(Guid.CreateVersion7(), [Roles.Service]))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await Get("/me", TestTokens.Service())).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task RequireRoles_accepts_any_listed_role()
    {
        (await Get("/owners", TestTokens.For(Guid.CreateVersion7(), [Roles.Manager]))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Get("/owners", TestTokens.For(Guid.CreateVersion7(), [Roles.Diner]))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Restaurant_data_is_only_for_that_restaurants_members_in_the_right_role()
    {
        var path = $"/restaurants/{Restaurant}/numbers";
        var other = Guid.CreateVersion7();

        (await Get(path, TestTokens.For(Guid.CreateVersion7(), [Roles.Owner], (Restaurant, Roles.Owner)))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Get(path, TestTokens.For(Guid.CreateVersion7(), [Roles.Manager], (Restaurant, Roles.Manager)))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Get(path, TestTokens.For(Guid.CreateVersion7(), [Roles.Staff], (Restaurant, Roles.Staff)))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await Get(path, TestTokens.For(Guid.CreateVersion7(), [Roles.Owner], (other, Roles.Owner)))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await Get(path, TestTokens.For(Guid.CreateVersion7(), [Roles.Owner]))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await Get(path, TestTokens.Admin())).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Get(path, null)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Hubs_accept_the_token_in_the_query_string_and_nothing_else_does()
    {
        var token = TestTokens.For(Guid.CreateVersion7(), [Roles.Diner]);

        (await _client.GetAsync($"/hubs/chat?access_token={token}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await _client.GetAsync($"/me?access_token={token}")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_revoked_token_is_refused_at_once()
    {
        var jti = Guid.NewGuid().ToString("N");
        var token = TestTokens.Create(Guid.CreateVersion7().ToString(), [Roles.Diner], [], tokenId: jti);
        (await Get("/me", token)).StatusCode.ShouldBe(HttpStatusCode.OK);

        _app.Services.GetRequiredService<RevokedTokens>().Revoke(jti, DateTimeOffset.UtcNow.AddMinutes(15));

        (await Get("/me", token)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Anonymous_endpoints_ignore_a_bad_token()
    {
        (await Get("/open", "garbage")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await _client.GetAsync("/health/live")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private Task<HttpResponseMessage> Get(string path, string? token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (token is not null)
        {
            request.WithToken(token);
        }

        return _client.SendAsync(request);
    }
}

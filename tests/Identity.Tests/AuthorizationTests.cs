using System.Net;
using System.Net.Http.Json;

namespace Brigade.Identity.Tests;

/// <summary>Who may call what: admin endpoints refuse everyone else; one user cannot reach another's account.</summary>
public class AuthorizationTests(IdentityFactory factory) : IClassFixture<IdentityFactory>
{
    public static TheoryData<string, string> AdminEndpoints => new()
    {
        { "GET", "/api/users" },
        { "PUT", "/api/users/{id}/roles" },
        { "POST", "/api/users/{id}/lock" },
        { "POST", "/api/users/{id}/unlock" },
        { "POST", "/api/auth/keys/rotate" },
    };

    [Theory]
    [MemberData(nameof(AdminEndpoints))]
    public async Task Admin_endpoints_refuse_everyone_else(string method, string path)
    {
        var target = await factory.SignUpAsync();
        var url = path.Replace("{id}", target.Id.ToString(), StringComparison.Ordinal);
        var callers = new List<(string Who, string? Token, int Status)> { ("anonymous", null, 401), ("garbage token", "x.y.z", 401) };
        foreach (var accountType in new[] { "diner", "business", "worker" })
        {
            callers.Add((accountType, (await factory.SignUpAsync(accountType)).AccessToken, 403));
        }

        callers.Add(("the target itself", target.AccessToken, 403));
        if (path != "/api/users") // services may list and look up accounts, nothing else here
        {
            callers.Add(("a service", await ServiceTokenAsync(), 403));
        }

        foreach (var (who, token, status) in callers)
        {
            var response = await Send(method, url, token);
            ((int)response.StatusCode).ShouldBe(status, who);
            response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json", who);
        }

        var admin = await factory.AdminAsync();
        var allowed = await Send(method, url, admin.AccessToken);
        allowed.StatusCode.ShouldBe(HttpStatusCode.OK, await allowed.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_user_cannot_read_or_delete_another_users_account()
    {
        var alice = await factory.SignUpAsync();
        var bob = await factory.SignUpAsync();
        var asBob = factory.ClientWith(bob.AccessToken);

        (await asBob.GetAsync($"/api/users/{alice.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await asBob.GetAsync($"/api/users/{alice.Id}/memberships")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await asBob.DeleteAsync($"/api/users/{alice.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await factory.ClientWith(alice.AccessToken).GetAsync("/api/users/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await asBob.GetAsync($"/api/users/{bob.Id}")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Profile_changes_only_ever_touch_the_callers_own_account()
    {
        var alice = await factory.SignUpAsync();
        var bob = await factory.SignUpAsync();

        var response = await factory.ClientWith(bob.AccessToken).PutAsJsonAsync("/api/users/profile", new { name = "Bob Renamed", id = alice.Id });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await factory.ScalarAsync<string>("SELECT name FROM users WHERE id = @Id", new { alice.Id })).ShouldBe("Test Diner");
        (await factory.ScalarAsync<string>("SELECT name FROM users WHERE id = @Id", new { bob.Id })).ShouldBe("Bob Renamed");
    }

    [Theory]
    [InlineData("GET", "/api/users/me")]
    [InlineData("GET", "/api/users/profile")]
    [InlineData("PUT", "/api/users/profile")]
    [InlineData("DELETE", "/api/users/me")]
    [InlineData("POST", "/api/auth/verify-email/resend")]
    public async Task Own_account_endpoints_need_a_signed_in_person(string method, string path)
    {
        (await Send(method, path, null)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await Send(method, path, await ServiceTokenAsync())).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Lookup_by_email_is_for_services_admins_owners_and_managers()
    {
        var target = await factory.SignUpAsync();
        var url = $"/api/users/lookup?email={Uri.EscapeDataString(target.Email.ToUpperInvariant())}";

        (await Send("GET", url, null)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await Send("GET", url, (await factory.SignUpAsync()).AccessToken)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await Send("GET", url, (await factory.SignUpAsync("worker")).AccessToken)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var found = await Send("GET", url, (await factory.SignUpAsync("business")).AccessToken);
        found.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await found.JsonAsync()).GetProperty("id").GetGuid().ShouldBe(target.Id);
        (await Send("GET", url, await ServiceTokenAsync())).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Send("GET", "/api/users/lookup?email=nobody-here@example.com", await ServiceTokenAsync())).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Send("GET", "/api/users/lookup?email=bad", await ServiceTokenAsync())).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    private async Task<string> ServiceTokenAsync()
    {
        var response = await factory.CreateClient().PostAsJsonAsync("/api/auth/token", new { clientId = "restaurants", clientSecret = IdentityFactory.ClientSecret });
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return (await response.JsonAsync()).GetProperty("accessToken").GetString()!;
    }

    private Task<HttpResponseMessage> Send(string method, string url, string? token)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (method is "PUT" or "POST")
        {
            request.Content = JsonContent.Create(url.EndsWith("/roles", StringComparison.Ordinal)
                ? new { roles = new[] { "diner", "concierge" } }
                : (object)new { name = "Changed Name" });
        }

        return factory.ClientWith(token).SendAsync(request);
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Brigade.Identity.Tests;

/// <summary>Profile, roles, lock and deletion.</summary>
public class AccountTests(IdentityFactory factory) : IClassFixture<IdentityFactory>
{
    [Fact]
    public async Task The_profile_can_be_read_under_both_names_and_changed()
    {
        var user = await factory.SignUpAsync();
        var client = factory.ClientWith(user.AccessToken);
        var username = $"renamed{Random.Shared.Next(1_000_000)}";

        var updated = await client.PutAsJsonAsync("/api/users/profile", new { name = "Lee Seojun", phone = "010-2222-3333", username });

        updated.StatusCode.ShouldBe(HttpStatusCode.OK);
        var profile = await client.GetFromJsonAsync<JsonElement>("/api/users/profile");
        profile.GetProperty("name").GetString().ShouldBe("Lee Seojun");
        profile.GetProperty("phone").GetString().ShouldBe("010-2222-3333");
        profile.GetProperty("username").GetString().ShouldBe(username);
        (await client.GetFromJsonAsync<JsonElement>("/api/users/me")).GetProperty("id").GetGuid().ShouldBe(user.Id);

        (await client.PutAsJsonAsync("/api/users/profile", new { phone = "" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.GetFromJsonAsync<JsonElement>("/api/users/me")).GetProperty("phone").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Theory]
    [InlineData("""{"name":""}""", "name")]
    [InlineData("""{"phone":"abc"}""", "phone")]
    [InlineData("""{"username":"a b"}""", "username")]
    [InlineData("""{}""", "body")]
    public async Task A_bad_profile_change_is_a_400_and_changes_nothing(string json, string field)
    {
        var user = await factory.SignUpAsync();

        var response = await factory.ClientWith(user.AccessToken).PutAsync("/api/users/profile", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        (await response.ShouldBeProblemAsync(400)).ErrorFields().ShouldContain(field);
        (await factory.ScalarAsync<string>("SELECT name FROM users WHERE id = @Id", new { user.Id })).ShouldBe("Test Diner");
    }

    [Fact]
    public async Task New_roles_reach_the_token_at_the_next_refresh()
    {
        var admin = await factory.AdminAsync();
        var user = await factory.SignUpAsync();

        var response = await factory.ClientWith(admin.AccessToken).PutAsJsonAsync($"/api/users/{user.Id}/roles", new { roles = new[] { "diner", "concierge" } });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await factory.OutboxAsync("identity.user_roles.changed", "userId", user.Id.ToString())).Count.ShouldBe(1);
        var refreshed = await factory.CreateClient().PostAsJsonAsync("/api/auth/refresh", new { refreshToken = user.RefreshToken });
        var token = (await refreshed.Content.ReadFromJsonAsync<Tokens>())!.AccessToken;
        var me = await factory.ClientWith(token).GetFromJsonAsync<JsonElement>("/api/users/me");
        me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()).ShouldBe(["concierge", "diner"], ignoreOrder: true);
    }

    [Theory]
    [InlineData("""{"roles":["service"]}""")]
    [InlineData("""{"roles":["superuser"]}""")]
    [InlineData("""{"roles":[]}""")]
    [InlineData("""{}""")]
    public async Task Unknown_or_reserved_roles_are_refused(string json)
    {
        var admin = await factory.AdminAsync();
        var user = await factory.SignUpAsync();

        var response = await factory.ClientWith(admin.AccessToken).PutAsync($"/api/users/{user.Id}/roles", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        (await response.ShouldBeProblemAsync(400)).ErrorFields().ShouldBe(["roles"]);
        (await factory.ScalarAsync<string[]>("SELECT roles FROM users WHERE id = @Id", new { user.Id })).ShouldBe(["diner"]);
    }

    [Fact]
    public async Task An_admin_cannot_remove_their_own_admin_role_or_lock_themselves()
    {
        var admin = await factory.AdminAsync();
        var me = await factory.ClientWith(admin.AccessToken).GetFromJsonAsync<JsonElement>("/api/users/me");
        var id = me.GetProperty("id").GetGuid();

        await (await factory.ClientWith(admin.AccessToken).PutAsJsonAsync($"/api/users/{id}/roles", new { roles = new[] { "diner" } })).ShouldBeProblemAsync(409);
        await (await factory.ClientWith(admin.AccessToken).PostAsync($"/api/users/{id}/lock", null)).ShouldBeProblemAsync(409);
    }

    [Fact]
    public async Task A_locked_account_cannot_sign_in_and_its_sessions_end()
    {
        var admin = await factory.AdminAsync();
        var user = await factory.SignUpAsync();

        var locked = await factory.ClientWith(admin.AccessToken).PostAsync($"/api/users/{user.Id}/lock", null);

        locked.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await locked.JsonAsync()).GetProperty("locked").GetBoolean().ShouldBeTrue();
        (await factory.CreateClient().PostAsJsonAsync("/api/auth/login", new { username = user.Email, password = user.Password })).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await factory.ClientWith(user.AccessToken).GetAsync("/api/users/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await factory.CreateClient().PostAsJsonAsync("/api/auth/refresh", new { refreshToken = user.RefreshToken })).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        (await factory.ClientWith(admin.AccessToken).PostAsync($"/api/users/{user.Id}/unlock", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        await factory.LoginAsync(user.Email, user.Password);
    }

    [Fact]
    public async Task Deleting_an_account_anonymises_it_and_frees_the_email()
    {
        var user = await factory.SignUpAsync();
        await factory.ClientWith(user.AccessToken).PutAsJsonAsync("/api/users/profile", new { phone = "010-9999-0000" });

        (await factory.ClientWith(user.AccessToken).DeleteAsync("/api/users/me")).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        (await factory.ScalarAsync<string>("SELECT email || '|' || name || '|' || coalesce(phone, '-') || '|' || coalesce(password_hash, '-') FROM users WHERE id = @Id", new { user.Id }))
            .ShouldBe($"deleted-{user.Id:N}@deleted.invalid|Deleted user|-|-");
        (await factory.ClientWith(user.AccessToken).GetAsync("/api/users/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await factory.CreateClient().PostAsJsonAsync("/api/auth/login", new { username = user.Email, password = user.Password })).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await factory.OutboxAsync("identity.user.deleted", "userId", user.Id.ToString())).Count.ShouldBe(1);
        (await factory.CreateClient().PostAsJsonAsync("/api/auth/register", new { email = user.Email, password = user.Password, name = "Again" })).StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task An_admin_can_delete_an_account_and_a_second_delete_is_404()
    {
        var admin = await factory.AdminAsync();
        var user = await factory.SignUpAsync();

        (await factory.ClientWith(admin.AccessToken).DeleteAsync($"/api/users/{user.Id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await factory.ClientWith(admin.AccessToken).DeleteAsync($"/api/users/{user.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_admin_list_pages_with_a_cursor_and_filters()
    {
        var admin = factory.ClientWith((await factory.AdminAsync()).AccessToken);
        var marker = $"pager{Guid.NewGuid():N}"[..20];
        for (var i = 0; i < 3; i++)
        {
            await factory.CreateClient().PostAsJsonAsync("/api/auth/register", new { email = $"{marker}{i}@example.com", password = "Bibimbap-Night-7", name = "Paged", accountType = "worker" });
        }

        var first = await admin.GetFromJsonAsync<JsonElement>($"/api/users?query={marker}&limit=2");
        first.GetProperty("items").GetArrayLength().ShouldBe(2);
        var cursor = first.GetProperty("nextCursor").GetString();
        var second = await admin.GetFromJsonAsync<JsonElement>($"/api/users?query={marker}&limit=2&cursor={cursor}");
        second.GetProperty("items").GetArrayLength().ShouldBe(1);
        second.GetProperty("nextCursor").ValueKind.ShouldBe(JsonValueKind.Null);
        (await admin.GetFromJsonAsync<JsonElement>($"/api/users?query={marker}&role=owner")).GetProperty("items").GetArrayLength().ShouldBe(0);

        (await admin.GetAsync("/api/users?limit=1000")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await admin.GetAsync("/api/users?cursor=forged")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await admin.GetAsync("/api/users?role=service")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await admin.GetAsync("/api/users?query=%25")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text;

namespace Brigade.Identity.Tests;

public class RegistrationTests(IdentityFactory factory) : IClassFixture<IdentityFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task Registering_returns_the_account_and_announces_it()
    {
        var email = $"Minji.{Guid.NewGuid():N}@Example.com";

        var response = await _client.PostAsJsonAsync("/api/auth/register",
            new { email, password = "Bibimbap-Night-7", name = "Kim Minji", username = $"minji{Random.Shared.Next(100000)}", phone = "+82 10-1234-5678" });

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var user = await response.JsonAsync();
        var id = user.GetProperty("id").GetGuid();
        response.Headers.Location!.ToString().ShouldBe($"/api/users/{id}");
        user.GetProperty("email").GetString().ShouldBe(email);
        user.GetProperty("name").GetString().ShouldBe("Kim Minji");
        user.GetProperty("roles").EnumerateArray().Select(r => r.GetString()).ShouldBe(["diner"]);

        var registered = await factory.OutboxAsync("identity.user.registered", "userId", id.ToString());
        registered.Count.ShouldBe(1);
        registered[0].GetProperty("email").GetString().ShouldBe(email);
        var verification = await factory.OutboxAsync("identity.email_verification.requested", "userId", id.ToString());
        verification.Count.ShouldBe(1);
        verification[0].GetProperty("token").GetString()!.Length.ShouldBeGreaterThan(40);
    }

    [Theory]
    [InlineData(null, "diner")]
    [InlineData("diner", "diner")]
    [InlineData("business", "owner")]
    [InlineData("worker", "worker")]
    public async Task The_account_type_decides_the_first_role(string? accountType, string role)
    {
        var response = await _client.PostAsJsonAsync("/api/auth/register",
            new { email = $"u{Guid.NewGuid():N}@example.com", password = "Bibimbap-Night-7", name = "Owner", accountType });

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await response.JsonAsync()).GetProperty("roles").EnumerateArray().Select(r => r.GetString()).ShouldBe([role]);
    }

    [Fact]
    public async Task The_seed_alias_registers_with_email_password_and_name_and_login_takes_the_email_as_username()
    {
        var email = $"seed{Guid.NewGuid():N}@example.com";

        var response = await _client.PostAsJsonAsync("/api/users/register", new { email, password = "Seed-Password-1", name = "Seed" });
        response.StatusCode.ShouldBe(HttpStatusCode.Created);

        var login = await _client.PostAsJsonAsync("/api/auth/login", new { username = email, password = "Seed-Password-1" });
        login.StatusCode.ShouldBe(HttpStatusCode.OK);
        var tokens = await login.JsonAsync();
        tokens.GetProperty("tokenType").GetString().ShouldBe("Bearer");
        tokens.GetProperty("expiresIn").GetInt32().ShouldBe(900);
    }

    public static TheoryData<string, string> BadRegistrations => new()
    {
        { """{"email":"not-an-email","password":"Bibimbap-Night-7","name":"A"}""", "email" },
        { """{"email":"a@localhost","password":"Bibimbap-Night-7","name":"A"}""", "email" },
        { """{"email":"Some One <a@example.com>","password":"Bibimbap-Night-7","name":"A"}""", "email" },
        { """{"password":"Bibimbap-Night-7","name":"A"}""", "email" },
        { """{"email":"a@example.com","password":"short1A","name":"A"}""", "password" },
        { """{"email":"a@example.com","password":"alllowercaseletters","name":"A"}""", "password" },
        { """{"email":"a@example.com","password":"1234567890123","name":"A"}""", "password" },
        { """{"email":"longname@example.com","password":"longname@example.com","name":"A"}""", "password" },
        { """{"email":"a@example.com","name":"A"}""", "password" },
        { """{"email":"a@example.com","password":"Bibimbap-Night-7"}""", "name" },
        { """{"email":"a@example.com","password":"Bibimbap-Night-7","name":"   "}""", "name" },
        { """{"email":"a@example.com","password":"Bibimbap-Night-7","name":"A","username":"x"}""", "username" },
        { """{"email":"a@example.com","password":"Bibimbap-Night-7","name":"A","username":"has space"}""", "username" },
        { """{"email":"a@example.com","password":"Bibimbap-Night-7","name":"A","phone":"call me"}""", "phone" },
        { """{"email":"a@example.com","password":"Bibimbap-Night-7","name":"A","accountType":"admin"}""", "accountType" },
        { """{"email":"a@example.com","password":"Bibimbap-Night-7","name":"A","accountType":"concierge"}""", "accountType" },
    };

    [Theory]
    [MemberData(nameof(BadRegistrations))]
    public async Task A_bad_registration_is_a_400_naming_the_field_and_writes_nothing(string json, string field)
    {
        var before = await factory.ScalarAsync<long>("SELECT count(*) FROM users");

        var response = await _client.PostAsync("/api/auth/register", new StringContent(json, Encoding.UTF8, "application/json"));

        var problem = await response.ShouldBeProblemAsync(400);
        problem.ErrorFields().ShouldContain(field);
        (await factory.ScalarAsync<long>("SELECT count(*) FROM users")).ShouldBe(before);
    }

    [Fact]
    public async Task Field_errors_are_in_the_callers_language()
    {
        var body = new { email = "not-an-email", password = "short", name = "" };
        using var korean = new HttpRequestMessage(HttpMethod.Post, "/api/auth/register") { Content = JsonContent.Create(body) };
        korean.Headers.AcceptLanguage.ParseAdd("ko-KR");
        var english = await _client.PostAsJsonAsync("/api/auth/register", body);

        var ko = (await (await _client.SendAsync(korean)).ShouldBeProblemAsync(400)).GetProperty("errors");
        ko.GetProperty("email")[0].GetString().ShouldBe("name@example.com 같은 올바른 이메일 주소가 아닙니다.");
        ko.GetProperty("password")[0].GetString().ShouldBe("비밀번호는 10자 이상이어야 합니다.");
        ko.GetProperty("name")[0].GetString().ShouldBe("이름은 비워 둘 수 없습니다.");
        var en = (await english.ShouldBeProblemAsync(400)).GetProperty("errors");
        en.GetProperty("password")[0].GetString().ShouldBe("Password must be at least 10 characters.");
    }

    [Fact]
    public async Task A_10_KB_name_is_refused()
    {
        var response = await _client.PostAsJsonAsync("/api/auth/register",
            new { email = $"u{Guid.NewGuid():N}@example.com", password = "Bibimbap-Night-7", name = new string('가', 10_240) });

        (await response.ShouldBeProblemAsync(400)).ErrorFields().ShouldBe(["name"]);
    }

    [Theory]
    [InlineData("{\"email\":")]
    [InlineData("[1,2]")]
    [InlineData("{\"email\":5,\"password\":\"Bibimbap-Night-7\",\"name\":\"A\"}")]
    [InlineData("")]
    public async Task Malformed_json_is_a_400(string json)
    {
        var before = await factory.ScalarAsync<long>("SELECT count(*) FROM users");

        var response = await _client.PostAsync("/api/auth/register", new StringContent(json, Encoding.UTF8, "application/json"));

        await response.ShouldBeProblemAsync(400);
        (await factory.ScalarAsync<long>("SELECT count(*) FROM users")).ShouldBe(before);
    }

    [Fact]
    public async Task The_same_email_in_other_letter_case_is_a_409_and_writes_nothing()
    {
        var local = $"dup{Guid.NewGuid():N}";
        (await _client.PostAsJsonAsync("/api/auth/register", new { email = $"{local}@example.com", password = "Bibimbap-Night-7", name = "First" }))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
        // The first registration is announced, so "no new event" below means the refused one wrote none, not that none ever are.
        (await factory.OutboxAsync("identity.user.registered", "email", $"{local}@example.com")).Count.ShouldBe(1);
        var before = await factory.ScalarAsync<long>("SELECT count(*) FROM users");
        var events = await factory.ScalarAsync<long>("SELECT count(*) FROM messaging_outbox");

        var response = await _client.PostAsJsonAsync("/api/auth/register", new { email = $"{local.ToUpperInvariant()}@EXAMPLE.com", password = "Bibimbap-Night-7", name = "Second" });

        (await response.ShouldBeProblemAsync(409)).ErrorFields().ShouldBe(["email"]);
        (await factory.ScalarAsync<long>("SELECT count(*) FROM users")).ShouldBe(before);
        (await factory.ScalarAsync<long>("SELECT count(*) FROM messaging_outbox")).ShouldBe(events);
    }

    [Fact]
    public async Task A_taken_username_is_a_409()
    {
        var username = $"chef{Random.Shared.Next(1_000_000)}";
        (await _client.PostAsJsonAsync("/api/auth/register", new { email = $"a{Guid.NewGuid():N}@example.com", password = "Bibimbap-Night-7", name = "A", username }))
            .StatusCode.ShouldBe(HttpStatusCode.Created);

        var response = await _client.PostAsJsonAsync("/api/auth/register", new { email = $"b{Guid.NewGuid():N}@example.com", password = "Bibimbap-Night-7", name = "B", username = username.ToUpperInvariant() });

        (await response.ShouldBeProblemAsync(409)).ErrorFields().ShouldBe(["username"]);
    }

    [Fact]
    public async Task Passwords_are_stored_hashed()
    {
        var user = await factory.SignUpAsync();

        var hash = await factory.ScalarAsync<string>("SELECT password_hash FROM users WHERE id = @Id", new { user.Id });

        hash.ShouldNotContain(user.Password);
        Convert.FromBase64String(hash)[0].ShouldBe((byte)0x01); // ASP.NET Core Identity v3 (PBKDF2) format marker
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text;
using Brigade.Identity.Domain;

namespace Brigade.Identity.Tests;

/// <summary>Korean usernames, a password rule that reads the email sensibly, and NUL characters (issue 28).</summary>
public class IdentityDetailTests(IdentityFactory factory) : IClassFixture<IdentityFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Theory]
    [InlineData("김민수", true)]
    [InlineData("민수", true)]
    [InlineData("민수_kim.2026", true)]
    [InlineData("minji", true)]
    [InlineData("Μαρία", true)]
    [InlineData("x", false)]
    [InlineData("민", false)]
    [InlineData("has space", false)]
    [InlineData("kim@home", false)]
    [InlineData("_kim", false)]
    [InlineData("kim\u200bsu", false)]   // invisible zero-width space
    [InlineData("kim😀", false)]
    public void Usernames_are_letters_of_any_script(string username, bool accepted)
    {
        (Accounts.CheckUsername(username) is null).ShouldBe(accepted);
    }

    [Fact]
    public void Usernames_compare_in_one_form_without_case()
    {
        Accounts.NormalizeUsername("ＫＩＭ").ShouldBe("kim");
        Accounts.NormalizeUsername("김민수".Normalize(NormalizationForm.FormD)).ShouldBe("김민수");
        Accounts.NormalizeUsername(" MinSu ").ShouldBe("minsu");
    }

    [Theory]
    [InlineData("Kimchi-Jjigae-2026", true)]      // the local part inside a longer word is fine
    [InlineData("Kimchi1234", true)]
    [InlineData("Kim-is-my-Chef-77", true)]
    [InlineData("kim@brigade.kr2026", false)]      // the address with digits added
    [InlineData("KIMkimKIM-12", false)]            // mostly the local part
    [InlineData("kim1234567!", false)]             // nothing but the name and digits
    public void The_email_refuses_passwords_it_dominates_only(string password, bool accepted)
    {
        (Accounts.CheckPassword(password, "kim@brigade.kr", null) is null).ShouldBe(accepted);
    }

    [Fact]
    public async Task Kim_registers_with_a_Korean_username_and_a_Kimchi_password_and_signs_in_with_either_name()
    {
        var suffix = Random.Shared.Next(100_000, 999_999);
        var email = $"kim{suffix}@brigade.kr";
        var username = $"김민수{suffix}";

        var response = await _client.PostAsJsonAsync("/api/auth/register", new { email, password = "Kimchi-Jjigae-2026", name = "김민수", username });

        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        (await response.JsonAsync()).GetProperty("username").GetString().ShouldBe(username);
        await factory.LoginAsync(username, "Kimchi-Jjigae-2026");
        await factory.LoginAsync(username.Normalize(NormalizationForm.FormD), "Kimchi-Jjigae-2026");
    }

    [Fact]
    public async Task A_username_is_unique_whatever_its_case_width_or_composition()
    {
        var suffix = Random.Shared.Next(100_000, 999_999);
        var taken = $"민수kim{suffix}";
        (await Register(taken)).StatusCode.ShouldBe(HttpStatusCode.Created);

        foreach (var variant in new[] { $"민수KIM{suffix}", $"민수ＫＩＭ{suffix}", taken.Normalize(NormalizationForm.FormD) })
        {
            (await (await Register(variant)).ShouldBeProblemAsync(409)).ErrorFields().ShouldBe(["username"]);
        }
    }

    [Fact]
    public async Task A_NUL_character_is_a_400_naming_the_field_not_a_500()
    {
        var login = await _client.PostAsync("/api/auth/login", Json("""{"email":"kim\u0000@brigade.kr","password":"Kimchi-Jjigae-2026"}"""));
        (await login.ShouldBeProblemAsync(400)).ErrorFields().ShouldBe(["email"]);

        var forgot = await _client.PostAsync("/api/auth/forgot-password", Json("""{"email":"kim@brigade.kr\u0000"}"""));
        (await forgot.ShouldBeProblemAsync(400)).ErrorFields().ShouldBe(["email"]);

        var admin = await factory.AdminAsync();
        var search = await factory.ClientWith(admin.AccessToken).GetAsync("/api/users?query=kim%00");
        (await search.ShouldBeProblemAsync(400)).ErrorFields().ShouldBe(["query"]);

        var user = await factory.SignUpAsync();
        var profile = await factory.ClientWith(user.AccessToken).PutAsync("/api/users/profile", Json("""{"name":"Kim","username":"kim\u0000su"}"""));
        (await profile.ShouldBeProblemAsync(400)).ErrorFields().ShouldBe(["username"]);
    }

    private Task<HttpResponseMessage> Register(string username) =>
        _client.PostAsJsonAsync("/api/auth/register", new { email = $"u{Guid.NewGuid():N}@example.com", password = "Bibimbap-Night-7", name = "Minsu", username });

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}

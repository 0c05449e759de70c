using System.Net;
using System.Net.Http.Json;

namespace Brigade.Identity.Tests;

/// <summary>Identity with tight limits, to see them bite.</summary>
public sealed class TightLimitsFactory : IdentityFactory
{
    protected override void ConfigureSettings(IDictionary<string, string?> settings)
    {
        base.ConfigureSettings(settings);
        settings["Identity:RateLimits:LoginsPerMinutePerAddress"] = "6";
        settings["Identity:RateLimits:LoginsPerMinutePerAccount"] = "4";
        settings["Identity:RateLimits:RegistrationsPerMinutePerAddress"] = "3";
    }
}

public class RateLimitTests(TightLimitsFactory factory) : IClassFixture<TightLimitsFactory>
{
    [Fact]
    public async Task Registrations_are_limited_per_address()
    {
        var address = RandomAddress();
        for (var i = 0; i < 3; i++)
        {
            (await Register(address)).StatusCode.ShouldBe(HttpStatusCode.Created);
        }

        var limited = await Register(address);

        await limited.ShouldBeProblemAsync(429);
        int.Parse(limited.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture).ShouldBeGreaterThan(0);
        (await Register(RandomAddress())).StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Sign_in_attempts_are_limited_per_account_from_any_address()
    {
        var email = $"target{Guid.NewGuid():N}@example.com";
        (await Register(RandomAddress(), email)).StatusCode.ShouldBe(HttpStatusCode.Created);

        for (var i = 0; i < 4; i++)
        {
            (await Login(RandomAddress(), email, "Wrong-Guess-1")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }

        await (await Login(RandomAddress(), email, "Bibimbap-Night-7")).ShouldBeProblemAsync(429);
    }

    [Fact]
    public async Task Sign_in_attempts_are_limited_per_address_across_accounts()
    {
        var address = RandomAddress();
        for (var i = 0; i < 6; i++)
        {
            (await Login(address, $"someone{i}{Guid.NewGuid():N}@example.com", "Wrong-Guess-1")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }

        await (await Login(address, $"other{Guid.NewGuid():N}@example.com", "Wrong-Guess-1")).ShouldBeProblemAsync(429);
    }

    private Task<HttpResponseMessage> Register(string address, string? email = null) =>
        Send(address, "/api/auth/register", new { email = email ?? $"u{Guid.NewGuid():N}@example.com", password = "Bibimbap-Night-7", name = "Limited" });

    private Task<HttpResponseMessage> Login(string address, string username, string password) =>
        Send(address, "/api/auth/login", new { username, password });

    private Task<HttpResponseMessage> Send(string address, string path, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Add("X-Forwarded-For", address);
        return factory.CreateClient().SendAsync(request);
    }

    private static string RandomAddress() => $"10.{Random.Shared.Next(256)}.{Random.Shared.Next(256)}.{Random.Shared.Next(1, 255)}";
}

extern alias identity;
extern alias notifications;
extern alias reservations;
extern alias restaurants;

using System.Net.Http.Json;
using System.Text.Json;
using Brigade.Testing;

namespace Brigade.OpenApi.Tests;

/// <summary>A service under test, with a token that may call every operation it documents (an administrator's).</summary>
public interface IServiceHost : IAsyncLifetime
{
    string Name { get; }

    HttpClient Client();

    Task<string> AdminTokenAsync();
}

public sealed class IdentityHost : ServiceFactory<identity::Program>, IServiceHost
{
    private const string AdminPassword = "Kitchen-Brigade-Chief-2026";

    public string Name => "identity";

    public HttpClient Client() => CreateClient();

    protected override void ConfigureSettings(IDictionary<string, string?> settings)
    {
        base.ConfigureSettings(settings);
        settings["Identity:KeyEncryptionKey"] = "q9Yl4m1mYQ7M1m9o0bYp1m9N4f3w6Gm2XJjH2dOa5Tg=";
        settings["Identity:AdminPassword"] = AdminPassword;
        settings["ServiceAuth:ClientSecret"] = "test-service-client-secret";
        foreach (var limit in new[] { "LoginsPerMinutePerAddress", "LoginsPerMinutePerAccount", "RegistrationsPerMinutePerAddress", "RecoveryPerMinutePerAddress", "TokenRequestsPerMinutePerAddress" })
        {
            settings["Identity:RateLimits:" + limit] = "10000";
        }
    }

    // Identity trusts only its own keys: its administrator signs in.
    public async Task<string> AdminTokenAsync()
    {
        using var client = CreateClient();
        var response = await client.PostAsJsonAsync("/api/auth/login", new { username = "admin", password = AdminPassword });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
    }
}

public sealed class RestaurantsHost : ServiceFactory<restaurants::Program>, IServiceHost
{
    public string Name => "restaurants";

    public HttpClient Client() => CreateClient();

    protected override void ConfigureSettings(IDictionary<string, string?> settings)
    {
        base.ConfigureSettings(settings);
        TestTokens.AddTo(settings);
        settings["Restaurants:LoadDemoData"] = "false";
    }

    public Task<string> AdminTokenAsync() => Task.FromResult(TestTokens.Admin());
}

public sealed class ReservationsHost : ServiceFactory<reservations::Program>, IServiceHost
{
    public string Name => "reservations";

    public HttpClient Client() => CreateClient();

    protected override void ConfigureSettings(IDictionary<string, string?> settings)
    {
        base.ConfigureSettings(settings);
        TestTokens.AddTo(settings);
        settings["Reservations:HoldExpiryInterval"] = "01:00:00";
    }

    public Task<string> AdminTokenAsync() => Task.FromResult(TestTokens.Admin());
}

public sealed class NotificationsHost : ServiceFactory<notifications::Program>, IServiceHost
{
    public string Name => "notifications";

    public HttpClient Client() => CreateClient();

    protected override void ConfigureSettings(IDictionary<string, string?> settings)
    {
        base.ConfigureSettings(settings);
        TestTokens.AddTo(settings);
        settings["Notifications:Email:PickupDirectory"] = Path.Combine(Path.GetTempPath(), "brigade-openapi-tests-mail");
    }

    public Task<string> AdminTokenAsync() => Task.FromResult(TestTokens.Admin());
}

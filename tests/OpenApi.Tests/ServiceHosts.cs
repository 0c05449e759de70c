extern alias analytics;
extern alias chat;
extern alias forecasting;
extern alias identity;
extern alias inventory;
extern alias iot;
extern alias jobs;
extern alias notifications;
extern alias ordering;
extern alias payments;
extern alias reservations;
extern alias restaurants;
extern alias search;
extern alias staff;

using System.Net.Http.Json;
using System.Text.Json;
using Brigade.Contracts.Search;
using Brigade.Sandbox.PaymentProvider;
using Brigade.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

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

public sealed class JobsHost : ServiceFactory<jobs::Program>, IServiceHost
{
    public string Name => "jobs";

    public HttpClient Client() => CreateClient();

    protected override void ConfigureSettings(IDictionary<string, string?> settings)
    {
        base.ConfigureSettings(settings);
        TestTokens.AddTo(settings);
        settings["Jobs:ClockInterval"] = "01:00:00";
        settings["Jobs:FavouritesFirstMinutes"] = "0";
    }

    public Task<string> AdminTokenAsync() => Task.FromResult(TestTokens.Admin());
}

/// <summary>Search rebuilds from identity, restaurants and jobs at start: here they answer with empty feeds.</summary>
public sealed class SearchHost : ServiceFactory<search::Program>, IServiceHost
{
    private const string ClientSecret = "openapi-tests-secret";
    private WebApplication? _sources;
    private string _sourcesUrl = "";

    public string Name => "search";

    public HttpClient Client() => CreateClient();

    public override async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _sources = builder.Build();
        _sources.MapPost("/api/auth/token", () => Results.Ok(new { accessToken = TestTokens.Service("search"), tokenType = "Bearer", expiresIn = 900 }));
        _sources.MapGet("/api/restaurants/index-feed", () => Results.Ok(new RestaurantFeedPage([], null, DateTimeOffset.UtcNow)));
        _sources.MapGet("/api/jobs/index-feed", () => Results.Ok(new JobFeedPage([], null, DateTimeOffset.UtcNow)));
        await _sources.StartAsync();
        _sourcesUrl = _sources.Urls.First();
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_sources is not null)
        {
            await _sources.DisposeAsync();
        }
    }

    protected override void ConfigureSettings(IDictionary<string, string?> settings)
    {
        base.ConfigureSettings(settings);
        TestTokens.AddTo(settings);
        settings["ServiceAuth:ClientSecret"] = ClientSecret;
        settings["Search:IdentityUrl"] = _sourcesUrl;
        settings["Search:RestaurantsUrl"] = _sourcesUrl;
        settings["Search:JobsUrl"] = _sourcesUrl;
        settings["Logging:LogLevel:Default"] = "Warning";
    }

    public Task<string> AdminTokenAsync() => Task.FromResult(TestTokens.Admin());
}

public sealed class OrderingHost : ServiceFactory<ordering::Program>, IServiceHost
{
    public string Name => "ordering";

    public HttpClient Client() => CreateClient();

    protected override void ConfigureSettings(IDictionary<string, string?> settings)
    {
        base.ConfigureSettings(settings);
        TestTokens.AddTo(settings);
    }

    public Task<string> AdminTokenAsync() => Task.FromResult(TestTokens.Admin());
}

/// <summary>Payments talks to the sandbox provider, started in this process.</summary>
public sealed class PaymentsHost : ServiceFactory<payments::Program>, IServiceHost
{
    private readonly string _secretKey = "test_sk_" + Guid.NewGuid().ToString("N");
    private readonly string _webhookSecret = "test_whsec_" + Guid.NewGuid().ToString("N");
    private RunningSandbox? _sandbox;

    public string Name => "payments";

    public HttpClient Client() => CreateClient();

    public override async Task InitializeAsync()
    {
        _sandbox = await SandboxHost.StartAsync(new SandboxOptions
        {
            SecretKey = _secretKey,
            WebhookSecret = _webhookSecret,
            WebhookUrl = "http://payments.test/api/payments/webhooks/toss",
        }, () => Server.CreateHandler());
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_sandbox is not null)
        {
            await _sandbox.DisposeAsync();
        }
    }

    protected override void ConfigureSettings(IDictionary<string, string?> settings)
    {
        base.ConfigureSettings(settings);
        TestTokens.AddTo(settings);
        settings["Payments:Provider:BaseUrl"] = _sandbox!.Url;
        settings["Payments:Provider:SecretKey"] = _secretKey;
        settings["Payments:Provider:WebhookSecret"] = _webhookSecret;
        settings["Payments:SettlementJobEnabled"] = "false";
    }

    public Task<string> AdminTokenAsync() => Task.FromResult(TestTokens.Admin());
}

public sealed class AnalyticsHost : ServiceFactory<analytics::Program>, IServiceHost
{
    public string Name => "analytics";

    public HttpClient Client() => CreateClient();

    protected override void ConfigureSettings(IDictionary<string, string?> settings)
    {
        base.ConfigureSettings(settings);
        TestTokens.AddTo(settings);
    }

    public Task<string> AdminTokenAsync() => Task.FromResult(TestTokens.Admin());
}

public sealed class ChatHost : ServiceFactory<chat::Program>, IServiceHost
{
    public string Name => "chat";

    public HttpClient Client() => CreateClient();

    protected override void ConfigureSettings(IDictionary<string, string?> settings)
    {
        base.ConfigureSettings(settings);
        TestTokens.AddTo(settings);
    }

    public Task<string> AdminTokenAsync() => Task.FromResult(TestTokens.Admin());
}

public sealed class InventoryHost : ServiceFactory<inventory::Program>, IServiceHost
{
    public string Name => "inventory";

    public HttpClient Client() => CreateClient();

    protected override void ConfigureSettings(IDictionary<string, string?> settings)
    {
        base.ConfigureSettings(settings);
        TestTokens.AddTo(settings);
    }

    public Task<string> AdminTokenAsync() => Task.FromResult(TestTokens.Admin());
}

public sealed class ForecastingHost : ServiceFactory<forecasting::Program>, IServiceHost
{
    public string Name => "forecasting";

    public HttpClient Client() => CreateClient();

    protected override void ConfigureSettings(IDictionary<string, string?> settings)
    {
        base.ConfigureSettings(settings);
        TestTokens.AddTo(settings);
        settings["Forecasting:Trees"] = "10";
    }

    public Task<string> AdminTokenAsync() => Task.FromResult(TestTokens.Admin());
}

public sealed class StaffHost : ServiceFactory<staff::Program>, IServiceHost
{
    public string Name => "staff";

    public HttpClient Client() => CreateClient();

    protected override void ConfigureSettings(IDictionary<string, string?> settings)
    {
        base.ConfigureSettings(settings);
        TestTokens.AddTo(settings);
    }

    public Task<string> AdminTokenAsync() => Task.FromResult(TestTokens.Admin());
}

public sealed class IoTHost : ServiceFactory<iot::Program>, IServiceHost
{
    public string Name => "iot";

    public HttpClient Client() => CreateClient();

    protected override void ConfigureSettings(IDictionary<string, string?> settings)
    {
        base.ConfigureSettings(settings);
        TestTokens.AddTo(settings);
        settings["ConnectionStrings:Mqtt"] = TestInfrastructure.MqttEndpoint;
        settings["ConnectionStrings:RabbitMqManagement"] = TestInfrastructure.RabbitMqManagementUrl;
        settings["IoT:TopicPrefix"] = $"t{Guid.NewGuid():N}"[..20];
        settings["IoT:MqttEnabled"] = "false";
    }

    public Task<string> AdminTokenAsync() => Task.FromResult(TestTokens.Admin());
}

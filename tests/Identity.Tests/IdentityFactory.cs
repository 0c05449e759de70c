using System.Net.Http.Json;
using System.Text.Json;
using Brigade.Testing;
using Dapper;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Brigade.Identity.Tests;

/// <summary>The real time plus a jump the test makes; time keeps flowing, and only ever forward.</summary>
public sealed class ManualClock : TimeProvider
{
    private long _offsetTicks;

    public override DateTimeOffset GetUtcNow() => DateTimeOffset.UtcNow.AddTicks(Interlocked.Read(ref _offsetTicks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);
}

/// <summary>Identity in-process with its own database, generous rate limits, and a clock the test controls.</summary>
public class IdentityFactory : ServiceFactory<Program>
{
    public const string AdminPassword = "Kitchen-Brigade-Chief-2026";
    public const string ClientSecret = "test-service-client-secret";
    public const string KeyEncryptionKey = "q9Yl4m1mYQ7M1m9o0bYp1m9N4f3w6Gm2XJjH2dOa5Tg=";

    public ManualClock Clock { get; } = new();

    protected override void ConfigureSettings(IDictionary<string, string?> settings)
    {
        base.ConfigureSettings(settings);
        settings["Identity:KeyEncryptionKey"] = KeyEncryptionKey;
        settings["Identity:AdminPassword"] = AdminPassword;
        settings["ServiceAuth:ClientSecret"] = ClientSecret;
        settings["Identity:KeyPublishLeadMinutes"] = "5";
        settings["Identity:RateLimits:LoginsPerMinutePerAddress"] = "10000";
        settings["Identity:RateLimits:LoginsPerMinutePerAccount"] = "10000";
        settings["Identity:RateLimits:RegistrationsPerMinutePerAddress"] = "10000";
        settings["Identity:RateLimits:RecoveryPerMinutePerAddress"] = "10000";
        settings["Identity:RateLimits:TokenRequestsPerMinutePerAddress"] = "10000";
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(Clock));
    }

    /// <summary>Rows of the outbox with this event type whose payload has <paramref name="field"/> = <paramref name="value"/>.</summary>
    public async Task<List<JsonElement>> OutboxAsync(string type, string field, string value)
    {
        await using var connection = await Database.DataSource.OpenConnectionAsync();
        var payloads = await connection.QueryAsync<string>(
            "SELECT payload::text FROM messaging_outbox WHERE type = @type AND payload ->> @field = @value ORDER BY position",
            new { type, field, value });
        return payloads.Select(p => JsonDocument.Parse(p).RootElement.Clone()).ToList();
    }

    public async Task<T> ScalarAsync<T>(string sql, object? args = null)
    {
        await using var connection = await Database.DataSource.OpenConnectionAsync();
        return await connection.ExecuteScalarAsync<T>(sql, args) ?? throw new InvalidOperationException("no value");
    }

    /// <summary>Registers a fresh account and signs it in.</summary>
    public async Task<TestUser> SignUpAsync(string accountType = "diner", string? password = null)
    {
        var client = CreateClient();
        var email = $"user-{Guid.NewGuid():N}@example.com";
        password ??= "Kimchi-Stew-42";
        var registered = await client.PostAsJsonAsync("/api/auth/register", new { email, password, name = "Test Diner", accountType });
        registered.EnsureSuccessStatusCode();
        var id = (await registered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var tokens = await LoginAsync(email, password);
        return new TestUser(id, email, password, tokens.AccessToken, tokens.RefreshToken);
    }

    public async Task<Tokens> LoginAsync(string login, string password)
    {
        var response = await CreateClient().PostAsJsonAsync("/api/auth/login", new { username = login, password });
        response.StatusCode.ShouldBe(System.Net.HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<Tokens>())!;
    }

    public Task<Tokens> AdminAsync() => LoginAsync("admin", AdminPassword);

    public HttpClient ClientWith(string? token)
    {
        var client = CreateClient();
        if (token is not null)
        {
            client.WithToken(token);
        }

        return client;
    }
}

public sealed record Tokens(string AccessToken, string RefreshToken, string TokenType, int ExpiresIn);

public sealed record TestUser(Guid Id, string Email, string Password, string AccessToken, string RefreshToken);

public static class HttpExtensions
{
    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>();

    /// <summary>Asserts a problem+json response with this status and returns its body.</summary>
    public static async Task<JsonElement> ShouldBeProblemAsync(this HttpResponseMessage response, int status)
    {
        var body = await response.Content.ReadAsStringAsync();
        ((int)response.StatusCode).ShouldBe(status, body);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json", body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    public static string[] ErrorFields(this JsonElement problem) =>
        problem.TryGetProperty("errors", out var errors) ? errors.EnumerateObject().Select(p => p.Name).ToArray() : [];
}

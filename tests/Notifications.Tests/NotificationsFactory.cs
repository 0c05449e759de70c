using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Brigade.Contracts;
using Brigade.Contracts.Identity;
using Brigade.Messaging;
using Brigade.Testing;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Brigade.Notifications.Tests;

/// <summary>A person with a token the service trusts.</summary>
public sealed record Actor(string Name, Guid Id, string Token, string Email)
{
    public static Actor Person(string name, string[] roles, params (Guid RestaurantId, string Role)[] memberships)
    {
        var id = Guid.CreateVersion7();
        var email = $"{name}-{id:N}@test.brigade";
        return new Actor(name, id, TestTokens.Create(id.ToString(), roles, memberships, name: name, email: email), email);
    }

    public static Actor Diner(string name = "diner") => Person(name, ["diner"]);

    public static Actor Admin() => Person("admin", ["admin"]);

    public override string ToString() => Name;
}

/// <summary>
/// The notifications service on a database of its own, the real broker, a pickup directory of its own for
/// email and local files for SMS and push; fast delivery polling and retries.
/// </summary>
public class NotificationsFactory : ServiceFactory<Program>
{
    public string MailDirectory { get; } = Path.Combine(Path.GetTempPath(), "brigade-notifications-tests", Guid.NewGuid().ToString("N"), "mail");

    public string FilesDirectory => Path.Combine(Path.GetDirectoryName(MailDirectory)!, "files");

    public const string PublicBaseUrl = "https://brigade.test";

    public string InstanceId { get; init; } = "notifications";

    protected override void ConfigureSettings(IDictionary<string, string?> settings)
    {
        base.ConfigureSettings(settings);
        TestTokens.AddTo(settings);
        settings["Brigade:InstanceId"] = InstanceId;
        settings["Messaging:RetryDelays:0"] = "00:00:00.200";
        settings["Notifications:PublicBaseUrl"] = PublicBaseUrl;
        settings["Notifications:Email:PickupDirectory"] = MailDirectory;
        settings["Notifications:Sms:Directory"] = FilesDirectory;
        settings["Notifications:Push:Directory"] = FilesDirectory;
        settings["Notifications:Delivery:PollInterval"] = "00:00:00.100";
        settings["Notifications:Delivery:FirstRetryDelay"] = "00:00:00.100";
    }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await WaitUntilConsumingAsync();
    }

    /// <summary>Waits until the event consumer is bound, so nothing published is missed.</summary>
    public async Task WaitUntilConsumingAsync()
    {
        using var client = CreateClient();
        await EventuallyAsync(async () =>
        {
            var health = await client.GetAsync("/health/ready");
            var json = JsonDocument.Parse(await health.Content.ReadAsStringAsync()).RootElement;
            return json.GetProperty("checks").TryGetProperty("broker", out var broker) && broker.GetProperty("status").GetString() == "Healthy";
        }, "the broker consumer to be ready", 30);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        try
        {
            Directory.Delete(Path.GetDirectoryName(MailDirectory)!, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }

    public NpgsqlDataSource Db => Services.GetRequiredService<NpgsqlDataSource>();

    public HttpClient ClientFor(Actor? actor)
    {
        var client = CreateClient();
        return actor is null ? client : client.WithToken(actor.Token);
    }

    public HttpClient ServiceClient() => CreateClient().WithToken(TestTokens.Service("reservations"));

    /// <summary>Registers <paramref name="actor"/> as identity would announce it, and waits until the welcome is in the inbox.</summary>
    public async Task RegisterAsync(Actor actor, string? phone = null, params string[] roles)
    {
        await PublishAsync(new UserRegistered(actor.Id, actor.Email, null, actor.Name, phone, roles.Length == 0 ? ["diner"] : roles, DateTimeOffset.UtcNow));
        await EventuallyAsync(async () => await CountAsync("SELECT count(*) FROM recipients WHERE user_id = @id AND email IS NOT NULL", new { id = actor.Id }) == 1, "the registration to be handled");
    }

    /// <summary>The .eml files addressed to <paramref name="email"/>.</summary>
    public IReadOnlyList<string> MailTo(string email) =>
        !Directory.Exists(MailDirectory)
            ? []
            : Directory.GetFiles(MailDirectory, "*.eml").Select(File.ReadAllText).Where(text => text.Contains(email, StringComparison.OrdinalIgnoreCase)).ToList();

    public async Task<string> WaitForMailAsync(string email, Func<string, bool>? match = null)
    {
        string? found = null;
        await EventuallyAsync(() =>
        {
            found = MailTo(email).FirstOrDefault(m => match?.Invoke(m) ?? true);
            return Task.FromResult(found is not null);
        }, $"an email to {email}");
        return found!;
    }

    public async Task<JsonElement> InboxAsync(Actor actor, string query = "")
    {
        using var client = ClientFor(actor);
        return await (await client.GetAsync("/api/notifications" + query)).ShouldBeAsync(HttpStatusCode.OK);
    }

    public async Task<JsonElement> SendAsync(object body, HttpClient? sender = null)
    {
        using var admin = ClientFor(Actor.Admin());
        var response = await (sender ?? admin).PostAsJsonAsync("/api/notifications/send", body);
        return await response.ShouldBeAsync(HttpStatusCode.Accepted);
    }

}

public static class HttpAssertions
{
    public static IReadOnlyList<JsonElement> Items(this JsonElement page) => page.GetProperty("items").EnumerateArray().ToList();
}

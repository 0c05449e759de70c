using System.Net;
using System.Text.Json;
using Brigade.Contracts;
using Npgsql;
using Microsoft.Extensions.DependencyInjection;

namespace Brigade.Analytics.Tests;

/// <summary>A person calling the API, with a token the service trusts.</summary>
public sealed record Actor(string Name, string? Token)
{
    public static Actor Anonymous { get; } = new("anonymous", null);

    public static Actor Admin { get; } = new("admin", TestTokens.Admin());

    public static Actor Person(string name, string role, Guid restaurantId) =>
        new(name, TestTokens.For(Guid.CreateVersion7(), [role], (restaurantId, role)));

    public override string ToString() => Name;
}

/// <summary>A restaurant of the test's own with its owner, a manager and a staff member.</summary>
public sealed record TestRestaurant(Guid Id, Actor Owner, Actor Manager, Actor Staff)
{
    public static TestRestaurant New()
    {
        var id = Guid.CreateVersion7();
        return new TestRestaurant(id, Actor.Person("owner", "owner", id), Actor.Person("manager", "manager", id), Actor.Person("staff", "staff", id));
    }
}

/// <summary>The analytics service on a database of its own and the real broker, trusting <see cref="TestTokens"/>.</summary>
public class AnalyticsFactory : ServiceFactory<Program>
{
    protected override void ConfigureSettings(IDictionary<string, string?> settings)
    {
        base.ConfigureSettings(settings);
        TestTokens.AddTo(settings);
        settings["Messaging:RetryDelays:0"] = "00:00:00.200";
        // The weekly summary runs by the real clock in the host; tests drive their own instance with a manual clock.
        settings["Analytics:WeeklySummaryEnabled"] = "false";
    }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        // An event published before the consumer's queue is bound would be dropped by the exchange.
        using var client = CreateClient();
        await EventuallyAsync(async () =>
        {
            var health = await client.GetAsync("/health/ready");
            var json = JsonDocument.Parse(await health.Content.ReadAsStringAsync()).RootElement;
            return json.GetProperty("checks").TryGetProperty("broker", out var broker) && broker.GetProperty("status").GetString() == "Healthy";
        }, "the broker consumer to be ready", 30);
    }

    public NpgsqlDataSource Db => Services.GetRequiredService<NpgsqlDataSource>();

    public Task<long> HandledAsync() => CountAsync("SELECT count(*) FROM messaging_inbox");

    /// <summary>Publishes the events as their services would and waits until this service has handled every one.</summary>
    public async Task IngestAsync(params IIntegrationEvent[] events)
    {
        var before = await HandledAsync();
        foreach (var e in events)
        {
            await PublishBoxedAsync(e);
        }

        await EventuallyAsync(async () => await HandledAsync() >= before + events.Length, $"{events.Length} events handled");
    }

    /// <summary>Publishes and waits for each event in turn, so they arrive in exactly this order.</summary>
    public async Task IngestInOrderAsync(params IIntegrationEvent[] events)
    {
        foreach (var e in events)
        {
            await IngestAsync(e);
        }
    }

    private Task PublishBoxedAsync(IIntegrationEvent e) =>
        (Task)typeof(ServiceFactory<Program>).GetMethod(nameof(PublishAsync))!.MakeGenericMethod(e.GetType()).Invoke(this, [e])!;

    public async Task<HttpResponseMessage> GetRawAsync(Actor who, string path)
    {
        using var client = CreateClient();
        if (who.Token is not null)
        {
            client.WithToken(who.Token);
        }

        return await client.GetAsync(path);
    }

    public async Task<JsonElement> GetAsync(Actor who, string path, HttpStatusCode expected = HttpStatusCode.OK) =>
        await (await GetRawAsync(who, path)).ShouldBeAsync(expected);

    public Task<JsonElement> DashboardAsync(TestRestaurant r, string from, string to, Actor? who = null) =>
        GetAsync(who ?? r.Owner, $"/api/analytics/restaurants/{r.Id}/dashboard?from={from}&to={to}");
}

public static class Json
{
    public static long Won(this JsonElement e, string name) => e.GetProperty(name).GetProperty("amount").GetInt64();

    public static long Long(this JsonElement e, string name) => e.GetProperty(name).GetInt64();

    public static decimal? Pct(this JsonElement e, string name) =>
        e.GetProperty(name).ValueKind == JsonValueKind.Null ? null : e.GetProperty(name).GetDecimal();
}

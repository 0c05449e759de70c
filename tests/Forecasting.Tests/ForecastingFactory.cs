using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Brigade.Forecasting.Data;
using Brigade.Forecasting.Domain;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Brigade.Forecasting.Tests;

/// <summary>A person calling the API, with a token the service trusts.</summary>
public sealed record Actor(string Name, Guid Id, string? Token)
{
    public static Actor Anonymous { get; } = new("anonymous", Guid.Empty, null);

    public static Actor Person(string name, string[] roles, params (Guid RestaurantId, string Role)[] memberships)
    {
        var id = Guid.CreateVersion7();
        return new Actor(name, id, TestTokens.Create(id.ToString(), roles, memberships, name: name));
    }

    public static Actor Diner() => Person("diner", ["diner"]);

    public static Actor Admin() => Person("admin", ["admin"]);

    public override string ToString() => Name;
}

/// <summary>The forecasting service on a database of its own and the real broker, with small models (few trees) to stay quick.</summary>
public class ForecastingFactory : ServiceFactory<Program>
{
    protected override void ConfigureSettings(IDictionary<string, string?> settings)
    {
        base.ConfigureSettings(settings);
        TestTokens.AddTo(settings);
        settings["Messaging:RetryDelays:0"] = "00:00:00.200";
        settings["Messaging:RelayPollInterval"] = "00:00:00.200";
        settings["Forecasting:Trees"] = "25";
        settings["Forecasting:LearningRate"] = "0.35";
        settings["Forecasting:BacktestOrigins"] = "4";
        settings["Forecasting:RetrainCheckInterval"] = "1.00:00:00";
        settings["Forecasting:DemoHistoryDays"] = "0";
    }

    /// <summary>
    /// Starts the host and waits until its queue is bound: an event the relay sends before the consumer declared the queue
    /// would be dropped by the exchange (a test's first act is often to publish), so a marker is published until one arrives.
    /// </summary>
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var marker = Guid.CreateVersion7();
        await EventuallyAsync(async () =>
        {
            await PublishAsync(new Brigade.Contracts.Restaurants.RestaurantClosed(marker, DateTimeOffset.UtcNow));
            return await EventuallyArrivedAsync(marker);
        }, "the service's queue bound", 60);
    }

    private async Task<bool> EventuallyArrivedAsync(Guid marker)
    {
        for (var i = 0; i < 20; i++)
        {
            if (await CountAsync("SELECT count(*) FROM restaurants WHERE id = @marker", new { marker }) > 0)
            {
                return true;
            }

            await Task.Delay(100);
        }

        return false;
    }

    public HttpClient ClientFor(Actor actor)
    {
        var client = CreateClient();
        return actor.Token is null ? client : client.WithToken(actor.Token);
    }

    public static LocalDate Today => ServiceDay.Of(DateTimeOffset.UtcNow, Brigade.Api.RestaurantTime.DefaultZone).Date;

    /// <summary>Waits until <paramref name="count"/> events published about <paramref name="id"/> went through the inbox (handled or recognised as seen).</summary>
    public Task HandledAsync(Guid id, int count) => EventuallyAsync(async () => await CountAsync("""
        SELECT count(*) FROM messaging_inbox i JOIN messaging_outbox o ON o.message_id = i.message_id WHERE strpos(o.payload::text, @id) > 0
        """, new { id = id.ToString() }) >= count, $"{count} events about {id} handled");

    /// <summary>Writes <paramref name="days"/> days of generated history up to yesterday for <paramref name="restaurantId"/>.</summary>
    public Task SeedAsync(Guid restaurantId, int days) =>
        Services.GetRequiredService<HistoryStore>().SeedAsync(restaurantId, DemoHistory.Generate(restaurantId, Today, days).ToList(), CancellationToken.None);
}

/// <summary>A restaurant with its owner, manager and staff member.</summary>
public sealed record TestRestaurant(Guid Id, Actor Owner, Actor Manager, Actor Staff)
{
    public static TestRestaurant New()
    {
        var id = Guid.CreateVersion7();
        return new TestRestaurant(id, Actor.Person("owner", ["owner"], (id, "owner")), Actor.Person("manager", ["owner"], (id, "manager")),
            Actor.Person("staff", ["staff"], (id, "staff")));
    }

    public string Path(string rest = "") => $"/api/forecasts/{Id}{(rest.Length == 0 ? "" : "/" + rest)}";
}

public static class Scenario
{
    public static async Task<JsonElement> SendAsync(this ForecastingFactory f, Actor who, HttpMethod method, string path, object? body, HttpStatusCode expected)
    {
        using var client = f.ClientFor(who);
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        return await (await client.SendAsync(request)).ShouldBeAsync(expected);
    }

    public static Task<JsonElement> GetAsync(this ForecastingFactory f, Actor who, string path, HttpStatusCode expected = HttpStatusCode.OK) =>
        f.SendAsync(who, HttpMethod.Get, path, null, expected);

    public static string Iso(this LocalDate d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}

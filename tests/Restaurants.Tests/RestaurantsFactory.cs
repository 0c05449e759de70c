using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Brigade.Contracts;
using Brigade.Messaging;
using Brigade.Testing;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Brigade.Restaurants.Tests;

/// <summary>A person calling the API, with a token the service trusts.</summary>
public sealed record Actor(string Name, Guid Id, string? Token)
{
    public static Actor Anonymous { get; } = new("anonymous", Guid.Empty, null);

    public static Actor Person(string name, params string[] roles)
    {
        var id = Guid.CreateVersion7();
        return new Actor(name, id, TestTokens.Create(id.ToString(), roles, [], name: name, email: $"{name}-{id:N}@test.brigade"));
    }

    public static Actor Owner(string name = "owner") => Person(name, "owner");

    public static Actor Diner(string name = "diner") => Person(name, "diner");

    public static Actor Admin() => Person("admin", "admin");

    public static Actor Service() => new("service", Guid.Empty, TestTokens.Service("reservations"));

    public override string ToString() => Name;
}

/// <summary>The restaurants service on a database of its own and the real broker, trusting <see cref="TestTokens"/>.</summary>
public class RestaurantsFactory : ServiceFactory<Program>
{
    protected override void ConfigureSettings(IDictionary<string, string?> settings)
    {
        base.ConfigureSettings(settings);
        TestTokens.AddTo(settings);
        settings["Restaurants:LoadDemoData"] = "false";
        settings["Messaging:RetryDelays:0"] = "00:00:00.200";
    }

    public NpgsqlDataSource Db => Database.DataSource;

    public HttpClient ClientFor(Actor actor)
    {
        var client = CreateClient();
        return actor.Token is null ? client : client.WithToken(actor.Token);
    }

    public async Task<long> OutboxCountAsync() => await CountAsync("SELECT count(*) FROM messaging_outbox");

}

/// <summary>Building blocks of test scenarios, all through the HTTP API.</summary>
public static class Scenario
{
    public static object RestaurantBody(string? name = null, string timeZone = "Asia/Seoul", double lat = 37.5665, double lng = 126.9780, string cuisine = "korean") => new
    {
        name = name ?? "테스트 식당 " + Guid.NewGuid().ToString("N")[..6],
        nameEn = "Test Restaurant",
        cuisine,
        address = "서울 중구 세종대로 110",
        location = new { lat, lng },
        timeZone,
        phone = "+82 2-123-4567",
        priceRange = 2,
        description = "A place to eat.",
    };

    public static async Task<JsonElement> ReadJsonAsync(this HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    public static async Task<Guid> CreateRestaurantAsync(this RestaurantsFactory factory, Actor owner, bool publish = true, object? body = null)
    {
        using var client = factory.ClientFor(owner);
        var created = await (await client.PostAsJsonAsync("/api/restaurants", body ?? RestaurantBody())).ShouldBeAsync(HttpStatusCode.Created);
        var id = created.GetProperty("id").GetGuid();
        if (publish)
        {
            await (await client.PostAsync($"/api/restaurants/{id}/publish", null)).ShouldBeAsync(HttpStatusCode.OK);
        }

        return id;
    }

    public static async Task AddMemberAsync(this RestaurantsFactory factory, Guid restaurantId, Actor owner, Actor member, string role)
    {
        using var client = factory.ClientFor(owner);
        await (await client.PostAsJsonAsync($"/api/restaurants/{restaurantId}/members", new { userId = member.Id, role })).ShouldBeAsync(HttpStatusCode.Created);
    }

    public static async Task<JsonElement> CreateItemAsync(this RestaurantsFactory factory, Guid restaurantId, Actor by, object? body = null)
    {
        using var client = factory.ClientFor(by);
        return await (await client.PostAsJsonAsync($"/api/restaurants/{restaurantId}/menu/items",
            body ?? new { name = "김치찌개 " + Guid.NewGuid().ToString("N")[..4], price = new { amount = 9000, currency = "KRW" }, category = "식사" }))
            .ShouldBeAsync(HttpStatusCode.Created);
    }

    public static async Task<Guid> CreateTableAsync(this RestaurantsFactory factory, Guid restaurantId, Actor by, int min = 2, int max = 4)
    {
        using var client = factory.ClientFor(by);
        var table = await (await client.PostAsJsonAsync($"/api/restaurants/{restaurantId}/tables",
            new { label = "T-" + Guid.NewGuid().ToString("N")[..6], minCapacity = min, maxCapacity = max, area = "Hall" })).ShouldBeAsync(HttpStatusCode.Created);
        return table.GetProperty("id").GetGuid();
    }

    /// <summary>A reservation of <paramref name="diner"/> completed (the reservations service's event), delivered and recorded as a visit.</summary>
    public static async Task<Guid> CompleteReservationAsync(this RestaurantsFactory factory, Guid restaurantId, Actor diner)
    {
        var reservationId = Guid.CreateVersion7();
        await factory.PublishAsync(new Contracts.Reservations.ReservationCompleted(reservationId, restaurantId, diner.Id, DateTimeOffset.UtcNow));
        await RestaurantsFactory.EventuallyAsync(
            async () => await factory.CountAsync("SELECT count(*) FROM visits WHERE source_id = @reservationId", new { reservationId }) == 1,
            "the completed reservation to be recorded as a visit");
        return reservationId;
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;

namespace Brigade.Restaurants.Tests;

public sealed class CachingTests(ReplicaPair<RestaurantsFactory, Program> replicas) : IClassFixture<ReplicaPair<RestaurantsFactory, Program>>
{
    private static async Task<JsonElement> ReadAsync(RestaurantsFactory replica, string path)
    {
        using var anonymous = replica.ClientFor(Actor.Anonymous);
        return await (await anonymous.GetAsync(path)).ShouldBeAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Cached_pages_and_menus_change_on_every_replica_after_a_change_through_either()
    {
        var owner = Actor.Owner();
        var id = await replicas.First.CreateRestaurantAsync(owner);
        await replicas.First.CreateItemAsync(id, owner);
        var name = (await ReadAsync(replicas.Second, $"/api/restaurants/{id}")).GetProperty("name").GetString();
        (await ReadAsync(replicas.Second, $"/api/restaurants/{id}/menu")).GetProperty("items").GetArrayLength().ShouldBe(1);

        // Behind the service's back: the second replica keeps answering from its cache, its owner's view reads the database.
        await using (var connection = await replicas.First.Db.OpenConnectionAsync())
        {
            await connection.ExecuteAsync("UPDATE restaurants SET name = 'written around the cache' WHERE id = @id", new { id });
        }

        (await ReadAsync(replicas.Second, $"/api/restaurants/{id}")).GetProperty("name").GetString().ShouldBe(name);
        using (var mine = replicas.Second.ClientFor(owner))
        {
            (await (await mine.GetAsync($"/api/restaurants/{id}")).ShouldBeAsync(HttpStatusCode.OK)).GetProperty("name").GetString().ShouldBe("written around the cache");
        }

        // A change through the first replica: it reads its own write at once, the second one as soon as the invalidation arrives.
        using (var client = replicas.First.ClientFor(owner))
        {
            await (await client.PatchAsJsonAsync($"/api/restaurants/{id}", new { name = "바뀐 이름" })).ShouldBeAsync(HttpStatusCode.OK);
        }

        (await ReadAsync(replicas.First, $"/api/restaurants/{id}")).GetProperty("name").GetString().ShouldBe("바뀐 이름");
        await RestaurantsFactory.EventuallyAsync(async () =>
            (await ReadAsync(replicas.Second, $"/api/restaurants/{id}")).GetProperty("name").GetString() == "바뀐 이름", "the second replica to drop the old page");

        // A menu change through the second replica reaches the first one's cached menu.
        (await ReadAsync(replicas.First, $"/api/restaurants/{id}/menu")).GetProperty("items").GetArrayLength().ShouldBe(1);
        var item = await replicas.Second.CreateItemAsync(id, owner);
        await RestaurantsFactory.EventuallyAsync(async () =>
            (await ReadAsync(replicas.First, $"/api/restaurants/{id}/menu")).GetProperty("items").EnumerateArray()
                .Any(i => i.GetProperty("id").GetGuid() == item.GetProperty("id").GetGuid()), "the first replica to drop the old menu");
        using (var client = replicas.First.ClientFor(owner))
        {
            await (await client.PutAsJsonAsync($"/api/restaurants/{id}/menu/items/{item.GetProperty("id").GetGuid()}/sold-out", new { soldOut = true }))
                .ShouldBeAsync(HttpStatusCode.OK);
        }

        await RestaurantsFactory.EventuallyAsync(async () =>
            (await ReadAsync(replicas.Second, $"/api/restaurants/{id}/menu")).GetProperty("items").EnumerateArray()
                .Single(i => i.GetProperty("id").GetGuid() == item.GetProperty("id").GetGuid()).GetProperty("soldOut").GetBoolean(), "the sold-out switch on the second replica");
    }

    [Fact]
    public async Task A_closed_restaurant_disappears_from_the_cached_public_page_of_every_replica()
    {
        var owner = Actor.Owner();
        var id = await replicas.Second.CreateRestaurantAsync(owner);
        await ReadAsync(replicas.First, $"/api/restaurants/{id}");
        await ReadAsync(replicas.Second, $"/api/restaurants/{id}");

        using (var client = replicas.Second.ClientFor(owner))
        {
            await (await client.PostAsync($"/api/restaurants/{id}/close", null)).ShouldBeAsync(HttpStatusCode.OK);
        }

        using var anonymous = replicas.First.ClientFor(Actor.Anonymous);
        await RestaurantsFactory.EventuallyAsync(async () => (await anonymous.GetAsync($"/api/restaurants/{id}")).StatusCode == HttpStatusCode.NotFound,
            "the closed restaurant to leave the first replica's public pages");
    }
}

/// <summary>The service on a Redis of its own, which the tests take away.</summary>
public sealed class LosableRedisFactory : RestaurantsFactory
{
    public RedisProcess Redis { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        Redis = await RedisProcess.StartAsync();
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Redis.DisposeAsync();
    }

    protected override void ConfigureSettings(IDictionary<string, string?> settings)
    {
        base.ConfigureSettings(settings);
        settings["ConnectionStrings:Redis"] = Redis.ConnectionString;
    }
}

public sealed class RedisOutageTests(LosableRedisFactory factory) : IClassFixture<LosableRedisFactory>
{
    [Fact]
    public async Task Without_Redis_pages_and_menus_come_from_the_database_and_changes_still_show()
    {
        var owner = Actor.Owner();
        var cached = await factory.CreateRestaurantAsync(owner);
        await factory.CreateItemAsync(cached, owner);
        using var anonymous = factory.ClientFor(Actor.Anonymous);
        await (await anonymous.GetAsync($"/api/restaurants/{cached}/menu")).ShouldBeAsync(HttpStatusCode.OK);

        await factory.Redis.StopAsync();
        try
        {
            var fresh = await factory.CreateRestaurantAsync(owner);
            (await (await anonymous.GetAsync($"/api/restaurants/{fresh}")).ShouldBeAsync(HttpStatusCode.OK)).GetProperty("id").GetGuid().ShouldBe(fresh);
            (await (await anonymous.GetAsync($"/api/restaurants/{cached}/menu")).ShouldBeAsync(HttpStatusCode.OK)).GetProperty("items").GetArrayLength().ShouldBe(1);
            using (var client = factory.ClientFor(owner))
            {
                await (await client.PatchAsJsonAsync($"/api/restaurants/{cached}", new { name = "레디스 없이" })).ShouldBeAsync(HttpStatusCode.OK);
            }

            await factory.CreateItemAsync(cached, owner);
            (await (await anonymous.GetAsync($"/api/restaurants/{cached}")).ShouldBeAsync(HttpStatusCode.OK)).GetProperty("name").GetString().ShouldBe("레디스 없이");
            (await (await anonymous.GetAsync($"/api/restaurants/{cached}/menu")).ShouldBeAsync(HttpStatusCode.OK)).GetProperty("items").GetArrayLength().ShouldBe(2);

            var health = await (await anonymous.GetAsync("/health/ready")).ShouldBeAsync(HttpStatusCode.OK);
            health.GetProperty("checks").GetProperty("redis").GetProperty("status").GetString().ShouldBe("Degraded");
        }
        finally
        {
            await factory.Redis.StartAgainAsync();
        }

        // Back: the cache works again, with what changed meanwhile.
        await RestaurantsFactory.EventuallyAsync(async () =>
            (await (await anonymous.GetAsync("/health/ready")).ShouldBeAsync(HttpStatusCode.OK)).GetProperty("checks").GetProperty("redis").GetProperty("status").GetString() == "Healthy",
            "the service to reconnect to Redis");
        (await (await anonymous.GetAsync($"/api/restaurants/{cached}")).ShouldBeAsync(HttpStatusCode.OK)).GetProperty("name").GetString().ShouldBe("레디스 없이");
    }
}

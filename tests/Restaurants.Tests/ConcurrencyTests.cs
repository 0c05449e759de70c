using System.Net;
using System.Net.Http.Json;

namespace Brigade.Restaurants.Tests;

/// <summary>Optimistic concurrency: versions as ETags, If-Match or a body version, 412 on a stale one.</summary>
public sealed class ConcurrencyTests(RestaurantsFactory factory) : IClassFixture<RestaurantsFactory>
{
    private readonly Actor _owner = Actor.Owner();

    private static HttpRequestMessage Patch(string path, object body, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Patch, path) { Content = JsonContent.Create(body) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return request;
    }

    [Fact]
    public async Task A_stale_if_match_is_refused_and_changes_nothing()
    {
        var id = await factory.CreateRestaurantAsync(_owner);
        using var client = factory.ClientFor(_owner);
        var read = await client.GetAsync($"/api/restaurants/{id}");
        var etag = read.Headers.ETag!.Tag;
        etag.ShouldBe("\"2\"");

        var first = await client.SendAsync(Patch($"/api/restaurants/{id}", new { name = "First" }, etag));
        var second = await client.SendAsync(Patch($"/api/restaurants/{id}", new { name = "Second" }, etag));

        await first.ShouldBeAsync(HttpStatusCode.OK);
        first.Headers.ETag!.Tag.ShouldBe("\"3\"");
        await second.ShouldBeAsync(HttpStatusCode.PreconditionFailed);
        var now = await (await client.GetAsync($"/api/restaurants/{id}")).ShouldBeAsync(HttpStatusCode.OK);
        now.GetProperty("name").GetString().ShouldBe("First");
    }

    [Fact]
    public async Task A_body_version_works_like_if_match_and_garbage_never_matches()
    {
        var id = await factory.CreateRestaurantAsync(_owner);
        using var client = factory.ClientFor(_owner);

        await (await client.SendAsync(Patch($"/api/restaurants/{id}", new { name = "Old", version = 1 }))).ShouldBeAsync(HttpStatusCode.PreconditionFailed);
        await (await client.SendAsync(Patch($"/api/restaurants/{id}", new { name = "X" }, "\"banana\""))).ShouldBeAsync(HttpStatusCode.PreconditionFailed);
        await (await client.SendAsync(Patch($"/api/restaurants/{id}", new { name = "Current", version = 2 }))).ShouldBeAsync(HttpStatusCode.OK);
        await (await client.SendAsync(Patch($"/api/restaurants/{id}", new { name = "Any" }, "*"))).ShouldBeAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Concurrent_patches_with_the_same_version_let_exactly_one_win()
    {
        var id = await factory.CreateRestaurantAsync(_owner);
        var item = await factory.CreateItemAsync(id, _owner);
        var itemId = item.GetProperty("id").GetGuid();

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(async i =>
        {
            using var client = factory.ClientFor(_owner);
            return await client.SendAsync(Patch($"/api/restaurants/{id}/menu/items/{itemId}", new { price = new { amount = 10000 + i } }, "\"1\""));
        }));

        responses.Count(r => r.StatusCode == HttpStatusCode.OK).ShouldBe(1);
        responses.Count(r => r.StatusCode == HttpStatusCode.PreconditionFailed).ShouldBe(7);
        (await factory.CountAsync("SELECT version FROM menu_items WHERE id = @itemId", new { itemId })).ShouldBe(2);
        (await factory.EventsAboutAsync(itemId)).Count.ShouldBe(2);
    }

    [Fact]
    public async Task Tables_carry_versions_too()
    {
        var id = await factory.CreateRestaurantAsync(_owner);
        var tableId = await factory.CreateTableAsync(id, _owner);
        using var client = factory.ClientFor(_owner);

        await (await client.SendAsync(Patch($"/api/restaurants/{id}/tables/{tableId}", new { maxCapacity = 6 }, "\"1\""))).ShouldBeAsync(HttpStatusCode.OK);
        await (await client.SendAsync(Patch($"/api/restaurants/{id}/tables/{tableId}", new { maxCapacity = 8 }, "\"1\""))).ShouldBeAsync(HttpStatusCode.PreconditionFailed);
    }
}

using System.Net;
using System.Net.Http.Json;

namespace Brigade.Restaurants.Tests;

/// <summary>A time a client sends without an offset is on the restaurant's clock, never UTC or the server's.</summary>
public sealed class MenuTimeTests(RestaurantsFactory factory) : IClassFixture<RestaurantsFactory>
{
    [Fact]
    public async Task Orderable_items_at_a_time_read_the_restaurants_clock()
    {
        var owner = Actor.Owner();
        var id = await factory.CreateRestaurantAsync(owner);
        using var client = factory.ClientFor(owner);
        await (await client.PutAsJsonAsync($"/api/restaurants/{id}/menu/dayparts", new
        {
            dayparts = new[] { new { name = "lunch", start = "11:00", end = "15:00" }, new { name = "dinner", start = "17:00", end = "22:00" } },
        })).ShouldBeAsync(HttpStatusCode.OK);
        await factory.CreateItemAsync(id, owner, new { name = "점심 정식", price = new { amount = 12000 }, dayparts = new[] { "lunch" } });
        await factory.CreateItemAsync(id, owner, new { name = "저녁 코스", price = new { amount = 50000 }, dayparts = new[] { "dinner" } });

        async Task<string?[]> NamesAt(string at) =>
            (await (await client.GetAsync($"/api/restaurants/{id}/menu/items?availableAt={Uri.EscapeDataString(at)}")).ShouldBeAsync(HttpStatusCode.OK))
                .GetProperty("items").EnumerateArray().Select(i => i.GetProperty("name").GetString()).ToArray();

        (await NamesAt("2026-12-24T12:00")).ShouldBe(["점심 정식"]);            // noon in Seoul
        (await NamesAt("2026-12-24T12:00:00+09:00")).ShouldBe(["점심 정식"]);
        (await NamesAt("2026-12-24T10:00:00Z")).ShouldBe(["저녁 코스"]);        // 19:00 in Seoul
        await (await client.GetAsync($"/api/restaurants/{id}/menu/items?availableAt=tonight")).ShouldBeInvalidAsync("availableAt");
    }
}

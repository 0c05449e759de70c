using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Brigade.Restaurants.Tests;

/// <summary>The feed the search service rebuilds its index from: every restaurant with hours and menu, service tokens only.</summary>
public sealed class IndexFeedTests(RestaurantsFactory factory) : IClassFixture<RestaurantsFactory>
{
    private readonly Actor _owner = Actor.Owner();

    [Fact]
    public async Task The_feed_pages_through_every_restaurant_with_its_hours_and_menu_for_services_only()
    {
        var published = await factory.CreateRestaurantAsync(_owner);
        var draft = await factory.CreateRestaurantAsync(_owner, publish: false);
        using var owner = factory.ClientFor(_owner);
        await (await owner.PutAsJsonAsync($"/api/restaurants/{published}/hours", new
        {
            weekly = new[] { new { day = "friday", open = "18:00", close = "02:00" } },
            exceptions = new[] { new { date = "2026-12-25", closed = true } },
        })).ShouldBeAsync(HttpStatusCode.OK);
        await factory.CreateItemAsync(published, _owner, new { name = "김치찌개", description = "묵은지", price = new { amount = 9000, currency = "KRW" }, category = "식사" });
        await (await owner.PatchAsJsonAsync($"/api/restaurants/{published}", new { description = "숯불 향" })).ShouldBeAsync(HttpStatusCode.OK);

        using var service = factory.ClientFor(Actor.Service());
        var items = new List<JsonElement>();
        string? after = null;
        do
        {
            var page = await (await service.GetAsync("/api/restaurants/index-feed?limit=1" + (after is null ? "" : "&after=" + after))).ShouldBeAsync(HttpStatusCode.OK);
            page.GetProperty("readAt").GetDateTimeOffset().ShouldBeGreaterThan(DateTimeOffset.UtcNow.AddMinutes(-1));
            items.AddRange(page.GetProperty("items").EnumerateArray());
            after = page.GetProperty("nextAfter").ValueKind == JsonValueKind.Null ? null : page.GetProperty("nextAfter").GetString();
        }
        while (after is not null);

        var ids = items.Select(i => i.GetProperty("restaurant").GetProperty("restaurantId").GetGuid()).ToList();
        ids.ShouldBe(ids.Order().ToList());
        ids.ShouldContain(draft);                                                   // drafts too: search learns their menu before they open
        var item = items.Single(i => i.GetProperty("restaurant").GetProperty("restaurantId").GetGuid() == published);
        item.GetProperty("restaurant").GetProperty("description").GetString().ShouldBe("숯불 향");
        item.GetProperty("restaurant").GetProperty("status").GetString().ShouldBe("published");
        var hours = item.GetProperty("hours");
        hours.GetProperty("weekly")[0].GetProperty("open").GetString().ShouldBe("18:00");
        hours.GetProperty("weekly")[0].GetProperty("close").GetString().ShouldBe("02:00");
        hours.GetProperty("exceptions")[0].GetProperty("date").GetString().ShouldBe("2026-12-25");
        var dish = item.GetProperty("menu").EnumerateArray().Single();
        dish.GetProperty("name").GetString().ShouldBe("김치찌개");
        dish.GetProperty("category").GetString().ShouldBe("식사");
        dish.GetProperty("description").GetString().ShouldBe("묵은지");
        dish.GetProperty("price").GetProperty("amount").GetInt64().ShouldBe(9000);

        // The profile events carry the description too (search indexes it).
        var updated = (await factory.EventsAboutAsync(published)).Last(e => e.Type == "restaurants.restaurant.updated").Payload;
        updated.GetProperty("restaurant").GetProperty("description").GetString().ShouldBe("숯불 향");
    }

    [Fact]
    public async Task People_cannot_read_the_feed_and_a_bad_limit_is_a_400()
    {
        (await factory.ClientFor(Actor.Anonymous).GetAsync("/api/restaurants/index-feed")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await factory.ClientFor(_owner).GetAsync("/api/restaurants/index-feed")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await factory.ClientFor(Actor.Admin()).GetAsync("/api/restaurants/index-feed")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        await (await factory.ClientFor(Actor.Service()).GetAsync("/api/restaurants/index-feed?limit=0")).ShouldBeInvalidAsync("limit");
        await (await factory.ClientFor(Actor.Service()).GetAsync("/api/restaurants/index-feed?after=nope")).ShouldBeInvalidAsync("after");
    }
}

using System.Net;
using System.Net.Http.Json;

namespace Brigade.Restaurants.Tests;

/// <summary>Every change writes exactly one event of its kind to the outbox, in its transaction; the relay publishes them.</summary>
public sealed class EventTests(RestaurantsFactory factory) : IClassFixture<RestaurantsFactory>
{
    private readonly Actor _owner = Actor.Owner();

    private async Task<List<string>> TypesAsync(Guid id) => (await factory.EventsAboutAsync(id)).Select(e => e.Type).ToList();

    [Fact]
    public async Task The_life_of_a_restaurant_is_told_one_event_per_change()
    {
        using var client = factory.ClientFor(_owner);
        var id = (await (await client.PostAsJsonAsync("/api/restaurants", Scenario.RestaurantBody())).ShouldBeAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        (await TypesAsync(id)).ShouldBe(["restaurants.restaurant.created", "restaurants.member.added"]);

        await (await client.PatchAsJsonAsync($"/api/restaurants/{id}", new { description = "new" })).ShouldBeAsync(HttpStatusCode.OK);
        await (await client.PostAsync($"/api/restaurants/{id}/publish", null)).ShouldBeAsync(HttpStatusCode.OK);
        await (await client.PostAsync($"/api/restaurants/{id}/publish", null)).ShouldBeAsync(HttpStatusCode.OK); // already published: no event
        await (await client.PutAsJsonAsync($"/api/restaurants/{id}/hours", new { weekly = new[] { new { day = "monday", open = "09:00", close = "18:00" } } }))
            .ShouldBeAsync(HttpStatusCode.OK);
        await (await client.PostAsync($"/api/restaurants/{id}/close", null)).ShouldBeAsync(HttpStatusCode.OK);

        (await TypesAsync(id)).ShouldBe([
            "restaurants.restaurant.created", "restaurants.member.added", "restaurants.restaurant.updated",
            "restaurants.restaurant.published", "restaurants.hours.changed", "restaurants.restaurant.closed",
        ]);
        var published = (await factory.EventsAboutAsync(id)).Single(e => e.Type == "restaurants.restaurant.published").Payload;
        published.GetProperty("restaurant").GetProperty("status").GetString().ShouldBe("published");
        published.GetProperty("restaurant").GetProperty("location").GetProperty("lat").GetDouble().ShouldBe(37.5665);
        var hours = (await factory.EventsAboutAsync(id)).Single(e => e.Type == "restaurants.hours.changed").Payload;
        hours.GetProperty("weekly")[0].GetProperty("day").GetString().ShouldBe("monday");
    }

    [Fact]
    public async Task Menu_items_tables_and_members_each_announce_their_changes()
    {
        var id = await factory.CreateRestaurantAsync(_owner);
        using var client = factory.ClientFor(_owner);
        var item = await factory.CreateItemAsync(id, _owner);
        var itemId = item.GetProperty("id").GetGuid();
        await (await client.PutAsJsonAsync($"/api/restaurants/{id}/menu/items/{itemId}/sold-out", new { soldOut = true })).ShouldBeAsync(HttpStatusCode.OK);
        await (await client.PutAsJsonAsync($"/api/restaurants/{id}/menu/items/{itemId}/sold-out", new { soldOut = true })).ShouldBeAsync(HttpStatusCode.OK);
        await (await client.DeleteAsync($"/api/restaurants/{id}/menu/items/{itemId}")).ShouldBeAsync(HttpStatusCode.NoContent);

        var itemEvents = (await factory.EventsAboutAsync(itemId)).ToList();
        itemEvents.Select(e => e.Type).ShouldBe(["restaurants.menu_item.changed", "restaurants.menu_item.changed", "restaurants.menu_item.changed"]);
        itemEvents.Select(e => e.Payload.GetProperty("soldOut").GetBoolean()).ShouldBe([false, true, true]);
        itemEvents.Select(e => e.Payload.GetProperty("removed").GetBoolean()).ShouldBe([false, false, true]);
        itemEvents[0].Payload.GetProperty("price").GetProperty("amount").GetInt64().ShouldBe(9000);

        var tableId = await factory.CreateTableAsync(id, _owner);
        await (await client.PatchAsJsonAsync($"/api/restaurants/{id}/tables/{tableId}", new { active = false })).ShouldBeAsync(HttpStatusCode.OK);
        (await factory.EventsAboutAsync(tableId)).Select(e => e.Payload.GetProperty("active").GetBoolean()).ShouldBe([true, false]);

        var staff = Actor.Person("staff", "staff");
        await factory.AddMemberAsync(id, _owner, staff, "staff");
        await (await client.PostAsJsonAsync($"/api/restaurants/{id}/members", new { userId = staff.Id, role = "staff" })).ShouldBeAsync(HttpStatusCode.OK); // no change
        await (await client.PostAsJsonAsync($"/api/restaurants/{id}/members", new { userId = staff.Id, role = "manager" })).ShouldBeAsync(HttpStatusCode.OK);
        await (await client.DeleteAsync($"/api/restaurants/{id}/members/{staff.Id}")).ShouldBeAsync(HttpStatusCode.NoContent);
        (await factory.EventsAboutAsync(staff.Id)).Select(e => (e.Type, e.Payload.GetProperty("role").GetString()))
            .ShouldBe([("restaurants.member.added", "staff"), ("restaurants.member.added", "manager"), ("restaurants.member.removed", "manager")]);
    }

    [Fact]
    public async Task A_refused_change_writes_no_event()
    {
        var id = await factory.CreateRestaurantAsync(_owner);
        var before = await factory.OutboxCountAsync();
        using var client = factory.ClientFor(_owner);
        using var stranger = factory.ClientFor(Actor.Owner("stranger"));

        await (await client.PatchAsJsonAsync($"/api/restaurants/{id}", new { location = new { lat = 100, lng = 0 } })).ShouldBeAsync(HttpStatusCode.BadRequest);
        await (await stranger.PatchAsJsonAsync($"/api/restaurants/{id}", new { description = "mine now" })).ShouldBeAsync(HttpStatusCode.Forbidden);
        await (await client.SendAsync(new HttpRequestMessage(HttpMethod.Patch, $"/api/restaurants/{id}")
        {
            Content = JsonContent.Create(new { description = "stale" }),
            Headers = { { "If-Match", "\"1\"" } },
        })).ShouldBeAsync(HttpStatusCode.PreconditionFailed);

        (await factory.OutboxCountAsync()).ShouldBe(before);
        // The count sees a change that is accepted, so the equality above is not one of two empty outboxes.
        await (await client.PatchAsJsonAsync($"/api/restaurants/{id}", new { description = "accepted" })).ShouldBeAsync(HttpStatusCode.OK);
        (await factory.OutboxCountAsync()).ShouldBe(before + 1);
    }

    [Fact]
    public async Task The_relay_publishes_what_was_committed()
    {
        var id = await factory.CreateRestaurantAsync(_owner);

        await RestaurantsFactory.EventuallyAsync(async () => await factory.CountAsync(
            "SELECT count(*) FROM messaging_outbox WHERE strpos(payload::text, @id) > 0 AND sent_at IS NULL", new { id = id.ToString() }) == 0,
            "the relay to publish the restaurant's events");
    }
}

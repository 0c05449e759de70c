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

    /// <summary>Ordering prices and checks order lines from these facts alone, so the event carries what an order needs.</summary>
    [Fact]
    public async Task Menu_item_events_carry_what_ordering_needs_and_dayparts_are_announced()
    {
        var id = await factory.CreateRestaurantAsync(_owner);
        using var client = factory.ClientFor(_owner);
        await (await client.PutAsJsonAsync($"/api/restaurants/{id}/menu/dayparts", new { dayparts = new[] { new { name = "lunch", start = "11:30", end = "15:00" } } }))
            .ShouldBeAsync(HttpStatusCode.OK);
        var dayparts = (await factory.EventsAboutAsync(id)).Single(e => e.Type == "restaurants.menu_dayparts.changed").Payload;
        dayparts.GetProperty("dayparts")[0].GetProperty("name").GetString().ShouldBe("lunch");
        dayparts.GetProperty("dayparts")[0].GetProperty("start").GetString().ShouldBe("11:30");
        dayparts.GetProperty("dayparts")[0].GetProperty("end").GetString().ShouldBe("15:00");

        var item = await factory.CreateItemAsync(id, _owner, new
        {
            name = "짜장면",
            price = new { amount = 8000 },
            category = "면",
            description = "춘장 소스",
            dayparts = new[] { "lunch" },
            modifierGroups = new[]
            {
                new { name = "양", required = true, options = new object[] { new { name = "보통" }, new { name = "곱빼기", priceDelta = new { amount = 1000 } } } },
            },
        });
        var group = item.GetProperty("modifierGroups")[0];

        var changed = (await factory.EventsAboutAsync(item.GetProperty("id").GetGuid())).Single().Payload;
        changed.GetProperty("description").GetString().ShouldBe("춘장 소스");
        changed.GetProperty("dayparts")[0].GetString().ShouldBe("lunch");
        var carried = changed.GetProperty("modifierGroups")[0];
        carried.GetProperty("groupId").GetGuid().ShouldBe(group.GetProperty("id").GetGuid());
        carried.GetProperty("required").GetBoolean().ShouldBeTrue();
        carried.GetProperty("minChoices").GetInt32().ShouldBe(1);
        carried.GetProperty("maxChoices").GetInt32().ShouldBe(1);
        carried.GetProperty("options")[1].GetProperty("optionId").GetGuid().ShouldBe(group.GetProperty("options")[1].GetProperty("id").GetGuid());
        carried.GetProperty("options")[1].GetProperty("name").GetString().ShouldBe("곱빼기");
        carried.GetProperty("options")[1].GetProperty("priceDelta").GetInt64().ShouldBe(1000);

        // A daypart still used by an item cannot go: the refused change announces nothing.
        await (await client.PutAsJsonAsync($"/api/restaurants/{id}/menu/dayparts", new { dayparts = Array.Empty<object>() })).ShouldBeAsync(HttpStatusCode.Conflict);
        (await factory.EventsAboutAsync(id)).Count(e => e.Type == "restaurants.menu_dayparts.changed").ShouldBe(1);
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

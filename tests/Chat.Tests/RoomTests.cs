using System.Net;
using System.Net.Http.Json;
using System.Text;
using Brigade.Contracts.Restaurants;

namespace Brigade.Chat.Tests;

public sealed class RoomTests(ChatFactory factory) : IClassFixture<ChatFactory>
{
    [Fact]
    public async Task A_restaurants_people_open_a_room_and_only_its_members_see_it()
    {
        var (restaurant, people) = await factory.StaffAsync("owner", "staff", "staff");
        var (owner, cook, dishwasher) = (people[0], people[1], people[2]);
        var room = await factory.RoomAsync(restaurant, owner, cook);

        using var asCook = factory.ClientFor(cook);
        var detail = await (await asCook.GetAsync($"/api/chat/rooms/{room}")).ShouldBeAsync(HttpStatusCode.OK);
        detail.GetProperty("room").GetProperty("kind").GetString().ShouldBe("staff");
        detail.GetProperty("members").EnumerateArray().Select(m => m.GetProperty("userId").GetGuid()).ShouldBe([owner.Id, cook.Id], ignoreOrder: true);
        var list = await (await asCook.GetAsync("/api/chat/rooms")).ShouldBeAsync(HttpStatusCode.OK);
        list.Items().ShouldHaveSingleItem().GetProperty("id").GetGuid().ShouldBe(room);

        // A colleague who is not in the room, and someone from elsewhere, find no such room anywhere.
        foreach (var outsider in new[] { dishwasher, Actor.Worker("stranger") })
        {
            using var client = factory.ClientFor(outsider);
            (await client.GetAsync($"/api/chat/rooms/{room}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
            (await client.GetAsync($"/api/chat/rooms/{room}/messages")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
            (await client.PostAsJsonAsync($"/api/chat/rooms/{room}/messages", new { text = "let me in" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
            (await client.PostAsJsonAsync($"/api/chat/rooms/{room}/read", new { seq = 1 })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
            (await client.PutAsJsonAsync($"/api/chat/rooms/{room}/mute", new { muted = true })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
            (await client.PostAsync($"/api/chat/rooms/{room}/leave", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
            (await (await client.GetAsync("/api/chat/rooms")).ShouldBeAsync(HttpStatusCode.OK)).Items().ShouldBeEmpty();
        }

        (await factory.CountAsync("SELECT count(*) FROM messages WHERE room_id = @room AND kind <> 'system'", new { room })).ShouldBe(0);
    }

    [Fact]
    public async Task Nobody_opens_a_room_for_a_restaurant_they_do_not_work_at_or_with_people_who_do_not()
    {
        var (restaurant, people) = await factory.StaffAsync("manager", "staff");
        var (other, elsewhere) = await factory.StaffAsync("owner");

        using var outsider = factory.ClientFor(elsewhere[0]);
        (await outsider.PostAsJsonAsync("/api/chat/rooms", new { restaurantId = restaurant, title = "hi", memberIds = new[] { people[1].Id } }))
            .StatusCode.ShouldBe(HttpStatusCode.NotFound);

        using var manager = factory.ClientFor(people[0]);
        await (await manager.PostAsJsonAsync("/api/chat/rooms", new { restaurantId = restaurant, title = "hi", memberIds = new[] { elsewhere[0].Id } }))
            .ShouldBeInvalidAsync("memberIds");
        (await factory.CountAsync("SELECT count(*) FROM rooms WHERE restaurant_id IN (@restaurant, @other)", new { restaurant, other })).ShouldBe(0);
    }

    [Theory]
    [InlineData("{\"title\":\"x\",\"memberIds\":[]}", "restaurantId")]
    [InlineData("{\"restaurantId\":\"RID\",\"memberIds\":[\"MID\"]}", "title")]
    [InlineData("{\"restaurantId\":\"RID\",\"title\":\"x\"}", "memberIds")]
    [InlineData("{\"restaurantId\":\"RID\",\"title\":\"x\",\"memberIds\":[\"00000000-0000-0000-0000-000000000000\"]}", "memberIds")]
    [InlineData("{\"restaurantId\":\"RID\",\"title\":\"LONG\",\"memberIds\":[\"MID\"]}", "title")]
    [InlineData("{\"restaurantId\":\"RID\",\"title\":\"x\",\"memberIds\":\"MID\"}", "memberIds")]
    [InlineData("{\"restaurantId\":12,\"title\":\"x\",\"memberIds\":[\"MID\"]}", "restaurantId")]
    public async Task A_bad_room_is_refused_precisely_and_nothing_is_written(string json, string field)
    {
        var (restaurant, people) = await factory.StaffAsync("owner", "staff");
        using var owner = factory.ClientFor(people[0]);
        var body = json.Replace("RID", restaurant.ToString()).Replace("MID", people[1].Id.ToString()).Replace("LONG", new string('x', 101));
        var response = await owner.PostAsync("/api/chat/rooms", new StringContent(body, Encoding.UTF8, "application/json"));
        await response.ShouldBeInvalidAsync(field);
        (await factory.CountAsync("SELECT count(*) FROM rooms WHERE restaurant_id = @restaurant", new { restaurant })).ShouldBe(0);
    }

    [Fact]
    public async Task Malformed_json_is_a_400()
    {
        using var client = factory.ClientFor(Actor.Worker());
        var response = await client.PostAsync("/api/chat/rooms", new StringContent("{\"title\":", Encoding.UTF8, "application/json"));
        await response.ShouldBeAsync(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        (await client.GetAsync("/api/chat/rooms?limit=0")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await client.GetAsync("/api/chat/rooms?cursor=forged")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_member_who_leaves_or_leaves_the_restaurant_loses_the_room()
    {
        var (restaurant, people) = await factory.StaffAsync("owner", "staff", "staff");
        var room = await factory.RoomAsync(restaurant, people[0], people[1], people[2]);

        using var leaver = factory.ClientFor(people[1]);
        (await leaver.PostAsync($"/api/chat/rooms/{room}/leave", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await leaver.GetAsync($"/api/chat/rooms/{room}/messages")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        await factory.PublishAsync(new MemberRemoved(restaurant, people[2].Id, "staff", DateTimeOffset.UtcNow));
        using var removed = factory.ClientFor(people[2]);
        await ChatFactory.EventuallyAsync(async () => (await removed.GetAsync($"/api/chat/rooms/{room}")).StatusCode == HttpStatusCode.NotFound,
            "the removed member to lose the room");

        using var owner = factory.ClientFor(people[0]);
        var detail = await (await owner.GetAsync($"/api/chat/rooms/{room}")).ShouldBeAsync(HttpStatusCode.OK);
        detail.GetProperty("members").EnumerateArray().Select(m => m.GetProperty("userId").GetGuid()).ShouldBe([people[0].Id]);
        var history = await (await owner.GetAsync($"/api/chat/rooms/{room}/messages")).ShouldBeAsync(HttpStatusCode.OK);
        history.Items().ShouldContain(m => m.GetProperty("kind").GetString() == "system" && m.GetProperty("textEn").GetString()!.Contains("left"));
    }
}

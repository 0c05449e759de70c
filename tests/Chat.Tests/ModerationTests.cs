using System.Net;
using System.Net.Http.Json;

namespace Brigade.Chat.Tests;

public sealed class ModerationTests(ChatFactory factory) : IClassFixture<ChatFactory>
{
    [Fact]
    public async Task A_reported_message_is_hidden_by_an_administrator_for_everyone()
    {
        var (restaurant, people) = await factory.StaffAsync("owner", "staff");
        var room = await factory.RoomAsync(restaurant, people[0], people[1]);
        using var owner = factory.ClientFor(people[0]);
        using var cook = factory.ClientFor(people[1]);
        var rude = await ChatFactory.SendAsync(owner, room, "something rude");
        var id = rude.GetProperty("id").GetGuid();

        using var stranger = factory.ClientFor(Actor.Worker());
        (await stranger.PostAsJsonAsync($"/api/chat/rooms/{room}/messages/{id}/report", new { reason = "spam" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        await (await cook.PostAsJsonAsync($"/api/chat/rooms/{room}/messages/{id}/report", new { })).ShouldBeInvalidAsync("reason");
        (await cook.PostAsJsonAsync($"/api/chat/rooms/{room}/messages/{id}/report", new { reason = "rude" })).StatusCode.ShouldBe(HttpStatusCode.Accepted);

        (await cook.GetAsync("/api/chat/reports")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await cook.PostAsync($"/api/chat/messages/{id}/hide", null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        using var admin = factory.ClientFor(Actor.Admin());
        var reports = await (await admin.GetAsync("/api/chat/reports?limit=100")).ShouldBeAsync(HttpStatusCode.OK);
        reports.EnumerateArray().ShouldContain(r => r.GetProperty("messageId").GetGuid() == id && r.GetProperty("text").GetString() == "something rude");
        var hidden = await (await admin.PostAsync($"/api/chat/messages/{id}/hide", null)).ShouldBeAsync(HttpStatusCode.OK);
        hidden.GetProperty("hidden").GetBoolean().ShouldBeTrue();
        (await admin.PostAsync($"/api/chat/messages/{Guid.CreateVersion7()}/hide", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var history = await (await cook.GetAsync($"/api/chat/rooms/{room}/messages")).ShouldBeAsync(HttpStatusCode.OK);
        var shown = history.Items().Single(m => m.GetProperty("id").GetGuid() == id);
        shown.GetProperty("hidden").GetBoolean().ShouldBeTrue();
        shown.GetProperty("text").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
        (await (await admin.GetAsync("/api/chat/reports?limit=100")).ShouldBeAsync(HttpStatusCode.OK)).EnumerateArray()
            .ShouldNotContain(r => r.GetProperty("messageId").GetGuid() == id);
    }
}

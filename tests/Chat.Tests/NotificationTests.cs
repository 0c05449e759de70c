using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Brigade.Chat.Tests;

/// <summary>Members who are away hear about a message through notifications (one request per unread streak).</summary>
public sealed class NotificationTests(ChatFactory factory) : IClassFixture<ChatFactory>
{
    private async Task<IReadOnlyList<Guid>> NotifiedAboutAsync(JsonElement message) =>
        (await factory.EventsAboutAsync(message.GetProperty("id").GetGuid()))
        .Where(e => e.Type == "notifications.notification.requested")
        .SelectMany(e => e.Payload.GetProperty("audience").GetProperty("userIds").EnumerateArray().Select(u => u.GetGuid()))
        .ToList();

    [Fact]
    public async Task An_away_member_is_notified_once_until_they_read_a_connected_or_muted_one_not_at_all()
    {
        var (restaurant, people) = await factory.StaffAsync("owner", "staff", "staff", "staff");
        var (owner, away, connected, muted) = (people[0], people[1], people[2], people[3]);
        var room = await factory.RoomAsync(restaurant, owner, away, connected, muted);
        using var asMuted = factory.ClientFor(muted);
        (await asMuted.PutAsJsonAsync($"/api/chat/rooms/{room}/mute", new { muted = true })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await using var live = await HubClient.ConnectAsync(factory.Server, connected.Token);
        using var asOwner = factory.ClientFor(owner);

        var first = await ChatFactory.SendAsync(asOwner, room, "service starts at five");
        (await NotifiedAboutAsync(first)).ShouldBe([away.Id]);
        var request = (await factory.EventsAboutAsync(first.GetProperty("id").GetGuid())).Single(e => e.Type == "notifications.notification.requested").Payload;
        request.GetProperty("type").GetString().ShouldBe("chat.message");
        request.GetProperty("link").GetString().ShouldBe($"/chat/{room}");
        request.GetProperty("body").GetString().ShouldBe("service starts at five");
        request.GetProperty("urgent").GetBoolean().ShouldBeFalse(); // quiet hours apply

        var second = await ChatFactory.SendAsync(asOwner, room, "bring the aprons");
        (await NotifiedAboutAsync(second)).ShouldBeEmpty("one notification per unread streak");

        using var asAway = factory.ClientFor(away);
        await (await asAway.PostAsJsonAsync($"/api/chat/rooms/{room}/read", new { seq = second.Seq() })).ShouldBeAsync(HttpStatusCode.OK);
        var third = await ChatFactory.SendAsync(asOwner, room, "and the knives");
        (await NotifiedAboutAsync(third)).ShouldBe([away.Id]);

        await (await asMuted.PutAsJsonAsync($"/api/chat/rooms/{room}/mute", new { muted = false })).ShouldBeAsync(HttpStatusCode.NoContent);
        var fourth = await ChatFactory.SendAsync(asOwner, room, "unmuted now");
        (await NotifiedAboutAsync(fourth)).ShouldBe([muted.Id]);
    }
}

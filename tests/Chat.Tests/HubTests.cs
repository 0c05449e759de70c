using Microsoft.AspNetCore.SignalR.Client;
using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR;

namespace Brigade.Chat.Tests;

public sealed class HubTests(ChatFactory factory) : IClassFixture<ChatFactory>
{
    [Fact]
    public async Task An_unauthenticated_connection_is_refused()
    {
        _ = factory.Server;
        (await Should.ThrowAsync<Exception>(() => HubClient.ConnectAsync(factory.Server, null))).Message.ShouldContain("401");
        (await Should.ThrowAsync<Exception>(() => HubClient.ConnectAsync(factory.Server, "not.a.token"))).Message.ShouldContain("401");
    }

    [Fact]
    public async Task A_message_sent_on_the_hub_is_acknowledged_once_stored_and_reaches_every_connection_of_the_members()
    {
        var (restaurant, people) = await factory.StaffAsync("owner", "staff", "staff");
        var (owner, cook, outsider) = (people[0], people[1], people[2]);
        var room = await factory.RoomAsync(restaurant, owner, cook);
        await using var sender = await HubClient.ConnectAsync(factory.Server, owner.Token);
        await using var phone = await HubClient.ConnectAsync(factory.Server, cook.Token);
        await using var laptop = await HubClient.ConnectAsync(factory.Server, cook.Token);
        await using var stranger = await HubClient.ConnectAsync(factory.Server, outsider.Token);

        var ack = await sender.SendAsync(room, "88 covers tonight", "h-1");
        (await factory.CountAsync("SELECT count(*) FROM messages WHERE id = @id", new { id = ack.GetProperty("id").GetGuid() })).ShouldBe(1, "stored before acknowledged");
        foreach (var connection in new[] { phone, laptop, sender })
        {
            var received = await connection.NextAsync("message");
            received.GetProperty("id").GetGuid().ShouldBe(ack.GetProperty("id").GetGuid());
            received.Text().ShouldBe("88 covers tonight");
            received.GetProperty("roomId").GetGuid().ShouldBe(room);
        }

        (await sender.SendAsync(room, "88 covers tonight", "h-1")).GetProperty("id").GetGuid().ShouldBe(ack.GetProperty("id").GetGuid());

        // The outsider's next message is one of their own room: nothing of this room reached them before it.
        var own = await factory.RoomAsync(restaurant, outsider, owner);
        (await stranger.NextAsync("message")).GetProperty("roomId").GetGuid().ShouldBe(own);
    }

    [Fact]
    public async Task The_seeds_socket_path_is_the_same_hub_for_clients_sending_the_token_in_a_header()
    {
        var (restaurant, people) = await factory.StaffAsync("owner", "staff");
        var room = await factory.RoomAsync(restaurant, people[0], people[1]);
        await using var native = await HubClient.ConnectToSeedPathAsync(factory.Server, people[1].Token);
        await using var browser = await HubClient.ConnectAsync(factory.Server, people[0].Token);

        var sent = await native.SendAsync(room, "from the native app");
        (await browser.NextAsync("message")).GetProperty("id").GetGuid().ShouldBe(sent.GetProperty("id").GetGuid());
        (await Should.ThrowAsync<Exception>(() => HubClient.ConnectToSeedPathAsync(factory.Server, "not.a.token"))).Message.ShouldContain("401");
    }

    [Fact]
    public async Task Typing_and_read_receipts_reach_the_other_members_live()
    {
        var (restaurant, people) = await factory.StaffAsync("owner", "staff");
        var room = await factory.RoomAsync(restaurant, people[0], people[1]);
        await using var owner = await HubClient.ConnectAsync(factory.Server, people[0].Token);
        await using var cook = await HubClient.ConnectAsync(factory.Server, people[1].Token);

        await owner.Connection.InvokeAsync("typing", room);
        var typing = await cook.NextAsync("typing");
        typing.GetProperty("roomId").GetGuid().ShouldBe(room);
        typing.GetProperty("userId").GetGuid().ShouldBe(people[0].Id);

        var message = await owner.SendAsync(room, "ready?");
        (await cook.Connection.InvokeAsync<long>("read", room, message.Seq())).ShouldBe(message.Seq());
        var read = await owner.NextAsync("read");
        read.GetProperty("userId").GetGuid().ShouldBe(people[1].Id);
        read.GetProperty("lastReadSeq").GetInt64().ShouldBe(message.Seq());

        // The sender's own typing came back to nobody of theirs: their next typing event is the cook's.
        await cook.Connection.InvokeAsync("typing", room);
        (await owner.NextAsync("typing")).GetProperty("userId").GetGuid().ShouldBe(people[1].Id);
    }

    [Fact]
    public async Task A_non_member_can_neither_send_nor_type_nor_read_on_the_hub()
    {
        var (restaurant, people) = await factory.StaffAsync("owner", "staff");
        var room = await factory.RoomAsync(restaurant, people[0], people[1]);
        await using var stranger = await HubClient.ConnectAsync(factory.Server, Actor.Worker().Token);

        (await Should.ThrowAsync<HubException>(() => stranger.SendAsync(room, "hello"))).Message.ShouldContain("not_found");
        (await Should.ThrowAsync<HubException>(() => stranger.Connection.InvokeAsync("typing", room))).Message.ShouldContain("not_found");
        (await Should.ThrowAsync<HubException>(() => stranger.Connection.InvokeAsync<long>("read", room, 1L))).Message.ShouldContain("not_found");
        (await Should.ThrowAsync<HubException>(() => stranger.SendAsync(room, ""))).Message.ShouldContain("invalid");
        (await factory.CountAsync("SELECT count(*) FROM messages WHERE room_id = @room AND kind <> 'system'", new { room })).ShouldBe(0);
    }

    [Fact]
    public async Task Edits_and_deletions_reach_members_live()
    {
        var (restaurant, people) = await factory.StaffAsync("owner", "staff");
        var room = await factory.RoomAsync(restaurant, people[0], people[1]);
        await using var cook = await HubClient.ConnectAsync(factory.Server, people[1].Token);
        using var owner = factory.ClientFor(people[0]);
        var message = await ChatFactory.SendAsync(owner, room, "typo");
        var id = message.GetProperty("id").GetGuid();

        await (await owner.PatchAsJsonAsync($"/api/chat/rooms/{room}/messages/{id}", new { text = "fixed" })).ShouldBeAsync(HttpStatusCode.OK);
        (await cook.NextAsync("messageChanged")).Text().ShouldBe("fixed");
        await (await owner.DeleteAsync($"/api/chat/rooms/{room}/messages/{id}")).ShouldBeAsync(HttpStatusCode.OK);
        (await cook.NextAsync("messageChanged")).GetProperty("deleted").GetBoolean().ShouldBeTrue();
    }
}

using System.Net;
using System.Net.Http.Json;
using Dapper;

namespace Brigade.Chat.Tests;

public sealed class MessageTests(ChatFactory factory) : IClassFixture<ChatFactory>
{
    [Fact]
    public async Task History_comes_newest_first_in_keyset_pages_with_every_message_once()
    {
        var (restaurant, people) = await factory.StaffAsync("owner", "staff");
        var room = await factory.RoomAsync(restaurant, people[0], people[1]);
        using var owner = factory.ClientFor(people[0]);
        for (var i = 1; i <= 12; i++)
        {
            await ChatFactory.SendAsync(owner, room, $"m{i}");
        }

        var seen = new List<long>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await (await owner.GetAsync($"/api/chat/rooms/{room}/messages?limit=5" + (cursor is null ? "" : "&cursor=" + cursor)))
                .ShouldBeAsync(HttpStatusCode.OK);
            seen.AddRange(page.Items().Select(m => m.Seq()));
            cursor = page.GetProperty("nextCursor").GetString();
            pages++;
        }
        while (cursor is not null);

        pages.ShouldBe(3);
        seen.ShouldBe(Enumerable.Range(1, 13).Select(i => (long)i).Reverse()); // 12 messages after the opening system message

        var caughtUp = await (await owner.GetAsync($"/api/chat/rooms/{room}/messages?after=10")).ShouldBeAsync(HttpStatusCode.OK);
        caughtUp.Items().Select(m => m.Text()).ShouldBe(["m10", "m11", "m12"]);
        (await owner.GetAsync($"/api/chat/rooms/{room}/messages?after=-1")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Concurrent_senders_get_one_gapless_order()
    {
        var (restaurant, people) = await factory.StaffAsync("owner", "staff", "staff", "staff");
        var room = await factory.RoomAsync(restaurant, people[0], people[1..]);
        var clients = people.Select(factory.ClientFor).ToList();
        var sent = await Task.WhenAll(Enumerable.Range(0, 24).Select(i => ChatFactory.SendAsync(clients[i % clients.Count], room, $"c{i}")));

        sent.Select(m => m.Seq()).Order().ShouldBe(Enumerable.Range(2, 24).Select(i => (long)i));
        (await factory.CountAsync("SELECT count(DISTINCT seq) FROM messages WHERE room_id = @room", new { room })).ShouldBe(25);
        clients.ForEach(c => c.Dispose());
    }

    [Fact]
    public async Task Sending_again_with_the_same_client_message_id_returns_the_stored_message_even_concurrently()
    {
        var (restaurant, people) = await factory.StaffAsync("owner", "staff");
        var room = await factory.RoomAsync(restaurant, people[0], people[1]);
        using var owner = factory.ClientFor(people[0]);

        var first = await ChatFactory.SendAsync(owner, room, "once", "c-1");
        var again = await ChatFactory.SendAsync(owner, room, "once", "c-1", HttpStatusCode.OK);
        again.GetProperty("id").GetGuid().ShouldBe(first.GetProperty("id").GetGuid());

        var racing = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => owner.PostAsJsonAsync($"/api/chat/rooms/{room}/messages", new { clientMessageId = "c-2", text = "race" })));
        racing.Count(r => r.StatusCode == HttpStatusCode.Created).ShouldBe(1);
        racing.Count(r => r.StatusCode == HttpStatusCode.OK).ShouldBe(7);

        // Another sender's same id is their own message.
        using var cook = factory.ClientFor(people[1]);
        await ChatFactory.SendAsync(cook, room, "mine", "c-1");
        (await factory.CountAsync("SELECT count(*) FROM messages WHERE room_id = @room AND kind = 'text'", new { room })).ShouldBe(3);
        (await factory.CountAsync("SELECT count(*) FROM messaging_outbox WHERE type = 'chat.message.posted' AND strpos(payload::text, @room) > 0",
            new { room = room.ToString() })).ShouldBe(4); // the opening system message and three texts
    }

    [Fact]
    public async Task Every_stored_message_is_published_with_its_members()
    {
        var (restaurant, people) = await factory.StaffAsync("owner", "staff");
        var room = await factory.RoomAsync(restaurant, people[0], people[1]);
        using var owner = factory.ClientFor(people[0]);
        var message = await ChatFactory.SendAsync(owner, room, "published");

        var posted = (await factory.EventsAboutAsync(message.GetProperty("id").GetGuid())).Single(e => e.Type == "chat.message.posted").Payload;
        posted.GetProperty("roomId").GetGuid().ShouldBe(room);
        posted.GetProperty("senderId").GetGuid().ShouldBe(people[0].Id);
        posted.GetProperty("kind").GetString().ShouldBe("text");
        posted.GetProperty("preview").GetString().ShouldBe("published");
        posted.GetProperty("memberIds").EnumerateArray().Select(m => m.GetGuid()).ShouldBe([people[0].Id, people[1].Id], ignoreOrder: true);
    }

    [Fact]
    public async Task Unread_counts_follow_the_read_receipt_which_never_moves_back()
    {
        var (restaurant, people) = await factory.StaffAsync("owner", "staff");
        var room = await factory.RoomAsync(restaurant, people[0], people[1]);
        using var owner = factory.ClientFor(people[0]);
        using var cook = factory.ClientFor(people[1]);
        await (await cook.PostAsJsonAsync($"/api/chat/rooms/{room}/read", new { seq = 1 })).ShouldBeAsync(HttpStatusCode.OK);
        for (var i = 0; i < 3; i++)
        {
            await ChatFactory.SendAsync(owner, room, $"u{i}");
        }

        await ChatFactory.SendAsync(cook, room, "my own does not count"); // and reading up to it is implied
        await ChatFactory.SendAsync(owner, room, "u3");
        var unread = await (await cook.GetAsync("/api/chat/unread")).ShouldBeAsync(HttpStatusCode.OK);
        unread.GetProperty("unread").GetInt64().ShouldBe(1);
        (await (await owner.GetAsync("/api/chat/unread")).ShouldBeAsync(HttpStatusCode.OK)).GetProperty("unread").GetInt64().ShouldBe(0);

        var read = await (await cook.PostAsJsonAsync($"/api/chat/rooms/{room}/read", new { seq = 999 })).ShouldBeAsync(HttpStatusCode.OK);
        read.GetProperty("lastReadSeq").GetInt64().ShouldBe(6);
        (await (await cook.PostAsJsonAsync($"/api/chat/rooms/{room}/read", new { seq = 2 })).ShouldBeAsync(HttpStatusCode.OK))
            .GetProperty("lastReadSeq").GetInt64().ShouldBe(6);
        (await (await cook.GetAsync("/api/chat/rooms")).ShouldBeAsync(HttpStatusCode.OK)).Items().Single().GetProperty("unread").GetInt64().ShouldBe(0);
        await (await cook.PostAsJsonAsync($"/api/chat/rooms/{room}/read", new { seq = -1 })).ShouldBeInvalidAsync("seq");
        await (await cook.PostAsJsonAsync($"/api/chat/rooms/{room}/read", new { })).ShouldBeInvalidAsync("seq");
    }

    [Fact]
    public async Task Only_the_sender_edits_or_deletes_and_only_within_the_window()
    {
        var (restaurant, people) = await factory.StaffAsync("owner", "staff");
        var room = await factory.RoomAsync(restaurant, people[0], people[1]);
        using var owner = factory.ClientFor(people[0]);
        using var cook = factory.ClientFor(people[1]);
        var message = await ChatFactory.SendAsync(owner, room, "typo");
        var id = message.GetProperty("id").GetGuid();

        (await cook.PatchAsJsonAsync($"/api/chat/rooms/{room}/messages/{id}", new { text = "hijack" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await cook.DeleteAsync($"/api/chat/rooms/{room}/messages/{id}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var edited = await (await owner.PatchAsJsonAsync($"/api/chat/rooms/{room}/messages/{id}", new { text = "fixed" })).ShouldBeAsync(HttpStatusCode.OK);
        edited.Text().ShouldBe("fixed");
        edited.GetProperty("editedAt").ValueKind.ShouldNotBe(System.Text.Json.JsonValueKind.Null);
        await (await owner.PatchAsJsonAsync($"/api/chat/rooms/{room}/messages/{id}", new { text = "" })).ShouldBeInvalidAsync("text");

        // Sent long ago: the window has passed.
        var old = await ChatFactory.SendAsync(owner, room, "old");
        var oldId = old.GetProperty("id").GetGuid();
        await using (var connection = await factory.Db.OpenConnectionAsync())
        {
            await connection.ExecuteAsync("UPDATE messages SET created_at = now() - interval '1 hour' WHERE id = @oldId", new { oldId });
        }

        var late = await owner.PatchAsJsonAsync($"/api/chat/rooms/{room}/messages/{oldId}", new { text = "too late" });
        (await late.ShouldBeAsync(HttpStatusCode.Conflict)).GetProperty("code").GetString().ShouldBe("edit_window_passed");
        (await owner.DeleteAsync($"/api/chat/rooms/{room}/messages/{oldId}")).StatusCode.ShouldBe(HttpStatusCode.Conflict);

        var deleted = await (await owner.DeleteAsync($"/api/chat/rooms/{room}/messages/{id}")).ShouldBeAsync(HttpStatusCode.OK);
        deleted.GetProperty("deleted").GetBoolean().ShouldBeTrue();
        deleted.GetProperty("text").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
        (await owner.PatchAsJsonAsync($"/api/chat/rooms/{room}/messages/{id}", new { text = "back" })).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await owner.PatchAsJsonAsync($"/api/chat/rooms/{room}/messages/{Guid.CreateVersion7()}", new { text = "x" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await factory.CountAsync("SELECT count(*) FROM messages WHERE id = @oldId AND body = 'old' AND edited_at IS NULL", new { oldId })).ShouldBe(1);
    }

    [Fact]
    public async Task Bad_messages_are_refused_precisely_and_nothing_is_stored()
    {
        var (restaurant, people) = await factory.StaffAsync("owner", "staff");
        var room = await factory.RoomAsync(restaurant, people[0], people[1]);
        using var owner = factory.ClientFor(people[0]);
        await (await owner.PostAsJsonAsync($"/api/chat/rooms/{room}/messages", new { })).ShouldBeInvalidAsync("text");
        await (await owner.PostAsJsonAsync($"/api/chat/rooms/{room}/messages", new { text = "   " })).ShouldBeInvalidAsync("text");
        await (await owner.PostAsJsonAsync($"/api/chat/rooms/{room}/messages", new { text = new string('x', 4001) })).ShouldBeInvalidAsync("text");
        await (await owner.PostAsJsonAsync($"/api/chat/rooms/{room}/messages", new { imageUrl = "javascript:alert(1)" })).ShouldBeInvalidAsync("imageUrl");
        await (await owner.PostAsJsonAsync($"/api/chat/rooms/{room}/messages", new { text = "x", clientMessageId = new string('c', 65) })).ShouldBeInvalidAsync("clientMessageId");
        await (await owner.PostAsync($"/api/chat/rooms/{room}/messages", new StringContent("{\"text\":5}", System.Text.Encoding.UTF8, "application/json")))
            .ShouldBeAsync(HttpStatusCode.BadRequest);
        (await factory.CountAsync("SELECT count(*) FROM messages WHERE room_id = @room AND kind <> 'system'", new { room })).ShouldBe(0);

        var image = await (await owner.PostAsJsonAsync($"/api/chat/rooms/{room}/messages", new { imageUrl = "https://img.test/a.jpg" })).ShouldBeAsync(HttpStatusCode.Created);
        image.GetProperty("kind").GetString().ShouldBe("image");
    }

    [Fact]
    public async Task A_person_sending_too_fast_is_slowed_down()
    {
        var (restaurant, people) = await factory.StaffAsync("owner", "staff");
        var room = await factory.RoomAsync(restaurant, people[0], people[1]);
        using var owner = factory.ClientFor(people[0]);
        for (var i = 0; i < ChatFactory.SendsPerMinute; i++)
        {
            await ChatFactory.SendAsync(owner, room, $"r{i}");
        }

        var limited = await owner.PostAsJsonAsync($"/api/chat/rooms/{room}/messages", new { text = "one more" });
        limited.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        limited.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");

        // The limit is per person: the cook still writes.
        using var cook = factory.ClientFor(people[1]);
        await ChatFactory.SendAsync(cook, room, "still here");
    }
}

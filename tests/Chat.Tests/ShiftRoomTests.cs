using System.Net;
using System.Net.Http.Json;
using Brigade.Contracts.Jobs;

namespace Brigade.Chat.Tests;

public sealed class ShiftRoomTests(ChatFactory factory) : IClassFixture<ChatFactory>
{
    [Fact]
    public async Task An_application_opens_a_masked_room_that_a_booking_unmasks_and_a_cancellation_masks_again()
    {
        var (restaurant, people) = await factory.StaffAsync("owner", "manager", "staff");
        var (owner, manager, host) = (people[0], people[1], people[2]);
        var worker = Actor.Worker();
        var application = Guid.CreateVersion7();
        var job = Guid.CreateVersion7();
        var start = DateTimeOffset.UtcNow.AddDays(3);

        await factory.PublishAsync(new ApplicationSubmitted(application, job, restaurant, worker.Id, "Dishwashing", start, DateTimeOffset.UtcNow));
        Guid? found = null;
        await ChatFactory.EventuallyAsync(async () => (found = await factory.ShiftRoomAsync(application)) is not null, "the application's room");
        var room = found!.Value;

        using var asWorker = factory.ClientFor(worker);
        using var asManager = factory.ClientFor(manager);
        var detail = await (await asWorker.GetAsync($"/api/chat/rooms/{room}")).ShouldBeAsync(HttpStatusCode.OK);
        detail.GetProperty("room").GetProperty("maskContacts").GetBoolean().ShouldBeTrue();
        detail.GetProperty("members").EnumerateArray().Select(m => m.GetProperty("userId").GetGuid())
            .ShouldBe([worker.Id, owner.Id, manager.Id], ignoreOrder: true); // owners and managers speak for the restaurant before a booking

        var masked = await ChatFactory.SendAsync(asWorker, room, "Call me at 010-1234-5678 or mail me@example.com, shift at 18:30");
        masked.Text().ShouldBe("Call me at *** or mail ***, shift at 18:30");
        (await factory.CountAsync("SELECT count(*) FROM messages WHERE body LIKE '%1234%'")).ShouldBe(0);
        var posted = (await factory.EventsAboutAsync(masked.GetProperty("id").GetGuid())).Single(e => e.Type == "chat.message.posted").Payload;
        posted.GetProperty("preview").GetString()!.ShouldNotContain("010");

        await factory.PublishAsync(new ApplicationAccepted(application, job, restaurant, worker.Id, [host.Id], "Dishwashing", start, start.AddHours(6), DateTimeOffset.UtcNow));
        using var asHost = factory.ClientFor(host);
        await ChatFactory.EventuallyAsync(async () => (await asHost.GetAsync($"/api/chat/rooms/{room}")).StatusCode == HttpStatusCode.OK, "the contact to join");
        (await factory.ShiftRoomAsync(application)).ShouldBe(room, "the booking continues the application's conversation");
        var open = await ChatFactory.SendAsync(asHost, room, "My number is 010-1234-5678");
        open.Text().ShouldBe("My number is 010-1234-5678");

        await factory.PublishAsync(new ShiftCancelled(application, job, restaurant, worker.Id, "worker", false, 0, "KRW", start, DateTimeOffset.UtcNow));
        await ChatFactory.EventuallyAsync(async () =>
            (await (await asWorker.GetAsync($"/api/chat/rooms/{room}")).ShouldBeAsync(HttpStatusCode.OK)).GetProperty("room").GetProperty("maskContacts").GetBoolean(),
            "the room to mask again");
        (await ChatFactory.SendAsync(asWorker, room, "text me: +82 10 9876 5432")).Text().ShouldBe("text me: ***");

        var history = await (await asManager.GetAsync($"/api/chat/rooms/{room}/messages?limit=100")).ShouldBeAsync(HttpStatusCode.OK);
        history.Items().Count(m => m.GetProperty("kind").GetString() == "system").ShouldBe(3);
    }

    [Fact]
    public async Task A_booking_without_an_application_room_opens_one_with_the_named_contacts()
    {
        var (restaurant, people) = await factory.StaffAsync("manager");
        var worker = Actor.Worker();
        var room = await factory.AcceptedShiftRoomAsync(restaurant, worker, people[0]);

        using var asWorker = factory.ClientFor(worker);
        var detail = await (await asWorker.GetAsync($"/api/chat/rooms/{room}")).ShouldBeAsync(HttpStatusCode.OK);
        detail.GetProperty("room").GetProperty("kind").GetString().ShouldBe("shift");
        detail.GetProperty("room").GetProperty("maskContacts").GetBoolean().ShouldBeFalse();
        detail.GetProperty("members").EnumerateArray().Select(m => (m.GetProperty("userId").GetGuid(), m.GetProperty("side").GetString()))
            .ShouldBe([(worker.Id, "worker"), (people[0].Id, "restaurant")], ignoreOrder: true);
        var list = await (await asWorker.GetAsync("/api/chat/rooms")).ShouldBeAsync(HttpStatusCode.OK);
        list.Items().Single().GetProperty("unread").GetInt64().ShouldBe(1); // the system message saying the shift is booked
    }
}

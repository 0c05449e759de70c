using System.Net;
using System.Net.Http.Json;
using Brigade.Contracts.Identity;
using Brigade.Contracts.Restaurants;
using Brigade.Testing;

namespace Brigade.Notifications.Tests;

public sealed class InboxTests(NotificationsFactory factory) : IClassFixture<NotificationsFactory>
{
    [Fact]
    public async Task A_person_sees_and_reads_only_their_own_notifications()
    {
        var alice = Actor.Diner("alice");
        var bob = Actor.Diner("bob");
        var sent = await factory.SendAsync(new { userId = alice.Id, title = "Alice only", body = "secret" });
        var id = sent.GetProperty("notificationIds")[0].GetGuid();

        (await factory.InboxAsync(alice)).Items().Select(i => i.GetProperty("id").GetGuid()).ShouldContain(id);
        (await factory.InboxAsync(bob)).Items().ShouldBeEmpty();

        using var bobClient = factory.ClientFor(bob);
        await (await bobClient.PutAsync($"/api/notifications/{id}/read", null)).ShouldBeAsync(HttpStatusCode.NotFound);
        (await factory.InboxAsync(alice)).Items().Single(i => i.GetProperty("id").GetGuid() == id)
            .GetProperty("readAt").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null, "bob's attempt must not mark alice's notification");

        using var aliceClient = factory.ClientFor(alice);
        var read = await (await aliceClient.PutAsync($"/api/notifications/{id}/read", null)).ShouldBeAsync(HttpStatusCode.OK);
        read.GetProperty("readAt").GetDateTimeOffset().ShouldBeGreaterThan(DateTimeOffset.UtcNow.AddMinutes(-1));
        (await factory.InboxAsync(alice, "?unread=true")).Items().ShouldBeEmpty();
    }

    [Fact]
    public async Task The_inbox_pages_newest_first_with_a_cursor()
    {
        var person = Actor.Diner("pager");
        for (var i = 1; i <= 3; i++)
        {
            await factory.SendAsync(new { userId = person.Id, title = $"n{i}", body = "b" });
        }

        var first = await factory.InboxAsync(person, "?limit=2");
        first.Items().Select(i => i.GetProperty("title").GetString()).ShouldBe(["n3", "n2"]);
        var cursor = first.GetProperty("nextCursor").GetString();
        cursor.ShouldNotBeNullOrEmpty();

        var second = await factory.InboxAsync(person, "?limit=2&cursor=" + Uri.EscapeDataString(cursor!));
        second.Items().Select(i => i.GetProperty("title").GetString()).ShouldBe(["n1"]);
        second.GetProperty("nextCursor").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);

        using var client = factory.ClientFor(person);
        await (await client.GetAsync("/api/notifications?cursor=not-a-cursor")).ShouldBeInvalidAsync("cursor");
    }

    [Fact]
    public async Task Only_admins_and_services_send()
    {
        var body = new { userId = Guid.CreateVersion7(), title = "t", body = "b" };
        using var anonymous = factory.ClientFor(null);
        await (await anonymous.PostAsJsonAsync("/api/notifications/send", body)).ShouldBeAsync(HttpStatusCode.Unauthorized);
        using var diner = factory.ClientFor(Actor.Diner());
        await (await diner.PostAsJsonAsync("/api/notifications/send", body)).ShouldBeAsync(HttpStatusCode.Forbidden);
        using var owner = factory.ClientFor(Actor.Person("owner", ["owner"]));
        await (await owner.PostAsJsonAsync("/api/notifications/send", body)).ShouldBeAsync(HttpStatusCode.Forbidden);

        using var service = factory.ServiceClient();
        (await factory.SendAsync(body, service)).GetProperty("recipients").GetInt32().ShouldBe(1);
    }

    [Fact]
    public async Task Send_refuses_bad_requests()
    {
        using var admin = factory.ClientFor(Actor.Admin());
        await (await admin.PostAsJsonAsync("/api/notifications/send", new { title = "t", body = "b" })).ShouldBeInvalidAsync("userId");
        await (await admin.PostAsJsonAsync("/api/notifications/send", new { userId = Guid.CreateVersion7(), role = "diner", title = "t", body = "b" })).ShouldBeInvalidAsync("userId");
        await (await admin.PostAsJsonAsync("/api/notifications/send", new { role = "emperor", title = "t", body = "b" })).ShouldBeInvalidAsync("role");
        await (await admin.PostAsJsonAsync("/api/notifications/send", new { userId = Guid.CreateVersion7(), title = "", body = new string('x', 5000) })).ShouldBeInvalidAsync("title", "body");
        await (await admin.PostAsJsonAsync("/api/notifications/send", new { userId = Guid.CreateVersion7(), title = "t", body = "b", type = "Bad Type" })).ShouldBeInvalidAsync("type");
        var malformed = new StringContent("{\"userId\": 12", System.Text.Encoding.UTF8, "application/json");
        await (await admin.PostAsync("/api/notifications/send", malformed)).ShouldBeAsync(HttpStatusCode.BadRequest);
        (await factory.CountAsync("SELECT count(*) FROM notifications WHERE title = 't'")).ShouldBe(0);
    }

    [Fact]
    public async Task Sending_to_a_restaurant_reaches_its_current_staff_only()
    {
        var restaurant = Guid.CreateVersion7();
        var manager = Actor.Person("manager", ["manager"]);
        var cook = Actor.Person("cook", ["staff"]);
        var leaver = Actor.Person("leaver", ["staff"]);
        var elsewhere = Actor.Person("elsewhere", ["staff"]);
        var now = DateTimeOffset.UtcNow;
        await factory.PublishAsync(new MemberAdded(restaurant, manager.Id, "manager", now));
        await factory.PublishAsync(new MemberAdded(restaurant, leaver.Id, "staff", now));
        await factory.PublishAsync(new MembershipChanged(cook.Id, restaurant, "staff", now));
        await factory.PublishAsync(new MemberAdded(Guid.CreateVersion7(), elsewhere.Id, "staff", now));
        await NotificationsFactory.EventuallyAsync(async () =>
            await factory.CountAsync("SELECT count(*) FROM restaurant_staff WHERE restaurant_id = @restaurant", new { restaurant }) == 3, "three members");
        await factory.PublishAsync(new MemberRemoved(restaurant, leaver.Id, "staff", now.AddSeconds(1)));
        await NotificationsFactory.EventuallyAsync(async () =>
            await factory.CountAsync("SELECT count(*) FROM restaurant_staff WHERE restaurant_id = @restaurant", new { restaurant }) == 2, "the leaver to be removed");

        var sent = await factory.SendAsync(new { restaurantId = restaurant, title = "새 예약", body = "4명, 19:00" });
        sent.GetProperty("recipients").GetInt32().ShouldBe(2);

        (await factory.InboxAsync(manager)).Items().ShouldHaveSingleItem().GetProperty("title").GetString().ShouldBe("새 예약");
        (await factory.InboxAsync(cook)).Items().ShouldHaveSingleItem();
        (await factory.InboxAsync(leaver)).Items().ShouldBeEmpty();
        (await factory.InboxAsync(elsewhere)).Items().ShouldBeEmpty();
    }

    [Fact]
    public async Task Sending_to_a_role_reaches_people_registered_with_it()
    {
        var role = "concierge";
        var concierge = Actor.Person("concierge", [role]);
        var diner = Actor.Diner("not-concierge");
        await factory.RegisterAsync(concierge, null, role);
        await factory.RegisterAsync(diner);

        var title = "Concierge update " + Guid.NewGuid().ToString("N")[..6];
        await factory.SendAsync(new { role, title, body = "b" });

        (await factory.InboxAsync(concierge)).Items().ShouldContain(i => i.GetProperty("title").GetString() == title);
        (await factory.InboxAsync(diner)).Items().ShouldNotContain(i => i.GetProperty("title").GetString() == title);
    }

    [Fact]
    public async Task The_inbox_needs_a_signed_in_person()
    {
        using var anonymous = factory.ClientFor(null);
        await (await anonymous.GetAsync("/api/notifications")).ShouldBeAsync(HttpStatusCode.Unauthorized);
        using var service = factory.ServiceClient();
        await (await service.GetAsync("/api/notifications")).ShouldBeAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_OpenAPI_document_lists_the_contract_paths()
    {
        using var anonymous = factory.ClientFor(null);
        var document = await (await anonymous.GetAsync("/openapi/v1.json")).ShouldBeAsync(HttpStatusCode.OK);
        var paths = document.GetProperty("paths");
        foreach (var path in new[] { "/api/notifications", "/api/notifications/{id}/read", "/api/notifications/send", "/api/notifications/preferences" })
        {
            paths.TryGetProperty(path, out _).ShouldBeTrue($"{path} should be documented");
        }
    }
}

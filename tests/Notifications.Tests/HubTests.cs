using Brigade.Notifications.Hubs;
using Brigade.Testing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;

namespace Brigade.Notifications.Tests;

public sealed class HubTests(NotificationsFactory factory) : IClassFixture<NotificationsFactory>
{
    [Fact]
    public async Task An_unauthenticated_connection_is_refused()
    {
        _ = factory.Server;
        var anonymous = await Should.ThrowAsync<Exception>(() => HubClient.ConnectAsync(factory.Server, null));
        anonymous.Message.ShouldContain("401");

        var expired = TestTokens.Create(Guid.CreateVersion7().ToString(), ["diner"], [], lifetime: TimeSpan.FromMinutes(5), issuedAt: DateTimeOffset.UtcNow.AddHours(-1));
        (await Should.ThrowAsync<Exception>(() => HubClient.ConnectAsync(factory.Server, expired))).Message.ShouldContain("401");

        (await Should.ThrowAsync<Exception>(() => HubClient.ConnectAsync(factory.Server, "not.a.token"))).Message.ShouldContain("401");
    }

    [Fact]
    public async Task Every_connection_of_the_person_receives_their_notification_and_nobody_else_does()
    {
        var person = Actor.Diner("live");
        var other = Actor.Diner("other");
        await using var phone = await HubClient.ConnectAsync(factory.Server, person.Token);
        await using var laptop = await HubClient.ConnectAsync(factory.Server, person.Token);
        await using var stranger = await HubClient.ConnectAsync(factory.Server, other.Token);

        var sent = await factory.SendAsync(new { userId = person.Id, title = "실시간", body = "live body" });
        var id = sent.GetProperty("notificationIds")[0].GetGuid();

        foreach (var connection in new[] { phone, laptop })
        {
            var item = await connection.NextAsync();
            item.GetProperty("id").GetGuid().ShouldBe(id);
            item.GetProperty("type").GetString().ShouldBe("announcement");
            item.GetProperty("title").GetString().ShouldBe("실시간");
            item.GetProperty("body").GetString().ShouldBe("live body");
            item.GetProperty("createdAt").GetDateTimeOffset().ShouldBeGreaterThan(DateTimeOffset.UtcNow.AddMinutes(-1));
            item.GetProperty("readAt").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
        }

        // The person's item was pushed to its group before this one existed; a connection gets its pushes in order, so the
        // stranger's next item being their own shows the person's never reached them.
        var own = (await factory.SendAsync(new { userId = other.Id, title = "for the stranger", body = "b" })).GetProperty("notificationIds")[0].GetGuid();
        (await stranger.NextAsync()).GetProperty("id").GetGuid().ShouldBe(own, "another person's notification must not reach this connection");
    }

    [Fact]
    public async Task Restaurant_staff_see_a_notification_for_their_restaurant_live()
    {
        var restaurant = Guid.CreateVersion7();
        var host = Actor.Person("host", ["staff"], (restaurant, "staff"));
        await factory.PublishAsync(new Contracts.Restaurants.MemberAdded(restaurant, host.Id, "staff", DateTimeOffset.UtcNow));
        await NotificationsFactory.EventuallyAsync(async () =>
            await factory.CountAsync("SELECT count(*) FROM restaurant_staff WHERE user_id = @id", new { id = host.Id }) == 1, "the membership");
        await using var dashboard = await HubClient.ConnectAsync(factory.Server, host.Token);

        await factory.SendAsync(new { restaurantId = restaurant, title = "New booking", body = "2 covers at 19:00" });

        (await dashboard.NextAsync()).GetProperty("title").GetString().ShouldBe("New booking");
    }
}

/// <summary>Two replicas of the service sharing one database, one events exchange and one Redis backplane, as behind the gateway.</summary>
public sealed class ReplicaPair : IAsyncLifetime
{
    public NotificationsFactory First { get; private set; } = null!;
    public NotificationsFactory Second { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        First = new NotificationsFactory { InstanceId = "notifications-1" };
        await First.InitializeAsync();
        Second = new NotificationsFactory { InstanceId = "notifications-2" };
        Second.ReplicaOf(First);
        await Second.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await Second.DisposeAsync();
        await First.DisposeAsync();
    }
}

public sealed class ReplicaTests(ReplicaPair replicas) : IClassFixture<ReplicaPair>
{
    [Fact]
    public async Task The_backplane_carries_a_push_from_one_replica_to_a_connection_held_by_the_other()
    {
        var person = Actor.Diner("backplane");
        await using var onSecond = await HubClient.ConnectAsync(replicas.Second.Server, person.Token);
        var item = new Api.NotificationItem(Guid.CreateVersion7(), "announcement", "from the first replica", "b", DateTimeOffset.UtcNow, null);

        // Straight to the first replica's hub: only Redis can take it to the second replica's connection.
        var firstHub = replicas.First.Services.GetRequiredService<IHubContext<NotificationsHub>>();
        await firstHub.Clients.Group(NotificationsHub.UserGroup(person.Id)).SendAsync(NotificationsHub.ClientMethod, item);

        var received = await onSecond.NextAsync();
        received.GetProperty("id").GetGuid().ShouldBe(item.Id);
        received.GetProperty("title").GetString().ShouldBe("from the first replica");
    }

    [Fact]
    public async Task A_client_on_one_replica_receives_what_was_sent_through_the_other()
    {
        var person = Actor.Diner("scaled");
        await using var onSecond = await HubClient.ConnectAsync(replicas.Second.Server, person.Token);
        await using var onFirst = await HubClient.ConnectAsync(replicas.First.Server, person.Token);

        var sent = await replicas.First.SendAsync(new { userId = person.Id, title = "across replicas", body = "b" });
        var id = sent.GetProperty("notificationIds")[0].GetGuid();

        (await onSecond.NextAsync()).GetProperty("id").GetGuid().ShouldBe(id);
        (await onFirst.NextAsync()).GetProperty("id").GetGuid().ShouldBe(id);

        // One replica handled the event (one inbox entry in the shared database), so the item was pushed once: the
        // next push each connection gets is the next item.
        (await replicas.First.CountAsync("""
            SELECT count(*) FROM messaging_inbox WHERE type = 'notifications.notification.created'
               AND message_id IN (SELECT message_id FROM messaging_outbox WHERE payload ->> 'notificationId' = @id)
            """, new { id = id.ToString() })).ShouldBe(1);
        var next = (await replicas.Second.SendAsync(new { userId = person.Id, title = "the next one", body = "b" })).GetProperty("notificationIds")[0].GetGuid();
        (await onSecond.NextAsync()).GetProperty("id").GetGuid().ShouldBe(next, "each replica pushes the item once");
        (await onFirst.NextAsync()).GetProperty("id").GetGuid().ShouldBe(next);
        (await replicas.Second.InboxAsync(person)).Items().Select(i => i.GetProperty("id").GetGuid()).ShouldBe([next, id]);
    }
}

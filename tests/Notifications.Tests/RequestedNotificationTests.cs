using System.Net.Http.Json;
using Brigade.Contracts.Identity;
using Brigade.Contracts.Notifications;
using Brigade.Contracts.Restaurants;
using MimeKit;

namespace Brigade.Notifications.Tests;

/// <summary><c>notifications.notification.requested</c>: how every other service reaches people.</summary>
public sealed class RequestedNotificationTests(NotificationsFactory factory) : IClassFixture<NotificationsFactory>
{
    private static NotificationRequested Request(NotificationAudience audience, bool urgent = false, Guid? requestId = null, string? link = "/orders/42") =>
        new(requestId ?? Guid.CreateVersion7(), audience, "ordering.order.ready", "주문하신 음식이 준비되었습니다", "카운터에서 받아 가세요.",
            "Your order is ready", "Pick it up at the counter.", link, urgent, DateTimeOffset.UtcNow);

    [Fact]
    public async Task A_request_reaches_the_users_named_and_the_restaurants_members_in_the_roles_named_each_once_in_their_language()
    {
        var restaurant = Guid.CreateVersion7();
        var named = Actor.Diner("named");
        var manager = Actor.Person("manager", ["manager"], (restaurant, "manager"));
        var cook = Actor.Person("cook", ["staff"], (restaurant, "staff"));
        await factory.RegisterAsync(named);
        await factory.RegisterAsync(manager);
        await factory.RegisterAsync(cook);
        using (var client = factory.ClientFor(manager))
        {
            (await client.PutAsJsonAsync("/api/notifications/preferences", new { locale = "en" })).EnsureSuccessStatusCode();
        }

        await factory.PublishAsync(new MemberAdded(restaurant, manager.Id, "manager", DateTimeOffset.UtcNow));
        await factory.PublishAsync(new MemberAdded(restaurant, cook.Id, "staff", DateTimeOffset.UtcNow));
        await NotificationsFactory.EventuallyAsync(async () =>
            await factory.CountAsync("SELECT count(*) FROM restaurant_staff WHERE restaurant_id = @restaurant", new { restaurant }) == 2, "the members");
        await using var live = await HubClient.ConnectAsync(factory.Server, manager.Token);

        // The manager is named twice (by id and by role) and hears it once; the cook's role is not asked for.
        await factory.PublishAsync(Request(new NotificationAudience([named.Id, manager.Id], restaurant, ["owner", "manager"])));

        var pushed = await live.NextAsync();
        pushed.GetProperty("type").GetString().ShouldBe("ordering.order.ready");
        pushed.GetProperty("title").GetString().ShouldBe("Your order is ready");
        pushed.GetProperty("restaurantId").GetGuid().ShouldBe(restaurant);
        pushed.GetProperty("link").GetString().ShouldBe("/orders/42");

        var forNamed = await OneOfTypeAsync(named, "ordering.order.ready");
        forNamed.GetProperty("title").GetString().ShouldBe("주문하신 음식이 준비되었습니다");
        forNamed.GetProperty("body").GetString().ShouldBe("카운터에서 받아 가세요.");
        (await factory.WaitForMailAsync(named.Email, m => m.Contains("카운터에서 받아 가세요."))).ShouldContain($"{NotificationsFactory.PublicBaseUrl}/orders/42");
        (await OneOfTypeAsync(manager, "ordering.order.ready")).GetProperty("body").GetString().ShouldBe("Pick it up at the counter.");
        (await factory.CountAsync("SELECT count(*) FROM notifications WHERE user_id = @id AND type = 'ordering.order.ready'", new { id = manager.Id })).ShouldBe(1);
        (await factory.CountAsync("SELECT count(*) FROM notifications WHERE user_id = @id", new { id = cook.Id })).ShouldBe(1); // the welcome only
    }

    [Fact]
    public async Task The_same_request_id_is_delivered_once()
    {
        var person = Actor.Diner("once");
        await factory.RegisterAsync(person);
        var request = Request(new NotificationAudience([person.Id], null, []));

        await factory.PublishAsync(request);
        await factory.PublishAsync(request with { RequestedAt = DateTimeOffset.UtcNow });

        // Both messages handled (in the service's inbox of handled messages), one notification.
        await NotificationsFactory.EventuallyAsync(async () => await factory.CountAsync("""
            SELECT count(*) FROM messaging_inbox i JOIN messaging_outbox o ON o.message_id = i.message_id
             WHERE o.type = 'notifications.notification.requested' AND o.payload ->> 'requestId' = @id
            """, new { id = request.RequestId.ToString() }) == 2, "both copies to be handled");
        (await factory.CountAsync("SELECT count(*) FROM notifications WHERE user_id = @id AND type = 'ordering.order.ready'", new { id = person.Id })).ShouldBe(1);
        (await factory.CountAsync("SELECT count(*) FROM deliveries WHERE user_id = @id AND type = 'ordering.order.ready'", new { id = person.Id })).ShouldBe(1);
    }

    [Fact]
    public async Task Quiet_hours_hold_the_email_back_unless_the_request_is_urgent()
    {
        var person = Actor.Diner("sleeper");
        using (var client = factory.ClientFor(person))
        {
            (await client.PutAsJsonAsync("/api/notifications/preferences", new { quietHours = new { start = "00:00", end = "23:59", timeZone = "Asia/Seoul" } }))
                .EnsureSuccessStatusCode();
        }

        await factory.RegisterAsync(person);
        var calm = Request(new NotificationAudience([person.Id], null, []));
        var alarm = Request(new NotificationAudience([person.Id], null, []), urgent: true) with { Type = "iot.freezer.alarm" };

        await factory.PublishAsync(calm);
        await factory.PublishAsync(alarm);

        await NotificationsFactory.EventuallyAsync(async () =>
            await factory.CountAsync("SELECT count(*) FROM deliveries WHERE user_id = @id AND type = 'iot.freezer.alarm' AND status = 'sent'", new { id = person.Id }) == 1,
            "the urgent email to be sent");
        await NotificationsFactory.EventuallyAsync(async () =>
            await factory.CountAsync("SELECT count(*) FROM deliveries WHERE user_id = @id AND type = 'ordering.order.ready' AND status = 'pending' AND next_attempt_at > now()",
                new { id = person.Id }) == 1, "the ordinary email to wait for the end of the quiet hours");
        (await factory.InboxAsync(person)).Items().Count(i => i.GetProperty("type").GetString() is "iot.freezer.alarm" or "ordering.order.ready").ShouldBe(2);
    }

    [Fact]
    public async Task Switched_off_channels_are_respected_and_an_unsafe_link_is_dropped()
    {
        var person = Actor.Diner("quiet");
        using (var client = factory.ClientFor(person))
        {
            (await client.PutAsJsonAsync("/api/notifications/preferences", new { channels = new { inApp = true, email = false } })).EnsureSuccessStatusCode();
        }

        await factory.RegisterAsync(person);
        await factory.PublishAsync(Request(new NotificationAudience([person.Id], null, []), link: "https://evil.example/phish"));

        var item = await OneOfTypeAsync(person, "ordering.order.ready");
        item.GetProperty("link").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
        (await factory.CountAsync("SELECT count(*) FROM deliveries WHERE user_id = @id", new { id = person.Id })).ShouldBe(0);
    }

    [Fact]
    public async Task A_changed_password_is_emailed_with_a_link_to_take_the_account_back()
    {
        var person = Actor.Diner("changed");
        using (var client = factory.ClientFor(person))
        {
            // Even with email off: the person must learn of it.
            (await client.PutAsJsonAsync("/api/notifications/preferences", new { channels = new { email = false } })).EnsureSuccessStatusCode();
        }

        await factory.RegisterAsync(person);
        await factory.PublishAsync(new PasswordChanged(person.Id, person.Email, person.Name, new DateTimeOffset(2026, 12, 24, 15, 0, 0, TimeSpan.Zero)));

        var mail = MimeMessage.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(await factory.WaitForMailAsync(person.Email, m => m.Contains("password_changed")))));
        mail.Subject.ShouldBe("비밀번호가 변경되었습니다");
        mail.TextBody!.ShouldContain("2026년 12월 25일 (금) 00:00 (24일 밤) (KST)에 변경되었고");
        mail.TextBody!.ShouldContain($"{NotificationsFactory.PublicBaseUrl}/forgot-password");
    }

    [Fact]
    public async Task A_Korean_subject_is_written_as_an_encoded_word_not_raw_bytes()
    {
        var person = Actor.Diner("헤더");
        await factory.RegisterAsync(person);

        var raw = await factory.WaitForMailAsync(person.Email);

        var subject = raw.Split("\r\n").Single(l => l.StartsWith("Subject:", StringComparison.Ordinal));
        subject.All(char.IsAscii).ShouldBeTrue(subject);
        subject.ShouldContain("=?utf-8?");
        MimeMessage.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(raw))).Subject.ShouldBe("Brigade에 오신 것을 환영합니다");
    }

    private async Task<System.Text.Json.JsonElement> OneOfTypeAsync(Actor person, string type)
    {
        System.Text.Json.JsonElement found = default;
        await NotificationsFactory.EventuallyAsync(async () =>
        {
            var items = (await factory.InboxAsync(person)).Items().Where(i => i.GetProperty("type").GetString() == type).ToList();
            found = items.FirstOrDefault();
            return items.Count > 0;
        }, $"a {type} notification for {person}");
        return found;
    }
}

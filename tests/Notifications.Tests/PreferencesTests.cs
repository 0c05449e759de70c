using System.Net;
using System.Net.Http.Json;
using NodaTime;

namespace Brigade.Notifications.Tests;

public sealed class PreferencesTests(NotificationsFactory factory) : IClassFixture<NotificationsFactory>
{
    private static async Task PutAsync(HttpClient client, object body) =>
        await (await client.PutAsJsonAsync("/api/notifications/preferences", body)).ShouldBeAsync(HttpStatusCode.OK);

    private async Task<List<System.Text.Json.JsonElement>> DeliveriesOfAsync(Actor person)
    {
        using var admin = factory.ClientFor(Actor.Admin());
        var page = await (await admin.GetAsync($"/api/notifications/deliveries?userId={person.Id}")).ShouldBeAsync(HttpStatusCode.OK);
        return page.Items().ToList();
    }

    [Fact]
    public async Task Defaults_are_Korean_in_app_and_email_without_quiet_hours()
    {
        using var client = factory.ClientFor(Actor.Diner());
        var prefs = await (await client.GetAsync("/api/notifications/preferences")).ShouldBeAsync(HttpStatusCode.OK);
        prefs.GetProperty("locale").GetString().ShouldBe("ko");
        prefs.GetProperty("channels").GetProperty("inApp").GetBoolean().ShouldBeTrue();
        prefs.GetProperty("channels").GetProperty("email").GetBoolean().ShouldBeTrue();
        prefs.GetProperty("channels").GetProperty("sms").GetBoolean().ShouldBeFalse();
        prefs.GetProperty("channels").GetProperty("push").GetBoolean().ShouldBeFalse();
        prefs.GetProperty("quietHours").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
    }

    [Fact]
    public async Task Email_switched_off_means_inbox_only()
    {
        var person = Actor.Diner("no-email");
        await factory.RegisterAsync(person);
        using var client = factory.ClientFor(person);
        await PutAsync(client, new { channels = new { email = false } });

        await factory.SendAsync(new { userId = person.Id, title = "inbox only", body = "b" });

        (await factory.InboxAsync(person)).Items().ShouldContain(i => i.GetProperty("title").GetString() == "inbox only");
        (await DeliveriesOfAsync(person)).ShouldNotContain(d => d.GetProperty("subject").GetString() == "inbox only");
    }

    [Fact]
    public async Task In_app_switched_off_means_email_only()
    {
        var person = Actor.Diner("no-inbox");
        await factory.RegisterAsync(person);
        using var client = factory.ClientFor(person);
        await PutAsync(client, new { channels = new { inApp = false } });

        var sent = await factory.SendAsync(new { userId = person.Id, title = "email only", body = "b" });

        sent.GetProperty("notificationIds").GetArrayLength().ShouldBe(0);
        (await factory.InboxAsync(person)).Items().ShouldNotContain(i => i.GetProperty("title").GetString() == "email only");
        await factory.WaitForMailAsync(person.Email, m => m.Contains("email only"));
    }

    [Fact]
    public async Task Quiet_hours_hold_email_until_they_end_but_not_the_inbox()
    {
        var person = Actor.Diner("sleeper");
        await factory.RegisterAsync(person);
        await factory.WaitForMailAsync(person.Email); // the welcome, sent before quiet hours were set
        var seoul = DateTimeZoneProviders.Tzdb["Asia/Seoul"];
        var now = SystemClock.Instance.GetCurrentInstant().InZone(seoul).TimeOfDay;
        var start = now.PlusHours(-1);
        var end = now.PlusHours(2);
        using var client = factory.ClientFor(person);
        await PutAsync(client, new { quietHours = new { start = start.ToString("HH:mm", null), end = end.ToString("HH:mm", null) } });

        await factory.SendAsync(new { userId = person.Id, title = "late news", body = "b" });

        (await factory.InboxAsync(person)).Items().ShouldContain(i => i.GetProperty("title").GetString() == "late news");
        // The email is due exactly when the quiet hours end (the worker takes only what is due), not attempted before.
        var held = (await DeliveriesOfAsync(person)).Single(d => d.GetProperty("subject").GetString() == "late news");
        held.GetProperty("status").GetString().ShouldBe("pending");
        held.GetProperty("attempts").GetInt32().ShouldBe(0);
        var localNow = SystemClock.Instance.GetCurrentInstant().InZone(seoul).LocalDateTime;
        var endOfQuiet = (end >= now ? localNow.Date : localNow.Date.PlusDays(1)).At(new LocalTime(end.Hour, end.Minute)).InZoneLeniently(seoul).ToDateTimeOffset();
        held.GetProperty("nextAttemptAt").GetDateTimeOffset().ShouldBe(endOfQuiet, TimeSpan.FromSeconds(61));

        // Without quiet hours the same message goes out at once.
        await PutAsync(client, new { });
        await factory.SendAsync(new { userId = person.Id, title = "day news", body = "b" });
        await factory.WaitForMailAsync(person.Email, m => m.Contains("day news"));
    }

    [Fact]
    public async Task Sms_and_push_go_out_when_switched_on()
    {
        var person = Actor.Diner("texter");
        await factory.RegisterAsync(person, phone: "+82 10-1234-5678");
        using var client = factory.ClientFor(person);
        await PutAsync(client, new { channels = new { sms = true, push = true } });
        var token = "fcm-" + Guid.NewGuid().ToString("N");
        await (await client.PostAsJsonAsync("/api/notifications/devices", new { token, platform = "android" })).ShouldBeAsync(HttpStatusCode.Created);

        await factory.SendAsync(new { userId = person.Id, title = "on every channel", body = "b" });

        await NotificationsFactory.EventuallyAsync(() => Task.FromResult(
            File.Exists(Path.Combine(factory.FilesDirectory, "sms.jsonl")) && File.ReadAllText(Path.Combine(factory.FilesDirectory, "sms.jsonl")).Contains("+82 10-1234-5678")
            && File.Exists(Path.Combine(factory.FilesDirectory, "push.jsonl")) && File.ReadAllText(Path.Combine(factory.FilesDirectory, "push.jsonl")).Contains(token)), "the SMS and the push");
        var deliveries = await DeliveriesOfAsync(person);
        deliveries.Where(d => d.GetProperty("subject").GetString() == "on every channel").Select(d => d.GetProperty("channel").GetString())
            .Order().ShouldBe(["email", "push", "sms"]);
    }

    [Fact]
    public async Task Bad_preferences_are_refused()
    {
        using var client = factory.ClientFor(Actor.Diner());
        await (await client.PutAsJsonAsync("/api/notifications/preferences", new { locale = "fr" })).ShouldBeInvalidAsync("locale");
        await (await client.PutAsJsonAsync("/api/notifications/preferences", new { quietHours = new { start = "25:00", end = "7", timeZone = "Mars/Olympus" } }))
            .ShouldBeInvalidAsync("quietHours.start", "quietHours.end", "quietHours.timeZone");
        await (await client.PostAsJsonAsync("/api/notifications/devices", new { token = "", platform = "nokia" })).ShouldBeInvalidAsync("token", "platform");
        var wrongType = new StringContent("{\"channels\": {\"email\": \"yes\"}}", System.Text.Encoding.UTF8, "application/json");
        await (await client.PutAsync("/api/notifications/preferences", wrongType)).ShouldBeAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Deliveries_are_for_admins_only()
    {
        using var diner = factory.ClientFor(Actor.Diner());
        await (await diner.GetAsync("/api/notifications/deliveries")).ShouldBeAsync(HttpStatusCode.Forbidden);
        await (await diner.PostAsync($"/api/notifications/deliveries/{Guid.CreateVersion7()}/retry", null)).ShouldBeAsync(HttpStatusCode.Forbidden);
    }
}

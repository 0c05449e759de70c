using System.Net;
using System.Net.Http.Json;
using Brigade.Testing;

namespace Brigade.Notifications.Tests;

/// <summary>An SMS gateway that is down, two attempts per message, and a send limit of three per minute.</summary>
public sealed class StrictFactory : NotificationsFactory
{
    protected override void ConfigureSettings(IDictionary<string, string?> settings)
    {
        base.ConfigureSettings(settings);
        settings["Notifications:Sms:Provider"] = "http";
        settings["Notifications:Sms:Url"] = "http://127.0.0.1:9/sms"; // discard port: nothing listens
        settings["Notifications:Delivery:MaxAttempts"] = "2";
        settings["Notifications:SendPermitsPerMinute"] = "3";
    }
}

public sealed class DeliveryFailureTests(StrictFactory factory) : IClassFixture<StrictFactory>
{
    [Fact]
    public async Task A_delivery_that_keeps_failing_is_retried_then_shown_as_failed_and_can_be_retried()
    {
        var person = Actor.Diner("unreachable");
        await factory.RegisterAsync(person, phone: "+82 10-0000-0000");
        using (var client = factory.ClientFor(person))
        {
            (await client.PutAsJsonAsync("/api/notifications/preferences", new { channels = new { sms = true } })).EnsureSuccessStatusCode();
        }

        using var admin = factory.ClientFor(Actor.Admin());
        (await admin.PostAsJsonAsync("/api/notifications/send", new { userId = person.Id, title = "sms please", body = "b" })).EnsureSuccessStatusCode();

        System.Text.Json.JsonElement failed = default;
        await NotificationsFactory.EventuallyAsync(async () =>
        {
            var page = await (await admin.GetAsync($"/api/notifications/deliveries?status=failed&userId={person.Id}")).ShouldBeAsync(HttpStatusCode.OK);
            failed = page.Items().FirstOrDefault(d => d.GetProperty("channel").GetString() == "sms");
            return failed.ValueKind != System.Text.Json.JsonValueKind.Undefined;
        }, "the SMS to fail for good");
        failed.GetProperty("attempts").GetInt32().ShouldBe(2);
        failed.GetProperty("lastError").GetString().ShouldNotBeNullOrEmpty();

        // The email of the same notification is unaffected.
        await factory.WaitForMailAsync(person.Email, m => m.Contains("sms please"));

        var id = failed.GetProperty("id").GetGuid();
        await (await admin.PostAsync($"/api/notifications/deliveries/{id}/retry", null)).ShouldBeAsync(HttpStatusCode.NoContent);
        await NotificationsFactory.EventuallyAsync(async () =>
        {
            var page = await (await admin.GetAsync($"/api/notifications/deliveries?userId={person.Id}")).ShouldBeAsync(HttpStatusCode.OK);
            var again = page.Items().Single(d => d.GetProperty("id").GetGuid() == id);
            return again.GetProperty("status").GetString() == "failed" && again.GetProperty("attempts").GetInt32() == 2;
        }, "the retried SMS to fail again after fresh attempts");
        await (await admin.PostAsync($"/api/notifications/deliveries/{Guid.CreateVersion7()}/retry", null)).ShouldBeAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Sending_is_rate_limited_per_caller()
    {
        using var admin = factory.CreateClient().WithToken(Actor.Admin().Token);
        var body = new { userId = Guid.CreateVersion7(), title = "t", body = "b" };
        for (var i = 0; i < 3; i++)
        {
            await (await admin.PostAsJsonAsync("/api/notifications/send", body)).ShouldBeAsync(HttpStatusCode.Accepted);
        }

        var limited = await admin.PostAsJsonAsync("/api/notifications/send", body);
        await limited.ShouldBeAsync(HttpStatusCode.TooManyRequests);
        limited.Headers.RetryAfter.ShouldNotBeNull();

        using var otherAdmin = factory.CreateClient().WithToken(Actor.Admin().Token);
        await (await otherAdmin.PostAsJsonAsync("/api/notifications/send", body)).ShouldBeAsync(HttpStatusCode.Accepted);
    }
}

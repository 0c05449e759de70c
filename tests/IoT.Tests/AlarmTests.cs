using System.Net;
using System.Text.Json;

namespace Brigade.IoT.Tests;

/// <summary>Alarm rules over readings with explicit times (HTTP ingestion, the same path as MQTT's), offline, escalation, the HACCP log.</summary>
[Collection(IoTCollection.Name)]
public sealed class AlarmTests(IoTFactory factory)
{
    static readonly object FridgeRule = new { kind = "above", threshold = 5.0, forSeconds = 300, forReadings = 2, clearMargin = 1.0 };

    Task Reading(TestRestaurant r, Guid id, double value, DateTimeOffset at) =>
        factory.PostAsync(r.Staff, r.Path($"devices/{id}/telemetry"), new { value, at }, HttpStatusCode.Accepted);

    async Task<IReadOnlyList<string>> States(Guid deviceId) =>
        (await factory.EventsAsync("iot.alarm.changed", deviceId)).Select(e => e.GetProperty("state").GetString()!).ToList();

    [Fact]
    public async Task A_threshold_held_for_the_duration_raises_one_alarm_which_clears_once_back_past_the_margin()
    {
        var r = TestRestaurant.New();
        var (id, _) = await factory.DeviceAsync(r, rule: FridgeRule);
        var t0 = DateTimeOffset.UtcNow.AddMinutes(-30);

        await Reading(r, id, 6, t0);                 // breach starts
        await Reading(r, id, 7, t0.AddSeconds(100)); // held 100 s: not yet
        (await States(id)).ShouldBeEmpty();
        (await factory.DeviceStatusAsync(r, id)).GetProperty("status").GetProperty("alarmState").GetString().ShouldBe("ok");

        await Reading(r, id, 7, t0.AddSeconds(301)); // held 301 s: alarm
        await Reading(r, id, 8, t0.AddSeconds(400)); // still out: no second alarm
        (await States(id)).ShouldBe(["raised"]);
        var status = (await factory.DeviceStatusAsync(r, id)).GetProperty("status");
        status.GetProperty("alarmState").GetString().ShouldBe("raised");
        status.GetProperty("alarmKind").GetString().ShouldBe("above");
        var notified = await factory.EventsAsync("notifications.notification.requested", r.Id);
        notified.Count(n => n.GetProperty("type").GetString() == "iot.alarm.raised").ShouldBe(1);

        await Reading(r, id, 4.5, t0.AddSeconds(500)); // under 5 but inside the 1° margin: still alarming
        (await States(id)).ShouldBe(["raised"]);
        await Reading(r, id, 3.9, t0.AddSeconds(600)); // back past the margin: cleared
        (await States(id)).ShouldBe(["raised", "cleared"]);
        (await factory.DeviceStatusAsync(r, id)).GetProperty("status").GetProperty("alarmState").GetString().ShouldBe("ok");

        var alarms = await factory.GetAsync(r.Staff, r.Path("alarms"));
        var alarm = alarms.GetProperty("items").EnumerateArray().Single();
        alarm.GetProperty("state").GetString().ShouldBe("cleared");
        alarm.GetProperty("value").GetDouble().ShouldBe(7);
    }

    [Fact]
    public async Task One_bad_reading_is_not_an_alarm_when_the_rule_wants_several()
    {
        var r = TestRestaurant.New();
        var (id, _) = await factory.DeviceAsync(r, rule: new { kind = "above", threshold = 5.0, forSeconds = 0, forReadings = 3 });
        var t0 = DateTimeOffset.UtcNow.AddMinutes(-10);

        await Reading(r, id, 9, t0);
        await Reading(r, id, 9, t0.AddSeconds(10));
        await Reading(r, id, 2, t0.AddSeconds(20)); // the run is broken
        await Reading(r, id, 9, t0.AddSeconds(30));
        await Reading(r, id, 9, t0.AddSeconds(40));
        (await States(id)).ShouldBeEmpty();
        await Reading(r, id, 9, t0.AddSeconds(50));
        (await States(id)).ShouldBe(["raised"]);
    }

    [Fact]
    public async Task A_silent_device_gets_an_offline_alarm_which_its_next_reading_clears()
    {
        var r = TestRestaurant.New();
        var (id, _) = await factory.DeviceAsync(r, interval: 1, missed: 1);

        await IoTFactory.EventuallyAsync(async () => (await States(id)).Contains("raised"), "the offline alarm");
        var status = (await factory.DeviceStatusAsync(r, id)).GetProperty("status");
        status.GetProperty("online").GetBoolean().ShouldBeFalse();
        status.GetProperty("alarmKind").GetString().ShouldBe("offline");

        await Reading(r, id, 4, DateTimeOffset.UtcNow);
        (await factory.EventsAsync("iot.alarm.changed", id)).ShouldContain(e => e.GetProperty("kind").GetString() == "offline" && e.GetProperty("state").GetString() == "cleared");
        (await factory.DeviceStatusAsync(r, id)).GetProperty("status").GetProperty("online").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task An_unacknowledged_alarm_escalates_and_its_corrective_action_goes_into_the_haccp_log()
    {
        var r = TestRestaurant.New();
        var (id, _) = await factory.DeviceAsync(r, kind: "freezer", rule: new { kind = "above", threshold = -15.0, forSeconds = 0 }, escalate: 10);
        await Reading(r, id, -5, DateTimeOffset.UtcNow.AddMinutes(-5)); // raised five minutes ago: past the 10 s escalation

        await IoTFactory.EventuallyAsync(async () => (await States(id)).Contains("escalated"), "the escalation");
        var escalation = (await factory.EventsAsync("notifications.notification.requested", r.Id)).Single(n => n.GetProperty("type").GetString() == "iot.alarm.escalated");
        escalation.GetProperty("urgent").GetBoolean().ShouldBeTrue();
        escalation.GetProperty("audience").GetProperty("restaurantRoles").EnumerateArray().Select(x => x.GetString()).ShouldContain("owner");

        var alarmId = (await factory.GetAsync(r.Staff, r.Path("alarms?open=true"))).GetProperty("items").EnumerateArray().Single().GetProperty("id").GetGuid();
        var acked = await factory.PostAsync(r.Staff, r.Path($"alarms/{alarmId}/acknowledge"), new { correctiveAction = "Moved stock to the walk-in; called the technician", temperature = -6.0 }, HttpStatusCode.OK);
        acked.GetProperty("state").GetString().ShouldBe("acknowledged");
        await factory.PostAsync(r.Staff, r.Path($"alarms/{alarmId}/acknowledge"), new { correctiveAction = "again" }, HttpStatusCode.Conflict);
        (await States(id)).ShouldBe(["raised", "escalated", "acknowledged"]);

        var log = (await factory.GetAsync(r.Staff, r.Path("haccp"))).GetProperty("items").EnumerateArray().ToList();
        log.Select(e => e.GetProperty("kind").GetString()).ShouldBe(["alarm", "corrective_action"]);
        log[1].GetProperty("note").GetString().ShouldBe("Moved stock to the walk-in; called the technician");

        using var client = factory.ClientFor(r.Staff);
        var csv = await client.GetAsync(r.Path("haccp/export"));
        csv.StatusCode.ShouldBe(HttpStatusCode.OK);
        csv.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        var text = await csv.Content.ReadAsStringAsync();
        text.ShouldContain("corrective_action");
        text.ShouldContain("\"Moved stock to the walk-in; called the technician\"");
    }

    [Fact]
    public async Task Temperature_checks_are_logged_and_a_formula_in_a_note_is_neutralised_in_the_csv()
    {
        var r = TestRestaurant.New();
        var (id, _) = await factory.DeviceAsync(r);
        var entry = await factory.PostAsync(r.Staff, r.Path("haccp/checks"), new { deviceId = id, temperature = 3.2, note = "=HYPERLINK(\"x\")" }, HttpStatusCode.Created);
        entry.GetProperty("kind").GetString().ShouldBe("check");

        using var client = factory.ClientFor(r.Manager);
        var text = await (await client.GetAsync(r.Path("haccp/export"))).Content.ReadAsStringAsync();
        text.ShouldContain("\"'=HYPERLINK(\"\"x\"\")\"");
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text;

namespace Brigade.IoT.Tests;

/// <summary>Who may see and do what, and bad input refused precisely with nothing written.</summary>
[Collection(IoTCollection.Name)]
public sealed class AccessTests(IoTFactory factory)
{
    [Fact]
    public async Task Another_restaurants_people_get_404_for_everything_and_do_not_see_its_devices()
    {
        var r = TestRestaurant.New();
        var other = TestRestaurant.New();
        var (id, _) = await factory.DeviceAsync(r);
        var command = (await factory.PostAsync(r.Manager, r.Path($"devices/{id}/commands"), new { type = "power_off" }, HttpStatusCode.Accepted)).GetProperty("id").GetGuid();

        foreach (var path in new[] { "devices", $"devices/{id}", $"devices/{id}/readings", $"devices/{id}/commands/{command}", "alarms", "haccp", "haccp/export" })
        {
            await factory.GetAsync(other.Manager, r.Path(path), HttpStatusCode.NotFound);
        }

        await factory.PostAsync(other.Manager, r.Path($"devices/{id}/telemetry"), new { value = 3 }, HttpStatusCode.NotFound);
        await factory.PostAsync(other.Manager, r.Path($"devices/{id}/commands"), new { type = "defrost" }, HttpStatusCode.NotFound);
        await factory.SendAsync(other.Manager, HttpMethod.Delete, r.Path($"devices/{id}"), null, HttpStatusCode.NotFound);
        // Their own restaurant's path with this device: not theirs either.
        await factory.GetAsync(other.Manager, other.Path($"devices/{id}"), HttpStatusCode.NotFound);
        await factory.GetAsync(other.Manager, $"/api/iot/devices?restaurantId={r.Id}", HttpStatusCode.NotFound);
        (await factory.GetAsync(other.Manager, "/api/iot/devices")).GetProperty("items").GetArrayLength().ShouldBe(0);
        (await factory.GetAsync(r.Staff, "/api/iot/devices")).GetProperty("items").GetArrayLength().ShouldBe(1);
    }

    [Fact]
    public async Task Staff_watch_and_log_but_only_managers_register_devices_or_send_commands()
    {
        var r = TestRestaurant.New();
        var (id, _) = await factory.DeviceAsync(r);
        await factory.PostAsync(r.Staff, r.Path("devices"), new { name = "Walk-in", kind = "fridge" }, HttpStatusCode.Forbidden);
        await factory.PostAsync(r.Staff, r.Path($"devices/{id}/commands"), new { type = "defrost" }, HttpStatusCode.Forbidden);
        await factory.PostAsync(r.Staff, r.Path($"devices/{id}/credentials"), null, HttpStatusCode.Forbidden);
        await factory.GetAsync(r.Staff, r.Path($"devices/{id}"));
        (await factory.CountAsync("SELECT count(*) FROM commands WHERE device_id = @id", new { id })).ShouldBe(0);
    }

    [Fact]
    public async Task Bad_device_bodies_are_precise_400s_and_write_nothing()
    {
        var r = TestRestaurant.New();
        using var client = factory.ClientFor(r.Manager);
        await (await client.PostAsJsonAsync(r.Path("devices"), new { name = "", kind = "toaster", reportingIntervalSeconds = 99999 }))
            .ShouldBeInvalidAsync("name", "kind", "reportingIntervalSeconds");
        await (await client.PostAsJsonAsync(r.Path("devices"), new { name = "Fryer", kind = "fryer", rule = new { kind = "door_open" } }))
            .ShouldBeInvalidAsync("rule.kind");
        await (await client.PostAsJsonAsync(r.Path("devices"), new { name = "Fridge", kind = "fridge", rule = new { kind = "above", threshold = 1e300 } }))
            .ShouldBeInvalidAsync("rule.threshold");
        (await client.PostAsync(r.Path("devices"), new StringContent("{\"name\": \"x\", \"kind\": ", Encoding.UTF8, "application/json"))).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await client.PostAsync(r.Path("devices"), new StringContent("{\"name\": \"x\", \"kind\": \"fridge\", \"reportingIntervalSeconds\": \"often\"}", Encoding.UTF8, "application/json"))).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await factory.CountAsync("SELECT count(*) FROM devices WHERE restaurant_id = @Id", new { r.Id })).ShouldBe(0);
    }

    [Fact]
    public async Task Bad_readings_and_commands_over_http_are_precise_400s()
    {
        var r = TestRestaurant.New();
        var (id, _) = await factory.DeviceAsync(r, kind: "door", rule: new { kind = "door_open", forSeconds = 120 });
        using var client = factory.ClientFor(r.Manager);
        await (await client.PostAsJsonAsync(r.Path($"devices/{id}/telemetry"), new { value = 0.5 })).ShouldBeInvalidAsync("value");
        await (await client.PostAsJsonAsync(r.Path($"devices/{id}/telemetry"), new { value = 1, at = DateTimeOffset.UtcNow.AddDays(3) })).ShouldBeInvalidAsync("at");
        await (await client.PostAsJsonAsync(r.Path($"devices/{id}/commands"), new { type = "explode" })).ShouldBeInvalidAsync("type");
        await (await client.PostAsJsonAsync(r.Path($"devices/{id}/commands"), new { type = "set_point" })).ShouldBeInvalidAsync("value");
        await (await client.PostAsJsonAsync(r.Path($"devices/{id}/commands"), new { type = "defrost", value = 3 })).ShouldBeInvalidAsync("value");
        (await factory.CountAsync("SELECT count(*) FROM readings WHERE device_id = @id", new { id })).ShouldBe(0);
        (await factory.CountAsync("SELECT count(*) FROM commands WHERE device_id = @id", new { id })).ShouldBe(0);
    }

    [Fact]
    public async Task A_changed_rule_starts_over_and_clears_the_old_rules_alarm()
    {
        var r = TestRestaurant.New();
        var (id, _) = await factory.DeviceAsync(r, rule: new { kind = "above", threshold = 5.0 });
        await factory.PostAsync(r.Staff, r.Path($"devices/{id}/telemetry"), new { value = 9 }, HttpStatusCode.Accepted);
        (await factory.DeviceStatusAsync(r, id)).GetProperty("status").GetProperty("alarmState").GetString().ShouldBe("raised");

        var device = await factory.DeviceStatusAsync(r, id);
        var updated = await factory.SendAsync(r.Manager, HttpMethod.Put, r.Path($"devices/{id}"), new
        {
            name = "Walk-in", kind = "fridge", reportingIntervalSeconds = 60, rule = new { kind = "above", threshold = 10.0 }, version = device.GetProperty("version").GetInt32(),
        }, HttpStatusCode.OK);
        updated.GetProperty("status").GetProperty("alarmState").GetString().ShouldBe("ok");
        updated.GetProperty("rule").GetProperty("threshold").GetDouble().ShouldBe(10);
        await factory.SendAsync(r.Manager, HttpMethod.Put, r.Path($"devices/{id}"), new { name = "x", reportingIntervalSeconds = 60, version = 1 }, HttpStatusCode.PreconditionFailed);
        await factory.SendAsync(r.Manager, HttpMethod.Put, r.Path($"devices/{id}"), new { name = "x", kind = "freezer" }, HttpStatusCode.BadRequest);
    }
}

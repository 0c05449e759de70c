using System.Net;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace Brigade.IoT.Tests;

/// <summary>The restaurant's page, live: readings and alarm changes pushed through <c>/hubs/iot</c>, to its own people only.</summary>
[Collection(IoTCollection.Name)]
public sealed class HubTests(IoTFactory factory)
{
    [Fact]
    public async Task Watching_pages_get_readings_and_alarm_changes_and_another_restaurant_cannot_watch()
    {
        var r = TestRestaurant.New();
        var (id, _) = await factory.DeviceAsync(r, rule: new { kind = "above", threshold = 5.0 });
        await using var page = await HubClient.ConnectAsync(factory.Server, "/hubs/iot", r.Staff.Token, "reading", "alarm");
        await page.Connection.InvokeAsync("Watch", r.Id);

        await factory.PostAsync(r.Staff, r.Path($"devices/{id}/telemetry"), new { value = 9 }, HttpStatusCode.Accepted);

        var reading = await page.NextAsync("reading", m => m.GetProperty("deviceId").GetGuid() == id);
        reading.GetProperty("value").GetDouble().ShouldBe(9);
        var alarm = await page.NextAsync("alarm", m => m.GetProperty("deviceId").GetGuid() == id);
        alarm.GetProperty("state").GetString().ShouldBe("raised");

        var stranger = TestRestaurant.New();
        await using var theirs = await HubClient.ConnectAsync(factory.Server, "/hubs/iot", stranger.Manager.Token, "reading");
        await Should.ThrowAsync<HubException>(() => theirs.Connection.InvokeAsync("Watch", r.Id));
    }
}

using Brigade.ServiceDefaults;
using Microsoft.AspNetCore.SignalR;

namespace Brigade.IoT.Hubs;

/// <summary>
/// A restaurant's devices, live (<c>/hubs/iot</c>). A connection of the restaurant's people calls
/// <c>watch(restaurantId)</c>; the server then calls <c>reading</c> (<c>{deviceId, value, at}</c>) for every stored
/// reading and <c>alarm</c> (an <c>iot.alarm.changed</c> payload) for every alarm change. After a reconnect the page reads
/// <c>GET /api/iot/{restaurantId}/devices</c> again.
/// </summary>
public sealed class DevicesHub() : RestaurantHub("iot")
{
    public const string Path = "/hubs/iot";

    public static string Group(Guid restaurantId) => GroupOf("iot", restaurantId);
}

public sealed record LiveReading(Guid DeviceId, double Value, DateTimeOffset At);

/// <summary>Pushes to the watching pages; a push that fails is only logged (the page re-reads after a reconnect).</summary>
public sealed class Live(IHubContext<DevicesHub> hub, ILogger<Live> logger)
{
    public async Task ReadingAsync(Guid restaurantId, LiveReading reading)
    {
        try
        {
            await hub.Clients.Group(DevicesHub.Group(restaurantId)).SendAsync("reading", reading);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Could not push a reading of device {DeviceId}", reading.DeviceId);
        }
    }

    public async Task AlarmAsync(Contracts.IoT.AlarmChanged alarm)
    {
        try
        {
            await hub.Clients.Group(DevicesHub.Group(alarm.RestaurantId)).SendAsync("alarm", alarm);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Could not push alarm {AlarmId}", alarm.AlarmId);
        }
    }
}

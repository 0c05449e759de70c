using System.ComponentModel.DataAnnotations;

namespace Brigade.IoT;

/// <summary>Settings under <c>IoT</c>, bound by name and checked when the service starts.</summary>
public sealed class IoTOptions
{
    /// <summary>Devices one restaurant may register.</summary>
    [Range(1, 10_000)]
    public int MaxDevicesPerRestaurant { get; set; } = 200;

    /// <summary>How often the watchdog looks for silent devices, escalations and unanswered commands.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan WatchInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long a device has to acknowledge a command.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Raw readings are kept this many days; hourly aggregates <see cref="HourlyRetentionDays"/>.</summary>
    [Range(1, 90)]
    public int RawRetentionDays { get; set; } = 7;

    [Range(30, 1000)]
    public int HourlyRetentionDays { get; set; } = 400;

    /// <summary>
    /// Readings more than this far from the service's clock are dropped (a device with a wrong clock would otherwise
    /// write history out of order); a reading without <c>at</c> takes the time it arrived.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan MaxClockSkew { get; set; } = TimeSpan.FromHours(1);

    /// <summary>MQTT messages handled at once (each device's in order, on one lane).</summary>
    [Range(1, 64)]
    public int IngestLanes { get; set; } = 4;

    /// <summary>False to not connect to the MQTT broker (HTTP ingestion still works).</summary>
    public bool MqttEnabled { get; set; } = true;

    /// <summary>The topic prefix devices publish under: <c>{prefix}/{restaurantId}/{deviceId}/telemetry</c>.</summary>
    [Required, RegularExpression("^[a-z0-9_-]{1,40}$")]
    public string TopicPrefix { get; set; } = "brigade";
}

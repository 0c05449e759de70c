using System.Text.Json.Serialization;

namespace Brigade.Contracts.IoT;

/// <summary>
/// A device alarm changed state (<paramref name="State"/>: <c>raised</c>, <c>escalated</c>, <c>acknowledged</c>, <c>cleared</c>).
/// <paramref name="Kind"/> is the rule's kind (<c>above</c>, <c>below</c>, <c>offline</c>, <c>door_open</c>);
/// <paramref name="Value"/> the reading that decided it (null for <c>offline</c>).
/// </summary>
[IntegrationEvent("iot.alarm.changed")]
public sealed record AlarmChanged(
    Guid AlarmId,
    Guid RestaurantId,
    Guid DeviceId,
    string DeviceName,
    string Kind,
    string State,
    double? Value,
    double? Threshold,
    string? Unit,
    DateTimeOffset At) : IIntegrationEvent;

[JsonSerializable(typeof(AlarmChanged))]
internal sealed partial class IoTEventsJsonContext : JsonSerializerContext;

using Brigade.Contracts.IoT;
using Brigade.Contracts.Notifications;
using Brigade.IoT.Domain;
using Brigade.Messaging;
using Dapper;
using Npgsql;

namespace Brigade.IoT.Data;

/// <summary>
/// Alarm transitions inside the caller's transaction, each with its <see cref="AlarmChanged"/> (and, when people must act,
/// a <see cref="NotificationRequested"/>) in the outbox.
/// </summary>
public sealed class Alarms(IOutbox outbox)
{
    /// <summary>Raises an alarm unless one of the kind is open (the unique index decides between racers); true when raised.</summary>
    public async Task<bool> RaiseAsync(NpgsqlConnection c, NpgsqlTransaction tx, DeviceRow d, string kind, double? value, double? threshold, DateTimeOffset at, CancellationToken ct)
    {
        var id = Guid.CreateVersion7();
        var inserted = await c.ExecuteAsync(new CommandDefinition("""
            INSERT INTO alarms (id, restaurant_id, device_id, kind, state, value, threshold, raised_at)
            VALUES (@id, @RestaurantId, @deviceId, @kind, 'raised', @value, @threshold, @at)
            ON CONFLICT (device_id, kind) WHERE state <> 'cleared' DO NOTHING
            """, new { id, d.RestaurantId, deviceId = d.Id, kind, value, threshold, at }, tx, cancellationToken: ct));
        if (inserted == 0)
        {
            return false;
        }

        // The HACCP log records every excursion with the value that raised it.
        await c.ExecuteAsync(new CommandDefinition("""
            INSERT INTO haccp_entries (id, restaurant_id, device_id, alarm_id, kind, temperature, note, at)
            VALUES (@entry, @RestaurantId, @deviceId, @id, 'alarm', @temperature, @kind, @at)
            """, new { entry = Guid.CreateVersion7(), d.RestaurantId, deviceId = d.Id, id, temperature = d.Unit == "°C" ? value : null, kind, at }, tx, cancellationToken: ct));
        await outbox.AddAsync(c, tx, new AlarmChanged(id, d.RestaurantId, d.Id, d.Name, kind, "raised", value, threshold, d.Unit, at), ct);
        var m = Messages.Raised(d.RestaurantId, d.Name, kind, value, threshold, d.Unit);
        await NotifyAsync(c, tx, d.RestaurantId, m, ["owner", "manager", "staff"], urgent: d.Kind is "fridge" or "freezer", at, ct);
        return true;
    }

    /// <summary>Clears the device's open alarms of <paramref name="kinds"/> (all but offline when null).</summary>
    public async Task<int> ClearAsync(NpgsqlConnection c, NpgsqlTransaction tx, DeviceRow d, string[]? kinds, double? value, DateTimeOffset at, CancellationToken ct)
    {
        var cleared = (await c.QueryAsync<(Guid Id, string Kind, double? Threshold)>(new CommandDefinition("""
            UPDATE alarms SET state = 'cleared', cleared_at = @at
            WHERE device_id = @deviceId AND state <> 'cleared' AND (CASE WHEN @kinds::text[] IS NULL THEN kind <> 'offline' ELSE kind = ANY(@kinds) END)
            RETURNING id, kind, threshold
            """, new { deviceId = d.Id, kinds, at }, tx, cancellationToken: ct))).ToList();
        foreach (var a in cleared)
        {
            await outbox.AddAsync(c, tx, new AlarmChanged(a.Id, d.RestaurantId, d.Id, d.Name, a.Kind, "cleared", value, a.Threshold, d.Unit, at), ct);
        }

        return cleared.Count;
    }

    public async Task EscalatedAsync(NpgsqlConnection c, NpgsqlTransaction tx, Guid alarmId, DeviceRow d, string kind, double? value, double? threshold, DateTimeOffset at, CancellationToken ct)
    {
        await outbox.AddAsync(c, tx, new AlarmChanged(alarmId, d.RestaurantId, d.Id, d.Name, kind, "escalated", value, threshold, d.Unit, at), ct);
        await NotifyAsync(c, tx, d.RestaurantId, Messages.Escalated(d.RestaurantId, d.Name, kind, threshold, d.Unit), ["owner", "manager"], urgent: true, at, ct);
    }

    public Task AcknowledgedAsync(NpgsqlConnection c, NpgsqlTransaction tx, Guid alarmId, DeviceRow d, string kind, double? value, double? threshold, DateTimeOffset at, CancellationToken ct) =>
        outbox.AddAsync(c, tx, new AlarmChanged(alarmId, d.RestaurantId, d.Id, d.Name, kind, "acknowledged", value, threshold, d.Unit, at), ct);

    private Task NotifyAsync(NpgsqlConnection c, NpgsqlTransaction tx, Guid restaurantId, Message m, string[] roles, bool urgent, DateTimeOffset at, CancellationToken ct) =>
        outbox.AddAsync(c, tx, new NotificationRequested(Guid.CreateVersion7(), new NotificationAudience([], restaurantId, roles),
            m.Type, m.Title, m.Body, m.TitleEn, m.BodyEn, m.Link, urgent, at), ct);
}

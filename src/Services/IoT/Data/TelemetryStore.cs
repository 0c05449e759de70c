using System.Diagnostics.Metrics;
using Brigade.IoT.Domain;
using Dapper;
using Npgsql;

namespace Brigade.IoT.Data;

public enum IngestResult { Stored, Duplicate, Dropped, UnknownDevice }

/// <summary>
/// One reading in one transaction: the raw row, the hourly aggregate, the device's latest state and the alarm rule's
/// decision. The device row is locked, so readings of one device are judged one at a time even across replicas.
/// </summary>
public sealed class TelemetryStore(NpgsqlDataSource db, Alarms alarms, Hubs.Live live, IMeterFactory meters)
{
    private readonly Counter<long> _stored = meters.Create("Brigade.IoT").CreateCounter<long>("brigade.iot.readings.stored", description: "Readings stored");
    private readonly Counter<long> _dropped = meters.Create("Brigade.IoT").CreateCounter<long>("brigade.iot.readings.dropped", description: "Messages dropped (bad payload, out of range, unknown device)");

    /// <summary>Messages dropped since start because their topic named no device of that restaurant (they have no device row to count on).</summary>
    public long UnknownDropped => Interlocked.Read(ref _unknown);
    private long _unknown;

    /// <summary>Counts a message that could not be read on the device it claims to come from.</summary>
    public async Task<IngestResult> DropAsync(Guid restaurantId, Guid deviceId, CancellationToken ct)
    {
        _dropped.Add(1);
        await using var c = await db.OpenConnectionAsync(ct);
        var counted = await c.ExecuteAsync(new CommandDefinition(
            "UPDATE devices SET dropped_messages = dropped_messages + 1 WHERE id = @deviceId AND restaurant_id = @restaurantId", new { deviceId, restaurantId }, cancellationToken: ct));
        if (counted == 0)
        {
            Interlocked.Increment(ref _unknown);
            return IngestResult.UnknownDevice;
        }

        return IngestResult.Dropped;
    }

    public async Task<IngestResult> IngestAsync(Guid restaurantId, Guid deviceId, double value, DateTimeOffset at, DateTimeOffset now, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        var d = await c.QuerySingleOrDefaultAsync<DeviceRow>(new CommandDefinition(
            $"SELECT {DeviceStore.LeanColumns} FROM devices d WHERE d.id = @deviceId AND d.restaurant_id = @restaurantId FOR UPDATE",
            new { deviceId, restaurantId }, tx, cancellationToken: ct));
        if (d is null)
        {
            _dropped.Add(1);
            Interlocked.Increment(ref _unknown);
            return IngestResult.UnknownDevice;
        }

        if (!Plausible(d.Kind, value))
        {
            _dropped.Add(1);
            await c.ExecuteAsync(new CommandDefinition("UPDATE devices SET dropped_messages = dropped_messages + 1 WHERE id = @deviceId", new { deviceId }, tx, cancellationToken: ct));
            await tx.CommitAsync(ct);
            return IngestResult.Dropped;
        }

        // QoS 1 delivers at least once: the same device and instant again is the same reading.
        var fresh = await c.ExecuteAsync(new CommandDefinition(
            "INSERT INTO readings (device_id, at, value) VALUES (@deviceId, @at, @value) ON CONFLICT DO NOTHING",
            new { deviceId, at, value = (float)value }, tx, cancellationToken: ct));
        if (fresh == 0)
        {
            await tx.CommitAsync(ct);
            return IngestResult.Duplicate;
        }

        var hour = new DateTimeOffset(at.UtcDateTime.Year, at.UtcDateTime.Month, at.UtcDateTime.Day, at.UtcDateTime.Hour, 0, 0, TimeSpan.Zero);
        await c.ExecuteAsync(new CommandDefinition("""
            INSERT INTO readings_hourly AS h (device_id, hour, n, total, min, max) VALUES (@deviceId, @hour, 1, @value, @value, @value)
            ON CONFLICT (device_id, hour) DO UPDATE SET n = h.n + 1, total = h.total + excluded.total,
                min = least(h.min, excluded.min), max = greatest(h.max, excluded.max)
            """, new { deviceId, hour, value = (float)value }, tx, cancellationToken: ct));

        // Readings are judged in the order they arrive (one device publishes in order over one connection).
        var rule = d.Rule;
        var state = new BreachState(d.BreachSince, d.BreachCount, rule is not null && await OpenAsync(c, tx, deviceId, rule.Kind, ct));
        var (next, decision) = AlarmRules.Evaluate(rule, state, value, at);
        await c.ExecuteAsync(new CommandDefinition("""
            UPDATE devices SET last_seen_at = greatest(coalesce(last_seen_at, @now), @now), last_value = @value,
                breach_since = @since, breach_count = @count
            WHERE id = @deviceId
            """, new { deviceId, now, value, since = next.Since, count = next.Count }, tx, cancellationToken: ct));

        // Hearing from the device ends its silence (a silent device's last_seen_at is old; a lively one has no offline alarm).
        if (d.LastSeenAt is null || AlarmRules.Offline(d.LastSeenAt.Value, d.ReportingIntervalSeconds, 1, now))
        {
            await alarms.ClearAsync(c, tx, d, ["offline"], value, now, ct);
        }
        if (decision == AlarmDecision.Raise)
        {
            await alarms.RaiseAsync(c, tx, d, rule!.Kind, value, rule.Threshold, at, ct);
        }
        else if (decision == AlarmDecision.Clear)
        {
            await alarms.ClearAsync(c, tx, d, null, value, at, ct);
        }

        await tx.CommitAsync(ct);
        _stored.Add(1);
        await live.ReadingAsync(restaurantId, new Hubs.LiveReading(deviceId, value, at));
        return IngestResult.Stored;
    }

    private static async Task<bool> OpenAsync(NpgsqlConnection c, NpgsqlTransaction tx, Guid deviceId, string kind, CancellationToken ct) =>
        await c.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT EXISTS (SELECT 1 FROM alarms WHERE device_id = @deviceId AND kind = @kind AND state <> 'cleared')", new { deviceId, kind }, tx, cancellationToken: ct));

    /// <summary>Values a device of the kind can report; anything else is a broken sensor or a bad payload.</summary>
    public static bool Plausible(string kind, double value) => double.IsFinite(value) && kind switch
    {
        "door" => value is 0 or 1,
        "energy_meter" => value is >= 0 and <= 1_000_000,
        "fryer" => value is >= -40 and <= 300,
        _ => value is >= -60 and <= 150,
    };
}

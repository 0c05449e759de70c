using Dapper;
using Npgsql;

namespace Brigade.IoT.Data;

public sealed class AlarmRow
{
    public Guid Id { get; init; }
    public Guid RestaurantId { get; init; }
    public Guid DeviceId { get; init; }
    public string DeviceName { get; init; } = "";
    public string Kind { get; init; } = "";
    public string State { get; init; } = "";
    public double? Value { get; init; }
    public double? Threshold { get; init; }
    public DateTimeOffset RaisedAt { get; init; }
    public DateTimeOffset? EscalatedAt { get; init; }
    public DateTimeOffset? AcknowledgedAt { get; init; }
    public Guid? AcknowledgedBy { get; init; }
    public string? CorrectiveAction { get; init; }
    public DateTimeOffset? ClearedAt { get; init; }
}

public enum AckOutcome { Acknowledged, NotFound, AlreadyDone }

public sealed class AlarmStore(NpgsqlDataSource db, Alarms alarms)
{
    const string Columns = """
        a.id, a.restaurant_id, a.device_id, d.name AS device_name, a.kind, a.state, a.value, a.threshold, a.raised_at, a.escalated_at,
        a.acknowledged_at, a.acknowledged_by, a.corrective_action, a.cleared_at
        """;

    /// <summary>The restaurant's alarms, newest first; only open ones when <paramref name="openOnly"/>.</summary>
    public async Task<IReadOnlyList<AlarmRow>> ListAsync(Guid restaurantId, bool openOnly, DateTimeOffset? before, int limit, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return (await c.QueryAsync<AlarmRow>(new CommandDefinition($"""
            SELECT {Columns} FROM alarms a JOIN devices d ON d.id = a.device_id
            WHERE a.restaurant_id = @restaurantId AND (NOT @openOnly OR a.state <> 'cleared') AND (@before::timestamptz IS NULL OR a.raised_at < @before)
            ORDER BY a.raised_at DESC LIMIT @limit
            """, new { restaurantId, openOnly, before, limit }, cancellationToken: ct))).ToList();
    }

    public async Task<AlarmRow?> FindAsync(Guid restaurantId, Guid id, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return await c.QuerySingleOrDefaultAsync<AlarmRow>(new CommandDefinition(
            $"SELECT {Columns} FROM alarms a JOIN devices d ON d.id = a.device_id WHERE a.id = @id AND a.restaurant_id = @restaurantId",
            new { id, restaurantId }, cancellationToken: ct));
    }

    /// <summary>
    /// Acknowledges a raised or escalated alarm with the corrective action taken, which goes into the HACCP log; it stops
    /// the escalation. A cleared alarm can still get its corrective action recorded once (the excursion happened).
    /// </summary>
    public async Task<AckOutcome> AcknowledgeAsync(Guid restaurantId, Guid id, Guid userId, string action, double? temperature, DateTimeOffset now, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        var a = await c.QuerySingleOrDefaultAsync<AlarmRow>(new CommandDefinition(
            $"SELECT {Columns} FROM alarms a JOIN devices d ON d.id = a.device_id WHERE a.id = @id AND a.restaurant_id = @restaurantId FOR UPDATE OF a",
            new { id, restaurantId }, tx, cancellationToken: ct));
        if (a is null)
        {
            return AckOutcome.NotFound;
        }

        if (a.AcknowledgedAt is not null)
        {
            return AckOutcome.AlreadyDone;
        }

        await c.ExecuteAsync(new CommandDefinition("""
            UPDATE alarms SET state = CASE WHEN state = 'cleared' THEN 'cleared' ELSE 'acknowledged' END,
                acknowledged_at = @now, acknowledged_by = @userId, corrective_action = @action
            WHERE id = @id
            """, new { id, now, userId, action }, tx, cancellationToken: ct));
        await c.ExecuteAsync(new CommandDefinition("""
            INSERT INTO haccp_entries (id, restaurant_id, device_id, alarm_id, kind, temperature, note, recorded_by, at)
            VALUES (@entry, @restaurantId, @DeviceId, @id, 'corrective_action', @temperature, @action, @userId, @now)
            """, new { entry = Guid.CreateVersion7(), restaurantId, a.DeviceId, id, temperature, action, userId, now }, tx, cancellationToken: ct));
        var d = await c.QuerySingleAsync<DeviceRow>(new CommandDefinition(
            $"SELECT {DeviceStore.Columns} FROM devices d WHERE d.id = @DeviceId", new { a.DeviceId }, tx, cancellationToken: ct));
        await alarms.AcknowledgedAsync(c, tx, id, d, a.Kind, a.Value, a.Threshold, now, ct);
        await tx.CommitAsync(ct);
        return AckOutcome.Acknowledged;
    }
}

using Dapper;
using Npgsql;

namespace Brigade.IoT.Data;

public sealed class HaccpRow
{
    public Guid Id { get; init; }
    public Guid? DeviceId { get; init; }
    public string? DeviceName { get; init; }
    public Guid? AlarmId { get; init; }
    public string Kind { get; init; } = "";
    public double? Temperature { get; init; }
    public string? Note { get; init; }
    public Guid? RecordedBy { get; init; }
    public DateTimeOffset At { get; init; }
}

/// <summary>The HACCP temperature log: checks by people, alarm excursions and the corrective actions taken.</summary>
public sealed class HaccpStore(NpgsqlDataSource db)
{
    public async Task<IReadOnlyList<HaccpRow>> ListAsync(Guid restaurantId, DateTimeOffset from, DateTimeOffset to, int limit, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return (await c.QueryAsync<HaccpRow>(new CommandDefinition("""
            SELECT h.id, h.device_id, d.name AS device_name, h.alarm_id, h.kind, h.temperature, h.note, h.recorded_by, h.at
            FROM haccp_entries h LEFT JOIN devices d ON d.id = h.device_id
            WHERE h.restaurant_id = @restaurantId AND h.at >= @from AND h.at < @to
            ORDER BY h.at, h.id LIMIT @limit
            """, new { restaurantId, from, to, limit }, cancellationToken: ct))).ToList();
    }

    public async Task<HaccpRow> CheckAsync(Guid restaurantId, Guid? deviceId, double temperature, string? note, Guid userId, DateTimeOffset at, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        var id = Guid.CreateVersion7();
        await c.ExecuteAsync(new CommandDefinition("""
            INSERT INTO haccp_entries (id, restaurant_id, device_id, kind, temperature, note, recorded_by, at)
            VALUES (@id, @restaurantId, @deviceId, 'check', @temperature, @note, @userId, @at)
            """, new { id, restaurantId, deviceId, temperature, note, userId, at }, cancellationToken: ct));
        return new HaccpRow { Id = id, DeviceId = deviceId, Kind = "check", Temperature = temperature, Note = note, RecordedBy = userId, At = at };
    }
}

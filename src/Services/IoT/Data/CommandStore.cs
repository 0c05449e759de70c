using Dapper;
using Npgsql;

namespace Brigade.IoT.Data;

public sealed class CommandRow
{
    public Guid Id { get; init; }
    public Guid RestaurantId { get; init; }
    public Guid DeviceId { get; init; }
    public string Type { get; init; } = "";
    public double? Value { get; init; }
    public string State { get; init; } = "";
    public Guid RequestedBy { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset Deadline { get; init; }
    public DateTimeOffset? AnsweredAt { get; init; }
    public string? Message { get; init; }
}

/// <summary>Commands to devices: <c>sent</c> until the device acknowledges (or rejects) it, or the deadline passes (<c>timed_out</c>).</summary>
public sealed class CommandStore(NpgsqlDataSource db)
{
    public async Task<CommandRow> CreateAsync(Guid restaurantId, Guid deviceId, string type, double? value, Guid userId, DateTimeOffset now, TimeSpan timeout, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return await c.QuerySingleAsync<CommandRow>(new CommandDefinition("""
            INSERT INTO commands (id, restaurant_id, device_id, type, value, state, requested_by, created_at, deadline)
            VALUES (@id, @restaurantId, @deviceId, @type, @value, 'sent', @userId, @now, @deadline)
            RETURNING *
            """, new { id = Guid.CreateVersion7(), restaurantId, deviceId, type, value, userId, now, deadline = now + timeout }, cancellationToken: ct));
    }

    public async Task<CommandRow?> FindAsync(Guid restaurantId, Guid deviceId, Guid id, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return await c.QuerySingleOrDefaultAsync<CommandRow>(new CommandDefinition(
            "SELECT * FROM commands WHERE id = @id AND device_id = @deviceId AND restaurant_id = @restaurantId", new { id, deviceId, restaurantId }, cancellationToken: ct));
    }

    /// <summary>
    /// The device's answer, taken only from the device the command went to and only while it waits: a late
    /// acknowledgement does not undo a time-out. True when it changed the command.
    /// </summary>
    public async Task<bool> AnswerAsync(Guid restaurantId, Guid deviceId, Guid id, bool ok, string? message, DateTimeOffset now, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return await c.ExecuteAsync(new CommandDefinition("""
            UPDATE commands SET state = @state, answered_at = @now, message = @message
            WHERE id = @id AND device_id = @deviceId AND restaurant_id = @restaurantId AND state = 'sent'
            """, new { id, deviceId, restaurantId, state = ok ? "acknowledged" : "rejected", now, message }, cancellationToken: ct)) > 0;
    }

    public async Task<int> TimeOutAsync(DateTimeOffset now, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return await c.ExecuteAsync(new CommandDefinition(
            "UPDATE commands SET state = 'timed_out', answered_at = @now WHERE state = 'sent' AND deadline < @now", new { now }, cancellationToken: ct));
    }
}

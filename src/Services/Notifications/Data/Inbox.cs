using Dapper;
using Npgsql;

namespace Brigade.Notifications.Data;

public sealed class NotificationRow
{
    public Guid Id { get; set; }
    public string Type { get; set; } = "";
    public string Title { get; set; } = "";
    public string Body { get; set; } = "";
    public Guid? RestaurantId { get; set; }
    public string? Link { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ReadAt { get; set; }
}

/// <summary>The in-app inbox: newest first, each person sees only their own.</summary>
public sealed class Inbox(NpgsqlDataSource db, TimeProvider clock)
{
    public async Task<IReadOnlyList<NotificationRow>> ListAsync(Guid userId, Guid? before, bool unreadOnly, int take, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        var rows = await c.QueryAsync<NotificationRow>(new CommandDefinition("""
            SELECT id, type, title, body, restaurant_id, link, created_at, read_at FROM notifications
             WHERE user_id = @userId AND (@before::uuid IS NULL OR id < @before) AND (NOT @unreadOnly OR read_at IS NULL)
             ORDER BY id DESC LIMIT @take
            """, new { userId, before, unreadOnly, take }, cancellationToken: ct));
        return rows.ToList();
    }

    public async Task<long> UnreadCountAsync(Guid userId, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return await c.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT count(*) FROM notifications WHERE user_id = @userId AND read_at IS NULL", new { userId }, cancellationToken: ct));
    }

    /// <summary>Marks the person's own notification read (the first read time stays); null when it is not theirs or does not exist.</summary>
    public async Task<NotificationRow?> MarkReadAsync(Guid userId, Guid id, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return await c.QuerySingleOrDefaultAsync<NotificationRow>(new CommandDefinition("""
            UPDATE notifications SET read_at = coalesce(read_at, @now)
             WHERE id = @id AND user_id = @userId
            RETURNING id, type, title, body, restaurant_id, link, created_at, read_at
            """, new { id, userId, now = clock.GetUtcNow() }, cancellationToken: ct));
    }

    public async Task<int> MarkAllReadAsync(Guid userId, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return await c.ExecuteAsync(new CommandDefinition(
            "UPDATE notifications SET read_at = @now WHERE user_id = @userId AND read_at IS NULL", new { userId, now = clock.GetUtcNow() }, cancellationToken: ct));
    }
}

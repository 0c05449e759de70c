using Dapper;
using Npgsql;

namespace Brigade.Notifications.Data;

public sealed class DeliveryRow
{
    public Guid Id { get; set; }
    public Guid? NotificationId { get; set; }
    public Guid? UserId { get; set; }
    public string Channel { get; set; } = "";
    public string Recipient { get; set; } = "";
    public string Subject { get; set; } = "";
    public string Body { get; set; } = "";
    public string Type { get; set; } = "";
    public string Status { get; set; } = "";
    public int Attempts { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? SentAt { get; set; }

    /// <summary>An email's calendar invitation as JSON (<see cref="Domain.Invitation"/>), or null.</summary>
    public string? Invitation { get; set; }

    public Domain.Invitation? ReadInvitation() =>
        Invitation is null ? null : System.Text.Json.JsonSerializer.Deserialize<Domain.Invitation>(Invitation, System.Text.Json.JsonSerializerOptions.Web);
}

/// <summary>Email, SMS and push messages waiting, sent or failed, with their attempts.</summary>
public sealed class Deliveries(NpgsqlDataSource db, TimeProvider clock)
{
    private const string Columns = "id, notification_id, user_id, channel, recipient, subject, body, type, status, attempts, last_error, next_attempt_at, created_at, sent_at, invitation::text";

    public static Task AddAsync(NpgsqlConnection c, NpgsqlTransaction tx, Guid? notificationId, Guid? userId, string channel, string recipient,
        string subject, string body, string type, DateTimeOffset dueAt, DateTimeOffset now, CancellationToken ct, Domain.Invitation? invitation = null) =>
        c.ExecuteAsync(new CommandDefinition("""
            INSERT INTO deliveries (id, notification_id, user_id, channel, recipient, subject, body, type, status, next_attempt_at, created_at, invitation)
            VALUES (@id, @notificationId, @userId, @channel, @recipient, @subject, @body, @type, 'pending', @dueAt, @now, @invitation::jsonb)
            """, new
        {
            id = Guid.CreateVersion7(), notificationId, userId, channel, recipient, subject, body, type, dueAt, now,
            invitation = invitation is null ? null : System.Text.Json.JsonSerializer.Serialize(invitation, System.Text.Json.JsonSerializerOptions.Web),
        }, tx, cancellationToken: ct));

    /// <summary>Claims up to <paramref name="take"/> due deliveries for <paramref name="lease"/> (pushed forward so other replicas skip them).</summary>
    public async Task<IReadOnlyList<DeliveryRow>> ClaimDueAsync(DateTimeOffset now, TimeSpan lease, int take, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        var rows = await c.QueryAsync<DeliveryRow>(new CommandDefinition($"""
            UPDATE deliveries SET next_attempt_at = @leaseUntil, attempts = attempts + 1
             WHERE id IN (SELECT id FROM deliveries WHERE status = 'pending' AND next_attempt_at <= @now
                          ORDER BY next_attempt_at LIMIT @take FOR UPDATE SKIP LOCKED)
            RETURNING {Columns}
            """, new { now, leaseUntil = now + lease, take }, cancellationToken: ct));
        return rows.ToList();
    }

    public async Task MarkSentAsync(Guid id, DateTimeOffset now, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        await c.ExecuteAsync(new CommandDefinition(
            "UPDATE deliveries SET status = 'sent', sent_at = @now, last_error = NULL WHERE id = @id", new { id, now }, cancellationToken: ct));
    }

    /// <summary>Records a failed attempt: retried at <paramref name="retryAt"/>, or failed for good when it is null.</summary>
    public async Task MarkFailedAttemptAsync(Guid id, string error, DateTimeOffset? retryAt, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        await c.ExecuteAsync(new CommandDefinition("""
            UPDATE deliveries SET last_error = @error,
                   status = CASE WHEN @retryAt::timestamptz IS NULL THEN 'failed' ELSE 'pending' END,
                   next_attempt_at = coalesce(@retryAt, next_attempt_at)
             WHERE id = @id
            """, new { id, error = error.Length > 2000 ? error[..2000] : error, retryAt }, cancellationToken: ct));
    }

    public async Task<IReadOnlyList<DeliveryRow>> ListAsync(string? status, Guid? userId, Guid? before, int take, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        var rows = await c.QueryAsync<DeliveryRow>(new CommandDefinition($"""
            SELECT {Columns} FROM deliveries
             WHERE (@status::text IS NULL OR status = @status) AND (@userId::uuid IS NULL OR user_id = @userId) AND (@before::uuid IS NULL OR id < @before)
             ORDER BY id DESC LIMIT @take
            """, new { status, userId, before, take }, cancellationToken: ct));
        return rows.ToList();
    }

    /// <summary>Puts a failed delivery back in the queue for a fresh set of attempts.</summary>
    public async Task<bool> RetryAsync(Guid id, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var c = await db.OpenConnectionAsync(ct);
        return await c.ExecuteAsync(new CommandDefinition(
            "UPDATE deliveries SET status = 'pending', attempts = 0, next_attempt_at = @now WHERE id = @id AND status = 'failed'",
            new { id, now }, cancellationToken: ct)) > 0;
    }
}

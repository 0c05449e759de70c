using Brigade.Chat.Domain;
using Brigade.Contracts.Chat;
using Brigade.Contracts.Notifications;
using Brigade.Messaging;
using Dapper;
using Npgsql;

namespace Brigade.Chat.Data;

public abstract record PostResult
{
    public sealed record Posted(MessageRow Message, IReadOnlyList<Guid> MemberIds) : PostResult;

    /// <summary>The same sender's same <c>clientMessageId</c> was stored before: that message, nothing new.</summary>
    public sealed record Replayed(MessageRow Message) : PostResult;

    public sealed record NotMember : PostResult;
}

public abstract record ChangeResult
{
    public sealed record Changed(MessageRow Message, IReadOnlyList<Guid> MemberIds) : ChangeResult;

    public sealed record Refused(MessageRules.Change Reason) : ChangeResult;

    public sealed record NotFound : ChangeResult;
}

/// <summary>Messages: stored in one transaction with their event and the notices to members who are away.</summary>
public sealed class MessageStore(NpgsqlDataSource db, IOutbox outbox)
{
    private const string Columns = "id, room_id, seq, sender_id, kind, body, body_en, image_url, client_message_id, created_at, edited_at, deleted_at, hidden_at";

    /// <summary>
    /// Stores a member's message. The room's row is locked for the transaction, which numbers the room's messages in the
    /// order they commit and makes a concurrent resend of the same <c>clientMessageId</c> find the first one.
    /// <paramref name="online"/> says which members are connected (they see it live; the others are notified).
    /// </summary>
    public async Task<PostResult> PostAsync(
        Guid roomId, Guid senderId, string kind, string? text, string? imageUrl, string? clientMessageId, string senderName,
        Func<IReadOnlyList<Guid>, Task<IReadOnlySet<Guid>>> online, DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);

        // One round trip: lock the room, then (in that order) read its members and any earlier message with this client id.
        RoomRow? room;
        List<MemberRow> members;
        MessageRow? earlier;
        await using (var grid = await connection.QueryMultipleAsync(new CommandDefinition($"""
            SELECT {RoomStore.RoomColumns} FROM rooms WHERE id = @roomId FOR UPDATE;
            SELECT {RoomStore.MemberColumns} FROM room_members WHERE room_id = @roomId AND left_at IS NULL ORDER BY joined_at, user_id;
            SELECT {Columns} FROM messages WHERE room_id = @roomId AND sender_id = @senderId AND client_message_id = @clientMessageId;
            """, new { roomId, senderId, clientMessageId }, tx, cancellationToken: ct)))
        {
            room = await grid.ReadSingleOrDefaultAsync<RoomRow>();
            members = (await grid.ReadAsync<MemberRow>()).ToList();
            earlier = await grid.ReadSingleOrDefaultAsync<MessageRow>();
        }

        if (room is null || members.All(m => m.UserId != senderId))
        {
            return new PostResult.NotMember();
        }

        if (earlier is not null)
        {
            return new PostResult.Replayed(earlier);
        }

        if (room.MaskContacts && text is not null)
        {
            text = ContactMask.Apply(text);
        }

        var others = members.Where(m => m.UserId != senderId).ToList();
        var connected = await online(others.Select(m => m.UserId).ToList());
        var away = others.Where(m => OfflineNotice.Due(connected.Contains(m.UserId), m.Muted, m.LastReadSeq, m.LastNotifiedSeq)).Select(m => m.UserId).ToArray();
        var memberIds = members.Select(m => m.UserId).ToList();
        var message = await AppendAsync(connection, tx, outbox, roomId, senderId, kind, text, null, imageUrl, clientMessageId, now, ct, memberIds);

        // The sender has read everything up to their own message; the away members were told about it.
        await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE room_members
            SET last_read_seq = CASE WHEN user_id = @senderId THEN @seq ELSE last_read_seq END,
                last_notified_seq = CASE WHEN user_id = ANY(@away) THEN @seq ELSE last_notified_seq END
            WHERE room_id = @roomId AND (user_id = @senderId OR user_id = ANY(@away))
            """, new { roomId, senderId, away, seq = message.Seq }, tx, cancellationToken: ct));
        if (away.Length > 0)
        {
            var preview = MessageRules.Preview(kind, text);
            await outbox.AddAsync(connection, tx, new NotificationRequested(
                message.Id, new NotificationAudience(away, null, []), "chat.message",
                $"{senderName} · {room.Title}", preview, $"{senderName} · {room.Title}", preview,
                $"/chat/{roomId}", false, now), ct);
        }

        await tx.CommitAsync(ct);
        return new PostResult.Posted(message, memberIds);
    }

    /// <summary>Appends a message to a room (taking the room's next number) and publishes <see cref="MessagePosted"/> with it.</summary>
    internal static async Task<MessageRow> AppendAsync(
        NpgsqlConnection connection, NpgsqlTransaction tx, IOutbox outbox, Guid roomId, Guid? senderId, string kind, string? body, string? bodyEn,
        string? imageUrl, string? clientMessageId, DateTimeOffset now, CancellationToken ct, IReadOnlyList<Guid>? memberIds = null)
    {
        var message = await connection.QuerySingleAsync<MessageRow>(new CommandDefinition($"""
            WITH numbered AS (
                UPDATE rooms SET last_seq = last_seq + 1, last_message_at = @now WHERE id = @roomId RETURNING last_seq)
            INSERT INTO messages (id, room_id, seq, sender_id, kind, body, body_en, image_url, client_message_id, created_at)
            SELECT @id, @roomId, numbered.last_seq, @senderId, @kind, @body, @bodyEn, @imageUrl, @clientMessageId, @now FROM numbered
            RETURNING {Columns}
            """, new { id = Guid.CreateVersion7(), roomId, senderId, kind, body, bodyEn, imageUrl, clientMessageId, now }, tx, cancellationToken: ct));
        memberIds ??= await RoomStore.MemberIdsAsync(connection, tx, roomId, ct);
        await outbox.AddAsync(connection, tx, new MessagePosted(
            message.Id, roomId, senderId, kind, MessageRules.Preview(kind, body), memberIds, now), ct);
        return message;
    }

    /// <summary>
    /// A member's page of a room's history: newest first before <paramref name="beforeSeq"/>, or (to catch up after a
    /// reconnect) oldest first after <paramref name="afterSeq"/>. Null when the caller is not a member.
    /// </summary>
    public async Task<IReadOnlyList<MessageRow>?> HistoryAsync(Guid roomId, Guid userId, long? beforeSeq, long? afterSeq, int limit, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        if (await RoomStore.MembershipAsync(connection, null, roomId, userId, ct) is null)
        {
            return null;
        }

        var sql = afterSeq is not null
            ? $"SELECT {Columns} FROM messages WHERE room_id = @roomId AND seq > @afterSeq ORDER BY seq LIMIT @take"
            : $"SELECT {Columns} FROM messages WHERE room_id = @roomId AND (@beforeSeq::bigint IS NULL OR seq < @beforeSeq) ORDER BY seq DESC LIMIT @take";
        return (await connection.QueryAsync<MessageRow>(new CommandDefinition(
            sql, new { roomId, beforeSeq, afterSeq, take = limit + 1 }, cancellationToken: ct))).ToList();
    }

    /// <summary>The sender edits (<paramref name="text"/> set) or deletes (null) their message within the window.</summary>
    public async Task<ChangeResult> ChangeAsync(
        Guid roomId, Guid messageId, Guid userId, string? text, TimeSpan window, DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        if (await RoomStore.MembershipAsync(connection, tx, roomId, userId, ct) is null)
        {
            return new ChangeResult.NotFound();
        }

        var message = await connection.QuerySingleOrDefaultAsync<MessageRow>(new CommandDefinition(
            $"SELECT {Columns} FROM messages WHERE id = @messageId AND room_id = @roomId FOR UPDATE", new { messageId, roomId }, tx, cancellationToken: ct));
        if (message is null)
        {
            return new ChangeResult.NotFound();
        }

        var rule = MessageRules.CanChange(message.SenderId, message.CreatedAt, message.DeletedAt is not null || message.HiddenAt is not null, userId, now, window);
        if (rule != MessageRules.Change.Allowed)
        {
            return new ChangeResult.Refused(rule);
        }

        if (text is not null && await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
                "SELECT mask_contacts FROM rooms WHERE id = @roomId", new { roomId }, tx, cancellationToken: ct)))
        {
            text = ContactMask.Apply(text);
        }

        var changed = await connection.QuerySingleAsync<MessageRow>(new CommandDefinition(text is null
                ? $"UPDATE messages SET deleted_at = @now, body = NULL, image_url = NULL WHERE id = @messageId RETURNING {Columns}"
                : $"UPDATE messages SET edited_at = @now, body = @text WHERE id = @messageId RETURNING {Columns}",
            new { messageId, text, now }, tx, cancellationToken: ct));
        var members = await RoomStore.MemberIdsAsync(connection, tx, roomId, ct);
        await tx.CommitAsync(ct);
        return new ChangeResult.Changed(changed, members);
    }

    /// <summary>A member reports a message of their room (once per member); false when it is not in a room of theirs.</summary>
    public async Task<bool> ReportAsync(Guid roomId, Guid messageId, Guid userId, string reason, DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        if (await RoomStore.MembershipAsync(connection, null, roomId, userId, ct) is null)
        {
            return false;
        }

        return await connection.ExecuteScalarAsync<bool>(new CommandDefinition("""
            WITH target AS (SELECT id FROM messages WHERE id = @messageId AND room_id = @roomId),
                 added AS (INSERT INTO message_reports (message_id, reporter_id, reason, created_at)
                           SELECT id, @userId, @reason, @now FROM target ON CONFLICT DO NOTHING)
            SELECT EXISTS (SELECT 1 FROM target)
            """, new { roomId, messageId, userId, reason, now }, cancellationToken: ct));
    }

    /// <summary>Reports not yet resolved, oldest first (administrators).</summary>
    public async Task<IReadOnlyList<ReportRow>> OpenReportsAsync(int limit, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return (await connection.QueryAsync<ReportRow>(new CommandDefinition("""
            SELECT r.message_id, m.room_id, r.reporter_id, r.reason, r.created_at, m.sender_id, m.body, m.hidden_at
            FROM message_reports r JOIN messages m ON m.id = r.message_id
            WHERE r.resolved_at IS NULL ORDER BY r.created_at, r.message_id LIMIT @limit
            """, new { limit }, cancellationToken: ct))).ToList();
    }

    /// <summary>An administrator hides a message from everyone and resolves its reports; null when there is no such message.</summary>
    public async Task<(MessageRow Message, IReadOnlyList<Guid> MemberIds)?> HideAsync(Guid messageId, DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var message = await connection.QuerySingleOrDefaultAsync<MessageRow>(new CommandDefinition(
            $"UPDATE messages SET hidden_at = coalesce(hidden_at, @now) WHERE id = @messageId RETURNING {Columns}",
            new { messageId, now }, tx, cancellationToken: ct));
        if (message is null)
        {
            return null;
        }

        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE message_reports SET resolved_at = @now WHERE message_id = @messageId AND resolved_at IS NULL", new { messageId, now }, tx, cancellationToken: ct));
        var members = await RoomStore.MemberIdsAsync(connection, tx, message.RoomId, ct);
        await tx.CommitAsync(ct);
        return (message, members);
    }
}

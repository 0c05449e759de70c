using Brigade.Chat.Domain;
using Brigade.Messaging;
using Dapper;
using Npgsql;

namespace Brigade.Chat.Data;

/// <summary>Rooms, their members, read receipts and mutes.</summary>
public sealed class RoomStore(NpgsqlDataSource db, IOutbox outbox)
{
    internal const string MemberColumns = "room_id, user_id, role, side, joined_at, muted, last_read_seq, last_notified_seq";
    internal const string RoomColumns = "id, kind, restaurant_id, title, subject, mask_contacts, last_seq, last_message_at, created_at";

    /// <summary>The caller's current membership of a room; null when there is no such room or they are not (or no longer) in it.</summary>
    public async Task<MemberRow?> MembershipAsync(Guid roomId, Guid userId, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return await MembershipAsync(connection, null, roomId, userId, ct);
    }

    internal static Task<MemberRow?> MembershipAsync(NpgsqlConnection connection, NpgsqlTransaction? tx, Guid roomId, Guid userId, CancellationToken ct) =>
        connection.QuerySingleOrDefaultAsync<MemberRow>(new CommandDefinition(
            $"SELECT {MemberColumns} FROM room_members WHERE room_id = @roomId AND user_id = @userId AND left_at IS NULL",
            new { roomId, userId }, tx, cancellationToken: ct));

    /// <summary>The room's current members, when the caller is one of them; null otherwise.</summary>
    public async Task<IReadOnlyList<Guid>?> MembersSeenByAsync(Guid roomId, Guid userId, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var members = await MemberIdsAsync(connection, null, roomId, ct);
        return members.Contains(userId) ? members : null;
    }

    internal static async Task<IReadOnlyList<Guid>> MemberIdsAsync(NpgsqlConnection connection, NpgsqlTransaction? tx, Guid roomId, CancellationToken ct) =>
        (await connection.QueryAsync<Guid>(new CommandDefinition(
            "SELECT user_id FROM room_members WHERE room_id = @roomId AND left_at IS NULL ORDER BY joined_at, user_id",
            new { roomId }, tx, cancellationToken: ct))).ToList();

    private const string SummarySelect = """
        SELECT r.id, r.kind, r.restaurant_id, r.title, r.mask_contacts, r.last_seq, r.last_message_at, r.created_at,
               m.muted, m.last_read_seq,
               (SELECT count(*) FROM messages x WHERE x.room_id = r.id AND x.seq > m.last_read_seq
                  AND x.sender_id IS DISTINCT FROM m.user_id AND x.deleted_at IS NULL AND x.hidden_at IS NULL) AS unread,
               l.kind AS last_kind,
               CASE WHEN l.deleted_at IS NULL AND l.hidden_at IS NULL THEN l.body END AS last_body,
               l.sender_id AS last_sender_id
        FROM room_members m
        JOIN rooms r ON r.id = m.room_id
        LEFT JOIN messages l ON l.room_id = r.id AND l.seq = r.last_seq
        """;

    /// <summary>The person's rooms, most recently active first, keyset-paged on (activity, id).</summary>
    public async Task<IReadOnlyList<RoomSummaryRow>> ListAsync(Guid userId, (DateTimeOffset At, Guid Id)? after, int limit, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<RoomSummaryRow>(new CommandDefinition(
            SummarySelect + """
             WHERE m.user_id = @userId AND m.left_at IS NULL
               AND (@afterAt::timestamptz IS NULL OR (coalesce(r.last_message_at, r.created_at), r.id) < (@afterAt, @afterId))
             ORDER BY coalesce(r.last_message_at, r.created_at) DESC, r.id DESC
             LIMIT @take
            """,
            new { userId, afterAt = after?.At, afterId = after?.Id ?? Guid.Empty, take = limit + 1 }, cancellationToken: ct));
        return rows.ToList();
    }

    public async Task<(RoomSummaryRow Room, IReadOnlyList<MemberRow> Members)?> GetAsync(Guid roomId, Guid userId, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var room = await connection.QuerySingleOrDefaultAsync<RoomSummaryRow>(new CommandDefinition(
            SummarySelect + " WHERE m.user_id = @userId AND m.left_at IS NULL AND r.id = @roomId", new { roomId, userId }, cancellationToken: ct));
        if (room is null)
        {
            return null;
        }

        var members = await connection.QueryAsync<MemberRow>(new CommandDefinition(
            $"SELECT {MemberColumns} FROM room_members WHERE room_id = @roomId AND left_at IS NULL ORDER BY joined_at, user_id",
            new { roomId }, cancellationToken: ct));
        return (room, members.ToList());
    }

    /// <summary>Unread messages over all the person's rooms, and in how many rooms (for a badge).</summary>
    public async Task<(long Unread, int Rooms)> UnreadAsync(Guid userId, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return await connection.QuerySingleAsync<(long, int)>(new CommandDefinition("""
            SELECT coalesce(sum(u.n), 0)::bigint, count(*) FILTER (WHERE u.n > 0)::int
            FROM room_members m
            CROSS JOIN LATERAL (SELECT count(*) AS n FROM messages x WHERE x.room_id = m.room_id AND x.seq > m.last_read_seq
                AND x.sender_id IS DISTINCT FROM m.user_id AND x.deleted_at IS NULL AND x.hidden_at IS NULL) u
            WHERE m.user_id = @userId AND m.left_at IS NULL
            """, new { userId }, cancellationToken: ct));
    }

    /// <summary>The people of <paramref name="userIds"/> who are not known members of the restaurant.</summary>
    public async Task<IReadOnlyList<Guid>> NotStaffAsync(Guid restaurantId, IReadOnlyList<Guid> userIds, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var known = (await connection.QueryAsync<Guid>(new CommandDefinition(
            "SELECT user_id FROM restaurant_staff WHERE restaurant_id = @restaurantId AND user_id = ANY(@userIds)",
            new { restaurantId, userIds = userIds.ToArray() }, cancellationToken: ct))).ToHashSet();
        return userIds.Where(id => !known.Contains(id)).ToList();
    }

    /// <summary>Opens a room between a restaurant's people with its first (system) message.</summary>
    public async Task<(RoomRow Room, MessageRow Opened, IReadOnlyList<Guid> MemberIds)> CreateStaffRoomAsync(
        Guid restaurantId, Guid creatorId, string title, IReadOnlyList<(Guid UserId, string Role)> members, DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var room = await InsertRoomAsync(connection, tx, RoomKinds.Staff, restaurantId, title, null, false, creatorId, now, ct);
        foreach (var (userId, role) in members)
        {
            await AddMemberAsync(connection, tx, room.Id, userId, role, Sides.Restaurant, now, ct);
        }

        var opened = await MessageStore.AppendAsync(connection, tx, outbox, room.Id, null, MessageKinds.System,
            "대화방이 열렸습니다.", "The conversation was opened.", null, null, now, ct);
        await tx.CommitAsync(ct);
        return (room, opened, members.Select(m => m.UserId).ToList());
    }

    internal static async Task<RoomRow> InsertRoomAsync(
        NpgsqlConnection connection, NpgsqlTransaction tx, string kind, Guid restaurantId, string title, string? subject, bool mask,
        Guid? createdBy, DateTimeOffset now, CancellationToken ct) =>
        await connection.QuerySingleAsync<RoomRow>(new CommandDefinition($"""
            INSERT INTO rooms (id, kind, restaurant_id, title, subject, mask_contacts, created_by, created_at)
            VALUES (@id, @kind, @restaurantId, @title, @subject, @mask, @createdBy, @now)
            RETURNING {RoomColumns}
            """, new { id = Guid.CreateVersion7(), kind, restaurantId, title, subject, mask, createdBy, now }, tx, cancellationToken: ct));

    /// <summary>Adds a member, or brings back one who left; a current member stays as they are.</summary>
    internal static Task AddMemberAsync(
        NpgsqlConnection connection, NpgsqlTransaction tx, Guid roomId, Guid userId, string role, string side, DateTimeOffset now, CancellationToken ct) =>
        connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO room_members (room_id, user_id, role, side, joined_at, last_read_seq)
            VALUES (@roomId, @userId, @role, @side, @now, (SELECT last_seq FROM rooms WHERE id = @roomId))
            ON CONFLICT (room_id, user_id) DO UPDATE SET left_at = NULL, joined_at = CASE WHEN room_members.left_at IS NULL THEN room_members.joined_at ELSE @now END
            """, new { roomId, userId, role, side, now }, tx, cancellationToken: ct));

    /// <summary>Moves the read receipt forward to <paramref name="seq"/> (never back, never past the last message); null when not a member.</summary>
    public async Task<long?> MarkReadAsync(Guid roomId, Guid userId, long seq, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<long?>(new CommandDefinition("""
            UPDATE room_members m SET last_read_seq = GREATEST(m.last_read_seq, LEAST(@seq, r.last_seq))
            FROM rooms r
            WHERE r.id = m.room_id AND m.room_id = @roomId AND m.user_id = @userId AND m.left_at IS NULL
            RETURNING m.last_read_seq
            """, new { roomId, userId, seq }, cancellationToken: ct));
    }

    public async Task<bool> MuteAsync(Guid roomId, Guid userId, bool muted, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE room_members SET muted = @muted WHERE room_id = @roomId AND user_id = @userId AND left_at IS NULL",
            new { roomId, userId, muted }, cancellationToken: ct)) == 1;
    }

    /// <summary>The member leaves with a system message saying so; the others' list and access stay as they are.</summary>
    public async Task<(MessageRow Left, IReadOnlyList<Guid> MemberIds)?> LeaveAsync(Guid roomId, Guid userId, string name, DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var left = await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE room_members SET left_at = @now WHERE room_id = @roomId AND user_id = @userId AND left_at IS NULL",
            new { roomId, userId, now }, tx, cancellationToken: ct));
        if (left == 0)
        {
            return null;
        }

        var message = await MessageStore.AppendAsync(connection, tx, outbox, roomId, null, MessageKinds.System,
            $"{name}님이 나갔습니다.", $"{name} left.", null, null, now, ct);
        var members = await MemberIdsAsync(connection, tx, roomId, ct);
        await tx.CommitAsync(ct);
        return (message, members);
    }
}

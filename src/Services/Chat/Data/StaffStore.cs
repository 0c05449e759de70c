using Dapper;
using Npgsql;

namespace Brigade.Chat.Data;

/// <summary>The mirror of who works at which restaurant (from restaurants' events).</summary>
public static class StaffStore
{
    public static Task AddAsync(NpgsqlConnection connection, NpgsqlTransaction tx, Guid restaurantId, Guid userId, string role, CancellationToken ct) =>
        connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO restaurant_staff (restaurant_id, user_id, role) VALUES (@restaurantId, @userId, @role)
            ON CONFLICT (restaurant_id, user_id) DO UPDATE SET role = excluded.role
            """, new { restaurantId, userId, role }, tx, cancellationToken: ct));

    /// <summary>
    /// Forgets the membership and takes the person out of the restaurant's rooms on its side: someone who no longer works
    /// there reads none of its conversations. The rooms they left, for the caller to tell live.
    /// </summary>
    public static async Task<IReadOnlyList<Guid>> RemoveAsync(
        NpgsqlConnection connection, NpgsqlTransaction tx, Guid restaurantId, Guid userId, DateTimeOffset now, CancellationToken ct)
    {
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM restaurant_staff WHERE restaurant_id = @restaurantId AND user_id = @userId", new { restaurantId, userId }, tx, cancellationToken: ct));
        return (await connection.QueryAsync<Guid>(new CommandDefinition("""
            UPDATE room_members m SET left_at = @now
            FROM rooms r
            WHERE r.id = m.room_id AND r.restaurant_id = @restaurantId AND m.user_id = @userId AND m.side = 'restaurant' AND m.left_at IS NULL
            RETURNING m.room_id
            """, new { restaurantId, userId, now }, tx, cancellationToken: ct))).ToList();
    }

    /// <summary>The restaurant's owners and managers: the restaurant's side of a conversation opened before anyone was named.</summary>
    public static async Task<IReadOnlyList<Guid>> ManagersAsync(NpgsqlConnection connection, NpgsqlTransaction tx, Guid restaurantId, CancellationToken ct) =>
        (await connection.QueryAsync<Guid>(new CommandDefinition(
            "SELECT user_id FROM restaurant_staff WHERE restaurant_id = @restaurantId AND role IN ('owner', 'manager') ORDER BY user_id",
            new { restaurantId }, tx, cancellationToken: ct))).ToList();
}

using Brigade.Contracts.Restaurants;
using Brigade.Messaging;
using Brigade.Restaurants.Domain;
using Dapper;
using Npgsql;

namespace Brigade.Restaurants.Data;

public sealed class MemberRow
{
    public Guid UserId { get; set; }
    public string Role { get; set; } = "";
    public string? Email { get; set; }
    public Guid? AddedBy { get; set; }
    public DateTimeOffset AddedAt { get; set; }
}

public enum MemberChange { Added, RoleChanged, Unchanged }

public enum RemoveOutcome { Removed, NotFound, LastOwner }

/// <summary>
/// Who works at a restaurant. This table is the authority for rights inside this service; every change
/// goes to identity as <c>restaurants.member.added</c>/<c>removed</c> so the person's next token carries it.
/// </summary>
public sealed class MemberStore(NpgsqlDataSource db, IOutbox outbox, TimeProvider clock)
{
    public async Task<IReadOnlyList<MemberRow>> ListAsync(Guid restaurantId, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<MemberRow>(new CommandDefinition("""
            SELECT user_id, role, email, added_by, added_at FROM restaurant_members
             WHERE restaurant_id = @restaurantId
             ORDER BY CASE role WHEN 'owner' THEN 0 WHEN 'manager' THEN 1 ELSE 2 END, added_at, user_id
            """, new { restaurantId }, cancellationToken: ct));
        return rows.ToList();
    }

    public async Task<MemberRow?> FindAsync(Guid restaurantId, Guid userId, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<MemberRow>(new CommandDefinition(
            "SELECT user_id, role, email, added_by, added_at FROM restaurant_members WHERE restaurant_id = @restaurantId AND user_id = @userId",
            new { restaurantId, userId }, cancellationToken: ct));
    }

    /// <summary>Adds the person in <paramref name="role"/>, or changes the role of a current member.</summary>
    public async Task<(MemberChange Change, MemberRow Member)> AddOrChangeAsync(Guid restaurantId, Guid userId, MemberRole role, string? email, Guid addedBy, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var roleText = role.ToText();
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var before = await connection.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(
            "SELECT role FROM restaurant_members WHERE restaurant_id = @restaurantId AND user_id = @userId FOR UPDATE",
            new { restaurantId, userId }, transaction, cancellationToken: ct));
        var member = await connection.QuerySingleAsync<MemberRow>(new CommandDefinition("""
            INSERT INTO restaurant_members (restaurant_id, user_id, role, email, added_by, added_at)
            VALUES (@restaurantId, @userId, @roleText, @email, @addedBy, @now)
            ON CONFLICT (restaurant_id, user_id) DO UPDATE
               SET role = excluded.role, email = coalesce(excluded.email, restaurant_members.email)
            RETURNING user_id, role, email, added_by, added_at
            """, new { restaurantId, userId, roleText, email, addedBy, now }, transaction, cancellationToken: ct));
        var change = before is null ? MemberChange.Added : before == roleText ? MemberChange.Unchanged : MemberChange.RoleChanged;
        if (change != MemberChange.Unchanged)
        {
            await outbox.AddAsync(connection, transaction, new MemberAdded(restaurantId, userId, roleText, now), ct);
        }

        await transaction.CommitAsync(ct);
        return (change, member);
    }

    /// <summary>Removes a member; the restaurant's last owner stays (checked under lock, so concurrent removals cannot both pass).</summary>
    public async Task<RemoveOutcome> RemoveAsync(Guid restaurantId, Guid userId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var members = (await connection.QueryAsync<(Guid UserId, string Role)>(new CommandDefinition(
            "SELECT user_id, role FROM restaurant_members WHERE restaurant_id = @restaurantId FOR UPDATE",
            new { restaurantId }, transaction, cancellationToken: ct))).ToList();
        var member = members.FirstOrDefault(m => m.UserId == userId);
        if (member.Role is null)
        {
            return RemoveOutcome.NotFound;
        }

        if (member.Role == "owner" && members.Count(m => m.Role == "owner") <= 1)
        {
            return RemoveOutcome.LastOwner;
        }

        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM restaurant_members WHERE restaurant_id = @restaurantId AND user_id = @userId",
            new { restaurantId, userId }, transaction, cancellationToken: ct));
        await outbox.AddAsync(connection, transaction, new MemberRemoved(restaurantId, userId, member.Role, now), ct);
        await transaction.CommitAsync(ct);
        return RemoveOutcome.Removed;
    }

    public async Task<int> CountOwnersAsync(Guid restaurantId, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT count(*) FROM restaurant_members WHERE restaurant_id = @restaurantId AND role = 'owner'", new { restaurantId }, cancellationToken: ct));
    }

    /// <summary>Mirrors a membership identity changed through its own API (no event back: identity already knows).</summary>
    public static async Task ApplyFromIdentityAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid restaurantId, Guid userId, string? role, DateTimeOffset at, CancellationToken ct)
    {
        if (role is null || AccessPolicy.ParseRole(role) is null)
        {
            await connection.ExecuteAsync(new CommandDefinition("""
                DELETE FROM restaurant_members
                 WHERE restaurant_id = @restaurantId AND user_id = @userId
                   AND (role <> 'owner' OR (SELECT count(*) FROM restaurant_members WHERE restaurant_id = @restaurantId AND role = 'owner') > 1)
                """, new { restaurantId, userId }, transaction, cancellationToken: ct));
            return;
        }

        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO restaurant_members (restaurant_id, user_id, role, added_at)
            SELECT @restaurantId, @userId, @role, @at WHERE EXISTS (SELECT 1 FROM restaurants WHERE id = @restaurantId)
            ON CONFLICT (restaurant_id, user_id) DO UPDATE SET role = excluded.role
             WHERE restaurant_members.role <> 'owner'
                OR (SELECT count(*) FROM restaurant_members WHERE restaurant_id = @restaurantId AND role = 'owner') > 1
            """, new { restaurantId, userId, role, at }, transaction, cancellationToken: ct));
    }

    /// <summary>A deleted account loses its memberships.</summary>
    public static Task<int> RemoveUserAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid userId, CancellationToken ct) =>
        connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM restaurant_members WHERE user_id = @userId", new { userId }, transaction, cancellationToken: ct));
}

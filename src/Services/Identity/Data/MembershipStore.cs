using Brigade.Contracts.Identity;
using Brigade.Messaging;
using Brigade.Security;
using Dapper;
using Npgsql;

namespace Brigade.Identity.Data;

public enum MembershipOutcome { Changed, Unchanged, UserNotFound, TooMany, NotMember }

/// <summary>
/// Restaurant memberships. Each change carries the time it happened and applies only when newer than
/// the stored one, so changes arriving out of order (events, retries) end in the latest state.
/// </summary>
public sealed class MembershipStore(NpgsqlDataSource db, IOutbox outbox, TimeProvider clock)
{
    public async Task<IReadOnlyList<Membership>> ListAsync(Guid userId, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return await ListAsync(connection, null, userId, ct);
    }

    public static async Task<IReadOnlyList<Membership>> ListAsync(NpgsqlConnection c, NpgsqlTransaction? tx, Guid userId, CancellationToken ct) =>
        (await c.QueryAsync<(Guid RestaurantId, string Role)>(new CommandDefinition(
            "SELECT restaurant_id, role FROM memberships WHERE user_id = @userId AND role IS NOT NULL ORDER BY restaurant_id",
            new { userId }, tx, cancellationToken: ct)))
        .Select(m => new Membership(m.RestaurantId, m.Role))
        .ToList();

    public async Task<string?> RoleOfAsync(Guid userId, Guid restaurantId, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(
            "SELECT role FROM memberships WHERE user_id = @userId AND restaurant_id = @restaurantId",
            new { userId, restaurantId }, cancellationToken: ct));
    }

    /// <summary>Sets the role through the API; announced as <see cref="MembershipChanged"/>.</summary>
    public async Task<MembershipOutcome> SetAsync(Guid userId, Guid restaurantId, string? role, int maxPerUser, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        return await db.InTransactionAsync(async (c, tx) =>
        {
            if (await UserStore.FindAsync(c, tx, userId, forUpdate: true, ct) is null)
            {
                return MembershipOutcome.UserNotFound;
            }

            var outcome = await ApplyAsync(c, tx, userId, restaurantId, role, now, maxPerUser, ct);
            if (outcome == MembershipOutcome.Changed)
            {
                await outbox.AddAsync(c, tx, new MembershipChanged(userId, restaurantId, role, now), ct);
            }

            return outcome;
        }, ct);
    }

    /// <summary>
    /// Applies a membership change that happened at <paramref name="changedAt"/> (role null: removed) unless a
    /// newer change is stored (of two at the same instant, the one applied last wins). The user's row must be locked by the caller.
    /// </summary>
    public static async Task<MembershipOutcome> ApplyAsync(NpgsqlConnection c, NpgsqlTransaction tx, Guid userId, Guid restaurantId, string? role,
        DateTimeOffset changedAt, int maxPerUser, CancellationToken ct)
    {
        var current = await c.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(
            "SELECT role FROM memberships WHERE user_id = @userId AND restaurant_id = @restaurantId",
            new { userId, restaurantId }, tx, cancellationToken: ct));
        if (role is not null && current is null)
        {
            var count = await c.ExecuteScalarAsync<int>(new CommandDefinition(
                "SELECT count(*) FROM memberships WHERE user_id = @userId AND role IS NOT NULL", new { userId }, tx, cancellationToken: ct));
            if (count >= maxPerUser)
            {
                return MembershipOutcome.TooMany;
            }
        }

        var changed = await c.ExecuteAsync(new CommandDefinition("""
            INSERT INTO memberships (user_id, restaurant_id, role, changed_at) VALUES (@userId, @restaurantId, @role, @changedAt)
            ON CONFLICT (user_id, restaurant_id) DO UPDATE SET role = excluded.role, changed_at = excluded.changed_at
             WHERE memberships.changed_at <= excluded.changed_at
            """, new { userId, restaurantId, role, changedAt }, tx, cancellationToken: ct));
        // A removal of a non-member still leaves its mark, so an older "added" arriving later stays ignored.
        return role is null && current is null ? MembershipOutcome.NotMember
            : changed == 1 && current != role ? MembershipOutcome.Changed
            : MembershipOutcome.Unchanged;
    }
}

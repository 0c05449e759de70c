using System.Globalization;
using System.Security.Claims;
using Brigade.Reservations.Domain;
using Brigade.Security;
using Dapper;
using Npgsql;

namespace Brigade.Reservations.Data;

/// <summary>
/// Who may act for a restaurant here: admins, and its members as the token says, corrected by the membership and role
/// changes learned from events since the token was issued (<see cref="Rights"/>). Facts are written by the event handlers,
/// guarded by the event's time so a late copy never overwrites a newer fact.
/// </summary>
public sealed class RightsStore(NpgsqlDataSource db)
{
    /// <summary>True for an admin, or a member of the restaurant in one of <paramref name="roles"/> (any role when none are given).</summary>
    public async ValueTask<bool> IsStaffAsync(ClaimsPrincipal user, Guid restaurantId, CancellationToken ct, params string[] roles)
    {
        if (user.IsAdmin())
        {
            return true;
        }

        if (user.FindUserId() is not { } userId)
        {
            return false;
        }

        await using var c = await db.OpenConnectionAsync(ct);
        var learned = await c.QuerySingleOrDefaultAsync<MembershipRow>(new CommandDefinition(
            "SELECT role, changed_at FROM restaurant_members WHERE restaurant_id = @restaurantId AND user_id = @userId",
            new { restaurantId, userId }, cancellationToken: ct));
        var tokenRoles = user.Memberships().Where(m => m.RestaurantId == restaurantId).Select(m => m.Role).ToList();
        var effective = Rights.RolesIn(tokenRoles, IssuedAt(user), learned is null ? null : new LearnedMembership(learned.Role, learned.ChangedAt));
        return roles.Length == 0 ? effective.Count > 0 : effective.Any(r => roles.Contains(r, StringComparer.Ordinal));
    }

    /// <summary>Whether the caller holds the platform <paramref name="role"/> now (<see cref="Rights.PlatformRole"/>).</summary>
    public async ValueTask<PlatformRoleCheck> PlatformRoleAsync(ClaimsPrincipal user, string role, CancellationToken ct)
    {
        if (user.FindUserId() is not { } userId)
        {
            return PlatformRoleCheck.Denied;
        }

        await using var c = await db.OpenConnectionAsync(ct);
        var learned = await c.QuerySingleOrDefaultAsync<RolesRow>(new CommandDefinition(
            "SELECT roles, changed_at FROM user_roles WHERE user_id = @userId", new { userId }, cancellationToken: ct));
        return Rights.PlatformRole(user.IsInRole(role), IssuedAt(user), learned is null ? null : new LearnedRoles(learned.Roles, learned.ChangedAt), role);
    }

    /// <summary>Records that <paramref name="userId"/> is <paramref name="role"/> of the restaurant since <paramref name="at"/> (null: no longer a member).</summary>
    public static Task LearnMembershipAsync(NpgsqlConnection c, NpgsqlTransaction tx, Guid restaurantId, Guid userId, string? role, DateTimeOffset at, CancellationToken ct) =>
        c.ExecuteAsync(new CommandDefinition("""
            INSERT INTO restaurant_members (restaurant_id, user_id, role, changed_at) VALUES (@restaurantId, @userId, @role, @at)
            ON CONFLICT (restaurant_id, user_id) DO UPDATE SET role = EXCLUDED.role, changed_at = EXCLUDED.changed_at
            WHERE restaurant_members.changed_at <= EXCLUDED.changed_at
            """, new { restaurantId, userId, role = Roles.RestaurantRoles.Contains(role ?? "") ? role : null, at = at.ToUniversalTime() }, tx, cancellationToken: ct));

    public static Task LearnRolesAsync(NpgsqlConnection c, NpgsqlTransaction tx, Guid userId, IReadOnlyList<string> roles, DateTimeOffset at, CancellationToken ct) =>
        c.ExecuteAsync(new CommandDefinition("""
            INSERT INTO user_roles (user_id, roles, changed_at) VALUES (@userId, @roles, @at)
            ON CONFLICT (user_id) DO UPDATE SET roles = EXCLUDED.roles, changed_at = EXCLUDED.changed_at
            WHERE user_roles.changed_at <= EXCLUDED.changed_at
            """, new { userId, roles = roles.ToArray(), at = at.ToUniversalTime() }, tx, cancellationToken: ct));

    private sealed class MembershipRow
    {
        public string? Role { get; init; }

        public DateTimeOffset ChangedAt { get; init; }
    }

    private sealed class RolesRow
    {
        public string[] Roles { get; init; } = [];

        public DateTimeOffset ChangedAt { get; init; }
    }

    /// <summary>When the token was issued (<c>iat</c>); the distant past when it does not say, so every learned fact is newer.</summary>
    private static DateTimeOffset IssuedAt(ClaimsPrincipal user) =>
        long.TryParse(user.FindFirstValue(ClaimNames.IssuedAt), NumberStyles.None, CultureInfo.InvariantCulture, out var iat)
            ? DateTimeOffset.FromUnixTimeSeconds(iat)
            : DateTimeOffset.MinValue;
}

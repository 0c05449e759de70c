using System.Globalization;
using System.Security.Claims;
using Brigade.Restaurants.Domain;
using Brigade.Security;
using Dapper;
using Npgsql;

namespace Brigade.Restaurants.Data;

/// <summary>
/// A person's platform roles as identity last announced them, with the time, so a token older than the change is corrected
/// (<see cref="AccessPolicy.CheckOpenRestaurant"/>). Written by the event handler, guarded by the event's time so a late copy
/// never overwrites a newer fact.
/// </summary>
public sealed class PlatformRoleStore(NpgsqlDataSource db)
{
    public async Task<LearnedRoles?> FindAsync(Guid userId, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<RolesRow>(new CommandDefinition(
            "SELECT roles, changed_at FROM user_roles WHERE user_id = @userId", new { userId }, cancellationToken: ct));
        return row is null ? null : new LearnedRoles(row.Roles, row.ChangedAt);
    }

    public static Task LearnAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid userId, IReadOnlyList<string> roles, DateTimeOffset at, CancellationToken ct) =>
        connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO user_roles (user_id, roles, changed_at) VALUES (@userId, @roles, @at)
            ON CONFLICT (user_id) DO UPDATE SET roles = excluded.roles, changed_at = excluded.changed_at
             WHERE user_roles.changed_at <= excluded.changed_at
            """, new { userId, roles = roles.ToArray(), at = at.ToUniversalTime() }, transaction, cancellationToken: ct));

    /// <summary>When the token was issued (<c>iat</c>); the distant past when it does not say, so every learned fact is newer.</summary>
    public static DateTimeOffset IssuedAt(ClaimsPrincipal user) =>
        long.TryParse(user.FindFirstValue(ClaimNames.IssuedAt), NumberStyles.None, CultureInfo.InvariantCulture, out var iat)
            ? DateTimeOffset.FromUnixTimeSeconds(iat)
            : DateTimeOffset.MinValue;

    private sealed class RolesRow
    {
        public string[] Roles { get; init; } = [];

        public DateTimeOffset ChangedAt { get; init; }
    }
}

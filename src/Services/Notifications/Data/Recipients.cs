using Brigade.Notifications.Domain;
using Dapper;
using Npgsql;

namespace Brigade.Notifications.Data;

public sealed class RecipientRow
{
    public Guid UserId { get; set; }
    public string? Email { get; set; }
    public string? Name { get; set; }
    public string? Phone { get; set; }
    public string Locale { get; set; } = Locales.Korean;
}

/// <summary>What this service knows of a person: contact details, locale, roles, restaurant memberships.</summary>
public static class Recipients
{
    public static Task UpsertAsync(NpgsqlConnection c, NpgsqlTransaction tx, Guid userId, string email, string? name, string? phone,
        IReadOnlyList<string>? roles, string? locale, DateTimeOffset at, CancellationToken ct) =>
        c.ExecuteAsync(new CommandDefinition("""
            INSERT INTO recipients (user_id, email, name, phone, roles, locale, updated_at)
            VALUES (@userId, @email, @name, @phone, coalesce(@roles, '{}'::text[]), coalesce(@locale, 'ko'), @at)
            ON CONFLICT (user_id) DO UPDATE SET
                email = excluded.email,
                name = coalesce(excluded.name, recipients.name),
                phone = coalesce(excluded.phone, recipients.phone),
                roles = CASE WHEN @roles IS NULL THEN recipients.roles ELSE excluded.roles END,
                locale = coalesce(@locale, recipients.locale),
                updated_at = excluded.updated_at
            """, new { userId, email, name, phone, roles = roles?.ToArray(), locale, at }, tx, cancellationToken: ct));

    public static Task SetRolesAsync(NpgsqlConnection c, NpgsqlTransaction tx, Guid userId, IReadOnlyList<string> roles, DateTimeOffset at, CancellationToken ct) =>
        c.ExecuteAsync(new CommandDefinition("""
            INSERT INTO recipients (user_id, roles, updated_at) VALUES (@userId, @roles, @at)
            ON CONFLICT (user_id) DO UPDATE SET roles = excluded.roles, updated_at = excluded.updated_at
            """, new { userId, roles = roles.ToArray(), at }, tx, cancellationToken: ct));

    public static Task<RecipientRow?> FindAsync(NpgsqlConnection c, NpgsqlTransaction? tx, Guid userId, CancellationToken ct) =>
        c.QuerySingleOrDefaultAsync<RecipientRow>(new CommandDefinition(
            "SELECT user_id, email, name, phone, locale FROM recipients WHERE user_id = @userId", new { userId }, tx, cancellationToken: ct));

    public static async Task<IReadOnlyList<Guid>> WithRoleAsync(NpgsqlConnection c, NpgsqlTransaction? tx, string role, CancellationToken ct) =>
        (await c.QueryAsync<Guid>(new CommandDefinition(
            "SELECT user_id FROM recipients WHERE @role = ANY (roles) ORDER BY user_id", new { role }, tx, cancellationToken: ct))).ToList();

    public static async Task<IReadOnlyList<Guid>> StaffOfAsync(NpgsqlConnection c, NpgsqlTransaction? tx, Guid restaurantId, CancellationToken ct) =>
        (await c.QueryAsync<Guid>(new CommandDefinition(
            "SELECT user_id FROM restaurant_staff WHERE restaurant_id = @restaurantId ORDER BY user_id", new { restaurantId }, tx, cancellationToken: ct))).ToList();

    /// <summary>The restaurant's members in one of <paramref name="roles"/> (owner, manager, staff).</summary>
    public static async Task<IReadOnlyList<Guid>> MembersAsync(NpgsqlConnection c, NpgsqlTransaction? tx, Guid restaurantId, IReadOnlyCollection<string> roles, CancellationToken ct) =>
        (await c.QueryAsync<Guid>(new CommandDefinition(
            "SELECT user_id FROM restaurant_staff WHERE restaurant_id = @restaurantId AND role = ANY (@roles) ORDER BY user_id",
            new { restaurantId, roles = roles.ToArray() }, tx, cancellationToken: ct))).ToList();

    /// <summary>Applies a membership change; a null <paramref name="role"/> removes it. An older change than the stored one is ignored.</summary>
    public static Task SetMembershipAsync(NpgsqlConnection c, NpgsqlTransaction tx, Guid restaurantId, Guid userId, string? role, DateTimeOffset at, CancellationToken ct) =>
        role is null
            ? c.ExecuteAsync(new CommandDefinition(
                "DELETE FROM restaurant_staff WHERE restaurant_id = @restaurantId AND user_id = @userId AND changed_at <= @at",
                new { restaurantId, userId, at }, tx, cancellationToken: ct))
            : c.ExecuteAsync(new CommandDefinition("""
                INSERT INTO restaurant_staff (restaurant_id, user_id, role, changed_at) VALUES (@restaurantId, @userId, @role, @at)
                ON CONFLICT (restaurant_id, user_id) DO UPDATE SET role = excluded.role, changed_at = excluded.changed_at
                 WHERE restaurant_staff.changed_at <= excluded.changed_at
                """, new { restaurantId, userId, role, at }, tx, cancellationToken: ct));

    /// <summary>A deleted account: its contact details, inbox, preferences, devices and pending messages go.</summary>
    public static Task ForgetAsync(NpgsqlConnection c, NpgsqlTransaction tx, Guid userId, CancellationToken ct) =>
        c.ExecuteAsync(new CommandDefinition("""
            DELETE FROM recipients WHERE user_id = @userId;
            DELETE FROM restaurant_staff WHERE user_id = @userId;
            DELETE FROM notifications WHERE user_id = @userId;
            DELETE FROM channel_preferences WHERE user_id = @userId;
            DELETE FROM quiet_hours WHERE user_id = @userId;
            DELETE FROM device_tokens WHERE user_id = @userId;
            DELETE FROM deliveries WHERE user_id = @userId;
            """, new { userId }, tx, cancellationToken: ct));
}

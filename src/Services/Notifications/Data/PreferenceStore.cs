using Brigade.Notifications.Domain;
using Dapper;
using Npgsql;

namespace Brigade.Notifications.Data;

/// <summary>
/// Each person's language, channel switches, quiet hours and push devices. The static reads run inside a caller's
/// transaction (sending a notification); the instance methods open their own.
/// </summary>
public sealed class PreferenceStore(NpgsqlDataSource db, TimeProvider clock)
{
    public static async Task<PreferenceSet> LoadAsync(NpgsqlConnection c, NpgsqlTransaction? tx, Guid userId, CancellationToken ct)
    {
        var channels = (await c.QueryAsync<(string Channel, bool Enabled)>(new CommandDefinition(
            "SELECT channel, enabled FROM channel_preferences WHERE user_id = @userId", new { userId }, tx, cancellationToken: ct)))
            .ToDictionary(r => r.Channel, r => r.Enabled, StringComparer.Ordinal);
        var quiet = await c.QuerySingleOrDefaultAsync<(string Start, string End, string Zone)?>(new CommandDefinition(
            "SELECT start_time, end_time, time_zone FROM quiet_hours WHERE user_id = @userId", new { userId }, tx, cancellationToken: ct));
        return new PreferenceSet(channels, quiet?.Start, quiet?.End, quiet?.Zone);
    }

    public static async Task<IReadOnlyList<string>> DevicesAsync(NpgsqlConnection c, NpgsqlTransaction? tx, Guid userId, CancellationToken ct) =>
        (await c.QueryAsync<string>(new CommandDefinition(
            "SELECT token FROM device_tokens WHERE user_id = @userId ORDER BY created_at", new { userId }, tx, cancellationToken: ct))).ToList();

    /// <summary>The person's preferences and language (<see cref="Locales.Korean"/> until they choose).</summary>
    public async Task<(PreferenceSet Preferences, string Locale)> GetAsync(Guid userId, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        var set = await LoadAsync(c, null, userId, ct);
        var locale = await c.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(
            "SELECT locale FROM recipients WHERE user_id = @userId", new { userId }, cancellationToken: ct)) ?? Locales.Korean;
        return (set, locale);
    }

    /// <summary>Replaces the given channel switches (others unchanged), the quiet hours (null removes them) and the locale (null keeps it).</summary>
    public async Task SaveAsync(Guid userId, IReadOnlyDictionary<string, bool> channels, (string Start, string End, string Zone)? quiet, string? locale, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        foreach (var (channel, enabled) in channels)
        {
            await c.ExecuteAsync(new CommandDefinition("""
                INSERT INTO channel_preferences (user_id, channel, enabled) VALUES (@userId, @channel, @enabled)
                ON CONFLICT (user_id, channel) DO UPDATE SET enabled = excluded.enabled
                """, new { userId, channel, enabled }, tx, cancellationToken: ct));
        }

        await c.ExecuteAsync(new CommandDefinition("DELETE FROM quiet_hours WHERE user_id = @userId", new { userId }, tx, cancellationToken: ct));
        if (quiet is { } q)
        {
            await c.ExecuteAsync(new CommandDefinition(
                "INSERT INTO quiet_hours (user_id, start_time, end_time, time_zone) VALUES (@userId, @Start, @End, @Zone)",
                new { userId, q.Start, q.End, q.Zone }, tx, cancellationToken: ct));
        }

        if (locale is not null)
        {
            await c.ExecuteAsync(new CommandDefinition("""
                INSERT INTO recipients (user_id, locale) VALUES (@userId, @locale)
                ON CONFLICT (user_id) DO UPDATE SET locale = excluded.locale
                """, new { userId, locale }, tx, cancellationToken: ct));
        }

        await tx.CommitAsync(ct);
    }

    /// <summary>Registers a push token; true when it is new. A token moves to whoever registered it last (a shared device signs in as someone else).</summary>
    public async Task<bool> RegisterDeviceAsync(Guid userId, string token, string platform, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return await c.ExecuteScalarAsync<bool>(new CommandDefinition("""
            INSERT INTO device_tokens (token, user_id, platform, created_at) VALUES (@token, @userId, @platform, @now)
            ON CONFLICT (token) DO UPDATE SET user_id = excluded.user_id, platform = excluded.platform, created_at = excluded.created_at
            RETURNING (xmax = 0)
            """, new { token, userId, platform, now = clock.GetUtcNow() }, cancellationToken: ct));
    }

    public async Task<bool> RemoveDeviceAsync(Guid userId, string token, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return await c.ExecuteAsync(new CommandDefinition(
            "DELETE FROM device_tokens WHERE token = @token AND user_id = @userId", new { token, userId }, cancellationToken: ct)) > 0;
    }
}

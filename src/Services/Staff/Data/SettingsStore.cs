using Dapper;
using NodaTime;
using Npgsql;

namespace Brigade.Staff.Data;

/// <summary>A restaurant's staff settings: small-workplace exemption, zone, clock windows, minimum rest. Defaults until saved.</summary>
public sealed class SettingsStore(NpgsqlDataSource db)
{
    private const string Select = """
        SELECT restaurant_id AS RestaurantId, small_workplace AS SmallWorkplace, time_zone AS TimeZone, early_clock_in_minutes AS EarlyClockInMinutes,
               grace_minutes AS GraceMinutes, minimum_rest_hours AS MinimumRestHours, version AS Version
          FROM settings WHERE restaurant_id = @restaurantId
        """;

    public async Task<SettingsRow> GetAsync(Guid restaurantId, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return await GetAsync(c, null, restaurantId, ct);
    }

    public static async Task<SettingsRow> GetAsync(NpgsqlConnection c, NpgsqlTransaction? tx, Guid restaurantId, CancellationToken ct) =>
        await c.QuerySingleOrDefaultAsync<SettingsRow>(new CommandDefinition(Select, new { restaurantId }, tx, cancellationToken: ct))
        ?? SettingsRow.Default(restaurantId);

    /// <summary>Saves the settings unless <paramref name="expectedVersion"/> is given and is not the current one (null: stale).</summary>
    public async Task<SettingsRow?> SaveAsync(SettingsRow s, int? expectedVersion, Instant now, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        var saved = await c.QuerySingleOrDefaultAsync<int?>(new CommandDefinition("""
            INSERT INTO settings (restaurant_id, small_workplace, time_zone, early_clock_in_minutes, grace_minutes, minimum_rest_hours, updated_at)
            VALUES (@RestaurantId, @SmallWorkplace, @TimeZone, @EarlyClockInMinutes, @GraceMinutes, @MinimumRestHours, @now)
            ON CONFLICT (restaurant_id) DO UPDATE SET small_workplace = EXCLUDED.small_workplace, time_zone = EXCLUDED.time_zone,
                early_clock_in_minutes = EXCLUDED.early_clock_in_minutes, grace_minutes = EXCLUDED.grace_minutes,
                minimum_rest_hours = EXCLUDED.minimum_rest_hours, updated_at = EXCLUDED.updated_at, version = settings.version + 1
             WHERE @expected::int IS NULL OR settings.version = @expected
            RETURNING version
            """, new { s.RestaurantId, s.SmallWorkplace, s.TimeZone, s.EarlyClockInMinutes, s.GraceMinutes, s.MinimumRestHours, now = now.Utc(), expected = expectedVersion },
            cancellationToken: ct));
        return saved is null ? null : await GetAsync(c, null, s.RestaurantId, ct);
    }
}

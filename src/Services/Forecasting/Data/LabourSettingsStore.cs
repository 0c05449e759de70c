using Dapper;
using Npgsql;

namespace Brigade.Forecasting.Data;

public sealed record LabourSettings(decimal CoversPerStaffHour, int MinimumStaff, bool IsDefault);

/// <summary>A restaurant's staffing ratio: covers one person serves in an hour, and the fewest people on while guests are in.</summary>
public sealed class LabourSettingsStore(NpgsqlDataSource db)
{
    public async Task<LabourSettings?> GetAsync(Guid restaurantId, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        var row = await c.QuerySingleOrDefaultAsync<(decimal, int)?>(new CommandDefinition(
            "SELECT covers_per_staff_hour, minimum_staff FROM labour_settings WHERE restaurant_id = @restaurantId", new { restaurantId }, cancellationToken: ct));
        return row is { } r ? new LabourSettings(r.Item1, r.Item2, false) : null;
    }

    public async Task SetAsync(Guid restaurantId, decimal coversPerStaffHour, int minimumStaff, Guid by, DateTimeOffset now, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        await c.ExecuteAsync(new CommandDefinition("""
            INSERT INTO labour_settings (restaurant_id, covers_per_staff_hour, minimum_staff, by_user, updated_at)
            VALUES (@restaurantId, @coversPerStaffHour, @minimumStaff, @by, @now)
            ON CONFLICT (restaurant_id) DO UPDATE SET covers_per_staff_hour = EXCLUDED.covers_per_staff_hour, minimum_staff = EXCLUDED.minimum_staff,
                by_user = EXCLUDED.by_user, updated_at = EXCLUDED.updated_at
            """, new { restaurantId, coversPerStaffHour, minimumStaff, by, now }, cancellationToken: ct));
    }
}

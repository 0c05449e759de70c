using Dapper;
using Npgsql;

namespace Brigade.Notifications.Data;

/// <summary>What texts and calendar invitations say about a restaurant.</summary>
public sealed record RestaurantNameRow(string Name, string? NameEn, string? TimeZone, string? Address);

/// <summary>Restaurant names, zones and addresses as the restaurants service announces them, for message texts.</summary>
public static class RestaurantNames
{
    public static Task UpsertAsync(NpgsqlConnection c, NpgsqlTransaction tx, Contracts.Restaurants.RestaurantSnapshot r, CancellationToken ct) =>
        c.ExecuteAsync(new CommandDefinition("""
            INSERT INTO restaurant_names (restaurant_id, name, name_en, version, time_zone, address)
            VALUES (@RestaurantId, @Name, @NameEn, @Version, @TimeZone, @Address)
            ON CONFLICT (restaurant_id) DO UPDATE SET name = excluded.name, name_en = excluded.name_en, version = excluded.version,
                time_zone = excluded.time_zone, address = excluded.address
             WHERE restaurant_names.version <= excluded.version
            """, new { r.RestaurantId, r.Name, r.NameEn, r.Version, r.TimeZone, r.Address }, tx, cancellationToken: ct));

    /// <summary>The restaurant's names, zone and address; null when unknown here.</summary>
    public static async Task<RestaurantNameRow?> FindAsync(NpgsqlConnection c, NpgsqlTransaction tx, Guid restaurantId, CancellationToken ct) =>
        await c.QuerySingleOrDefaultAsync<RestaurantNameRow>(new CommandDefinition(
            "SELECT name, name_en AS nameen, time_zone AS timezone, address FROM restaurant_names WHERE restaurant_id = @restaurantId", new { restaurantId }, tx, cancellationToken: ct));
}

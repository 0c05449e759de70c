using Brigade.Contracts.Restaurants;
using Brigade.Jobs.Domain;
using Dapper;
using Npgsql;

namespace Brigade.Jobs.Data;

/// <summary>
/// Restaurant facts learned from <c>restaurants.*</c> events: name, address, location, zone, currency, status. Each write
/// is guarded by the event's time, so a late or redelivered event never overwrites a newer fact.
/// </summary>
public sealed class VenueStore(NpgsqlDataSource db)
{
    public static Task ApplyProfileAsync(NpgsqlConnection c, NpgsqlTransaction tx, RestaurantSnapshot r, DateTimeOffset at, CancellationToken ct) =>
        c.ExecuteAsync(new CommandDefinition("""
            INSERT INTO restaurants (id, name, address, lat, lng, time_zone, currency, status, facts_at)
            VALUES (@RestaurantId, @Name, @Address, @lat, @lng, @TimeZone, @Currency, @Status, @at)
            ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, address = EXCLUDED.address, lat = EXCLUDED.lat, lng = EXCLUDED.lng,
                time_zone = EXCLUDED.time_zone, currency = EXCLUDED.currency, status = EXCLUDED.status, facts_at = EXCLUDED.facts_at
            WHERE restaurants.facts_at <= EXCLUDED.facts_at
            """, new { r.RestaurantId, r.Name, r.Address, lat = r.Location.Lat, lng = r.Location.Lng, r.TimeZone, r.Currency, r.Status, at = at.ToUniversalTime() },
            tx, cancellationToken: ct));

    public static Task ApplyClosedAsync(NpgsqlConnection c, NpgsqlTransaction tx, Guid restaurantId, DateTimeOffset at, CancellationToken ct) =>
        c.ExecuteAsync(new CommandDefinition("""
            UPDATE restaurants SET status = 'closed', facts_at = @at WHERE id = @restaurantId AND facts_at <= @at
            """, new { restaurantId, at = at.ToUniversalTime() }, tx, cancellationToken: ct));

    public async Task<Venue?> FindAsync(Guid id, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return await FindAsync(c, null, id, ct);
    }

    public static Task<Venue?> FindAsync(NpgsqlConnection c, NpgsqlTransaction? tx, Guid id, CancellationToken ct) =>
        c.QuerySingleOrDefaultAsync<Venue?>(new CommandDefinition(
            "SELECT id, name, address, lat, lng, time_zone AS timezone, currency, status FROM restaurants WHERE id = @id", new { id }, tx, cancellationToken: ct));
}

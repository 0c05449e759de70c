using System.Text.Json;
using Brigade.Api;
using Brigade.Reservations.Domain;
using Dapper;
using Npgsql;

namespace Brigade.Reservations.Data;

/// <summary>Booking settings per restaurant, stored as the checked document.</summary>
public sealed class SettingsStore(NpgsqlDataSource db, BookCache cache)
{
    public async Task SaveAsync(Guid restaurantId, BookingSettings settings, DateTimeOffset now, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        await c.ExecuteAsync(new CommandDefinition("""
            INSERT INTO booking_settings (restaurant_id, document, updated_at) VALUES (@restaurantId, @document::jsonb, @now)
            ON CONFLICT (restaurant_id) DO UPDATE SET document = EXCLUDED.document, updated_at = EXCLUDED.updated_at
            """, new { restaurantId, document = JsonSerializer.Serialize(BookingSettingsRules.ToBody(settings), JsonSerializerOptions.Web), now = now.ToUniversalTime() }, cancellationToken: ct));
        await cache.InvalidateAsync(restaurantId);
    }

    public async Task<BookingSettings> GetAsync(Guid restaurantId, string currency, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        var json = await c.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
            "SELECT document::text FROM booking_settings WHERE restaurant_id = @restaurantId", new { restaurantId }, cancellationToken: ct));
        return Read(json, currency);
    }

    /// <summary>A stored document read back; defaults when the restaurant has none.</summary>
    public static BookingSettings Read(string? json, string currency)
    {
        if (json is null || JsonSerializer.Deserialize<SettingsBody>(json, JsonSerializerOptions.Web) is not { } body)
        {
            return BookingSettings.Default;
        }

        return BookingSettingsRules.Parse(body, currency, new FieldErrors()) ?? BookingSettings.Default;
    }
}

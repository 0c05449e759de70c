using System.Text.Json;
using Brigade.Ordering.Domain;
using Dapper;
using Npgsql;

namespace Brigade.Ordering.Data;

/// <summary>A restaurant's ordering settings: the online-order throttle and the kitchen's stations and routes.</summary>
public sealed record OrderingSettings(int? OnlineOrdersPer15Minutes, StationRouting Routing, int Version)
{
    /// <summary>What a restaurant that set nothing gets: no throttle, the default stations (routes guessed from categories).</summary>
    public static OrderingSettings Default { get; } = new(null, StationRouting.Default, 0);
}

public sealed class SettingsStore(NpgsqlDataSource db)
{
    internal sealed class Row
    {
        public Guid RestaurantId { get; init; }
        public int? OnlineOrdersPer15Minutes { get; init; }
        public string[] Stations { get; init; } = [];
        public string Routes { get; init; } = "{}";
        public string DefaultStation { get; init; } = "";
        public int Version { get; init; }
    }

    internal const string Columns = "online_orders_per_15_minutes, stations, routes::text AS routes, default_station, version";

    private const string Select = $"SELECT {Columns} FROM ordering_settings WHERE restaurant_id = @restaurantId";

    public async Task<OrderingSettings> GetAsync(Guid restaurantId, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return await GetAsync(c, null, restaurantId, ct);
    }

    public static async Task<OrderingSettings> GetAsync(NpgsqlConnection c, NpgsqlTransaction? tx, Guid restaurantId, CancellationToken ct) =>
        From(await c.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(Select, new { restaurantId }, tx, cancellationToken: ct)));

    /// <summary>
    /// Replaces the settings if <paramref name="expectedVersion"/> (when given; 0 = none saved yet) is still current;
    /// null when it is not.
    /// </summary>
    public async Task<OrderingSettings?> PutAsync(Guid restaurantId, OrderingSettings settings, int? expectedVersion, DateTimeOffset now, CancellationToken ct)
    {
        var sql = expectedVersion switch
        {
            null => Insert + " ON CONFLICT (restaurant_id) DO UPDATE SET " + Assign + " " + Returning,
            0 => Insert + " ON CONFLICT (restaurant_id) DO NOTHING " + Returning,
            _ => """
                UPDATE ordering_settings SET online_orders_per_15_minutes = @online_orders_per_15_minutes, stations = @stations, routes = @routes::jsonb,
                    default_station = @default_station, version = version + 1, updated_at = @updated_at
                 WHERE restaurant_id = @restaurantId AND version = @expectedVersion
                """ + Returning,
        };
        await using var c = await db.OpenConnectionAsync(ct);
        var row = await c.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(sql, new
        {
            restaurantId,
            online_orders_per_15_minutes = settings.OnlineOrdersPer15Minutes,
            stations = settings.Routing.Stations.ToArray(),
            routes = JsonSerializer.Serialize(settings.Routing.Routes, JsonSerializerOptions.Web),
            default_station = settings.Routing.DefaultStation,
            updated_at = now.ToUniversalTime(),
            expectedVersion,
        }, cancellationToken: ct));
        return row is null ? null : From(row);
    }

    private const string Insert = """
        INSERT INTO ordering_settings (restaurant_id, online_orders_per_15_minutes, stations, routes, default_station, version, updated_at)
        VALUES (@restaurantId, @online_orders_per_15_minutes, @stations, @routes::jsonb, @default_station, 1, @updated_at)
        """;

    private const string Assign = """
        online_orders_per_15_minutes = EXCLUDED.online_orders_per_15_minutes, stations = EXCLUDED.stations, routes = EXCLUDED.routes,
        default_station = EXCLUDED.default_station, version = ordering_settings.version + 1, updated_at = EXCLUDED.updated_at
        """;

    private const string Returning = $"RETURNING {Columns}";

    internal static OrderingSettings From(Row? row) => row is null
        ? OrderingSettings.Default
        : new OrderingSettings(row.OnlineOrdersPer15Minutes,
            new StationRouting(row.Stations, JsonSerializer.Deserialize<Dictionary<string, string>>(row.Routes, JsonSerializerOptions.Web) ?? [], row.DefaultStation),
            row.Version);
}

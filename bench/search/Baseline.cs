using System.Globalization;
using Brigade.Contracts.Jobs;
using Brigade.Contracts.Search;
using Microsoft.AspNetCore.WebUtilities;
using Npgsql;
using NpgsqlTypes;

namespace Brigade.Bench.Search;

/// <summary>
/// What search would be without a search engine: the same documents in one PostgreSQL table, every query word an
/// <c>ILIKE '%word%'</c> over the document's text (a pg_trgm GIN index serves them), ranked by trigram similarity, the same
/// filters in SQL and distance by an equirectangular formula behind a bounding box (btree on lat, lng). It runs in a database
/// of its own, dropped at the end. It has no 초성, typo, romanisation or synonym handling (that is what it measures), no
/// facets, highlights or open-now (openNow is ignored), so it does less work per query than the service.
/// </summary>
internal sealed class Baseline : IAsyncDisposable
{
    private readonly NpgsqlDataSource _admin;
    private readonly NpgsqlDataSource _db;
    private readonly string _name;

    private Baseline(NpgsqlDataSource admin, NpgsqlDataSource db, string name)
    {
        _admin = admin;
        _db = db;
        _name = name;
    }

    public static async Task<Baseline> CreateAsync(IEnumerable<RestaurantFeedItem> restaurants, IEnumerable<JobSnapshot> jobs)
    {
        var server = Environment.GetEnvironmentVariable("BRIGADE_TEST_POSTGRES")
                     ?? throw new InvalidOperationException("BRIGADE_TEST_POSTGRES is not set (bench/bench.sh sets it).");
        var name = "bench_search_baseline_" + Guid.NewGuid().ToString("N")[..8];
        var admin = NpgsqlDataSource.Create(server);
        await using (var create = admin.CreateCommand($"CREATE DATABASE {name}"))
        {
            await create.ExecuteNonQueryAsync();
        }

        var db = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString);
        var baseline = new Baseline(admin, db, name);
        await baseline.LoadAsync(restaurants, jobs);
        return baseline;
    }

    private async Task LoadAsync(IEnumerable<RestaurantFeedItem> restaurants, IEnumerable<JobSnapshot> jobs)
    {
        await using var connection = await _db.OpenConnectionAsync();
        await using (var schema = new NpgsqlCommand("""
            CREATE EXTENSION IF NOT EXISTS pg_trgm;
            CREATE TABLE docs (
                id uuid PRIMARY KEY, type text NOT NULL, name text NOT NULL, body text NOT NULL,
                cuisine text, price int, category text, wage bigint, lat float8 NOT NULL, lng float8 NOT NULL);
            """, connection))
        {
            await schema.ExecuteNonQueryAsync();
        }

        await using (var writer = await connection.BeginBinaryImportAsync("COPY docs (id, type, name, body, cuisine, price, category, wage, lat, lng) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var item in restaurants)
            {
                var r = item.Restaurant;
                var body = string.Join(' ', new[] { r.Name, r.NameEn, r.Cuisine, r.Description, r.Address }.Concat(item.Menu.Select(m => m.Name)).Where(t => t is not null));
                await writer.StartRowAsync();
                await writer.WriteAsync(r.RestaurantId, NpgsqlDbType.Uuid);
                await writer.WriteAsync("restaurant", NpgsqlDbType.Text);
                await writer.WriteAsync(r.Name, NpgsqlDbType.Text);
                await writer.WriteAsync(body, NpgsqlDbType.Text);
                await writer.WriteAsync(r.Cuisine, NpgsqlDbType.Text);
                await Nullable(writer, r.PriceRange, NpgsqlDbType.Integer);
                await writer.WriteNullAsync();
                await writer.WriteNullAsync();
                await writer.WriteAsync(r.Location.Lat, NpgsqlDbType.Double);
                await writer.WriteAsync(r.Location.Lng, NpgsqlDbType.Double);
            }

            foreach (var j in jobs)
            {
                var body = string.Join(' ', new[] { j.Title, j.RestaurantName, j.Category, j.Description, j.Address }.Where(t => t is not null));
                await writer.StartRowAsync();
                await writer.WriteAsync(j.JobId, NpgsqlDbType.Uuid);
                await writer.WriteAsync("job", NpgsqlDbType.Text);
                await writer.WriteAsync(j.Title, NpgsqlDbType.Text);
                await writer.WriteAsync(body, NpgsqlDbType.Text);
                await writer.WriteNullAsync();
                await writer.WriteNullAsync();
                await writer.WriteAsync(j.Category, NpgsqlDbType.Text);
                await writer.WriteAsync(j.HourlyWage, NpgsqlDbType.Bigint);
                await writer.WriteAsync(j.Location.Lat, NpgsqlDbType.Double);
                await writer.WriteAsync(j.Location.Lng, NpgsqlDbType.Double);
            }

            await writer.CompleteAsync();
        }

        await using var index = new NpgsqlCommand("""
            CREATE INDEX docs_body_trgm ON docs USING gin (body gin_trgm_ops);
            CREATE INDEX docs_geo ON docs (lat, lng);
            ANALYZE docs;
            """, connection);
        index.CommandTimeout = 600;
        await index.ExecuteNonQueryAsync();
    }

    private static Task Nullable<T>(NpgsqlBinaryImporter writer, T? value, NpgsqlDbType type)
        where T : struct =>
        value is { } v ? writer.WriteAsync(v, type) : writer.WriteNullAsync();

    /// <summary>Runs the query string of a <c>GET /api/search?…</c> path; the names of the first page and the total.</summary>
    public async Task<(List<string> Names, int Total)> QueryAsync(string path)
    {
        var q = QueryHelpers.ParseQuery(new Uri("http://x" + path).Query);
        string? Get(string key) => q.TryGetValue(key, out var v) ? v.ToString() : null;

        var where = new List<string>();
        await using var command = _db.CreateCommand();
        var text = Get("q")?.Trim();
        var words = string.IsNullOrEmpty(text) ? [] : text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length > 0)
        {
            where.Add("body ILIKE ALL(@patterns)");
            command.Parameters.AddWithValue("patterns", words.Select(w => "%" + w.Replace("%", "\\%").Replace("_", "\\_") + "%").ToArray());
            command.Parameters.AddWithValue("text", text!);
        }

        if (Get("type") is { } type && type != "all")
        {
            where.Add("type = @type");
            command.Parameters.AddWithValue("type", type);
        }

        if (Get("cuisine") is { } cuisine)
        {
            where.Add("cuisine = @cuisine");
            command.Parameters.AddWithValue("cuisine", cuisine);
        }

        if (Get("priceMin") is { } priceMin)
        {
            where.Add("price >= @priceMin");
            command.Parameters.AddWithValue("priceMin", int.Parse(priceMin, CultureInfo.InvariantCulture));
        }

        if (Get("priceMax") is { } priceMax)
        {
            where.Add("price <= @priceMax");
            command.Parameters.AddWithValue("priceMax", int.Parse(priceMax, CultureInfo.InvariantCulture));
        }

        if (Get("minWage") is { } minWage)
        {
            where.Add("wage >= @minWage");
            command.Parameters.AddWithValue("minWage", long.Parse(minWage, CultureInfo.InvariantCulture));
        }

        var distance = "NULL::float8";
        if (Get("near") is { } near)
        {
            var parts = near.Split(',');
            var (lat, lng) = (double.Parse(parts[0], CultureInfo.InvariantCulture), double.Parse(parts[1], CultureInfo.InvariantCulture));
            command.Parameters.AddWithValue("lat", lat);
            command.Parameters.AddWithValue("lng", lng);
            distance = "111.32 * sqrt(power(lat - @lat, 2) + power((lng - @lng) * cos(radians(@lat)), 2))";
            if (Get("radiusKm") is { } radius)
            {
                var km = double.Parse(radius, CultureInfo.InvariantCulture);
                command.Parameters.AddWithValue("km", km);
                command.Parameters.AddWithValue("dlat", km / 111.32);
                command.Parameters.AddWithValue("dlng", km / (111.32 * Math.Cos(lat * Math.PI / 180)));
                where.Add("lat BETWEEN @lat - @dlat AND @lat + @dlat AND lng BETWEEN @lng - @dlng AND @lng + @dlng");
                where.Add($"{distance} <= @km");
            }
        }

        var order = Get("sort") == "distance" || (words.Length == 0 && Get("near") is not null)
            ? "distance"
            : words.Length > 0 ? "similarity(name, @text) DESC, word_similarity(@text, body) DESC" : "id";
        command.CommandText = $"""
            SELECT name, {distance} AS distance, count(*) OVER () AS total FROM docs
            {(where.Count > 0 ? "WHERE " + string.Join(" AND ", where) : "")}
            ORDER BY {order} LIMIT {int.Parse(Get("limit") ?? "20", CultureInfo.InvariantCulture)}
            """;
        var names = new List<string>();
        var total = 0;
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            names.Add(reader.GetString(0));
            total = (int)reader.GetInt64(2);
        }

        return (names, total);
    }

    public async ValueTask DisposeAsync()
    {
        await _db.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await using (var drop = _admin.CreateCommand($"DROP DATABASE IF EXISTS {_name} WITH (FORCE)"))
        {
            await drop.ExecuteNonQueryAsync();
        }

        await _admin.DisposeAsync();
    }
}

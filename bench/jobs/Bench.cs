using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Brigade.Contracts.Restaurants;
using Brigade.Jobs.Data;
using Brigade.Testing;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Npgsql;

namespace Brigade.Bench.Jobs;

internal sealed class Service : ServiceFactory<Program>
{
    protected override void ConfigureSettings(IDictionary<string, string?> settings)
    {
        base.ConfigureSettings(settings);
        TestTokens.AddTo(settings);
        settings["Logging:LogLevel:Default"] = "Warning";
        settings["Jobs:ClockInterval"] = "01:00:00";
        settings["Jobs:FavouritesFirstMinutes"] = "0";
    }
}

/// <summary>
/// The worker's feed over many open postings (p50/p99 near a point, by start and by distance, and without a place), and
/// applications per second on one hot posting with headcount 3, auto-booked and employer-accepted, with the bookings
/// counted in SQL (exactly 3).
/// </summary>
internal static class Bench
{
    private static readonly DateTimeZone Seoul = DateTimeZoneProviders.Tzdb["Asia/Seoul"];

    public static async Task<int> Main(string[] args)
    {
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_BRIGADE_JOBS", AppContext.BaseDirectory);
        var postings = Option(args, "--postings", 50_000);
        var clients = Option(args, "--clients", 64);
        var requests = Option(args, "--requests", 2000);
        await using var service = new Service();
        await service.InitializeAsync();

        Console.WriteLine($"postings={postings} clients={clients} requests={requests}");
        await FeedAsync(service, postings, clients, args.Contains("--explain"));
        await HotPostingAsync(service, "warm-up (not counted)", clients, 300, auto: true);
        await HotPostingAsync(service, "auto-booking", clients, requests, auto: true);
        await HotPostingAsync(service, "employer accepts", clients, requests, auto: false);
        return 0;
    }

    private static async Task FeedAsync(Service service, int postings, int clients, bool explain)
    {
        var clock = Stopwatch.StartNew();
        var restaurants = await SeedAsync(service, postings);
        if (explain)
        {
            // Plans of feed queries slower than 5 ms go to the PostgreSQL log (.brigade/logs/postgres.log).
            await using var admin = new NpgsqlConnection(service.Database.ConnectionString);
            var name = new NpgsqlConnectionStringBuilder(service.Database.ConnectionString).Database;
            await admin.ExecuteAsync($"ALTER DATABASE \"{name}\" SET session_preload_libraries = 'auto_explain'; ALTER DATABASE \"{name}\" SET auto_explain.log_min_duration = 5; ALTER DATABASE \"{name}\" SET auto_explain.log_analyze = on");
            service.Services.GetRequiredService<NpgsqlDataSource>().Clear();
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"seeded {postings} open postings at {restaurants} restaurants across Seoul in {clock.Elapsed.TotalSeconds:0.0} s"));
        var worker = service.CreateClient().WithToken(TestTokens.For(Guid.CreateVersion7(), ["worker"]));
        var random = new Random(7);
        string Near() => string.Create(CultureInfo.InvariantCulture, $"{37.48 + random.NextDouble() * 0.14:0.0000},{126.88 + random.NextDouble() * 0.24:0.0000}");

        var queries = new (string Name, Func<string> Url)[]
        {
            ("near, 3 km, by start", () => $"/api/jobs?near={Near()}&radiusKm=3"),
            ("near, 3 km, by distance", () => $"/api/jobs?near={Near()}&radiusKm=3&sort=distance"),
            ("near, 10 km, serving, min wage", () => $"/api/jobs?near={Near()}&radiusKm=10&category=serving&minWage=12000"),
            ("near, 1 km, one date", () => $"/api/jobs?near={Near()}&radiusKm=1&date={Day(3):yyyy-MM-dd}"),
            ("no place, by start", () => "/api/jobs"),
        };
        foreach (var (name, url) in queries)
        {
            for (var i = 0; i < 30; i++)
            {
                (await worker.GetAsync(url())).EnsureSuccessStatusCode();
            }

            // One client at a time (latency), then many at once (latency under load).
            foreach (var concurrency in new[] { 1, Math.Min(clients, 16) })
            {
                var latencies = new double[concurrency == 1 ? 500 : 1000];
                var items = 0L;
                var next = -1;
                var wall = Stopwatch.StartNew();
                await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
                {
                    int i;
                    while ((i = Interlocked.Increment(ref next)) < latencies.Length)
                    {
                        var target = url();
                        var t = Stopwatch.GetTimestamp();
                        using var response = await worker.GetAsync(target);
                        var body = await response.Content.ReadAsByteArrayAsync();
                        latencies[i] = Stopwatch.GetElapsedTime(t).TotalMilliseconds;
                        response.EnsureSuccessStatusCode();
                        Interlocked.Add(ref items, System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("items").GetArrayLength());
                    }
                }));
                Array.Sort(latencies);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"feed {name,-32} clients {concurrency,2}  {latencies.Length / wall.Elapsed.TotalSeconds,6:0} req/s  p50 {latencies[latencies.Length / 2],6:0.0} ms  p99 {latencies[(int)(latencies.Length * 0.99)],6:0.0} ms  items/page {(double)items / latencies.Length:0.0}"));
            }
        }
    }

    private static async Task HotPostingAsync(Service service, string name, int clients, int requests, bool auto)
    {
        var restaurant = Guid.CreateVersion7();
        await AddRestaurantAsync(service, restaurant, 37.5665, 126.978);
        var manager = service.CreateClient().WithToken(TestTokens.For(Guid.CreateVersion7(), ["manager"], (restaurant, "manager")));
        var created = await manager.PostAsJsonAsync("/api/jobs", new
        {
            restaurantId = restaurant, title = "핫 공고", category = "serving", date = $"{Day(2):yyyy-MM-dd}", startTime = "18:00", endTime = "22:00",
            hourlyWage = new { amount = 15_000, currency = "KRW" }, headcount = 3, breakMinutes = 30, bookingMode = auto ? "auto" : "manual",
        });
        created.EnsureSuccessStatusCode();
        var job = System.Text.Json.JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid();
        var workers = Enumerable.Range(0, 256).Select(_ => service.CreateClient().WithToken(TestTokens.For(Guid.CreateVersion7(), ["worker"]))).ToList();
        var latencies = new double[requests];
        var codes = new int[600];
        var next = -1;
        var wall = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async c =>
        {
            // Each request is a different worker (a fresh token), as on a Friday night when a posting goes up.
            int i;
            while ((i = Interlocked.Increment(ref next)) < requests)
            {
                var client = i < workers.Count ? workers[i] : service.CreateClient().WithToken(TestTokens.For(Guid.CreateVersion7(), ["worker"]));
                var t = Stopwatch.GetTimestamp();
                using var response = await client.PostAsync($"/api/jobs/{job}/apply", null);
                latencies[i] = Stopwatch.GetElapsedTime(t).TotalMilliseconds;
                Interlocked.Increment(ref codes[(int)response.StatusCode]);
                if (i >= workers.Count)
                {
                    client.Dispose();
                }
            }
        }));
        var seconds = wall.Elapsed.TotalSeconds;
        Array.Sort(latencies);
        var accepts = "";
        if (!auto)
        {
            // Managers accept 50 applicants at once: the conditional update lets exactly 3 through.
            var applications = (await manager.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/jobs/{job}/applications?limit=50"))
                .GetProperty("items").EnumerateArray().Select(a => a.GetProperty("id").GetGuid()).ToList();
            var t = Stopwatch.GetTimestamp();
            var answers = await Task.WhenAll(applications.Select(a => manager.PostAsync($"/api/jobs/applications/{a}/accept", null)));
            accepts = string.Create(CultureInfo.InvariantCulture,
                $"; {applications.Count} concurrent accepts in {Stopwatch.GetElapsedTime(t).TotalMilliseconds:0} ms: {answers.Count(x => x.StatusCode == HttpStatusCode.OK)} ok, {answers.Count(x => x.StatusCode == HttpStatusCode.Conflict)} full");
        }

        await using var connection = new NpgsqlConnection(service.Database.ConnectionString);
        var booked = await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM applications WHERE job_id = @job AND status = 'accepted'", new { job });
        var filled = await connection.ExecuteScalarAsync<int>("SELECT filled FROM jobs WHERE id = @job", new { job });
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"hot posting, {name,-16} {requests / seconds,6:0} applications/s  p50 {latencies[requests / 2],6:0.0} ms  p99 {latencies[(int)(requests * 0.99)],6:0.0} ms  201 {codes[201]}  409 {codes[409]}  other {requests - codes[201] - codes[409]}  booked {booked} (filled {filled}, headcount 3){accepts}"));
    }

    /// <summary>Restaurants across Seoul and open postings over the next 30 days, written straight to the database.</summary>
    private static async Task<int> SeedAsync(Service service, int postings)
    {
        const int restaurantCount = 500;
        var random = new Random(42);
        var ids = new List<Guid>();
        for (var i = 0; i < restaurantCount; i++)
        {
            var id = Guid.CreateVersion7();
            ids.Add(id);
            await AddRestaurantAsync(service, id, 37.45 + random.NextDouble() * 0.2, 126.85 + random.NextDouble() * 0.3);
        }

        await using var connection = new NpgsqlConnection(service.Database.ConnectionString);
        await connection.OpenAsync();
        await connection.ExecuteAsync("""
            WITH r AS (SELECT *, row_number() OVER (ORDER BY id) - 1 AS n FROM restaurants),
            g AS (SELECT g, 1 + floor(random() * 30)::int AS day, floor(random() * 14)::int AS hour, floor(random() * 8)::int AS category,
                         floor(random() * 10)::int AS wage FROM generate_series(1, @postings) g)
            INSERT INTO jobs (id, restaurant_id, title, category, work_date, starts_at, ends_at, time_zone, hourly_wage, currency, headcount,
                address, lat, lng, break_minutes, booking_mode, opened_at, public_at, status, attendance_secret, created_by, created_at, updated_at)
            SELECT gen_random_uuid(), r.id, '서빙 ' || g.g, (ARRAY['serving','kitchen_help','dishwashing','barista','cook','prep','cashier','cleaning'])[1 + g.category],
                   (now() AT TIME ZONE 'Asia/Seoul')::date + g.day,
                   date_trunc('hour', now()) + make_interval(days => g.day, hours => g.hour), date_trunc('hour', now()) + make_interval(days => g.day, hours => g.hour + 4),
                   'Asia/Seoul', 10320 + g.wage * 500, 'KRW', 1 + g.g % 4, r.address, r.lat + (random() - 0.5) * 0.002, r.lng + (random() - 0.5) * 0.002,
                   30, 'manual', now(), now(), 'open', '\x00'::bytea, r.id, now(), now()
              FROM g JOIN r ON r.n = g.g % @restaurantCount;
            ANALYZE jobs;
            """, new { postings, restaurantCount }, commandTimeout: 600);
        return restaurantCount;
    }

    private static async Task AddRestaurantAsync(Service service, Guid id, double lat, double lng)
    {
        var dataSource = service.Services.GetRequiredService<NpgsqlDataSource>();
        await using var c = await dataSource.OpenConnectionAsync();
        await using var tx = await c.BeginTransactionAsync();
        await VenueStore.ApplyProfileAsync(c, tx, new RestaurantSnapshot(id, "벤치 식당", null, "korean", 2, null, "서울", new GeoPoint(lat, lng), "Asia/Seoul", "KRW", "published", 1),
            DateTimeOffset.UtcNow, default);
        await tx.CommitAsync();
    }

    private static LocalDate Day(int days) => SystemClock.Instance.GetCurrentInstant().InZone(Seoul).Date.PlusDays(days);

    private static int Option(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }
}

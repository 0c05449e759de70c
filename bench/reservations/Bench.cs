using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Brigade.Contracts.Restaurants;
using Brigade.Reservations.Data;
using Brigade.Testing;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Npgsql;

namespace Brigade.Bench.Reservations;

/// <summary>A replica of the reservations service; replicas after the first share the first one's database, exchange and Redis prefix.</summary>
internal sealed class Replica : ServiceFactory<Program>
{
    private readonly string? sharedDatabase;

    public Replica(Replica? first)
    {
        sharedDatabase = first?.Database.ConnectionString;
        Exchange = first?.Exchange ?? Exchange;
    }

    protected override void ConfigureSettings(IDictionary<string, string?> settings)
    {
        base.ConfigureSettings(settings);
        TestTokens.AddTo(settings);
        settings["Logging:LogLevel:Default"] = "Warning";
        if (sharedDatabase is not null)
        {
            settings["ConnectionStrings:Database"] = sharedDatabase;
        }
    }
}

/// <summary>
/// Booking throughput and p99 with concurrent clients (one hot slot vs 50 tables × 20 slots, one vs three replicas),
/// overbookings checked with SQL, and the availability query for a day and a month.
/// </summary>
internal static class Bench
{
    private static readonly DateTimeZone Seoul = DateTimeZoneProviders.Tzdb["Asia/Seoul"];
    private static readonly LocalDate Day = SystemClock.Instance.GetCurrentInstant().InZone(Seoul).Date.PlusDays(3);
    private static readonly string[] Days = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

    public static async Task<int> Main(string[] args)
    {
        // Hosted outside a test project: tell WebApplicationFactory where the service's content root is.
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_BRIGADE_RESERVATIONS", AppContext.BaseDirectory);
        var clients = Option(args, "--clients", 64);
        var requests = Option(args, "--requests", 2000);
        var first = new Replica(null);
        await first.InitializeAsync();
        var replicas = new List<Replica> { first };
        for (var i = 0; i < 2; i++)
        {
            var replica = new Replica(first);
            await replica.InitializeAsync();
            replicas.Add(replica);
        }

        Console.WriteLine($"clients={clients} requests={requests} (50 tables; hot = one slot; uniform = 20 slots × 50 tables)");
        await BookingsAsync("warm-up (not counted)", replicas, hot: true, clients, 300);
        var results = new List<(string Name, double Rate)>();
        foreach (var count in new[] { 1, 3 })
        {
            foreach (var hot in new[] { true, false })
            {
                var name = $"{(hot ? "hot" : "uniform")}, {count} replica{(count > 1 ? "s" : "")}";
                results.Add((name, await BookingsAsync(name, replicas.Take(count).ToList(), hot, clients, requests)));
            }
        }

        foreach (var count in new[] { 1, 3 })
        {
            var hot = results.Single(r => r.Name == $"hot, {count} replica{(count > 1 ? "s" : "")}").Rate;
            var uniform = results.Single(r => r.Name == $"uniform, {count} replica{(count > 1 ? "s" : "")}").Rate;
            Console.WriteLine($"hot/uniform throughput ratio, {count} replica(s): {hot / uniform:0.00}");
        }

        var restaurant = await AvailabilityAsync(first);
        await InvalidationAsync(replicas[0], replicas[1], restaurant);
        foreach (var replica in replicas.AsEnumerable().Reverse())
        {
            await replica.DisposeAsync();
        }

        return 0;
    }

    private static async Task<double> BookingsAsync(string name, IReadOnlyList<Replica> replicas, bool hot, int clients, int requests)
    {
        var restaurant = await SeedAsync(replicas[0], tables: 50);
        var slots = Enumerable.Range(0, 20).Select(i => At(Day.PlusDays(i / 5), 11 + (i % 5) * 2)).ToList();
        var http = replicas.Select(r => r.CreateClient().WithToken(TestTokens.For(Guid.CreateVersion7(), ["diner"]))).ToList();
        var latencies = new double[requests];
        var created = 0;
        var conflicts = 0;
        var errors = 0;
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async c =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < requests)
            {
                var start = hot ? slots[0] : slots[i % slots.Count];
                var request = new HttpRequestMessage(HttpMethod.Post, "/api/reservations")
                {
                    Content = JsonContent.Create(new { restaurantId = restaurant, partySize = 2, start }),
                    Headers = { { "Idempotency-Key", Guid.NewGuid().ToString() } },
                };
                var t = Stopwatch.GetTimestamp();
                using var response = await http[i % http.Count].SendAsync(request);
                latencies[i] = Stopwatch.GetElapsedTime(t).TotalMilliseconds;
                _ = response.StatusCode switch
                {
                    HttpStatusCode.Created => Interlocked.Increment(ref created),
                    HttpStatusCode.Conflict => Interlocked.Increment(ref conflicts),
                    _ => Interlocked.Increment(ref errors),
                };
            }
        }));
        var seconds = clock.Elapsed.TotalSeconds;
        await using var connection = new NpgsqlConnection(replicas[0].Database.ConnectionString);
        var overbookings = await connection.ExecuteScalarAsync<long>("""
            SELECT count(*) FROM table_holds a JOIN table_holds b
              ON a.table_id = b.table_id AND a.reservation_id < b.reservation_id AND a.during && b.during
            WHERE a.active AND b.active AND a.restaurant_id = @restaurant
            """, new { restaurant });
        Array.Sort(latencies);
        var rate = requests / seconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name,-22} {rate,8:0} req/s  p50 {latencies[requests / 2],6:0.0} ms  p99 {latencies[(int)(requests * 0.99)],7:0.0} ms  booked {created,5}  409 {conflicts,5}  other {errors}  overbookings {overbookings}"));
        return rate;
    }

    private static async Task<Guid> AvailabilityAsync(Replica service)
    {
        var restaurant = await SeedAsync(service, tables: 50);
        var http = service.CreateClient().WithToken(TestTokens.For(Guid.CreateVersion7(), ["diner"]));
        // A busy month: every table taken twice an evening for 30 days.
        await using (var connection = new NpgsqlConnection(service.Database.ConnectionString))
        {
            await connection.OpenAsync();
            var tables = (await connection.QueryAsync<Guid>("SELECT id FROM dining_tables WHERE restaurant_id = @restaurant", new { restaurant })).ToList();
            foreach (var d in Enumerable.Range(0, 30))
            {
                foreach (var (hour, table) in tables.SelectMany(t => new[] { (18, t), (20, t) }))
                {
                    var start = At(Day.PlusDays(d), hour).UtcDateTime;
                    var id = Guid.CreateVersion7();
                    await connection.ExecuteAsync("""
                        INSERT INTO reservations (id, restaurant_id, party_size, starts_at, ends_at, status, table_ids, currency, created_at, updated_at)
                        VALUES (@id, @restaurant, 2, @start, @end, 'confirmed', ARRAY[@table], 'KRW', now(), now());
                        INSERT INTO table_holds (reservation_id, table_id, restaurant_id, during) VALUES (@id, @table, @restaurant, tstzrange(@start, @end));
                        INSERT INTO slot_covers (restaurant_id, slot_start, used) VALUES (@restaurant, @start, 2)
                          ON CONFLICT (restaurant_id, slot_start) DO UPDATE SET used = slot_covers.used + 2;
                        """, new { id, restaurant, table, start, end = start.AddMinutes(90) });
                }
            }
        }

        foreach (var days in new[] { 1, 31 })
        {
            var url = $"/api/reservations/availability?restaurantId={restaurant}&date={Day:yyyy-MM-dd}&partySize=2&days={days}";
            var slots = 0;
            for (var i = 0; i < 20; i++)
            {
                using var warm = await http.GetAsync(url);
                warm.EnsureSuccessStatusCode();
                slots = System.Text.Json.JsonDocument.Parse(await warm.Content.ReadAsStringAsync()).RootElement.GetProperty("slots").GetArrayLength();
            }

            var latencies = new double[200];
            for (var i = 0; i < latencies.Length; i++)
            {
                var t = Stopwatch.GetTimestamp();
                using var response = await http.GetAsync(url);
                await response.Content.ReadAsByteArrayAsync();
                latencies[i] = Stopwatch.GetElapsedTime(t).TotalMilliseconds;
            }

            Array.Sort(latencies);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"availability days={days,-2} ({slots} slots, 50 tables, 3000 reservations)  p50 {latencies[100]:0.0} ms  p99 {latencies[198]:0.0} ms"));
        }

        return restaurant;
    }

    /// <summary>
    /// How long a change takes to reach another replica's cached availability: a settings change written by one
    /// replica (its invalidation over Redis), and a table change arriving as an event (outbox, broker, one replica's
    /// handler, then Redis). Polled with back-to-back reads of the other replica.
    /// </summary>
    private static async Task InvalidationAsync(Replica writer, Replica reader, Guid restaurant)
    {
        var owner = writer.CreateClient().WithToken(TestTokens.For(Guid.CreateVersion7(), ["owner"], (restaurant, "owner")));
        var anyone = reader.CreateClient();
        var url = $"/api/reservations/availability?restaurantId={restaurant}&date={Day:yyyy-MM-dd}&partySize=2";
        async Task<int> SlotsAsync() =>
            System.Text.Json.JsonDocument.Parse(await anyone.GetStringAsync(url)).RootElement.GetProperty("slots").GetArrayLength();
        async Task<double> UntilAsync(Func<int, bool> changed)
        {
            var t = Stopwatch.GetTimestamp();
            while (!changed(await SlotsAsync()))
            {
                if (Stopwatch.GetElapsedTime(t) > TimeSpan.FromSeconds(30))
                {
                    throw new TimeoutException("the change did not reach the other replica");
                }
            }

            return Stopwatch.GetElapsedTime(t).TotalMilliseconds;
        }

        var open = await SlotsAsync();
        var settings = new List<double>();
        for (var i = 0; i < 20; i++)
        {
            var block = i % 2 == 0;
            var body = new { coversPerSlot = 10000, maxAdvanceDays = 90, blockedDates = block ? new[] { $"{Day:yyyy-MM-dd}" } : [] };
            var t = Stopwatch.GetTimestamp();
            (await owner.PutAsJsonAsync($"/api/reservations/settings/{restaurant}", body)).EnsureSuccessStatusCode();
            var written = Stopwatch.GetElapsedTime(t).TotalMilliseconds;
            settings.Add(written + await UntilAsync(n => block ? n == 0 : n == open));
        }

        var events = new List<double>();
        var table = Guid.CreateVersion7();
        for (var i = 0; i < 20; i++)
        {
            // A table that seats 6 (none does yet) comes and goes: availability for six changes with it.
            var active = i % 2 == 0;
            var six = System.Text.Json.JsonDocument.Parse(await anyone.GetStringAsync(url.Replace("partySize=2", "partySize=6", StringComparison.Ordinal)))
                .RootElement.GetProperty("slots").GetArrayLength();
            var t = Stopwatch.GetTimestamp();
            await writer.PublishAsync(new TableChanged(restaurant, table, "Six", 5, 6, null, true, 0, active, i + 1, DateTimeOffset.UtcNow));
            while ((System.Text.Json.JsonDocument.Parse(await anyone.GetStringAsync(url.Replace("partySize=2", "partySize=6", StringComparison.Ordinal)))
                       .RootElement.GetProperty("slots").GetArrayLength() > 0) != active)
            {
                if (Stopwatch.GetElapsedTime(t) > TimeSpan.FromSeconds(30))
                {
                    throw new TimeoutException($"the table change did not reach the other replica ({six} slots)");
                }
            }

            events.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
        }

        settings.Sort();
        events.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"cache invalidation to the other replica: settings write p50 {settings[10]:0.0} ms  max {settings[^1]:0.0} ms; restaurant event p50 {events[10]:0.0} ms  max {events[^1]:0.0} ms"));
    }

    private static async Task<Guid> SeedAsync(Replica service, int tables)
    {
        var id = Guid.CreateVersion7();
        var now = DateTimeOffset.UtcNow;
        var dataSource = service.Services.GetRequiredService<NpgsqlDataSource>();
        await using var c = await dataSource.OpenConnectionAsync();
        await using var tx = await c.BeginTransactionAsync();
        await RestaurantFacts.ApplyProfileAsync(c, tx, new RestaurantSnapshot(id, "벤치", null, "korean", 2, null, "서울", new GeoPoint(37.5, 127), "Asia/Seoul", "KRW", "published", 1), now, default);
        await RestaurantFacts.ApplyHoursAsync(c, tx, new HoursChanged(id, "Asia/Seoul", Days.Select(d => new WeeklyHours(d, "11:00", "23:00", null)).ToList(), [], now), default);
        for (var i = 0; i < tables; i++)
        {
            await RestaurantFacts.ApplyTableAsync(c, tx, new TableChanged(id, Guid.CreateVersion7(), $"T{i}", 1, 4, null, true, 0, true, 1, now), default);
        }

        await c.ExecuteAsync("INSERT INTO booking_settings (restaurant_id, document, updated_at) VALUES (@id, '{\"coversPerSlot\": 10000, \"maxAdvanceDays\": 90}', now())", new { id }, tx);
        await tx.CommitAsync();
        return id;
    }

    private static DateTimeOffset At(LocalDate date, int hour) => date.At(new LocalTime(hour, 0)).InZoneStrictly(Seoul).ToDateTimeOffset();

    private static int Option(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }
}

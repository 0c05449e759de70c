using System.Diagnostics;
using System.Globalization;
using System.Net;
using Brigade.Contracts;
using Brigade.Contracts.Ordering;
using Brigade.Messaging;
using Brigade.Testing;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Brigade.Bench.Analytics;

internal sealed class Service : ServiceFactory<Program>
{
    protected override void ConfigureSettings(IDictionary<string, string?> settings)
    {
        base.ConfigureSettings(settings);
        TestTokens.AddTo(settings);
        settings["Logging:LogLevel:Default"] = "Warning";
    }
}

/// <summary>
/// Ingest: N closed orders (3 lines each) of 30 restaurants over a week, published through the outbox and the broker as
/// ordering would, timed until the inbox holds them all. Dashboard: a year of orders seeded in SQL (facts and rollups, as
/// ingestion would leave them), then dashboards of random restaurants and ranges through the API.
/// </summary>
internal static class Bench
{
    public static async Task<int> Main(string[] args)
    {
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_BRIGADE_ANALYTICS", AppContext.BaseDirectory);
        var events = Option(args, "--events", 3000);
        var restaurants = Option(args, "--restaurants", 30);
        var days = Option(args, "--days", 365);
        var orders = Option(args, "--orders", 30);
        var queries = Option(args, "--queries", 200);
        await using var service = new Service();
        await service.InitializeAsync();
        await WaitUntilConsumingAsync(service);

        await IngestAsync(service, events, restaurants);
        var ids = await SeedYearAsync(service, restaurants, days, orders);
        await DashboardsAsync(service, ids, days, queries);
        await InsightsAsync(service, ids, days, Math.Max(1, queries / 4));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:F0} MiB"));
        return 0;
    }

    private static async Task IngestAsync(Service service, int count, int restaurants)
    {
        var ids = Enumerable.Range(0, restaurants).Select(_ => Guid.CreateVersion7()).ToArray();
        var items = Enumerable.Range(0, 20).Select(_ => Guid.CreateVersion7()).ToArray();
        var random = new Random(23);
        var start = new DateTimeOffset(2026, 11, 16, 11, 0, 0, TimeSpan.FromHours(9));
        var batch = new List<OrderClosed>(count);
        for (var i = 0; i < count; i++)
        {
            var placed = start.AddDays(random.Next(7)).AddMinutes(random.Next(14 * 60));
            var lines = Enumerable.Range(0, 3).Select(_ =>
            {
                var price = 5_000 + random.Next(20) * 1_000;
                var quantity = 1 + random.Next(3);
                return new OrderLine(Guid.CreateVersion7(), items[random.Next(items.Length)], "메뉴", "mains", quantity, price, price * quantity, [], null);
            }).ToList();
            var total = lines.Sum(l => l.LineTotal);
            batch.Add(new OrderClosed(Guid.CreateVersion7(), ids[random.Next(ids.Length)], null, new OrderSource("dine_in", null, null, null, 1 + random.Next(4)),
                lines, total, total, total, "KRW", placed, placed.AddHours(1)));
        }

        var db = service.Services.GetRequiredService<NpgsqlDataSource>();
        var outbox = service.Services.GetRequiredService<IOutbox>();
        var before = await service.CountAsync("SELECT count(*) FROM messaging_inbox");
        var clock = Stopwatch.StartNew();
        // Written to the outbox in transactions of 100, as a busy ordering service's commits would be.
        foreach (var chunk in batch.Chunk(100))
        {
            await using var c = await db.OpenConnectionAsync();
            await using var tx = await c.BeginTransactionAsync();
            foreach (var e in chunk)
            {
                await outbox.AddAsync(c, tx, e);
            }

            await tx.CommitAsync();
        }

        while (await service.CountAsync("SELECT count(*) FROM messaging_inbox") < before + count)
        {
            await Task.Delay(50);
        }

        clock.Stop();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"ingest: {count} order.closed events ({count * 3} lines) of {restaurants} restaurants in {clock.Elapsed.TotalSeconds:F1} s = {count / clock.Elapsed.TotalSeconds:F0} events/s (outbox → broker → facts + rollups)"));
    }

    /// <summary>A year of closed orders per restaurant, 3 lines each, and the rollups ingestion would have built from them.</summary>
    private static async Task<Guid[]> SeedYearAsync(Service service, int restaurants, int days, int ordersPerDay)
    {
        var ids = Enumerable.Range(0, restaurants).Select(_ => Guid.CreateVersion7()).ToArray();
        var db = service.Services.GetRequiredService<NpgsqlDataSource>();
        var clock = Stopwatch.StartNew();
        await using var c = await db.OpenConnectionAsync();
        c.Execute("SET statement_timeout = 0");
        await c.ExecuteAsync("""
            INSERT INTO order_facts (order_id, restaurant_id, status, status_at, diner_id, channel, covers, placed_at, closed_at, service_date, hour, subtotal, total, paid, currency)
            SELECT gen_random_uuid(), r, 'closed', now(),
                   -- a third of the checks are signed-in diners, from a guest book of 2,000 per restaurant (customers, RFM, cohorts)
                   CASE WHEN n % 3 = 0 THEN md5(r::text || ((d * 7919 + n * 104729) % 2000))::uuid END,
                   'dine_in', 1 + (n % 4), p, p + interval '1 hour', (p AT TIME ZONE 'Asia/Seoul')::date,
                   extract(hour FROM p AT TIME ZONE 'Asia/Seoul'), 0, 0, 0, 'KRW'
            FROM unnest(@ids) AS r,
                 generate_series(0, @days - 1) AS d,
                 generate_series(1, @orders) AS n,
                 LATERAL (SELECT (date '2025-11-01' + d + time '11:00') AT TIME ZONE 'Asia/Seoul' + (n * interval '20 minutes') AS p) t
            """, new { ids, days, orders = ordersPerDay }, commandTimeout: 0);
        await c.ExecuteAsync("""
            INSERT INTO order_line_facts (order_id, line_id, restaurant_id, service_date, menu_item_id, name, category, quantity, line_total)
            SELECT o.order_id, gen_random_uuid(), o.restaurant_id, o.service_date,
                   ('00000000-0000-0000-0000-0000000000' || lpad(((abs(hashtext(o.order_id::text || k)) % 40))::text, 2, '0'))::uuid,
                   'item ' || (abs(hashtext(o.order_id::text || k)) % 40), 'mains', 1 + k % 2, 9000 * (1 + k % 2)
            FROM order_facts o, generate_series(1, 3) AS k
            WHERE o.restaurant_id = ANY(@ids)
            """, new { ids }, commandTimeout: 0);
        await c.ExecuteAsync("""
            UPDATE order_facts o SET total = l.total, subtotal = l.total, paid = l.total
            FROM (SELECT order_id, sum(line_total) AS total FROM order_line_facts WHERE restaurant_id = ANY(@ids) GROUP BY order_id) l
            WHERE l.order_id = o.order_id;
            INSERT INTO hourly_rollup (restaurant_id, service_date, hour, orders, covers, gross_sales)
            SELECT restaurant_id, service_date, hour, count(*), sum(covers), sum(total) FROM order_facts WHERE restaurant_id = ANY(@ids)
            GROUP BY 1, 2, 3;
            INSERT INTO daily_rollup (restaurant_id, service_date, orders, covers, gross_sales, refunds, payments, reservations, booked_covers,
                                      completed, no_shows, cancellations, labour_minutes, labour_cost, food_cost)
            SELECT restaurant_id, service_date, count(*), sum(covers), sum(total), 0, sum(total), 12, 30, 10, 1, 1, 2400, 300000, sum(total) / 3
            FROM order_facts WHERE restaurant_id = ANY(@ids) GROUP BY 1, 2;
            ANALYZE;
            """, new { ids }, commandTimeout: 0);
        var lines = await c.ExecuteScalarAsync<long>("SELECT count(*) FROM order_line_facts WHERE restaurant_id = ANY(@ids)", new { ids });
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"seeded {restaurants} restaurants × {days} days × {ordersPerDay} orders: {lines:N0} order lines in {clock.Elapsed.TotalSeconds:F0} s"));
        return ids;
    }

    private static async Task DashboardsAsync(Service service, Guid[] ids, int days, int queries)
    {
        var random = new Random(5);
        var admin = TestTokens.Admin();
        using var client = service.CreateClient().WithToken(admin);
        var first = new DateOnly(2025, 11, 1);
        foreach (var span in new[] { 1, 7, 30, 365 }.Where(s => s <= days))
        {
            var cold = new List<double>();
            var warm = new List<double>();
            for (var q = 0; q < queries; q++)
            {
                var id = ids[random.Next(ids.Length)];
                var from = first.AddDays(random.Next(days - span + 1));
                var path = $"/api/analytics/restaurants/{id}/dashboard?from={from:yyyy-MM-dd}&to={from.AddDays(span - 1):yyyy-MM-dd}";
                // A fresh restaurant tag: the first read loads from PostgreSQL, the second comes from the cache.
                await service.Services.GetRequiredService<Brigade.Analytics.Data.DashboardCache>().InvalidateAsync(id);
                cold.Add(await TimeAsync(client, path));
                warm.Add(await TimeAsync(client, path));
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"dashboard {span,3}-day range: uncached p50 {P(cold, 50):F1} ms p99 {P(cold, 99):F1} ms; cached p50 {P(warm, 50):F2} ms p99 {P(warm, 99):F2} ms ({queries} queries)"));
        }
    }

    /// <summary>Uncached menu engineering, customers and seating of random restaurants, and the admin's platform view, for 30- and 365-day ranges.</summary>
    private static async Task InsightsAsync(Service service, Guid[] ids, int days, int queries)
    {
        var random = new Random(7);
        using var client = service.CreateClient().WithToken(TestTokens.Admin());
        var first = new DateOnly(2025, 11, 1);
        foreach (var what in new[] { "menu-engineering", "customers", "seating", "platform" })
        {
            foreach (var span in new[] { 30, 365 }.Where(s => s <= days))
            {
                var times = new List<double>();
                for (var q = 0; q < queries; q++)
                {
                    var id = ids[random.Next(ids.Length)];
                    var from = first.AddDays(random.Next(days - span + 1));
                    var range = $"from={from:yyyy-MM-dd}&to={from.AddDays(span - 1):yyyy-MM-dd}";
                    await service.Services.GetRequiredService<Brigade.Analytics.Data.DashboardCache>().InvalidateAsync(id);
                    times.Add(await TimeAsync(client, what == "platform" ? $"/api/analytics/platform?{range}" : $"/api/analytics/restaurants/{id}/{what}?{range}"));
                }

                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{what,-16} {span,3}-day range: uncached p50 {P(times, 50):F1} ms p99 {P(times, 99):F1} ms ({queries} queries)"));
            }
        }
    }

    private static async Task<double> TimeAsync(HttpClient client, string path)
    {
        var clock = Stopwatch.StartNew();
        var response = await client.GetAsync(path);
        await response.Content.ReadAsByteArrayAsync();
        clock.Stop();
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"{path} answered {(int)response.StatusCode}");
        }

        return clock.Elapsed.TotalMilliseconds;
    }

    private static double P(List<double> values, int percentile)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(percentile / 100.0 * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    private static async Task WaitUntilConsumingAsync(Service service)
    {
        using var client = service.CreateClient();
        await ServiceFactory<Program>.EventuallyAsync(async () =>
        {
            var health = await client.GetAsync("/health/ready");
            var json = System.Text.Json.JsonDocument.Parse(await health.Content.ReadAsStringAsync()).RootElement;
            return json.GetProperty("checks").TryGetProperty("broker", out var broker) && broker.GetProperty("status").GetString() == "Healthy";
        }, "the consumer", 60);
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var v) ? v : fallback;
    }
}

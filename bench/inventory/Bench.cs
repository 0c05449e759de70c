using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using Brigade.Contracts.Ordering;
using Brigade.Messaging;
using Brigade.Testing;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Brigade.Bench.Inventory;

/// <summary>The inventory service in-process on its own database and exchange, trusting <see cref="TestTokens"/>.</summary>
internal sealed class Instance : ServiceFactory<Program>
{
    protected override void ConfigureSettings(IDictionary<string, string?> settings)
    {
        base.ConfigureSettings(settings);
        TestTokens.AddTo(settings);
        settings["Logging:LogLevel:Default"] = "Warning";
    }
}

/// <summary>
/// 1. Depletion throughput: <c>--orders</c> <c>ordering.order.accepted</c> events (two lines of dishes with a
///    10-ingredient recipe each) committed to the outbox at once; orders depleted per second from the first commit to the
///    last depletion, and whether every stock level is exactly what the recipes say (checked by SQL).
/// 2. Lag: <c>--lag</c> events published one at a time (10 ms apart); from the event's commit to the handler's stock
///    update (the movement's timestamp, same clock), p50/p99/max.
/// </summary>
internal static class Bench
{
    private const int Ingredients = 10;
    private const int Dishes = 20;

    public static async Task<int> Main(string[] args)
    {
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_BRIGADE_INVENTORY", AppContext.BaseDirectory);
        var orders = Option(args, "--orders", 2000);
        var lag = Option(args, "--lag", 300);

        await using var instance = new Instance();
        await instance.InitializeAsync();
        var (restaurant, dishes, items) = await SeedAsync(instance);
        Console.WriteLine($"orders={orders} lag={lag}; recipes of {Ingredients} ingredients, {Dishes} dishes, 2 lines per order");

        await PublishAsync(instance, restaurant, dishes, 50, 0); // warm-up
        await WaitAsync(instance, 50);
        var exact = await ThroughputAsync(instance, restaurant, dishes, items, orders);
        await LagAsync(instance, restaurant, dishes, lag, orders + 50);
        return exact ? 0 : 1;
    }

    private static async Task<(Guid Restaurant, Guid[] Dishes, Guid[] Items)> SeedAsync(Instance instance)
    {
        var restaurant = Guid.CreateVersion7();
        using var client = instance.CreateClient().WithToken(TestTokens.For(Guid.CreateVersion7(), ["owner"], (restaurant, "owner")));
        var items = new Guid[Ingredients];
        for (var i = 0; i < Ingredients; i++)
        {
            var response = await client.PostAsJsonAsync($"/api/inventory/{restaurant}/items",
                new { name = $"재료 {i}", baseUnit = "g", packSize = 1000, packCost = 5000 + i * 100, onHand = 100_000_000 });
            response.EnsureSuccessStatusCode();
            items[i] = (await response.Content.ReadFromJsonAsync<IdOnly>())!.Id;
        }

        var dishes = Enumerable.Range(0, Dishes).Select(_ => Guid.CreateVersion7()).ToArray();
        for (var d = 0; d < Dishes; d++)
        {
            (await client.PutAsJsonAsync($"/api/inventory/{restaurant}/recipes/{dishes[d]}", new
            {
                kind = "menu_item", name = $"메뉴 {d}",
                lines = items.Select((id, i) => new { stockItemId = id, quantity = 10 + (d + i) % 7, unit = "g" }),
            })).EnsureSuccessStatusCode();
        }

        return (restaurant, dishes, items);
    }

    private static OrderAccepted Order(Guid restaurant, Guid[] dishes, int i) => new(Guid.CreateVersion7(), restaurant, null,
        new OrderSource("dine_in", null, "T1", null, 2),
        [Line(dishes[i % dishes.Length], 1 + i % 3), Line(dishes[(i * 7 + 3) % dishes.Length], 1)], 30_000, "KRW", DateTimeOffset.UtcNow);

    private static OrderLine Line(Guid dish, int quantity) => new(Guid.CreateVersion7(), dish, "메뉴", null, quantity, 10_000, 10_000L * quantity, [], null);

    private static async Task PublishAsync(Instance instance, Guid restaurant, Guid[] dishes, int count, int offset)
    {
        var outbox = instance.Services.GetRequiredService<IOutbox>();
        await using var c = await instance.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync();
        await using var tx = await c.BeginTransactionAsync();
        for (var i = 0; i < count; i++)
        {
            await outbox.AddAsync(c, tx, Order(restaurant, dishes, offset + i));
        }

        await tx.CommitAsync();
    }

    private static async Task WaitAsync(Instance instance, long total)
    {
        while (await instance.CountAsync("SELECT count(*) FROM order_depletions") < total)
        {
            await Task.Delay(20);
        }
    }

    private static async Task<bool> ThroughputAsync(Instance instance, Guid restaurant, Guid[] dishes, Guid[] items, int orders)
    {
        await using var c = await instance.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync();
        var before = (await c.QueryAsync<(Guid Id, decimal OnHand)>("SELECT id, on_hand FROM stock_items WHERE id = ANY(@items)", new { items })).ToDictionary(r => r.Id, r => r.OnHand);
        var clock = Stopwatch.StartNew();
        await PublishAsync(instance, restaurant, dishes, orders, 50);
        var published = clock.Elapsed;
        await WaitAsync(instance, orders + 50);
        var elapsed = clock.Elapsed;

        // What the recipes say the orders should have taken, against what stock says they took.
        var expected = new Dictionary<Guid, decimal>();
        for (var i = 50; i < orders + 50; i++)
        {
            foreach (var (dish, quantity) in new[] { (dishes[i % dishes.Length], 1 + i % 3), (dishes[(i * 7 + 3) % dishes.Length], 1) })
            {
                var d = Array.IndexOf(dishes, dish);
                for (var k = 0; k < Ingredients; k++)
                {
                    expected[items[k]] = expected.GetValueOrDefault(items[k]) + (10 + (d + k) % 7) * quantity;
                }
            }
        }

        var after = (await c.QueryAsync<(Guid Id, decimal OnHand)>("SELECT id, on_hand FROM stock_items WHERE id = ANY(@items)", new { items })).ToDictionary(r => r.Id, r => r.OnHand);
        var exact = items.All(id => before[id] - after[id] == expected[id]);
        if (!exact)
        {
            foreach (var id in items)
            {
                Console.WriteLine($"  {id}: took {before[id] - after[id]}, recipes say {expected[id]}");
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"depletion: {orders} orders ({orders * 2} lines, {orders * 2 * Ingredients} ingredient moves) in {elapsed.TotalSeconds:F2} s = {orders / elapsed.TotalSeconds:F0} orders/s (outbox commit {published.TotalMilliseconds:F0} ms); stock exact: {exact}"));
        return exact;
    }

    private static async Task LagAsync(Instance instance, Guid restaurant, Guid[] dishes, int count, int offset)
    {
        var outbox = instance.Services.GetRequiredService<IOutbox>();
        var db = instance.Services.GetRequiredService<NpgsqlDataSource>();
        var committed = new Dictionary<Guid, DateTimeOffset>();
        for (var i = 0; i < count; i++)
        {
            var order = Order(restaurant, dishes, offset + i);
            await using (var c = await db.OpenConnectionAsync())
            {
                await using var tx = await c.BeginTransactionAsync();
                await outbox.AddAsync(c, tx, order);
                await tx.CommitAsync();
            }

            committed[order.OrderId] = DateTimeOffset.UtcNow;
            await Task.Delay(10);
        }

        await WaitAsync(instance, offset + count);
        await using var connection = await db.OpenConnectionAsync();
        var depleted = (await connection.QueryAsync<(Guid OrderId, DateTimeOffset At)>(
            "SELECT order_id, min(at) FROM stock_movements WHERE order_id = ANY(@ids) GROUP BY order_id", new { ids = committed.Keys.ToArray() })).ToList();
        var lags = depleted.Select(d => Math.Max(0, (d.At - committed[d.OrderId]).TotalMilliseconds)).Order().ToArray();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"lag accepted→stock updated: p50 {Percentile(lags, 0.50):F0} ms, p99 {Percentile(lags, 0.99):F0} ms, max {lags[^1]:F0} ms ({lags.Length} of {count})"));
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

    private static int Option(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var value) ? value : fallback;
    }

    private sealed record IdOnly(Guid Id);
}

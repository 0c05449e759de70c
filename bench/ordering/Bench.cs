using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Brigade.Contracts.Inventory;
using Brigade.Contracts.Restaurants;
using Brigade.Ordering.Data;
using Brigade.Testing;
using Dapper;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Brigade.Bench.Ordering;

/// <summary>The ordering service on Kestrel (a loopback port), trusting <see cref="TestTokens"/>.</summary>
internal sealed class Instance : ServiceFactory<Program>
{
    public Instance() => UseKestrel(k => k.Listen(IPAddress.Loopback, 0));

    public string Url => Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

    protected override void ConfigureSettings(IDictionary<string, string?> settings)
    {
        base.ConfigureSettings(settings);
        TestTokens.AddTo(settings);
        settings["Logging:LogLevel:Default"] = "Warning";
    }
}

/// <summary>
/// 1. Place-order throughput and latency with <c>--clients</c> concurrent diners (two lines each, client prices checked,
///    an Idempotency-Key per order).
/// 2. Kitchen ticket delivery: from sending <c>POST /api/orders/{id}/accept</c> until a kitchen screen connected to
///    <c>/hubs/kitchen</c> (SignalR over WebSockets, through the Redis backplane) receives the order's first ticket.
/// 3. The last portions: the clients race for <c>--portions</c> portions of one item; oversold = sold − portions, by SQL.
/// </summary>
internal static class Bench
{
    public static async Task<int> Main(string[] args)
    {
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_BRIGADE_ORDERING", AppContext.BaseDirectory);
        var clients = Option(args, "--clients", 64);
        var orders = Option(args, "--orders", 2000);
        var accepts = Option(args, "--accepts", 400);
        var portions = Option(args, "--portions", 100);

        await using var instance = new Instance();
        await instance.InitializeAsync();
        instance.StartServer();
        var url = new Uri(instance.Url);
        var (restaurant, items, staff) = await SeedAsync(instance);
        Console.WriteLine($"instance {url}; clients={clients} orders={orders} accepts={accepts} portions={portions}");

        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = clients * 2 };
        await PlaceOrdersAsync("warm-up (not counted)", url, handler, items, clients, 300);
        var placed = await PlaceOrdersAsync("place order", url, handler, items, clients, orders);
        var delivery = await KitchenDeliveryAsync(url, handler, restaurant, items, staff, accepts);
        var oversold = await LastPortionsAsync(instance, url, handler, restaurant, items[0], clients, portions);
        return placed && delivery && oversold == 0 ? 0 : 1;
    }

    private static async Task<(Guid Restaurant, Guid[] Items, string Staff)> SeedAsync(Instance instance)
    {
        var id = Guid.CreateVersion7();
        var items = Enumerable.Range(0, 20).Select(_ => Guid.CreateVersion7()).ToArray();
        var now = DateTimeOffset.UtcNow;
        string[] categories = ["찌개", "면", "주류", "샐러드", "구이"];
        await using var connection = await instance.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync();
        await using var tx = await connection.BeginTransactionAsync();
        await MenuFacts.ApplyProfileAsync(connection, tx, new RestaurantSnapshot(id, "벤치 식당", "Bench", "korean", 2, null, "서울", new GeoPoint(37.5, 127), "Asia/Seoul", "KRW", "published", 1), now, default);
        for (var i = 0; i < items.Length; i++)
        {
            await MenuFacts.ApplyMenuItemAsync(connection, tx, new MenuItemChanged(id, items[i], $"메뉴 {i}", categories[i % categories.Length],
                new MoneyAmount(5000 + 500 * i, "KRW"), false, [], false, 1, now, null, null, [], i), default);
        }

        await tx.CommitAsync();
        return (id, items, TestTokens.For(Guid.CreateVersion7(), ["staff"], (id, "staff")));
    }

    private static async Task<bool> PlaceOrdersAsync(string name, Uri url, HttpMessageHandler handler, Guid[] items, int clients, int total)
    {
        var http = Enumerable.Range(0, clients).Select(_ => new HttpClient(handler, disposeHandler: false) { BaseAddress = url }
            .WithToken(TestTokens.For(Guid.CreateVersion7(), ["diner"]))).ToList();
        var latencies = new double[total];
        var created = 0;
        var other = 0;
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(http.Select(async client =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < total)
            {
                var a = items[i % items.Length];
                var b = items[(i * 7 + 3) % items.Length];
                var request = new HttpRequestMessage(HttpMethod.Post, "/api/orders")
                {
                    Content = JsonContent.Create(new
                    {
                        items = new object[]
                        {
                            new { productId = a, quantity = 1 + i % 2, price = 5000 + 500 * Array.IndexOf(items, a) },
                            new { productId = b, quantity = 1 },
                        },
                    }),
                    Headers = { { "Idempotency-Key", Guid.NewGuid().ToString() } },
                };
                var t = Stopwatch.GetTimestamp();
                using var response = await client.SendAsync(request);
                latencies[i] = Stopwatch.GetElapsedTime(t).TotalMilliseconds;
                if (response.StatusCode == HttpStatusCode.Created)
                {
                    Interlocked.Increment(ref created);
                }
                else if (Interlocked.Increment(ref other) <= 3)
                {
                    Console.WriteLine($"  {response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                }
            }
        }));
        var seconds = clock.Elapsed.TotalSeconds;
        Array.Sort(latencies);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name,-22} {total / seconds,8:0} orders/s  p50 {P(latencies, 0.50),6:0.0} ms  p99 {P(latencies, 0.99),7:0.0} ms  created {created}  other {other}"));
        http.ForEach(c => c.Dispose());
        return other == 0;
    }

    private static async Task<bool> KitchenDeliveryAsync(Uri url, HttpMessageHandler handler, Guid restaurant, Guid[] items, string staffToken, int total)
    {
        using var staff = new HttpClient(handler, disposeHandler: false) { BaseAddress = url }.WithToken(staffToken);
        var received = new ConcurrentDictionary<Guid, long>();
        await using var screen = new HubConnectionBuilder()
            .WithUrl(new Uri(url, "hubs/kitchen"), o =>
            {
                o.Transports = HttpTransportType.WebSockets;
                o.SkipNegotiation = true;
                o.AccessTokenProvider = () => Task.FromResult<string?>(staffToken);
            })
            .Build();
        screen.On<JsonElement>("ticket", ticket =>
        {
            var at = Stopwatch.GetTimestamp();
            received.TryAdd(ticket.GetProperty("orderId").GetGuid(), at);
        });
        await screen.StartAsync();
        await screen.InvokeAsync("Watch", restaurant);

        var ids = new List<Guid>();
        for (var i = 0; i < total; i++)
        {
            using var placed = await staff.PostAsJsonAsync("/api/orders", new { items = new[] { new { productId = items[i % items.Length], quantity = 1 } } });
            ids.Add(JsonDocument.Parse(await placed.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid());
        }

        // Eight servers accepting orders at once.
        var sent = new ConcurrentDictionary<Guid, long>();
        var next = -1;
        var failures = 0;
        await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < ids.Count)
            {
                sent[ids[i]] = Stopwatch.GetTimestamp();
                using var accepted = await staff.PostAsync($"/api/orders/{ids[i]}/accept", null);
                if (accepted.StatusCode != HttpStatusCode.OK)
                {
                    Interlocked.Increment(ref failures);
                }
            }
        }));

        var deadline = Stopwatch.StartNew();
        while (received.Count(r => sent.ContainsKey(r.Key)) < ids.Count - failures && deadline.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(100);
        }

        var latencies = sent.Where(s => received.ContainsKey(s.Key))
            .Select(s => Stopwatch.GetElapsedTime(s.Value, received[s.Key]).TotalMilliseconds).Order().ToArray();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"kitchen ticket delivery (accept → hub) p50 {P(latencies, 0.50),6:0.0} ms  p99 {P(latencies, 0.99),7:0.0} ms  delivered {latencies.Length} of {ids.Count}  failed accepts {failures}"));
        return latencies.Length == ids.Count && failures == 0;
    }

    private static async Task<long> LastPortionsAsync(Instance instance, Uri url, HttpMessageHandler handler, Guid restaurant, Guid item, int clients, int portions)
    {
        var db = instance.Services.GetRequiredService<NpgsqlDataSource>();
        await using (var connection = await db.OpenConnectionAsync())
        await using (var tx = await connection.BeginTransactionAsync())
        {
            await MenuFacts.ApplyStockAsync(connection, tx, new MenuItemAvailabilityChanged(restaurant, item, true, portions, DateTimeOffset.UtcNow), default);
            await tx.CommitAsync();
        }

        await using (var connection = await db.OpenConnectionAsync())
        {
            // Only what this race sells counts.
            await connection.ExecuteAsync("UPDATE order_lines SET status = 'cancelled' WHERE menu_item_id = @item", new { item });
        }

        var http = Enumerable.Range(0, clients).Select(_ => new HttpClient(handler, disposeHandler: false) { BaseAddress = url }
            .WithToken(TestTokens.For(Guid.CreateVersion7(), ["diner"]))).ToList();
        var created = 0;
        var refused = 0;
        var errors = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(http.Select(async (client, c) =>
        {
            for (var attempt = 0; attempt < 4; attempt++)
            {
                using var response = await client.PostAsJsonAsync("/api/orders", new { items = new[] { new { productId = item, quantity = 1 + (c + attempt) % 2 } } });
                _ = response.StatusCode switch
                {
                    HttpStatusCode.Created => Interlocked.Increment(ref created),
                    HttpStatusCode.Conflict => Interlocked.Increment(ref refused),
                    _ => Interlocked.Increment(ref errors),
                };
            }
        }));
        await using var check = await db.OpenConnectionAsync();
        var sold = await check.ExecuteScalarAsync<long>(
            "SELECT coalesce(sum(quantity), 0) FROM order_lines WHERE menu_item_id = @item AND status <> 'cancelled'", new { item });
        var left = await check.ExecuteScalarAsync<int>("SELECT portions_left FROM item_stock WHERE menu_item_id = @item", new { item });
        var oversold = Math.Max(0, sold - portions);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"last portions: {clients} clients × 4 orders for {portions} portions in {clock.Elapsed.TotalSeconds:0.0} s: orders {created}, refused {refused}, errors {errors}; sold {sold}, left {left}, oversold {oversold}"));
        http.ForEach(h => h.Dispose());
        return errors > 0 || sold + left != portions ? Math.Max(1, oversold) : oversold;
    }

    private static double P(double[] sorted, double q) => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];

    private static int Option(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var value) ? value : fallback;
    }
}

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Brigade.Testing;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Brigade.Bench.Notifications;

/// <summary>The notifications service on Kestrel, trusting <see cref="TestTokens"/>, without a send limit.</summary>
internal sealed class Instance : ServiceFactory<Program>
{
    public Instance() => UseKestrel(k => k.Listen(IPAddress.Loopback, 0));

    public string Url => Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

    protected override void ConfigureSettings(IDictionary<string, string?> settings)
    {
        base.ConfigureSettings(settings);
        TestTokens.AddTo(settings);
        settings["Logging:LogLevel:Default"] = "Warning";
        settings["Notifications:SendPermitsPerMinute"] = "1000000";
        settings["Notifications:Email:PickupDirectory"] = Path.Combine(Path.GetTempPath(), "brigade-bench-mail");
        settings["Messaging:RelayPollInterval"] = "00:00:00.050";
    }
}

/// <summary>
/// 1. Holds <c>--connections</c> hub connections (goal 10,000) and reports the memory they take.
/// 2. Sends targeted notifications at <c>--rate</c> per second for <c>--seconds</c> through <c>POST /api/notifications/send</c>
///    and reports the latency until the targeted connection receives it (p50/p95/p99): HTTP, database transaction,
///    outbox relay, the service's event consumer, the hub's Redis backplane, hub push.
/// Clients are the SignalR .NET client over WebSockets. Client and server share this process, so memory per connection
/// is an upper bound for the server alone (the client objects are the larger part).
/// </summary>
internal static class Bench
{
    public static async Task<int> Main(string[] args)
    {
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_BRIGADE_NOTIFICATIONS", AppContext.BaseDirectory);
        var connections = Option(args, "--connections", 10_000);
        var rate = Option(args, "--rate", 500);
        var seconds = Option(args, "--seconds", 20);

        await using var instance = new Instance();
        await instance.InitializeAsync();
        instance.StartServer();
        var url = new Uri(instance.Url);
        var hub = new Uri(url, "hubs/notifications");
        Console.WriteLine($"instance {url}; connections={connections} rate={rate}/s seconds={seconds}");

        var before = Memory();
        var users = Enumerable.Range(0, connections).Select(_ => Guid.CreateVersion7()).ToArray();
        var received = new ConcurrentDictionary<string, long>();
        var clients = new ConcurrentBag<HubConnection>();
        var failures = 0;
        var open = Stopwatch.StartNew();
        await Parallel.ForEachAsync(users, new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (user, ct) =>
        {
            try
            {
                var token = TestTokens.For(user, ["diner"]);
                var connection = new HubConnectionBuilder()
                    .WithUrl(hub, o =>
                    {
                        o.Transports = HttpTransportType.WebSockets;
                        o.SkipNegotiation = true;
                        o.AccessTokenProvider = () => Task.FromResult<string?>(token);
                    })
                    .Build();
                connection.On<JsonElement>("notification", item => received[item.GetProperty("title").GetString()!] = Stopwatch.GetTimestamp());
                await connection.StartAsync(ct);
                clients.Add(connection);
            }
            catch (Exception e)
            {
                if (Interlocked.Increment(ref failures) <= 3)
                {
                    Console.WriteLine($"connect failed: {e.Message}");
                }
            }
        });
        open.Stop();
        await Task.Delay(2000);
        var held = Memory();
        var ok = clients.Count;
        Console.WriteLine($"connections open: {ok} of {connections} in {open.Elapsed.TotalSeconds:0.0} s ({failures} failed)");
        Console.WriteLine($"memory: working set {Mb(before.WorkingSet)} → {Mb(held.WorkingSet)} MB, managed heap {Mb(before.Heap)} → {Mb(held.Heap)} MB; " +
                          $"≈ {(held.WorkingSet - before.WorkingSet) / Math.Max(1, ok) / 1024.0:0.0} KB per connection (client + server sides)");

        using var http = new HttpClient { BaseAddress = url };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.Service("bench"));
        var latencies = new ConcurrentBag<double>();
        var sent = new ConcurrentDictionary<string, long>();
        var accepted = new ConcurrentDictionary<string, long>();
        var total = rate * seconds;
        var clock = Stopwatch.StartNew();
        var sends = new List<Task>();
        var sendErrors = 0;
        for (var i = 0; i < total; i++)
        {
            var due = TimeSpan.FromSeconds((double)i / rate);
            if (clock.Elapsed < due)
            {
                await Task.Delay(due - clock.Elapsed);
            }

            var title = "bench-" + i.ToString(CultureInfo.InvariantCulture);
            var user = users[i % users.Length];
            sent[title] = Stopwatch.GetTimestamp();
            sends.Add(Task.Run(async () =>
            {
                using var response = await http.PostAsJsonAsync("/api/notifications/send", new { userId = user, title, body = "b" });
                accepted[title] = Stopwatch.GetTimestamp();
                if (response.StatusCode != HttpStatusCode.Accepted)
                {
                    Interlocked.Increment(ref sendErrors);
                }
            }));
        }

        await Task.WhenAll(sends);
        var offered = clock.Elapsed;
        var deadline = Stopwatch.StartNew();
        while (received.Count(r => r.Key.StartsWith("bench-", StringComparison.Ordinal)) < total - sendErrors && deadline.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(200);
        }

        foreach (var (title, at) in received)
        {
            if (sent.TryGetValue(title, out var start))
            {
                latencies.Add(Stopwatch.GetElapsedTime(start, at).TotalMilliseconds);
            }
        }

        var sorted = latencies.Order().ToArray();
        var api = accepted.Select(a => Stopwatch.GetElapsedTime(sent[a.Key], a.Value).TotalMilliseconds).Order().ToArray();
        var push = received.Where(r => accepted.ContainsKey(r.Key))
            .Select(r => Stopwatch.GetElapsedTime(accepted[r.Key], r.Value).TotalMilliseconds).Order().ToArray();
        if (api.Length > 0 && push.Length > 0)
        {
            Console.WriteLine($"of which POST /send ms: p50 {P(api, 0.50):0.0}  p99 {P(api, 0.99):0.0}; after 202 until pushed ms: p50 {P(push, 0.50):0.0}  p99 {P(push, 0.99):0.0}");
        }

        Console.WriteLine($"sent {total} in {offered.TotalSeconds:0.0} s ({total / offered.TotalSeconds:0} /s offered), {sendErrors} send errors, {sorted.Length} delivered");
        if (sorted.Length > 0)
        {
            Console.WriteLine($"delivery latency ms: p50 {P(sorted, 0.50):0.0}  p95 {P(sorted, 0.95):0.0}  p99 {P(sorted, 0.99):0.0}  max {sorted[^1]:0.0}");
        }

        await Parallel.ForEachAsync(clients, new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (connection, _) => await connection.DisposeAsync());

        return sorted.Length == total - sendErrors && failures == 0 ? 0 : 1;
    }

    private static (long WorkingSet, long Heap) Memory()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var process = Process.GetCurrentProcess();
        return (process.WorkingSet64, GC.GetTotalMemory(false));
    }

    private static string Mb(long bytes) => (bytes / 1024.0 / 1024.0).ToString("0", CultureInfo.InvariantCulture);

    private static double P(double[] sorted, double q) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];

    private static int Option(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var value) ? value : fallback;
    }
}

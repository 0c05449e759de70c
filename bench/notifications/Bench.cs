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
    public const string ClientJwks = "BRIGADE_BENCH_CLIENT_JWKS";

    public Instance() => UseKestrel(k => k.Listen(IPAddress.Loopback, 0));

    public string Url => Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

    protected override void ConfigureSettings(IDictionary<string, string?> settings)
    {
        base.ConfigureSettings(settings);
        TestTokens.AddTo(settings);
        // The clients' process signs the tokens with its own key (TestTokens makes one per process): trust that one.
        settings["Security:Jwks"] = Environment.GetEnvironmentVariable(ClientJwks) ?? TestTokens.Jwks;
        settings["Logging:LogLevel:Default"] = "Warning";
        settings["Notifications:SendPermitsPerMinute"] = "1000000";
        settings["Notifications:Email:PickupDirectory"] = Path.Combine(Path.GetTempPath(), "brigade-bench-mail");
    }
}

/// <summary>
/// Two processes, as a real deployment has: this one starts the notifications service in a child process
/// (<c>--role server</c>: Kestrel, the test PostgreSQL, RabbitMQ and Redis) and plays the clients itself.
/// 1. Holds <c>--connections</c> hub connections (goal 10,000) and reports the server process's memory for them.
/// 2. Sends targeted notifications at <c>--rate</c> per second for <c>--seconds</c> through <c>POST /api/notifications/send</c>
///    and reports the latency until the targeted connection receives it (p50/p95/p99), split into the API call and the push.
/// Clients are the SignalR .NET client over WebSockets.
/// </summary>
internal static class Bench
{
    public static async Task<int> Main(string[] args)
    {
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_BRIGADE_NOTIFICATIONS", AppContext.BaseDirectory);
        return Text(args, "--role") == "server" ? await ServeAsync() : await ClientsAsync(args);
    }

    /// <summary>The service alone: prints its URL, then runs until its standard input closes.</summary>
    private static async Task<int> ServeAsync()
    {
        await using var instance = new Instance();
        await instance.InitializeAsync();
        instance.StartServer();
        Console.WriteLine("url " + instance.Url);
        await Console.In.ReadToEndAsync();
        return 0;
    }

    private static async Task<int> ClientsAsync(string[] args)
    {
        var connections = Option(args, "--connections", 10_000);
        var rate = Option(args, "--rate", 500);
        var seconds = Option(args, "--seconds", 20);

        using var server = StartServer();
        var url = new Uri(await ReadUrlAsync(server));
        var hub = new Uri(url, "hubs/notifications");
        Console.WriteLine($"server pid {server.Id} at {url}; clients in pid {Environment.ProcessId}; connections={connections} rate={rate}/s seconds={seconds}");

        Console.WriteLine($"load average at the start (the machine is shared): {File.ReadAllText("/proc/loadavg").Trim()}");
        var before = ResidentBytes(server.Id);
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
        var held = ResidentBytes(server.Id);
        var ok = clients.Count;
        Console.WriteLine($"connections open: {ok} of {connections} in {open.Elapsed.TotalSeconds:0.0} s ({failures} failed)");
        Console.WriteLine($"server memory (RSS): {Mb(before)} → {Mb(held)} MB, ≈ {(held - before) / Math.Max(1, ok) / 1024.0:0.0} KB per connection");

        using var http = new HttpClient { BaseAddress = url };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.Service("bench"));
        // Warm-up: the first sends pay for JIT, prepared statements and pool growth.
        for (var i = 0; i < 50; i++)
        {
            (await http.PostAsJsonAsync("/api/notifications/send", new { userId = users[i % users.Length], title = "warmup-" + i, body = "b" })).EnsureSuccessStatusCode();
        }

        var sent = new ConcurrentDictionary<string, long>();
        var accepted = new ConcurrentDictionary<string, long>();
        var total = rate * seconds;
        var clock = Stopwatch.StartNew();
        var sends = new List<Task>();
        var sendErrors = 0;
        var errors = new ConcurrentDictionary<string, int>();
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
                string? error;
                try
                {
                    using var response = await http.PostAsJsonAsync("/api/notifications/send", new { userId = user, title, body = "b" });
                    accepted[title] = Stopwatch.GetTimestamp();
                    error = response.StatusCode == HttpStatusCode.Accepted ? null : ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
                }
                catch (Exception e)
                {
                    error = e.GetType().Name;
                }

                if (error is not null)
                {
                    Interlocked.Increment(ref sendErrors);
                    errors.AddOrUpdate(error, 1, (_, n) => n + 1);
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

        var latencies = received.Where(r => sent.ContainsKey(r.Key)).Select(r => Stopwatch.GetElapsedTime(sent[r.Key], r.Value).TotalMilliseconds).Order().ToArray();
        var api = accepted.Select(a => Stopwatch.GetElapsedTime(sent[a.Key], a.Value).TotalMilliseconds).Order().ToArray();
        var push = received.Where(r => accepted.ContainsKey(r.Key))
            .Select(r => Stopwatch.GetElapsedTime(accepted[r.Key], r.Value).TotalMilliseconds).Order().ToArray();
        if (api.Length > 0 && push.Length > 0)
        {
            Console.WriteLine($"of which POST /send ms: p50 {P(api, 0.50):0.0}  p99 {P(api, 0.99):0.0}; after 202 until pushed ms: p50 {P(push, 0.50):0.0}  p99 {P(push, 0.99):0.0}");
        }

        Console.WriteLine($"sent {total} in {offered.TotalSeconds:0.0} s ({total / offered.TotalSeconds:0} /s offered), {sendErrors} send errors{(errors.IsEmpty ? "" : " (" + string.Join(", ", errors.Select(e => $"{e.Key} ×{e.Value}")) + ")")}, {latencies.Length} delivered");
        Console.WriteLine($"load average at the end: {File.ReadAllText("/proc/loadavg").Trim()}");
        if (latencies.Length > 0)
        {
            Console.WriteLine($"delivery latency ms: p50 {P(latencies, 0.50):0.0}  p95 {P(latencies, 0.95):0.0}  p99 {P(latencies, 0.99):0.0}  max {latencies[^1]:0.0}");
        }

        await Parallel.ForEachAsync(clients, new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (connection, _) => await connection.DisposeAsync());
        server.StandardInput.Close();
        if (!server.WaitForExit(TimeSpan.FromSeconds(30)))
        {
            server.Kill(entireProcessTree: true);
        }

        return latencies.Length == total - sendErrors && failures == 0 ? 0 : 1;
    }

    /// <summary>This program again as the server, in its own process; it ends when its standard input closes.</summary>
    private static Process StartServer()
    {
        var psi = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        psi.Environment[Instance.ClientJwks] = TestTokens.Jwks;
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
        {
            psi.ArgumentList.Add(typeof(Bench).Assembly.Location);
        }

        psi.ArgumentList.Add("--role");
        psi.ArgumentList.Add("server");
        return Process.Start(psi) ?? throw new InvalidOperationException("could not start the server process");
    }

    private static async Task<string> ReadUrlAsync(Process server)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        while (await server.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.StartsWith("url ", StringComparison.Ordinal))
            {
                _ = Task.Run(async () => await EchoAsync(server.StandardOutput)); // keep draining what it prints
                return line[4..];
            }

            Console.WriteLine("server: " + line);
        }

        throw new InvalidOperationException("the server process ended before it listened");
    }

    /// <summary>Prints the server's first warnings and errors and drains the rest, so a failure shows its cause.</summary>
    private static async Task EchoAsync(StreamReader output)
    {
        var shown = 0;
        while (await output.ReadLineAsync() is { } line)
        {
            if (shown++ < 40)
            {
                Console.WriteLine("server: " + line);
            }
        }
    }

    /// <summary>Resident memory of a process (VmRSS).</summary>
    private static long ResidentBytes(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
    }

    private static string Mb(long bytes) => (bytes / 1024.0 / 1024.0).ToString("0", CultureInfo.InvariantCulture);

    private static double P(double[] sorted, double q) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];

    private static string? Text(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private static int Option(string[] args, string name, int fallback) =>
        int.TryParse(Text(args, name), CultureInfo.InvariantCulture, out var value) ? value : fallback;
}

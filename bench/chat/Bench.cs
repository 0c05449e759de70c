using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Brigade.Testing;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Brigade.Bench.Chat;

/// <summary>A chat replica on Kestrel, trusting the clients' process's test tokens, without a practical send limit.</summary>
internal sealed class Instance : ServiceFactory<Program>
{
    public const string ClientJwks = "BRIGADE_BENCH_CLIENT_JWKS";

    public string InstanceId { get; init; } = "chat-1";

    public Instance() => UseKestrel(k => k.Listen(IPAddress.Loopback, 0));

    public string Url => Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

    protected override void ConfigureSettings(IDictionary<string, string?> settings)
    {
        base.ConfigureSettings(settings);
        TestTokens.AddTo(settings);
        settings["Security:Jwks"] = Environment.GetEnvironmentVariable(ClientJwks) ?? TestTokens.Jwks;
        settings["Brigade:InstanceId"] = InstanceId;
        settings["Logging:LogLevel:Default"] = "Warning";
        settings["Chat:SendsPerMinute"] = "10000";
    }
}

/// <summary>
/// Two processes, as a real deployment has: this one starts two chat replicas (sharing the database, exchange and Redis
/// backplane) in a child process (<c>--role server</c>) and plays the clients itself.
/// 1. <c>--pairs</c> two-person rooms; one person of each pair connects to the first replica, the other to the second:
///    reports the server process's memory per connection.
/// 2. Sends <c>--rate</c> messages per second for <c>--seconds</c> through the hub (<c>send</c>) on the first replica and
///    reports the acknowledgement latency (stored) and the delivery latency to the other person on the second replica
///    (across the backplane), p50/p95/p99.
/// </summary>
internal static class Bench
{
    public static async Task<int> Main(string[] args)
    {
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_BRIGADE_CHAT", AppContext.BaseDirectory);
        return Text(args, "--role") == "server" ? await ServeAsync(Option(args, "--pairs", 1000)) : await ClientsAsync(args);
    }

    /// <summary>Two replicas with <paramref name="pairs"/> rooms: prints their URLs and the rooms, then runs until standard input closes.</summary>
    private static async Task<int> ServeAsync(int pairs)
    {
        await using var first = new Instance { InstanceId = "chat-1" };
        await first.InitializeAsync();
        first.StartServer();
        await using var second = new Instance { InstanceId = "chat-2" };
        second.ReplicaOf(first);
        await second.InitializeAsync();
        second.StartServer();

        // The rooms are arranged in SQL: the benchmark measures messages, not how rooms come to be.
        var rooms = Enumerable.Range(0, pairs).Select(_ => (Room: Guid.CreateVersion7(), A: Guid.CreateVersion7(), B: Guid.CreateVersion7())).ToArray();
        await using (var connection = await first.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync())
        {
            await using var command = new NpgsqlCommand("""
                INSERT INTO rooms (id, kind, restaurant_id, title, created_at) SELECT r, 'staff', r, 'bench', now() FROM unnest(@rooms) r;
                INSERT INTO room_members (room_id, user_id, role, side, joined_at)
                SELECT r, u, 'staff', 'restaurant', now() FROM unnest(@rooms, @a) AS t(r, u)
                UNION ALL SELECT r, u, 'staff', 'restaurant', now() FROM unnest(@rooms, @b) AS t(r, u);
                """, connection);
            command.Parameters.AddWithValue("rooms", rooms.Select(r => r.Room).ToArray());
            command.Parameters.AddWithValue("a", rooms.Select(r => r.A).ToArray());
            command.Parameters.AddWithValue("b", rooms.Select(r => r.B).ToArray());
            await command.ExecuteNonQueryAsync();
        }

        foreach (var (room, a, b) in rooms)
        {
            Console.WriteLine($"room {room} {a} {b}");
        }

        Console.WriteLine($"urls {first.Url} {second.Url}");
        await Console.In.ReadToEndAsync();
        return 0;
    }

    private static async Task<int> ClientsAsync(string[] args)
    {
        var pairs = Option(args, "--pairs", 1000);
        var rate = Option(args, "--rate", 200);
        var seconds = Option(args, "--seconds", 15);

        using var server = StartServer(pairs);
        var (urls, rooms) = await ReadServerAsync(server);
        Console.WriteLine($"server pid {server.Id} (replicas {urls[0]} and {urls[1]}); clients in pid {Environment.ProcessId}; pairs={pairs} rate={rate}/s seconds={seconds}");
        Console.WriteLine($"load average at the start (the machine is shared): {File.ReadAllText("/proc/loadavg").Trim()}");

        var before = ResidentBytes(server.Id);
        var received = new ConcurrentDictionary<string, long>();
        var senders = new HubConnection?[rooms.Count];
        var receivers = new HubConnection?[rooms.Count];
        var failures = 0;
        var open = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, rooms.Count), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (i, ct) =>
        {
            try
            {
                senders[i] = await ConnectAsync(new Uri(urls[0], "hubs/chat"), rooms[i].A, null, ct);
                receivers[i] = await ConnectAsync(new Uri(urls[1], "hubs/chat"), rooms[i].B, received, ct);
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
        var connected = senders.Count(s => s is not null) + receivers.Count(r => r is not null);
        Console.WriteLine($"connections open: {connected} of {rooms.Count * 2} in {open.Elapsed.TotalSeconds:0.0} s ({failures} pairs failed)");
        Console.WriteLine($"server memory (RSS, both replicas): {Mb(before)} → {Mb(held)} MB, ≈ {(held - before) / Math.Max(1, connected) / 1024.0:0.0} KB per connection");

        var live = Enumerable.Range(0, rooms.Count).Where(i => senders[i] is not null && receivers[i] is not null).ToArray();
        for (var i = 0; i < 50; i++) // warm-up: JIT, prepared statements, pools
        {
            var k = live[i % live.Length];
            await senders[k]!.InvokeAsync<JsonElement>("send", rooms[k].Room, new { clientMessageId = "warmup-" + i, text = "warmup-" + i });
        }

        var sent = new ConcurrentDictionary<string, long>();
        var acked = new ConcurrentDictionary<string, long>();
        var errors = new ConcurrentDictionary<string, int>();
        var total = rate * seconds;
        var clock = Stopwatch.StartNew();
        var sends = new List<Task>();
        for (var i = 0; i < total; i++)
        {
            var due = TimeSpan.FromSeconds((double)i / rate);
            if (clock.Elapsed < due)
            {
                await Task.Delay(due - clock.Elapsed);
            }

            var text = "bench-" + i.ToString(CultureInfo.InvariantCulture);
            var k = live[i % live.Length];
            sent[text] = Stopwatch.GetTimestamp();
            sends.Add(Task.Run(async () =>
            {
                try
                {
                    await senders[k]!.InvokeAsync<JsonElement>("send", rooms[k].Room, new { clientMessageId = text, text });
                    acked[text] = Stopwatch.GetTimestamp();
                }
                catch (Exception e)
                {
                    errors.AddOrUpdate(e.GetType().Name + ": " + e.Message[..Math.Min(60, e.Message.Length)], 1, (_, n) => n + 1);
                }
            }));
        }

        await Task.WhenAll(sends);
        var offered = clock.Elapsed;
        var expected = total - errors.Values.Sum();
        var deadline = Stopwatch.StartNew();
        while (received.Keys.Count(k => k.StartsWith("bench-", StringComparison.Ordinal)) < expected && deadline.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(200);
        }

        var delivery = received.Where(r => sent.ContainsKey(r.Key)).Select(r => Stopwatch.GetElapsedTime(sent[r.Key], r.Value).TotalMilliseconds).Order().ToArray();
        var ack = acked.Select(a => Stopwatch.GetElapsedTime(sent[a.Key], a.Value).TotalMilliseconds).Order().ToArray();
        Console.WriteLine($"sent {total} in {offered.TotalSeconds:0.0} s ({total / offered.TotalSeconds:0} /s offered), {errors.Values.Sum()} errors" +
            (errors.IsEmpty ? "" : " (" + string.Join(", ", errors.Select(e => $"{e.Key} ×{e.Value}")) + ")") + $", {delivery.Length} delivered");
        Console.WriteLine($"load average at the end: {File.ReadAllText("/proc/loadavg").Trim()}");
        if (ack.Length > 0)
        {
            Console.WriteLine($"send acknowledged (stored) ms: p50 {P(ack, 0.50):0.0}  p95 {P(ack, 0.95):0.0}  p99 {P(ack, 0.99):0.0}  max {ack[^1]:0.0}");
        }

        if (delivery.Length > 0)
        {
            Console.WriteLine($"delivered to the other replica ms: p50 {P(delivery, 0.50):0.0}  p95 {P(delivery, 0.95):0.0}  p99 {P(delivery, 0.99):0.0}  max {delivery[^1]:0.0}");
        }

        await Parallel.ForEachAsync(senders.Concat(receivers).OfType<HubConnection>(), new ParallelOptions { MaxDegreeOfParallelism = 32 },
            async (connection, _) => await connection.DisposeAsync());
        server.StandardInput.Close();
        if (!server.WaitForExit(TimeSpan.FromSeconds(30)))
        {
            server.Kill(entireProcessTree: true);
        }

        return delivery.Length == expected && failures == 0 && errors.IsEmpty ? 0 : 1;
    }

    private static async Task<HubConnection> ConnectAsync(Uri hub, Guid user, ConcurrentDictionary<string, long>? received, CancellationToken ct)
    {
        var token = TestTokens.For(user, ["staff"]);
        var connection = new HubConnectionBuilder()
            .WithUrl(hub, o =>
            {
                o.Transports = HttpTransportType.WebSockets;
                o.SkipNegotiation = true;
                o.AccessTokenProvider = () => Task.FromResult<string?>(token);
            })
            .Build();
        if (received is not null)
        {
            connection.On<JsonElement>("message", m =>
            {
                if (m.GetProperty("text").GetString() is { } text)
                {
                    received[text] = Stopwatch.GetTimestamp();
                }
            });
        }

        await connection.StartAsync(ct);
        return connection;
    }

    private static Process StartServer(int pairs)
    {
        var psi = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        psi.Environment[Instance.ClientJwks] = TestTokens.Jwks;
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
        {
            psi.ArgumentList.Add(typeof(Bench).Assembly.Location);
        }

        psi.ArgumentList.Add("--role");
        psi.ArgumentList.Add("server");
        psi.ArgumentList.Add("--pairs");
        psi.ArgumentList.Add(pairs.ToString(CultureInfo.InvariantCulture));
        return Process.Start(psi) ?? throw new InvalidOperationException("could not start the server process");
    }

    private static async Task<(Uri[] Urls, List<(Guid Room, Guid A, Guid B)> Rooms)> ReadServerAsync(Process server)
    {
        var rooms = new List<(Guid, Guid, Guid)>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        while (await server.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            var parts = line.Split(' ');
            if (parts[0] == "room" && parts.Length == 4)
            {
                rooms.Add((Guid.Parse(parts[1]), Guid.Parse(parts[2]), Guid.Parse(parts[3])));
            }
            else if (parts[0] == "urls" && parts.Length == 3)
            {
                _ = Task.Run(async () => await EchoAsync(server.StandardOutput));
                return ([new Uri(parts[1]), new Uri(parts[2])], rooms);
            }
            else
            {
                Console.WriteLine("server: " + line);
            }
        }

        throw new InvalidOperationException("the server process ended before it listened");
    }

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

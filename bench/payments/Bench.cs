using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Brigade.Contracts.Jobs;
using Brigade.Sandbox.PaymentProvider;
using Brigade.Testing;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Brigade.Bench.Payments;

/// <summary>
/// One payments host. The first owns the database and receives the sandbox's notifications; later ones are replicas of
/// it (same database and queue), started and stopped between rounds to restart the service under the books.
/// </summary>
internal sealed class Host : ServiceFactory<Program>
{
    public const string SecretKey = "test_sk_bench";
    public const string WebhookSecret = "test_whsec_bench";
    private readonly string _sandboxUrl;

    public Host(string sandboxUrl, Host? first)
    {
        _sandboxUrl = sandboxUrl;
        if (first is not null)
        {
            ReplicaOf(first);
        }
    }

    protected override void ConfigureSettings(IDictionary<string, string?> settings)
    {
        base.ConfigureSettings(settings);
        TestTokens.AddTo(settings);
        settings["Logging:LogLevel:Default"] = "Warning";
        settings["Payments:Provider:BaseUrl"] = _sandboxUrl;
        settings["Payments:Provider:SecretKey"] = SecretKey;
        settings["Payments:Provider:WebhookSecret"] = WebhookSecret;
        settings["Payments:ReconcileInterval"] = "00:00:01";
        settings["Payments:InDoubtAfter"] = "00:00:06";
        settings["Payments:SettlementJobEnabled"] = "false";
    }
}

/// <summary>
/// (1) Payments per second and latency through the seed's <c>POST /api/payments</c> (card authorised and captured at the
/// PG) with 64 clients. (2) A reconciliation run: random payments, refunds, approved shifts, settlements and withdrawals
/// over several rounds, the service restarted between rounds, then <c>charges − refunds = wallets + fees + tax + payouts</c>
/// checked to the won, against the ledger and against the PG's own totals.
/// </summary>
internal static class Bench
{
    private static readonly object Card = new { number = "4111111111111111", expiry = "12/30", cvv = "123" };

    public static async Task<int> Main(string[] args)
    {
        // Hosted outside a test project: tell WebApplicationFactory where the service's content root is.
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_BRIGADE_PAYMENTS", AppContext.BaseDirectory);
        var clients = Option(args, "--clients", 64);
        var payments = Option(args, "--payments", 2000);
        var operations = Option(args, "--operations", 10_000);
        var rounds = Option(args, "--rounds", 4);

        Host? first = null;
        var sandbox = await SandboxHost.StartAsync(
            new SandboxOptions { SecretKey = Host.SecretKey, WebhookSecret = Host.WebhookSecret, WebhookUrl = "http://payments.bench/api/payments/webhooks/toss" },
            () => first!.Server.CreateHandler());
        first = new Host(sandbox.Url, null);
        await first.InitializeAsync();
        _ = first.Server;

        Console.WriteLine($"clients={clients} payments={payments} operations={operations} rounds={rounds} (sandbox PG over HTTP, in-process)");
        await PayAsync(first, "warm-up (not counted)", clients, 200);
        await PayAsync(first, "pay (authorise+capture)", clients, payments);
        var ok = await ReconcileAsync(first, sandbox, clients, operations, rounds);
        await sandbox.DisposeAsync();
        await first.DisposeAsync();
        return ok ? 0 : 1;
    }

    private static async Task PayAsync(Host host, string name, int clients, int count)
    {
        var restaurant = Guid.CreateVersion7();
        var dues = await DuesAsync(host, restaurant, count, _ => 10_000 + Random.Shared.Next(0, 90) * 1_000);
        var http = host.CreateClient();
        var latencies = new double[count];
        int captured = 0, pending = 0, next = -1;
        var other = new System.Collections.Concurrent.ConcurrentDictionary<int, int>();
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                var t = Stopwatch.GetTimestamp();
                using var response = await http.SendAsync(Pay(dues[i]));
                latencies[i] = Stopwatch.GetElapsedTime(t).TotalMilliseconds;
                _ = response.StatusCode switch
                {
                    HttpStatusCode.Created => Interlocked.Increment(ref captured),
                    HttpStatusCode.Accepted => Interlocked.Increment(ref pending),
                    var code => other.AddOrUpdate((int)code, 1, (_, n) => n + 1),
                };
            }
        }));
        var seconds = clock.Elapsed.TotalSeconds;
        Array.Sort(latencies);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name,-24} {count / seconds,7:0} payments/s  p50 {latencies[count / 2],7:0.0} ms  p99 {latencies[(int)(count * 0.99)],7:0.0} ms  captured {captured}  in doubt (202) {pending}  other {(other.IsEmpty ? "none" : string.Join(", ", other.Select(o => $"{o.Key}×{o.Value}")))}"));
    }

    private static async Task<bool> ReconcileAsync(Host first, RunningSandbox sandbox, int clients, int operations, int rounds)
    {
        var restaurants = Enumerable.Range(0, 8).Select(_ => Guid.CreateVersion7()).ToList();
        var workers = Enumerable.Range(0, 16).Select(_ => Guid.CreateVersion7()).ToList();
        var owners = restaurants.ToDictionary(r => r, r => TestTokens.For(Guid.CreateVersion7(), ["owner"], (r, "owner")));
        var admin = TestTokens.Admin();
        var paid = new System.Collections.Concurrent.ConcurrentBag<(Guid Payment, Guid Restaurant, long Amount)>();
        var counts = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
        var shifts = 0;
        var perRound = operations / rounds;
        var clock = Stopwatch.StartNew();

        for (var round = 0; round < rounds; round++)
        {
            // A fresh replica each round: the previous one was stopped with whatever it had in flight left to the others.
            var host = new Host(sandbox.Url, first);
            await host.InitializeAsync();
            var http = host.CreateClient();
            var roundDues = new Queue<DueSeed>();
            foreach (var r in restaurants)
            {
                foreach (var due in await DuesAsync(first, r, perRound / restaurants.Count, _ => 1_000 + Random.Shared.Next(0, 200) * 500))
                {
                    roundDues.Enqueue(due);
                }
            }

            var next = -1;
            await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
            {
                while (Interlocked.Increment(ref next) < perRound)
                {
                    var roll = Random.Shared.Next(100);
                    string op;
                    HttpStatusCode status;
                    if (roll < 55)
                    {
                        DueSeed due;
                        lock (roundDues)
                        {
                            if (!roundDues.TryDequeue(out due!))
                            {
                                continue;
                            }
                        }

                        using var response = await http.SendAsync(Pay(due));
                        (op, status) = ("pay", response.StatusCode);
                        if (status is HttpStatusCode.Created or HttpStatusCode.Accepted)
                        {
                            var id = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid();
                            paid.Add((id, due.Restaurant, due.Amount));
                        }
                    }
                    else if (roll < 75 && !paid.IsEmpty)
                    {
                        var (id, restaurant, amount) = paid.ElementAt(Random.Shared.Next(paid.Count));
                        var request = Post($"/api/payments/{id}/refunds", new { amount = 500 * (1 + Random.Shared.Next((int)Math.Max(1, amount / 2 / 500))), reason = "bench" }, owners[restaurant]);
                        using var response = await http.SendAsync(request);
                        (op, status) = ("refund", response.StatusCode);
                    }
                    else if (roll < 90)
                    {
                        var restaurant = restaurants[Random.Shared.Next(restaurants.Count)];
                        var gross = 60_000 + Random.Shared.Next(0, 30) * 5_000;
                        var start = DateTimeOffset.UtcNow.AddDays(-1 - Random.Shared.Next(5)).AddHours(-9);
                        await host.PublishAsync(new ShiftCompleted(Guid.CreateVersion7(), Guid.CreateVersion7(), restaurant, workers[Random.Shared.Next(workers.Count)],
                            start, start.AddHours(8), 480, gross / 8, gross, "KRW", DateTimeOffset.UtcNow));
                        Interlocked.Increment(ref shifts);
                        (op, status) = ("shift", HttpStatusCode.Accepted);
                    }
                    else if (roll < 93)
                    {
                        using var response = await http.SendAsync(Post("/api/settlements/run", new { }, admin));
                        (op, status) = ("settle", response.StatusCode);
                    }
                    else
                    {
                        var worker = Random.Shared.Next(2) == 0;
                        var owner = worker ? workers[Random.Shared.Next(workers.Count)] : restaurants[Random.Shared.Next(restaurants.Count)];
                        var token = worker ? TestTokens.For(owner, ["worker"]) : owners[owner];
                        var path = worker ? "/api/wallets/mine" : $"/api/wallets/restaurants/{owner}";
                        using var wallet = await http.SendAsync(new HttpRequestMessage(HttpMethod.Get, path).WithToken(token));
                        var available = wallet.IsSuccessStatusCode ? JsonDocument.Parse(await wallet.Content.ReadAsStringAsync()).RootElement.GetProperty("available").GetInt64() : 0;
                        var amount = Math.Max(1_000, available / 2 / 1_000 * 1_000);
                        using var response = await http.SendAsync(Post(path + "/withdrawals",
                            new { amount, bankCode = "088", accountNumber = "110123456789", accountHolder = "벤치" }, token));
                        (op, status) = ("withdraw", response.StatusCode);
                    }

                    counts.AddOrUpdate($"{op} {(int)status}", 1, (_, n) => n + 1);
                }
            }));

            await host.DisposeAsync();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"round {round + 1}/{rounds} done at {clock.Elapsed.TotalSeconds:0} s; service restarted"));
        }

        // Let everything in doubt settle: shifts consumed, the reconciler done with payments, refunds and payouts.
        var adminHttp = first.CreateClient();
        await ServiceFactory<Program>.EventuallyAsync(async () =>
        {
            using var _ = await adminHttp.SendAsync(Post("/api/payments/reconcile", new { }, admin));
            return await first.CountAsync("SELECT count(*) FROM shift_earnings") == shifts
                && await first.CountAsync("""
                    SELECT (SELECT count(*) FROM payments WHERE status IN ('authorizing', 'capturing'))
                         + (SELECT count(*) FROM refunds WHERE status = 'pending')
                         + (SELECT count(*) FROM payouts WHERE status = 'pending')
                    """) == 0;
        }, "payments, refunds and payouts in doubt to settle", 180);
        await adminHttp.SendAsync(Post("/api/settlements/run", new { }, admin));
        var seconds = clock.Elapsed.TotalSeconds;

        Console.WriteLine(string.Join("  ", counts.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key}: {c.Value}")));
        using var ledgerResponse = await adminHttp.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/api/payments/ledger").WithToken(admin));
        var ledger = JsonDocument.Parse(await ledgerResponse.Content.ReadAsStringAsync()).RootElement;
        var krw = ledger.GetProperty("identity").EnumerateArray().Single(i => i.GetProperty("currency").GetString() == "KRW");
        long L(string name) => krw.GetProperty(name).GetInt64();
        var totals = sandbox.Book.Totals();
        await using var c = new NpgsqlConnection(first.Database.ConnectionString);
        var overdrawn = await c.ExecuteScalarAsync<long>("SELECT count(*) FROM ledger_accounts WHERE NOT overdraft AND balance < 0");
        var unbalanced = ledger.GetProperty("unbalancedEntries").GetInt64();
        var identity = krw.GetProperty("holds").GetBoolean();
        // What the PG holds must be what the ledger says moved through it.
        var pgAgrees = totals.Approved - totals.Cancelled == L("charges") - L("refunds") && totals.PaidOut == L("payouts");

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
            reconciliation after {operations} operations in {rounds} rounds ({seconds:0} s, {operations / seconds:0} op/s, {shifts} shifts):
              charges {L("charges"):N0} − refunds {L("refunds"):N0} = {L("charges") - L("refunds"):N0}
              wallets {L("wallets"):N0} + fees {L("fees"):N0} + tax {L("taxWithheld"):N0} + payouts {L("payouts"):N0} = {L("wallets") + L("fees") + L("taxWithheld") + L("payouts"):N0}
              identity holds: {identity}; ledger sum {ledger.GetProperty("sum").GetInt64()}; unbalanced entries {unbalanced}; overdrawn accounts {overdrawn}
              PG: approved {totals.Approved:N0} − cancelled {totals.Cancelled:N0} = {totals.Approved - totals.Cancelled:N0}, paid out {totals.PaidOut:N0} ({totals.Payments} payments, {totals.Payouts} payouts): agrees with the ledger: {pgAgrees}
            """));
        return identity && pgAgrees && unbalanced == 0 && overdrawn == 0 && ledger.GetProperty("sum").GetInt64() == 0;
    }

    private sealed record DueSeed(Guid OrderId, Guid Restaurant, Guid Payer, long Amount, string Token);

    /// <summary>Orders owed, written as the order-placed handler would (the events path is measured by the tests).</summary>
    private static async Task<List<DueSeed>> DuesAsync(Host host, Guid restaurant, int count, Func<int, long> amountOf)
    {
        var dues = Enumerable.Range(0, count).Select(i =>
        {
            var payer = Guid.CreateVersion7();
            return new DueSeed(Guid.CreateVersion7(), restaurant, payer, amountOf(i), TestTokens.For(payer, ["diner"]));
        }).ToList();
        await using var c = new NpgsqlConnection(host.Database.ConnectionString);
        await c.ExecuteAsync("""
            INSERT INTO dues (id, kind, reference_id, restaurant_id, payer_id, amount, currency, state, created_at, updated_at)
            SELECT gen_random_uuid(), 'order', o, @restaurant, p, a, 'KRW', 'open', now(), now() FROM unnest(@orders, @payers, @amounts) AS t(o, p, a)
            """, new { restaurant, orders = dues.Select(d => d.OrderId).ToArray(), payers = dues.Select(d => d.Payer).ToArray(), amounts = dues.Select(d => d.Amount).ToArray() });
        return dues;
    }

    private static HttpRequestMessage Pay(DueSeed due) =>
        Post("/api/payments", new { orderId = due.OrderId, amount = due.Amount, paymentMethod = "credit_card", cardDetails = Card }, due.Token);

    private static HttpRequestMessage Post(string path, object body, string token) => new HttpRequestMessage(HttpMethod.Post, path)
    {
        Content = JsonContent.Create(body),
        Headers = { { "Idempotency-Key", Guid.NewGuid().ToString() } },
    }.WithToken(token);

    private static int Option(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }
}

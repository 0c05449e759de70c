using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Brigade.Contracts.Jobs;
using Brigade.Contracts.Ordering;
using Brigade.Contracts.Reservations;
using Brigade.Sandbox.PaymentProvider;
using Dapper;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Brigade.Payments.Tests;

/// <summary>A person calling the API, with a token the service trusts.</summary>
public sealed record Actor(string Name, Guid Id, string Token)
{
    public static Actor Person(string name, string[] roles, params (Guid RestaurantId, string Role)[] memberships)
    {
        var id = Guid.CreateVersion7();
        return new Actor(name, id, TestTokens.Create(id.ToString(), roles, memberships, name: name));
    }

    public static Actor Diner() => Person("diner", ["diner"]);

    public static Actor Worker() => Person("worker", ["worker"]);

    public static Actor Owner(Guid restaurantId) => Person("owner", ["owner"], (restaurantId, "owner"));

    public static Actor Manager(Guid restaurantId) => Person("manager", ["manager"], (restaurantId, "manager"));

    public static Actor Staff(Guid restaurantId) => Person("staff", ["staff"], (restaurantId, "staff"));

    public static Actor Admin() => Person("admin", ["admin"]);

    public override string ToString() => Name;
}

/// <summary>Every log line the service wrote, formatted, with its state values and exceptions: searched for card numbers.</summary>
public sealed class LogCapture : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyCollection<string> Lines => _lines;

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull
        {
            lines.Enqueue($"{category} scope {state}");
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(" ", pairs.Select(p => $"{p.Key}={p.Value}")) : "";
            lines.Enqueue($"{logLevel} {category} {formatter(state, exception)} {values} {exception}");
        }
    }
}

/// <summary>
/// The payments service on a database of its own, the real broker, trusting <see cref="TestTokens"/>, talking over real
/// HTTP to a sandbox provider started in this process; the sandbox's notifications come back to this host. Short
/// provider timeouts (1 s, a slow card answers after 2 s) and a fast reconciler, so in-doubt paths settle quickly.
/// </summary>
public class PaymentsFactory : ServiceFactory<Program>
{
    public const long PayoutFee = 500;

    public string SecretKey { get; } = "test_sk_" + Guid.NewGuid().ToString("N");

    public string WebhookSecret { get; } = "test_whsec_" + Guid.NewGuid().ToString("N");

    public RunningSandbox Sandbox { get; private set; } = null!;

    public LogCapture Logs { get; } = new();

    public override async Task InitializeAsync()
    {
        Sandbox = await SandboxHost.StartAsync(new SandboxOptions
        {
            SecretKey = SecretKey,
            WebhookSecret = WebhookSecret,
            WebhookUrl = "http://payments.test/api/payments/webhooks/toss",
            SlowDelay = TimeSpan.FromSeconds(2),
            WebhookRetryDelay = TimeSpan.FromMilliseconds(200),
        }, () => Server.CreateHandler());
        await base.InitializeAsync();
        await WaitUntilConsumingAsync();
    }

    public override async Task DisposeAsync()
    {
        File.AppendAllLines("/tmp/payments-test-errors.log", Logs.Lines.Where(l => l.StartsWith("Error", StringComparison.Ordinal) || l.StartsWith("Warning", StringComparison.Ordinal)));
        await base.DisposeAsync();
        await Sandbox.DisposeAsync();
    }

    protected override void ConfigureSettings(IDictionary<string, string?> settings)
    {
        base.ConfigureSettings(settings);
        TestTokens.AddTo(settings);
        settings["Logging:LogLevel:Default"] = "Debug";
        settings["ConnectionStrings:Database"] += ";Include Error Detail=true";
        settings["Messaging:RetryDelays:0"] = "00:00:00.200";
        settings["Payments:Provider:BaseUrl"] = Sandbox.Url;
        settings["Payments:Provider:SecretKey"] = SecretKey;
        settings["Payments:Provider:WebhookSecret"] = WebhookSecret;
        settings["Payments:Provider:Timeout"] = "00:00:01";
        settings["Payments:ReconcileInterval"] = "00:00:00.200";
        settings["Payments:InDoubtAfter"] = "00:00:01.500";
        settings["Payments:AbandonAuthorizationAfter"] = "00:00:04";
        settings["Payments:SettlementJobEnabled"] = "false";
        settings["Payments:PayoutFee"] = PayoutFee.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<ILoggerProvider>(Logs));
    }

    /// <summary>Waits until the event consumer is bound, so nothing published is missed.</summary>
    public async Task WaitUntilConsumingAsync()
    {
        using var client = CreateClient();
        await EventuallyAsync(async () =>
        {
            var health = await client.GetAsync("/health/ready");
            var json = JsonDocument.Parse(await health.Content.ReadAsStringAsync()).RootElement;
            return json.GetProperty("checks").TryGetProperty("broker", out var broker) && broker.GetProperty("status").GetString() == "Healthy";
        }, "the broker consumer to be ready", 30);
    }

    public NpgsqlDataSource Db => Services.GetRequiredService<NpgsqlDataSource>();

    public HttpClient ClientFor(Actor? actor)
    {
        var client = CreateClient();
        return actor is null ? client : client.WithToken(actor.Token);
    }

    /// <summary>A restaurant with its owner, a manager and a diner.</summary>
    public static Shop NewShop()
    {
        var id = Guid.CreateVersion7();
        return new Shop(id, Actor.Owner(id), Actor.Manager(id), Actor.Staff(id), Actor.Diner());
    }

    /// <summary>Ordering announces an order: <paramref name="total"/> becomes owed by the shop's diner.</summary>
    public async Task<Guid> OrderAsync(Shop shop, long total, Guid? diner = null, bool guest = false)
    {
        var orderId = Guid.CreateVersion7();
        var line = new OrderLine(Guid.CreateVersion7(), Guid.CreateVersion7(), "김치찌개", "찌개", 1, total, total, [], "hot");
        await PublishAsync(new OrderPlaced(orderId, shop.Id, guest ? null : diner ?? shop.Diner.Id, new OrderSource("dine_in", null, "T1", null, 2), [line],
            total, total, "KRW", DateTimeOffset.UtcNow));
        await EventuallyAsync(async () => await CountAsync("SELECT count(*) FROM dues WHERE reference_id = @orderId AND amount IS NOT NULL", new { orderId }) == 1, "the order to be owed");
        return orderId;
    }

    /// <summary>Reservations asks for a deposit from the shop's diner.</summary>
    public async Task<Guid> DepositAsync(Shop shop, long amount, TimeSpan? holdFor = null)
    {
        var reservationId = Guid.CreateVersion7();
        var now = DateTimeOffset.UtcNow;
        await PublishAsync(new DepositRequested(reservationId, shop.Id, shop.Diner.Id, amount, "KRW", now.AddDays(3), now + (holdFor ?? TimeSpan.FromMinutes(15)), now));
        await EventuallyAsync(async () => await CountAsync("SELECT count(*) FROM dues WHERE reference_id = @reservationId AND amount IS NOT NULL", new { reservationId }) == 1, "the deposit to be owed");
        return reservationId;
    }

    /// <summary>Jobs announces an approved shift of <paramref name="gross"/> won for <paramref name="worker"/> at the shop, checked in at <paramref name="checkedIn"/>.</summary>
    public async Task<Guid> ShiftAsync(Shop shop, Actor worker, long gross, DateTimeOffset? checkedIn = null)
    {
        var applicationId = Guid.CreateVersion7();
        var start = checkedIn ?? DateTimeOffset.UtcNow.AddHours(-9);
        await PublishAsync(new ShiftCompleted(applicationId, Guid.CreateVersion7(), shop.Id, worker.Id, start, start.AddHours(8), 480, gross / 8, gross, "KRW", DateTimeOffset.UtcNow));
        await EventuallyAsync(async () => await CountAsync("SELECT count(*) FROM shift_earnings WHERE application_id = @applicationId", new { applicationId }) == 1, "the shift to be paid");
        return applicationId;
    }

    public static HttpRequestMessage Post(string path, object? body, string? key = null) => new(HttpMethod.Post, path)
    {
        Content = body is null ? JsonContent.Create(new { }) : JsonContent.Create(body),
        Headers = { { "Idempotency-Key", key ?? Guid.NewGuid().ToString() } },
    };

    public static object Card(string number = "4111 1111 1111 1111") => new { number, expiry = "12/30", cvv = "123" };

    /// <summary><c>POST /api/payments</c> as the seed writes it.</summary>
    public async Task<HttpResponseMessage> PayAsync(Actor payer, Guid? orderId, long amount, string card = "4111 1111 1111 1111", Guid? reservationId = null, string? key = null)
    {
        using var client = ClientFor(payer);
        return await client.SendAsync(Post("/api/payments", new { orderId, reservationId, amount, paymentMethod = "credit_card", cardDetails = Card(card) }, key));
    }

    /// <summary>
    /// Pays and returns the captured payment. On a busy machine the provider may not answer within the 1 s timeout (202, in
    /// doubt): then it is the reconciler that captures it, and this waits for that — what a test pays for is captured either way.
    /// </summary>
    public async Task<JsonElement> PaidAsync(Actor payer, Guid orderId, long amount, string card = "4111 1111 1111 1111")
    {
        using var response = await PayAsync(payer, orderId, amount, card);
        return await CapturedAsync(payer, response);
    }

    /// <summary>The payment <paramref name="response"/> answered, once captured (201 at once, or 202 then the reconciler).</summary>
    public async Task<JsonElement> CapturedAsync(Actor payer, HttpResponseMessage response)
    {
        if (response.StatusCode != HttpStatusCode.Accepted)
        {
            return await response.ShouldBeAsync(HttpStatusCode.Created);
        }

        var id = (await response.ShouldBeAsync(HttpStatusCode.Accepted)).GetProperty("id").GetGuid();
        await EventuallyAsync(async () => await PaymentStatusAsync(id) == "captured", "the payment in doubt to be captured");
        return await GetAsync(payer, $"/api/payments/{id}");
    }

    public async Task<JsonElement> GetAsync(Actor who, string path, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var client = ClientFor(who);
        return await (await client.GetAsync(path)).ShouldBeAsync(expected);
    }

    public async Task<JsonElement> SendAsync(Actor who, HttpRequestMessage request, HttpStatusCode expected)
    {
        using var client = ClientFor(who);
        return await (await client.SendAsync(request)).ShouldBeAsync(expected);
    }

    public async Task<string> PaymentStatusAsync(Guid paymentId)
    {
        await using var c = await Db.OpenConnectionAsync();
        return await c.ExecuteScalarAsync<string>("SELECT status FROM payments WHERE id = @paymentId", new { paymentId }) ?? "";
    }

    /// <summary>The outbox events of a type whose payload mentions <paramref name="id"/>.</summary>
    public async Task<IReadOnlyList<JsonElement>> EventsAsync(string type, Guid id) =>
        (await EventsAboutAsync(id)).Where(e => e.Type == type).Select(e => e.Payload).ToList();

    /// <summary>A Luhn-valid number of the sandbox's approved range, unique to the caller (so it can be searched for).</summary>
    public static string UniqueCard()
    {
        // The sandbox approves 4000 0000 0000 xxxx: three random digits and the check digit.
        var body = "400000000000" + Random.Shared.Next(100, 999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        for (var check = 0; check < 10; check++)
        {
            var candidate = body + check;
            if (Brigade.Payments.Domain.Card.Luhn(candidate) && TestCards.Of(candidate) == Behaviour.Approve)
            {
                return candidate;
            }
        }

        return UniqueCard(); // the one Luhn-valid number was a special card (e.g. …9987): draw again
    }
}

public sealed record Shop(Guid Id, Actor Owner, Actor Manager, Actor Staff, Actor Diner);

/// <summary>
/// Every payments test checks, when it ends, that the books balance: every journal entry sums to zero, and so does
/// the whole ledger (what payers paid less refunds equals what is owed to payees, earned in fees, withheld and paid out).
/// </summary>
public abstract class PaymentsTest(PaymentsFactory factory) : IAsyncLifetime
{
    protected PaymentsFactory Factory { get; } = factory;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await using var c = await Factory.Db.OpenConnectionAsync();
        var unbalanced = await c.ExecuteScalarAsync<long>("SELECT count(*) FROM (SELECT entry_id FROM postings GROUP BY entry_id HAVING sum(amount) <> 0) x");
        var total = await c.ExecuteScalarAsync<long>("SELECT coalesce(sum(amount), 0)::bigint FROM postings");
        var bareEntries = await c.ExecuteScalarAsync<long>("SELECT count(*) FROM journal_entries e WHERE (SELECT count(*) FROM postings p WHERE p.entry_id = e.id) < 2");
        unbalanced.ShouldBe(0, "every journal entry must sum to zero");
        total.ShouldBe(0, "the ledger must sum to zero");
        bareEntries.ShouldBe(0, "every journal entry has two or more postings");
        var overdrawn = await c.ExecuteScalarAsync<long>("SELECT count(*) FROM ledger_accounts WHERE NOT overdraft AND balance < 0");
        overdrawn.ShouldBe(0, "no account without overdraft is below zero");
        var drift = await c.ExecuteScalarAsync<long>("""
            SELECT count(*) FROM ledger_accounts a
             WHERE a.balance IS NOT NULL
               AND a.balance <> coalesce((SELECT sum(CASE a.normal_side WHEN 'debit' THEN p.amount ELSE -p.amount END) FROM postings p WHERE p.account_id = a.id), 0)
            """);
        drift.ShouldBe(0, "kept balances equal the sum of their postings");
    }
}

using System.Diagnostics;
using System.Globalization;
using Brigade.Bench.Events;
using Brigade.Data;
using Brigade.Messaging;
using Brigade.ServiceDefaults;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using RabbitMQ.Client;

// End-to-end events benchmark: outbox insert + commit in one service → relay → RabbitMQ → consumer
// transaction (inbox + effect) committed and acknowledged in another. Phase 1 measures throughput with
// writers going flat out; phase 2 offers a fixed rate and reports the lag from the producer's commit
// to the consumer's acknowledgement (the end of its "consume" span, which follows its commit).
var postgres = Required("BRIGADE_TEST_POSTGRES");
var rabbitMq = Required("BRIGADE_TEST_RABBITMQ");
var rate = Option("--rate", 1000);
var seconds = Option("--seconds", 20);
var burst = Option("--burst", 20_000);
var writers = Option("--writers", 16);
var noResetOnClose = args.Contains("--no-reset-on-close"); // what the services would get with No Reset On Close=true

var run = Guid.NewGuid().ToString("N")[..12];
var exchange = $"bench.{run}";
var producerDb = $"bench_events_{run}_orders";
var consumerDb = $"bench_events_{run}_kitchen";
await AdminAsync($"CREATE DATABASE \"{producerDb}\"", $"CREATE DATABASE \"{consumerDb}\"");

var deliveries = new Deliveries();
var committedAt = new long[3000 + burst + rate * seconds];
var ackedAt = new long[committedAt.Length];
var handlingTicks = new long[committedAt.Length];
var confirmedAt = new System.Collections.Concurrent.ConcurrentDictionary<Guid, long>();
var phaseOffset = 0;
var acked = 0;
using var listener = new ActivityListener
{
    ShouldListenTo = source => source.Name == "Brigade.Messaging",
    Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
    ActivityStopped = activity =>
    {
        if (activity.Kind == ActivityKind.Producer && activity.GetTagItem("messaging.message.id") is string published)
        {
            confirmedAt[Guid.Parse(published)] = Stopwatch.GetTimestamp();
        }
        else if (activity.GetTagItem("messaging.message.id") is string id && deliveries.SequenceOf.TryGetValue(Guid.Parse(id), out var sequence))
        {
            ackedAt[sequence] = Stopwatch.GetTimestamp();
            handlingTicks[sequence] = activity.Duration.Ticks;
            Interlocked.Increment(ref acked);
        }
    },
};
ActivitySource.AddActivityListener(listener);
var published = 0L;
using var meters = new System.Diagnostics.Metrics.MeterListener
{
    InstrumentPublished = (instrument, l) =>
    {
        if (instrument.Meter.Name == "Brigade.Messaging" && instrument.Name == "brigade.messaging.published")
        {
            l.EnableMeasurementEvents(instrument);
        }
    },
};
meters.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref published, value));
meters.Start();

await using var producer = await StartAsync("orders", producerDb, consume: false);
await using var consumer = await StartAsync("kitchen", consumerDb, consume: true);
var dataSource = producer.Services.GetRequiredService<NpgsqlDataSource>();
var outbox = producer.Services.GetRequiredService<IOutbox>();
var options = consumer.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<MessagingOptions>>().Value;
await WaitUntilAsync(() => consumer.Services.GetRequiredService<Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckService>()
    .CheckHealthAsync().ContinueWith(t => t.Result.Entries["broker"].Status == Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy), TimeSpan.FromSeconds(30));

Console.WriteLine($"Brigade events benchmark — {Environment.ProcessorCount} cores (load average {LoadAverage()}), prefetch {options.Prefetch}, concurrency {options.Concurrency}, relay batch {options.RelayBatchSize}, {writers} writers{(noResetOnClose ? ", No Reset On Close" : "")}");

// Warm-up: pools, queues, and enough calls for the JIT's tiering to settle.
const int warmUp = 3000;
await ProduceAsync(0, warmUp, perSecond: null);
await WaitUntilAsync(() => Task.FromResult(Volatile.Read(ref acked) >= warmUp), TimeSpan.FromMinutes(2));

// Phase 1: throughput.
phaseOffset = warmUp;
Interlocked.Exchange(ref acked, 0);
Interlocked.Exchange(ref published, 0);
var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
var started = Stopwatch.GetTimestamp();
var relayedAll = Task.Run(async () =>
{
    await WaitUntilAsync(() => Task.FromResult(Interlocked.Read(ref published) >= burst), TimeSpan.FromMinutes(5));
    return Stopwatch.GetElapsedTime(started);
});
await ProduceAsync(phaseOffset, burst, perSecond: null);
var produced = Stopwatch.GetElapsedTime(started);
await WaitUntilAsync(() => Task.FromResult(Volatile.Read(ref acked) >= burst), TimeSpan.FromMinutes(5));
var endToEnd = Stopwatch.GetElapsedTime(started);
var cpuPerEvent = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds / burst;
Console.WriteLine($"throughput: {burst} events committed in {produced.TotalSeconds:F1} s ({burst / produced.TotalSeconds:F0}/s offered), " +
    $"all published after {(await relayedAll).TotalSeconds:F1} s, all consumed after {endToEnd.TotalSeconds:F1} s → {burst / endToEnd.TotalSeconds:F0} events/s end to end " +
    $"({cpuPerEvent:F2} ms of this process's CPU per event: writer, relay and consumer; PostgreSQL and RabbitMQ not counted)");
await Task.Delay(1000);

// Phase 2: fixed rate, lag.
phaseOffset += burst;
Interlocked.Exchange(ref acked, 0);
var total = rate * seconds;
var commitsBefore = await CommitsAsync();
var late = await ProduceAsync(phaseOffset, total, perSecond: rate);
await WaitUntilAsync(() => Task.FromResult(Volatile.Read(ref acked) >= total), TimeSpan.FromMinutes(2));
var commitsAfter = await CommitsAsync();
double relayBatch;
await using (var batches = dataSource.CreateCommand("SELECT count(*)::float8 / greatest(count(DISTINCT sent_at), 1) FROM messaging_outbox WHERE (payload->>'sequence')::int >= $1"))
{
    batches.Parameters.Add(new NpgsqlParameter { Value = phaseOffset });
    relayBatch = (double)(await batches.ExecuteScalarAsync())!;
}
var lags = Enumerable.Range(phaseOffset, total).Select(i => Stopwatch.GetElapsedTime(committedAt[i], ackedAt[i]).TotalMilliseconds).Order().ToArray();
Console.WriteLine($"lag at {rate}/s for {seconds} s ({total} events, {late} commits behind schedule by > 10 ms), commit → consumer ack:");
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"  p50 {Percentile(lags, 50):F1} ms   p90 {Percentile(lags, 90):F1} ms   p99 {Percentile(lags, 99):F1} ms   p99.9 {Percentile(lags, 99.9):F1} ms   max {lags[^1]:F1} ms"));
var messageOf = deliveries.SequenceOf.ToDictionary(kv => kv.Value, kv => kv.Key);
var relayed = Enumerable.Range(phaseOffset, total).Select(i => Stopwatch.GetElapsedTime(committedAt[i], confirmedAt[messageOf[i]]).TotalMilliseconds).Order().ToArray();
var handling = Enumerable.Range(phaseOffset, total).Select(i => TimeSpan.FromTicks(handlingTicks[i]).TotalMilliseconds).Order().ToArray();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"  commit → broker confirm (relay): p50 {Percentile(relayed, 50):F1} ms, p99 {Percentile(relayed, 99):F1} ms; consumer transaction (inbox + handler + commit + ack): p50 {Percentile(handling, 50):F1} ms, p99 {Percentile(handling, 99):F1} ms"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"  transactions per event: producer database {(double)(commitsAfter.Producer - commitsBefore.Producer) / total:F2} (1 is the writer's own), consumer database {(double)(commitsAfter.Consumer - commitsBefore.Consumer) / total:F2}; " +
    $"relay batches of {relayBatch:F1} events on average"));
Console.WriteLine($"load average at the end: {LoadAverage()}");
var goal = Percentile(lags, 99) <= 100;
Console.WriteLine(goal ? "goal met: p99 ≤ 100 ms" : "goal missed: p99 > 100 ms");

await producer.StopAsync();
await consumer.StopAsync();
await CleanupAsync();
return goal ? 0 : 1;

async Task<int> ProduceAsync(int first, int count, int? perSecond)
{
    var next = -1;
    var behind = 0;
    var origin = Stopwatch.GetTimestamp();
    await Task.WhenAll(Enumerable.Range(0, writers).Select(_ => Task.Run(async () =>
    {
        while (true)
        {
            var i = Interlocked.Increment(ref next);
            if (i >= count)
            {
                return;
            }

            if (perSecond is { } r)
            {
                var due = TimeSpan.FromSeconds((double)i / r) - Stopwatch.GetElapsedTime(origin);
                if (due > TimeSpan.Zero)
                {
                    await Task.Delay(due);
                }
                else if (due < TimeSpan.FromMilliseconds(-10))
                {
                    Interlocked.Increment(ref behind);
                }
            }

            var sequence = first + i;
            await using var connection = await dataSource.OpenConnectionAsync();
            await using var transaction = await connection.BeginTransactionAsync();
            await outbox.AddAsync(connection, transaction, new TicketPrinted(sequence, Guid.NewGuid(), "grill"));
            await transaction.CommitAsync();
            committedAt[sequence] = Stopwatch.GetTimestamp();
        }
    })));
    return behind;
}

async Task<WebApplication> StartAsync(string service, string database, bool consume)
{
    var builder = WebApplication.CreateBuilder();
    builder.WebHost.UseUrls("http://127.0.0.1:0");
    builder.Configuration["ConnectionStrings:Database"] = new NpgsqlConnectionStringBuilder(postgres) { Database = database, MaxPoolSize = 64, NoResetOnClose = noResetOnClose }.ConnectionString;
    builder.Configuration["ConnectionStrings:RabbitMq"] = rabbitMq;
    builder.Configuration["Messaging:Exchange"] = exchange;
    builder.Configuration["Messaging:QueuePrefix"] = $"{exchange}.{service}";
    builder.Configuration["Logging:LogLevel:Default"] = "Warning";
    builder.AddServiceDefaults(service);
    builder.AddDatabase(typeof(TicketPrinted).Assembly);
    builder.Services.AddSingleton(deliveries);
    builder.AddMessaging(m =>
    {
        m.AddEventTypes(BenchEventsJsonContext.Default);
        if (consume)
        {
            m.Handle<TicketPrinted, RecordTicket>();
        }
    });
    var app = builder.Build();
    await app.StartAsync();
    return app;
}

async Task CleanupAsync()
{
    NpgsqlConnection.ClearAllPools();
    await AdminAsync($"DROP DATABASE IF EXISTS \"{producerDb}\" WITH (FORCE)", $"DROP DATABASE IF EXISTS \"{consumerDb}\" WITH (FORCE)");
    await using var connection = await new ConnectionFactory { Uri = new Uri(rabbitMq) }.CreateConnectionAsync();
    await using var channel = await connection.CreateChannelAsync();
    var prefix = $"{exchange}.kitchen";
    foreach (var queue in new[] { prefix, prefix + ".dead", prefix + ".retry.1s", prefix + ".retry.10s", prefix + ".retry.60s", prefix + ".retry.300s" })
    {
        await channel.QueueDeleteAsync(queue);
    }

    await channel.ExchangeDeleteAsync(exchange);
}

async Task AdminAsync(params string[] statements)
{
    await using var connection = new NpgsqlConnection(postgres);
    await connection.OpenAsync();
    foreach (var sql in statements)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}

static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout)
{
    var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
    while (!await condition())
    {
        if (Stopwatch.GetTimestamp() > deadline)
        {
            throw new TimeoutException("The benchmark did not finish in time.");
        }

        await Task.Delay(20);
    }
}

async Task<(long Producer, long Consumer)> CommitsAsync()
{
    await using var connection = new NpgsqlConnection(postgres);
    await connection.OpenAsync();
    await using var command = new NpgsqlCommand("SELECT datname, xact_commit FROM pg_stat_database WHERE datname IN ($1, $2)", connection)
    {
        Parameters = { new() { Value = producerDb }, new() { Value = consumerDb } },
    };
    await using var reader = await command.ExecuteReaderAsync();
    long producerCommits = 0, consumerCommits = 0;
    while (await reader.ReadAsync())
    {
        if (reader.GetString(0) == producerDb)
        {
            producerCommits = reader.GetInt64(1);
        }
        else
        {
            consumerCommits = reader.GetInt64(1);
        }
    }

    return (producerCommits, consumerCommits);
}

static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

static double Percentile(double[] sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];

static string Required(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
    ? value
    : throw new InvalidOperationException($"Set {name} (bench/events/run.sh reads it from .brigade/infra.env).");

int Option(string name, int fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
}

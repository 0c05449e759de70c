using System.Diagnostics;
using System.Globalization;
using System.Text;
using Brigade.IoT.Data;
using Brigade.IoT.Mqtt;
using Brigade.Testing;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using Npgsql;

namespace Brigade.Bench.IoT;

/// <summary>The IoT service in-process on its own database and topic prefix.</summary>
internal sealed class Instance : ServiceFactory<Program>
{
    public string Prefix { get; } = $"b{Guid.NewGuid():N}"[..20];

    protected override void ConfigureSettings(IDictionary<string, string?> settings)
    {
        base.ConfigureSettings(settings);
        TestTokens.AddTo(settings);
        settings["Logging:LogLevel:Default"] = "Warning";
        settings["ConnectionStrings:Mqtt"] = TestInfrastructure.MqttEndpoint;
        settings["ConnectionStrings:RabbitMqManagement"] = TestInfrastructure.RabbitMqManagementUrl;
        settings["IoT:TopicPrefix"] = Prefix;
        settings["IoT:MaxDevicesPerRestaurant"] = "10000";
    }
}

/// <summary>
/// 1. Sustained ingest: <c>--devices</c> fridges (20 restaurants), each publishing <c>--rounds</c> readings over
///    <c>--connections</c> MQTT connections (QoS 1, the broker administrator's credentials: creating thousands of broker
///    users is not what is measured); readings stored per second from the first publish to the last stored row.
/// 2. Ingest-to-alarm latency: <c>--alarms</c> devices each publish one reading over their threshold (rule: above 5, no
///    duration), 20 ms apart; from the reading's timestamp (taken at publish) to the alarm row's commit-time clock, p50/p99/max.
/// 3. Storage: bytes on disk per raw reading (table and index) → per device per day at one reading a minute, plus the
///    hourly aggregates' 24 rows.
/// </summary>
internal static class Bench
{
    public static async Task<int> Main(string[] args)
    {
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_BRIGADE_IOT", AppContext.BaseDirectory);
        var devices = Option(args, "--devices", 2000);
        var rounds = Option(args, "--rounds", 5);
        var connections = Option(args, "--connections", 20);
        var alarms = Option(args, "--alarms", 200);

        await using var instance = new Instance();
        await instance.InitializeAsync();
        await instance.Services.GetRequiredService<MqttLink>().Subscribed.WaitAsync(TimeSpan.FromSeconds(30));
        var store = instance.Services.GetRequiredService<DeviceStore>();
        var ids = new List<(Guid Restaurant, Guid Device)>();
        var now = DateTimeOffset.UtcNow;
        for (var i = 0; i < devices + alarms; i++)
        {
            var restaurant = DeterministicRestaurant(i % 20);
            var id = Guid.CreateVersion7();
            var rule = i >= devices ? new RuleFields("above", 5, 0, 1, 1) : new RuleFields("above", 50, 300, 1, 1);
            await store.CreateAsync(restaurant, id, new DeviceFields($"fridge {i}", "fridge", 60, rule, 86_400, 1000), 10_000, now, CancellationToken.None);
            ids.Add((restaurant, id));
        }

        Console.WriteLine($"devices={devices} rounds={rounds} connections={connections} alarms={alarms}");
        var clients = new List<IMqttClient>();
        for (var c = 0; c < connections; c++)
        {
            clients.Add(await ConnectAsync(instance));
        }

        var fleet = ids.Take(devices).ToList();
        var total = (long)devices * rounds;
        var start = Stopwatch.StartNew();
        var baseTime = DateTimeOffset.UtcNow.AddMinutes(-30);
        await Task.WhenAll(clients.Select(async (client, c) =>
        {
            for (var round = 0; round < rounds; round++)
            {
                for (var d = c; d < fleet.Count; d += connections)
                {
                    var (restaurant, device) = fleet[d];
                    var at = baseTime.AddSeconds(round * 60).ToString("O", CultureInfo.InvariantCulture);
                    await PublishAsync(client, $"{instance.Prefix}/{restaurant}/{device}/telemetry", $$"""{"value": {{3 + d % 3}}, "at": "{{at}}"}""");
                }
            }
        }));
        var published = start.Elapsed;
        var stored = await WaitForAsync(instance, "SELECT count(*) FROM readings", total, TimeSpan.FromMinutes(10));
        var elapsed = start.Elapsed;
        Console.WriteLine($"ingest: {stored}/{total} readings stored in {elapsed.TotalSeconds:F1} s (published in {published.TotalSeconds:F1} s) = {stored / elapsed.TotalSeconds:F0} msg/s sustained");

        var alarmed = ids.Skip(devices).ToList();
        foreach (var (restaurant, device) in alarmed)
        {
            var at = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture);
            await PublishAsync(clients[0], $"{instance.Prefix}/{restaurant}/{device}/telemetry", $$"""{"value": 9, "at": "{{at}}"}""");
            await Task.Delay(20);
        }

        await WaitForAsync(instance, "SELECT count(*) FROM alarms WHERE kind = 'above'", alarmed.Count, TimeSpan.FromMinutes(2));
        await using (var c = new NpgsqlConnection(instance.Database.ConnectionString))
        {
            var latencies = (await c.QueryAsync<double>("SELECT extract(epoch FROM noticed_at - raised_at) * 1000 FROM alarms WHERE kind = 'above' ORDER BY 1")).ToList();
            Console.WriteLine($"ingest-to-alarm latency over {latencies.Count} alarms: p50 {Percentile(latencies, 0.50):F1} ms, p99 {Percentile(latencies, 0.99):F1} ms, max {latencies[^1]:F1} ms");
            var bytes = await c.ExecuteScalarAsync<long>("SELECT pg_total_relation_size('readings')");
            var rows = await c.ExecuteScalarAsync<long>("SELECT count(*) FROM readings");
            var hourlyBytes = await c.ExecuteScalarAsync<long>("SELECT pg_total_relation_size('readings_hourly')");
            var hourlyRows = Math.Max(1, await c.ExecuteScalarAsync<long>("SELECT count(*) FROM readings_hourly"));
            var perReading = (double)bytes / rows;
            var perHour = (double)hourlyBytes / hourlyRows;
            Console.WriteLine($"storage: {perReading:F0} B per raw reading (table + key), {perHour:F0} B per hourly row → {(perReading * 1440 + perHour * 24) / 1024:F0} KiB per device per day at one reading a minute (raw kept 7 days, hourly {(perHour * 24 * 365) / 1024:F0} KiB per device per year)");
        }

        foreach (var client in clients)
        {
            await client.DisconnectAsync();
            client.Dispose();
        }

        return 0;
    }

    private static Guid DeterministicRestaurant(int i) => new($"00000000-0000-7000-8000-{i:D12}");

    private static async Task<IMqttClient> ConnectAsync(Instance instance)
    {
        var amqp = new Uri(TestInfrastructure.RabbitMqUri);
        var user = Uri.UnescapeDataString(amqp.UserInfo).Split(':', 2);
        var endpoint = TestInfrastructure.MqttEndpoint.Split(':');
        var client = new MqttClientFactory().CreateMqttClient();
        await client.ConnectAsync(new MqttClientOptionsBuilder()
            .WithTcpServer(endpoint[0], int.Parse(endpoint[1], CultureInfo.InvariantCulture))
            .WithProtocolVersion(MqttProtocolVersion.V311)
            .WithCredentials(user[0], user[1])
            .WithClientId($"bench-{Guid.NewGuid():N}")
            .WithCleanSession()
            .Build());
        return client;
    }

    private static Task PublishAsync(IMqttClient client, string topic, string payload) =>
        client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(Encoding.UTF8.GetBytes(payload))
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());

    private static async Task<long> WaitForAsync(Instance instance, string sql, long expected, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        long count;
        while ((count = await instance.CountAsync(sql)) < expected && deadline.Elapsed < timeout)
        {
            await Task.Delay(50);
        }

        return count;
    }

    private static double Percentile(IReadOnlyList<double> sorted, double p) => sorted.Count == 0 ? 0 : sorted[(int)Math.Min(sorted.Count - 1, Math.Ceiling(p * sorted.Count) - 1)];

    private static int Option(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var value) ? value : fallback;
    }
}

using System.Text.Json;
using Brigade.Api;
using Brigade.IoT.Data;
using Brigade.IoT.Mqtt;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace Brigade.IoT.DemoData;

/// <summary>
/// Local runs only (<c>./brigade up</c>, or <c>IoT:Simulator</c> true): registers a walk-in fridge, a freezer and a fryer
/// at three Seoul demo restaurants (idempotently, fixed ids) and plays them as real devices — each its own broker user
/// (a fresh password at every start), publishing over MQTT every <see cref="Interval"/>. Now and then a fridge drifts
/// above 5 °C for a quarter of an hour, which raises an alarm and clears it.
/// </summary>
public sealed class DeviceSimulator(DeviceStore devices, BrokerAccounts broker, IConfiguration configuration, IOptions<IoTOptions> options,
    IHostEnvironment environment, TimeProvider clock, ILogger<DeviceSimulator> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    private sealed record Demo(string Restaurant, string Name, string Kind, double Normal, RuleFields? Rule);

    private static readonly Demo[] Devices =
    [
        .. new[] { "euljiro-pyongyang-noodles", "hannam-charcoal", "seongsu-wood-fired" }.SelectMany(r => new Demo[]
        {
            new(r, "워크인 냉장고", "fridge", 3, new RuleFields("above", 5, 600, 3, 1)),
            new(r, "냉동고", "freezer", -19, new RuleFields("above", -15, 600, 3, 2)),
            new(r, "튀김기", "fryer", 175, new RuleFields("above", 195, 60, 2, 5)),
        }),
    ];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!(configuration.GetValue<bool?>("IoT:Simulator") ?? environment.IsEnvironment("Local")) || !options.Value.MqttEnabled)
        {
            return;
        }

        var clients = new List<(Demo Demo, Guid Restaurant, Guid Id, IMqttClient Client)>();
        try
        {
            var (host, port) = MqttLink.Endpoint(configuration);
            foreach (var demo in Devices)
            {
                var restaurant = DemoIds.Of("restaurant", demo.Restaurant);
                var id = DemoIds.Of("iot-device", $"{demo.Restaurant}:{demo.Kind}");
                if (await devices.FindAsync(restaurant, id, stoppingToken) is null)
                {
                    await devices.CreateAsync(restaurant, id, new DeviceFields(demo.Name, demo.Kind, (int)Interval.TotalSeconds, demo.Rule, 900, 4),
                        options.Value.MaxDevicesPerRestaurant, clock.GetUtcNow(), stoppingToken);
                }

                var password = BrokerAccounts.NewPassword();
                await broker.CreateAsync(restaurant, id, password, stoppingToken);
                var client = new MqttClientFactory().CreateMqttClient();
                await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer(host, port).WithProtocolVersion(MqttProtocolVersion.V311)
                    .WithClientId(BrokerAccounts.UserName(id)).WithCredentials(BrokerAccounts.UserName(id), password).WithCleanSession().Build(), stoppingToken);
                clients.Add((demo, restaurant, id, client));
            }

            logger.LogInformation("Simulating {Count} demo devices", clients.Count);
            using var timer = new PeriodicTimer(Interval, clock);
            do
            {
                var now = clock.GetUtcNow();
                foreach (var (demo, restaurant, id, client) in clients)
                {
                    var value = Math.Round(ValueAt(demo, id, now), 1);
                    await client.PublishAsync(new MqttApplicationMessageBuilder()
                        .WithTopic($"{options.Value.TopicPrefix}/{restaurant}/{id}/telemetry")
                        .WithPayload(JsonSerializer.SerializeToUtf8Bytes(new { value, at = now }))
                        .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build(), stoppingToken);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            logger.LogWarning(e, "The demo device simulator stopped");
        }
        finally
        {
            foreach (var (_, _, _, client) in clients)
            {
                client.Dispose();
            }
        }
    }

    /// <summary>The normal value with a little noise; a fridge's door left open for the first quarter of every third hour.</summary>
    private static double ValueAt(Demo demo, Guid id, DateTimeOffset now)
    {
        var noise = (Random.Shared.NextDouble() - 0.5) * (demo.Kind == "fryer" ? 6 : 0.8);
        var drifting = demo.Kind == "fridge" && (now.Hour + id.GetHashCode()) % 3 == 0 && now.Minute < 15;
        return demo.Normal + noise + (drifting ? 4 + now.Minute * 0.1 : 0);
    }
}

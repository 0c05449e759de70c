using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Brigade.IoT.Mqtt;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace Brigade.IoT.Tests;

/// <summary>A person calling the API, with a token the service trusts.</summary>
public sealed record Actor(string Name, Guid Id, string? Token)
{
    public static Actor Person(string name, string[] roles, params (Guid RestaurantId, string Role)[] memberships)
    {
        var id = Guid.CreateVersion7();
        return new Actor(name, id, TestTokens.Create(id.ToString(), roles, memberships, name: name));
    }

    public static Actor Manager(Guid restaurantId) => Person("manager", ["owner"], (restaurantId, "manager"));

    public static Actor Staff(Guid restaurantId) => Person("staff", ["staff"], (restaurantId, "staff"));

    public override string ToString() => Name;
}

/// <summary>
/// The IoT service on a database of its own, the real broker (AMQP for events, MQTT for devices, the management API for
/// device users), trusting <see cref="TestTokens"/>. Its topics live under a prefix of its own, so factories never see
/// each other's devices; the watchdog runs every 200 ms and commands time out after 1 s.
/// </summary>
public sealed class IoTFactory : ServiceFactory<Program>
{
    public string Prefix { get; } = $"t{Guid.NewGuid():N}"[..20];

    protected override void ConfigureSettings(IDictionary<string, string?> settings)
    {
        base.ConfigureSettings(settings);
        TestTokens.AddTo(settings);
        settings["Messaging:RelayPollInterval"] = "00:00:00.200";
        settings["ConnectionStrings:Mqtt"] = TestInfrastructure.MqttEndpoint;
        settings["ConnectionStrings:RabbitMqManagement"] = TestInfrastructure.RabbitMqManagementUrl;
        settings["IoT:TopicPrefix"] = Prefix;
        settings["IoT:WatchInterval"] = "00:00:00.200";
        settings["IoT:CommandTimeout"] = "00:00:01";
    }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        // Devices publish with clean sessions: a message before the service subscribed would be lost, so wait for it.
        await Services.GetRequiredService<MqttLink>().Subscribed.WaitAsync(TimeSpan.FromSeconds(30));
    }

    public HttpClient ClientFor(Actor actor) => CreateClient().WithToken(actor.Token!);

    public async Task<JsonElement> SendAsync(Actor who, HttpMethod method, string path, object? body, HttpStatusCode expected)
    {
        using var client = ClientFor(who);
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        return await (await client.SendAsync(request)).ShouldBeAsync(expected);
    }

    public Task<JsonElement> GetAsync(Actor who, string path, HttpStatusCode expected = HttpStatusCode.OK) => SendAsync(who, HttpMethod.Get, path, null, expected);

    public Task<JsonElement> PostAsync(Actor who, string path, object? body, HttpStatusCode expected) => SendAsync(who, HttpMethod.Post, path, body, expected);

    /// <summary>Registers a device; returns its id and MQTT credentials.</summary>
    public async Task<(Guid Id, JsonElement Mqtt)> DeviceAsync(TestRestaurant r, string kind = "fridge", object? rule = null, int interval = 60, int missed = 3, int escalate = 86_400)
    {
        var created = await PostAsync(r.Manager, r.Path("devices"), new
        {
            name = $"{kind} {Guid.NewGuid():N}"[..12], kind, reportingIntervalSeconds = interval, offlineAfterMissed = missed, escalateAfterSeconds = escalate, rule,
        }, HttpStatusCode.Created);
        return (created.GetProperty("device").GetProperty("id").GetGuid(), created.GetProperty("mqtt"));
    }

    public Task<JsonElement> DeviceStatusAsync(TestRestaurant r, Guid id) => GetAsync(r.Manager, r.Path($"devices/{id}"));

    /// <summary>Outbox rows of <paramref name="type"/> whose payload mentions <paramref name="id"/>.</summary>
    public async Task<IReadOnlyList<JsonElement>> EventsAsync(string type, Guid id) =>
        (await EventsAboutAsync(id)).Where(e => e.Type == type).Select(e => e.Payload).ToList();
}

/// <summary>A restaurant with its manager and staff.</summary>
public sealed record TestRestaurant(Guid Id, Actor Manager, Actor Staff)
{
    public static TestRestaurant New()
    {
        var id = Guid.CreateVersion7();
        return new TestRestaurant(id, Actor.Manager(id), Actor.Staff(id));
    }

    public string Path(string rest) => $"/api/iot/{Id}/{rest}";
}

/// <summary>A device speaking MQTT 3.1.1 to the real broker with its own credentials.</summary>
public sealed class Device : IAsyncDisposable
{
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();

    public bool IsConnected => _client.IsConnected;

    public static async Task<Device> ConnectAsync(JsonElement mqtt, string? password = null)
    {
        var device = new Device();
        var result = await device._client.ConnectAsync(new MqttClientOptionsBuilder()
            .WithTcpServer(mqtt.GetProperty("host").GetString(), mqtt.GetProperty("port").GetInt32())
            .WithProtocolVersion(MqttProtocolVersion.V311)
            .WithClientId(mqtt.GetProperty("clientId").GetString())
            .WithCredentials(mqtt.GetProperty("username").GetString(), password ?? mqtt.GetProperty("password").GetString())
            .WithCleanSession()
            .Build());
        if (result.ResultCode != MqttClientConnectResultCode.Success)
        {
            await device.DisposeAsync();
            throw new InvalidOperationException($"The broker refused the device: {result.ResultCode}");
        }

        return device;
    }

    public Task PublishAsync(string topic, string payload) =>
        _client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(Encoding.UTF8.GetBytes(payload))
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());

    /// <summary>Answers every command on <paramref name="commandsTopic"/> on <paramref name="ackTopic"/> (ok or not).</summary>
    public async Task AnswerCommandsAsync(string commandsTopic, string ackTopic, bool ok)
    {
        _client.ApplicationMessageReceivedAsync += async e =>
        {
            using var command = JsonDocument.Parse(e.ApplicationMessage.ConvertPayloadToString());
            var id = command.RootElement.GetProperty("commandId").GetGuid();
            await PublishAsync(ackTopic, JsonSerializer.Serialize(new { commandId = id, ok, message = ok ? "done" : "compressor fault" }));
        };
        await _client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter(commandsTopic, MqttQualityOfServiceLevel.AtLeastOnce).Build());
    }

    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected)
        {
            await _client.DisconnectAsync();
        }

        _client.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class IoTCollection : ICollectionFixture<IoTFactory>
{
    public const string Name = "iot";
}

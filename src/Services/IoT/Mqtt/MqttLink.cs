using System.Buffers;
using System.Text.Json;
using System.Threading.Channels;
using Brigade.IoT.Data;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace Brigade.IoT.Mqtt;

/// <summary>
/// The service's own MQTT connection to the broker (as the broker's administrator): it takes every device's
/// <c>telemetry</c> and <c>ack</c> messages and sends <c>commands</c>. MQTT 3.1.1 (what RabbitMQ 3.10's plugin speaks),
/// QoS 1; a message is acknowledged to the broker after it is stored, so a crash redelivers it (readings are idempotent
/// by device and instant). Reconnects on its own. One replica should run it: without shared subscriptions (MQTT 5)
/// every connected replica would receive every message (harmless for readings, which are idempotent, but doubled work).
/// </summary>
public sealed class MqttLink(IServiceProvider services, IConfiguration configuration, IOptions<IoTOptions> options, TimeProvider clock, ILogger<MqttLink> logger)
    : BackgroundService
{
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
    private readonly TaskCompletionSource _subscribed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    // Messages are handled on IngestLanes lanes, a device always on the same one (its readings stay in order), and
    // acknowledged to the broker once handled.
    private readonly Channel<MqttApplicationMessageReceivedEventArgs>[] _lanes = Enumerable.Range(0, options.Value.IngestLanes)
        .Select(_ => Channel.CreateBounded<MqttApplicationMessageReceivedEventArgs>(1000)).ToArray();

    /// <summary>Completes once the subscriptions are in place (tests wait for it before devices publish).</summary>
    public Task Subscribed => _subscribed.Task;

    public bool Connected => _client.IsConnected;

    public static (string Host, int Port) Endpoint(IConfiguration configuration)
    {
        var value = configuration.GetConnectionString("Mqtt") ?? "127.0.0.1:1883";
        var colon = value.LastIndexOf(':');
        return colon < 0 ? (value, 1883) : (value[..colon], int.Parse(value[(colon + 1)..], System.Globalization.CultureInfo.InvariantCulture));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.MqttEnabled)
        {
            return;
        }

        _client.ApplicationMessageReceivedAsync += OnMessageAsync;
        var lanes = _lanes.Select(lane => Task.Run(() => DrainAsync(lane, stoppingToken), stoppingToken)).ToList();
        var (host, port) = Endpoint(configuration);
        var amqp = new Uri(configuration.GetConnectionString("RabbitMq") ?? throw new InvalidOperationException("ConnectionStrings:RabbitMq is not set."));
        var user = Uri.UnescapeDataString(amqp.UserInfo).Split(':', 2);
        var connect = new MqttClientOptionsBuilder()
            .WithTcpServer(host, port)
            .WithProtocolVersion(MqttProtocolVersion.V311)
            .WithClientId($"brigade-iot-{configuration["Brigade:InstanceId"] ?? "iot"}-{Guid.NewGuid():N}")
            .WithCredentials(user[0], user.Length > 1 ? user[1] : "")
            .WithCleanSession()
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(30))
            .Build();
        var prefix = options.Value.TopicPrefix;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(2), clock);
        do
        {
            if (_client.IsConnected)
            {
                continue;
            }

            try
            {
                var result = await _client.ConnectAsync(connect, stoppingToken);
                if (result.ResultCode != MqttClientConnectResultCode.Success)
                {
                    throw new InvalidOperationException($"The broker refused the connection: {result.ResultCode}");
                }

                await _client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
                    .WithTopicFilter($"{prefix}/+/+/telemetry", MqttQualityOfServiceLevel.AtLeastOnce)
                    .WithTopicFilter($"{prefix}/+/+/ack", MqttQualityOfServiceLevel.AtLeastOnce)
                    .Build(), stoppingToken);
                _subscribed.TrySetResult();
                logger.LogInformation("Connected to the MQTT broker at {Host}:{Port}", host, port);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Could not connect to the MQTT broker at {Host}:{Port}; retrying", host, port);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
        await Task.WhenAll(lanes);
    }

    private Task OnMessageAsync(MqttApplicationMessageReceivedEventArgs e)
    {
        var parts = e.ApplicationMessage.Topic.Split('/');
        if (parts.Length != 4 || !Guid.TryParse(parts[2], out var deviceId))
        {
            return Task.CompletedTask; // acknowledged: nothing to do with it
        }

        e.AutoAcknowledge = false;
        return _lanes[(int)((uint)deviceId.GetHashCode() % (uint)_lanes.Length)].Writer.WriteAsync(e).AsTask();
    }

    private async Task DrainAsync(Channel<MqttApplicationMessageReceivedEventArgs> lane, CancellationToken ct)
    {
        await foreach (var e in lane.Reader.ReadAllAsync(ct))
        {
            await HandleAsync(e);
            try
            {
                await e.AcknowledgeAsync(ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The connection dropped meanwhile: the broker redelivers the message, stored once (idempotent).
                logger.LogDebug(ex, "Could not acknowledge a message on {Topic}", e.ApplicationMessage.Topic);
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (_client.IsConnected)
        {
            await _client.DisconnectAsync(cancellationToken: cancellationToken);
        }

        _client.Dispose();
    }

    /// <summary>Sends a command to a device (QoS 1); false when the broker is not reachable now.</summary>
    public async Task<bool> SendCommandAsync(Guid restaurantId, Guid deviceId, object command, CancellationToken ct)
    {
        if (!_client.IsConnected)
        {
            return false;
        }

        try
        {
            await _client.PublishAsync(new MqttApplicationMessageBuilder()
                .WithTopic($"{options.Value.TopicPrefix}/{restaurantId}/{deviceId}/commands")
                .WithPayload(JsonSerializer.SerializeToUtf8Bytes(command, JsonSerializerOptions.Web))
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                .Build(), ct);
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Could not send a command to device {DeviceId}", deviceId);
            return false;
        }
    }

    private async Task HandleAsync(MqttApplicationMessageReceivedEventArgs e)
    {
        var parts = e.ApplicationMessage.Topic.Split('/');
        if (parts.Length != 4 || !Guid.TryParse(parts[1], out var restaurantId) || !Guid.TryParse(parts[2], out var deviceId))
        {
            return;
        }

        var payload = e.ApplicationMessage.Payload;
        var now = clock.GetUtcNow();
        try
        {
            if (parts[3] == "telemetry")
            {
                var telemetry = services.GetRequiredService<TelemetryStore>();
                if (Telemetry.Parse(payload.Length > Telemetry.MaxPayloadBytes ? default : payload.ToArray(), now, options.Value.MaxClockSkew) is { } reading)
                {
                    await telemetry.IngestAsync(restaurantId, deviceId, reading.Value, reading.At, now, CancellationToken.None);
                }
                else
                {
                    await telemetry.DropAsync(restaurantId, deviceId, CancellationToken.None);
                }
            }
            else if (parts[3] == "ack" && Telemetry.ParseAck(payload.Length > Telemetry.MaxPayloadBytes ? default : payload.ToArray()) is { } ack)
            {
                await services.GetRequiredService<CommandStore>().AnswerAsync(restaurantId, deviceId, ack.CommandId, ack.Ok, ack.Message, now, CancellationToken.None);
            }
        }
        catch (Exception ex)
        {
            // Not acknowledging would make the broker redeliver a poison message forever; it is logged and dropped.
            logger.LogError(ex, "Could not process a message on {Topic}", e.ApplicationMessage.Topic);
        }
    }
}

/// <summary>Device payloads: telemetry <c>{"value": 3.4, "at": "2026-…Z"}</c> (at optional), acknowledgements <c>{"commandId": "…", "ok": true, "message": "…"}</c>.</summary>
public static class Telemetry
{
    public const int MaxPayloadBytes = 1024;

    public sealed record Reading(double Value, DateTimeOffset At);

    public sealed record Ack(Guid CommandId, bool Ok, string? Message);

    /// <summary>The reading, or null when the payload is not one (not JSON, no finite number, a time too far from now).</summary>
    public static Reading? Parse(ReadOnlySpan<byte> payload, DateTimeOffset now, TimeSpan maxSkew)
    {
        if (payload.IsEmpty)
        {
            return null;
        }

        try
        {
            var reader = new Utf8JsonReader(payload);
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("value", out var v) || v.ValueKind != JsonValueKind.Number
                || !v.TryGetDouble(out var value) || !double.IsFinite(value))
            {
                return null;
            }

            var at = now;
            if (root.TryGetProperty("at", out var a) && a.ValueKind != JsonValueKind.Null)
            {
                if (a.ValueKind != JsonValueKind.String || !a.TryGetDateTimeOffset(out at) || (at - now).Duration() > maxSkew)
                {
                    return null;
                }
            }

            return new Reading(value, at.ToUniversalTime());
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static Ack? ParseAck(ReadOnlySpan<byte> payload)
    {
        if (payload.IsEmpty)
        {
            return null;
        }

        try
        {
            var reader = new Utf8JsonReader(payload);
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("commandId", out var id) || !id.TryGetGuid(out var commandId))
            {
                return null;
            }

            var ok = !root.TryGetProperty("ok", out var o) || o.ValueKind != JsonValueKind.False;
            var message = root.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
            return new Ack(commandId, ok, message is { Length: > 500 } ? message[..500] : message);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }
}

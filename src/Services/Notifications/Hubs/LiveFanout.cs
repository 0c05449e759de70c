using System.Text.Json;
using Brigade.Contracts;
using Brigade.Contracts.Notifications;
using Brigade.Messaging;
using Brigade.Notifications.Api;
using Brigade.ServiceDefaults;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Brigade.Notifications.Hubs;

/// <summary>
/// Scale-out of the hub. Every replica binds a queue of its own (exclusive, deleted with its connection) to
/// <c>notifications.notification.created</c> on the events exchange, so each replica sees every new inbox item and
/// pushes it to the connections it holds. The item is already committed (it came through the outbox); a connection
/// that misses it live still finds it in <c>GET /api/notifications</c>.
/// </summary>
public sealed class LiveFanout(
    IConfiguration configuration,
    IOptions<MessagingOptions> messaging,
    ServiceIdentity service,
    IHubContext<NotificationsHub> hub,
    ILogger<LiveFanout> logger) : BackgroundService
{
    private static readonly string RoutingKey = typeof(NotificationCreated).GetCustomAttributes(typeof(IntegrationEventAttribute), false)
        .Cast<IntegrationEventAttribute>().Single().Name;

    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private IConnection? _connection;
    private IChannel? _channel;

    /// <summary>Completes once this replica's queue is bound and consumed.</summary>
    public Task Ready => _ready.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var factory = new ConnectionFactory
        {
            Uri = new Uri(configuration["ConnectionStrings:RabbitMq"]!),
            AutomaticRecoveryEnabled = true,
            TopologyRecoveryEnabled = true,
            NetworkRecoveryInterval = TimeSpan.FromSeconds(2),
            ClientProvidedName = $"{service.InstanceId} live",
        };

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                _connection = await factory.CreateConnectionAsync(stoppingToken);
                _channel = await _connection.CreateChannelAsync(cancellationToken: stoppingToken);
                var exchange = messaging.Value.Exchange;
                await _channel.ExchangeDeclareAsync(exchange, ExchangeType.Topic, durable: true, autoDelete: false, cancellationToken: stoppingToken);
                var queue = $"{messaging.Value.QueuePrefix ?? service.Name}.live.{service.InstanceId}.{Guid.NewGuid():N}";
                await _channel.QueueDeclareAsync(queue, durable: false, exclusive: true, autoDelete: true, arguments: null, cancellationToken: stoppingToken);
                await _channel.QueueBindAsync(queue, exchange, RoutingKey, cancellationToken: stoppingToken);

                var consumer = new AsyncEventingBasicConsumer(_channel);
                consumer.ReceivedAsync += (_, delivery) => PushAsync(delivery.Body, stoppingToken);
                await _channel.BasicConsumeAsync(queue, autoAck: true, consumer, stoppingToken);
                _ready.TrySetResult();
                logger.LogInformation("Live notifications bound on {Queue}", queue);
                return;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Live notifications cannot reach the broker yet; retrying");
                await DisposeBrokerAsync();
                await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    private async Task PushAsync(ReadOnlyMemory<byte> body, CancellationToken ct)
    {
        try
        {
            var created = JsonSerializer.Deserialize<NotificationCreated>(body.Span, ContractsJson.Options);
            if (created is null)
            {
                return;
            }

            var item = new NotificationItem(created.NotificationId, created.Type, created.Title, created.Body, created.CreatedAt, null);
            await hub.Clients.Group(NotificationsHub.UserGroup(created.UserId)).SendAsync(NotificationsHub.ClientMethod, item, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "A live notification could not be pushed");
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await DisposeBrokerAsync();
    }

    private async Task DisposeBrokerAsync()
    {
        try
        {
            if (_channel is not null)
            {
                await _channel.DisposeAsync();
            }

            if (_connection is not null)
            {
                await _connection.DisposeAsync();
            }
        }
        catch (Exception e)
        {
            logger.LogDebug(e, "Closing the live broker connection failed");
        }

        _channel = null;
        _connection = null;
    }
}

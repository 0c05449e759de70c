using Brigade.ServiceDefaults;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Brigade.Messaging;

/// <summary>
/// The two broker connections of this process, opened on first use: one for publishing (relay, retries,
/// operator actions) and one for consuming, so flow control on publishers never stalls acknowledgements.
/// Once open, the client library reconnects on its own and re-declares the exchanges, queues, bindings
/// and consumers declared on it.
/// </summary>
internal sealed class BrokerConnections : IAsyncDisposable
{
    private readonly ConnectionFactory _factory;
    private readonly string _name;
    private readonly ILogger<BrokerConnections> _logger;
    private readonly SemaphoreSlim _lock = new(1, 1);
    private IConnection? _publisher;
    private IConnection? _consumer;

    public BrokerConnections(BrokerAddress address, IOptions<MessagingOptions> options, ServiceIdentity service, ILogger<BrokerConnections> logger)
    {
        _factory = new ConnectionFactory
        {
            Uri = address.Uri,
            AutomaticRecoveryEnabled = true,
            TopologyRecoveryEnabled = true,
            NetworkRecoveryInterval = options.Value.RecoveryInterval,
            RequestedHeartbeat = TimeSpan.FromSeconds(15),
            RequestedConnectionTimeout = TimeSpan.FromSeconds(5),
        };
        _name = $"{service.Name}/{service.InstanceId}";
        _logger = logger;
    }

    public bool IsPublisherOpen => _publisher?.IsOpen == true;

    public Task<IConnection> PublisherAsync(CancellationToken ct) => OpenAsync(isPublisher: true, ct);

    public Task<IConnection> ConsumerAsync(CancellationToken ct) => OpenAsync(isPublisher: false, ct);

    private async Task<IConnection> OpenAsync(bool isPublisher, CancellationToken ct)
    {
        var existing = isPublisher ? _publisher : _consumer;
        if (existing is not null)
        {
            return existing;
        }

        await _lock.WaitAsync(ct);
        try
        {
            existing = isPublisher ? _publisher : _consumer;
            if (existing is not null)
            {
                return existing;
            }

            var role = isPublisher ? "publisher" : "consumer";
            var connection = await _factory.CreateConnectionAsync($"{_name} {role}", ct);
            connection.ConnectionShutdownAsync += (_, e) =>
            {
                if (e.Initiator != ShutdownInitiator.Application)
                {
                    _logger.LogWarning("Broker {Role} connection lost: {Reason}", role, e.ReplyText);
                }

                return Task.CompletedTask;
            };
            connection.RecoverySucceededAsync += (_, _) =>
            {
                _logger.LogInformation("Broker {Role} connection recovered", role);
                return Task.CompletedTask;
            };
            connection.ConnectionRecoveryErrorAsync += (_, e) =>
            {
                _logger.LogDebug(e.Exception, "Broker {Role} connection not recovered yet", role);
                return Task.CompletedTask;
            };
            _logger.LogInformation("Connected to the broker ({Role})", role);
            if (isPublisher)
            {
                _publisher = connection;
            }
            else
            {
                _consumer = connection;
            }

            return connection;
        }
        finally
        {
            _lock.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var connection in new[] { _consumer, _publisher })
        {
            if (connection is null)
            {
                continue;
            }

            try
            {
                await connection.CloseAsync(TimeSpan.FromSeconds(2));
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                _logger.LogDebug(e, "Broker connection did not close cleanly");
            }

            connection.Dispose();
        }

        _lock.Dispose();
    }
}

/// <summary>The broker's AMQP URI from <c>ConnectionStrings:RabbitMq</c>.</summary>
internal sealed record BrokerAddress(Uri Uri);

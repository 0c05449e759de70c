using Brigade.Testing;
using RabbitMQ.Client;

namespace Brigade.Messaging.Tests;

/// <summary>
/// One test's world: an exchange of its own on the broker, its databases and hosts; everything removed
/// on dispose so tests run in parallel on one broker and one PostgreSQL.
/// </summary>
public sealed class TestBus(string? rabbitMqUri = null) : IAsyncDisposable
{
    private readonly List<IAsyncDisposable> _owned = [];
    private readonly List<string> _queuePrefixes = [];

    public string Exchange { get; } = $"test.{Guid.NewGuid():N}";

    public string RabbitMqUri { get; } = rabbitMqUri ?? TestInfrastructure.RabbitMqUri;

    public async Task<TestDatabase> DatabaseAsync(string label)
    {
        var database = await TestDatabase.CreateAsync("msg_" + label);
        _owned.Add(database);
        return database;
    }

    public Dictionary<string, string?> Settings(TestDatabase database, string service) =>
        MessagingHost.DefaultSettings(database.ConnectionString, RabbitMqUri, Exchange, $"{Exchange}.{service}");

    public async Task<MessagingHost> HostAsync(string service, TestDatabase database, bool consume, HandlerScript? script = null,
        Action<Dictionary<string, string?>>? configure = null, string? instance = null,
        Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? services = null)
    {
        var settings = Settings(database, service);
        settings["Brigade:InstanceId"] = instance ?? service;
        configure?.Invoke(settings);
        var host = await MessagingHost.StartAsync(service, database, settings, consume, script, services);
        _owned.Insert(0, host);
        if (consume)
        {
            _queuePrefixes.Add(host.QueuePrefix);
        }

        return host;
    }

    public Task<MessagingHost> PublisherAsync(TestDatabase database, string instance = "orders") => HostAsync("orders", database, consume: false, instance: instance);

    public Task<MessagingHost> ConsumerAsync(TestDatabase database, HandlerScript? script = null, Action<Dictionary<string, string?>>? configure = null) =>
        HostAsync("kitchen", database, consume: true, script, configure);

    public async Task<BrokerTap> TapAsync()
    {
        var tap = await BrokerTap.StartAsync(RabbitMqUri, Exchange);
        _owned.Insert(0, tap);
        return tap;
    }

    /// <summary>Publishes raw bytes to the exchange as a foreign or broken producer would.</summary>
    public async Task PublishRawAsync(string routingKey, BasicProperties properties, byte[] body)
    {
        await using var connection = await new ConnectionFactory { Uri = new Uri(RabbitMqUri) }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(true, true));
        await channel.BasicPublishAsync(Exchange, routingKey, mandatory: true, properties, body);
    }

    /// <summary>Messages ready in a queue (not counting those delivered and unacknowledged).</summary>
    public async Task<uint> ReadyCountAsync(string queue)
    {
        await using var connection = await new ConnectionFactory { Uri = new Uri(RabbitMqUri) }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        return (await channel.QueueDeclarePassiveAsync(queue)).MessageCount;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var owned in _owned)
        {
            await owned.DisposeAsync();
        }

        try
        {
            await using var connection = await new ConnectionFactory { Uri = new Uri(RabbitMqUri) }.CreateConnectionAsync();
            await using var channel = await connection.CreateChannelAsync();
            foreach (var prefix in _queuePrefixes.Distinct())
            {
                var topology = new Topology(Exchange, prefix, [TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(400)]);
                foreach (var queue in topology.RetryQueues.Append(topology.Queue).Append(topology.DeadQueue))
                {
                    await channel.QueueDeleteAsync(queue);
                }
            }

            await channel.ExchangeDeleteAsync(Exchange);
        }
        catch (Exception e) when (e is RabbitMQ.Client.Exceptions.BrokerUnreachableException)
        {
            // a private broker that is already gone
        }
    }
}

using System.Collections.Concurrent;
using System.Text;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Brigade.Messaging.Tests;

public sealed record TappedMessage(string? MessageId, string RoutingKey, IReadOnlyBasicProperties Properties, string Body);

/// <summary>An independent observer: its own queue bound to the test exchange, recording every message published.</summary>
public sealed class BrokerTap : IAsyncDisposable
{
    private readonly IConnection _connection;
    private readonly IChannel _channel;
    private readonly ConcurrentQueue<TappedMessage> _messages = new();

    private BrokerTap(IConnection connection, IChannel channel)
    {
        _connection = connection;
        _channel = channel;
    }

    public IReadOnlyCollection<TappedMessage> Messages => _messages;

    public int CountOf(string messageId) => _messages.Count(m => m.MessageId == messageId);

    public static async Task<BrokerTap> StartAsync(string rabbitMqUri, string exchange)
    {
        var connection = await new ConnectionFactory { Uri = new Uri(rabbitMqUri), AutomaticRecoveryEnabled = false }.CreateConnectionAsync();
        var channel = await connection.CreateChannelAsync();
        await channel.ExchangeDeclareAsync(exchange, ExchangeType.Topic, durable: true, autoDelete: false);
        var queue = await channel.QueueDeclareAsync("", durable: false, exclusive: true, autoDelete: true);
        await channel.QueueBindAsync(queue.QueueName, exchange, "#");
        var tap = new BrokerTap(connection, channel);
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += (_, d) =>
        {
            tap._messages.Enqueue(new TappedMessage(d.BasicProperties.MessageId, d.RoutingKey, new BasicProperties(d.BasicProperties), Encoding.UTF8.GetString(d.Body.Span)));
            return Task.CompletedTask;
        };
        await channel.BasicConsumeAsync(queue.QueueName, autoAck: true, consumer);
        return tap;
    }

    public async ValueTask DisposeAsync()
    {
        await _channel.DisposeAsync();
        await _connection.CloseAsync();
        _connection.Dispose();
    }
}

using System.Globalization;
using Brigade.ServiceDefaults;
using RabbitMQ.Client;

namespace Brigade.Messaging;

/// <summary>
/// Exchanges and queues: one durable topic exchange for all events; per consuming service a durable
/// queue <c>&lt;prefix&gt;</c> bound to the event names it handles, one delay queue per retry delay
/// (<c>&lt;prefix&gt;.retry.10s</c>: a queue-wide TTL, then dead-lettered back to <c>&lt;prefix&gt;</c>), and
/// <c>&lt;prefix&gt;.dead</c> for messages that are unreadable or failed every attempt.
/// </summary>
internal sealed class Topology(string exchange, string prefix, IReadOnlyList<TimeSpan> retryDelays)
{
    public string Exchange { get; } = exchange;

    public string Queue { get; } = prefix;

    public string DeadQueue { get; } = prefix + ".dead";

    public static Topology From(MessagingOptions options, ServiceIdentity service) =>
        new(options.Exchange, string.IsNullOrWhiteSpace(options.QueuePrefix) ? service.Name : options.QueuePrefix, options.EffectiveRetryDelays);

    /// <summary>Where a message goes to wait <paramref name="delay"/> before its next attempt.</summary>
    public string RetryRoute(TimeSpan delay) => delay <= TimeSpan.Zero ? Queue : RetryQueue(delay);

    public IEnumerable<string> RetryQueues => retryDelays.Where(d => d > TimeSpan.Zero).Distinct().Select(RetryQueue);

    public Task DeclareExchangeAsync(IChannel channel, CancellationToken ct) =>
        channel.ExchangeDeclareAsync(Exchange, ExchangeType.Topic, durable: true, autoDelete: false, cancellationToken: ct);

    public async Task DeclareConsumerAsync(IChannel channel, IEnumerable<string> routingKeys, CancellationToken ct)
    {
        await DeclareExchangeAsync(channel, ct);
        await channel.QueueDeclareAsync(Queue, durable: true, exclusive: false, autoDelete: false, cancellationToken: ct);
        await channel.QueueDeclareAsync(DeadQueue, durable: true, exclusive: false, autoDelete: false, cancellationToken: ct);
        foreach (var delay in retryDelays.Where(d => d > TimeSpan.Zero).Distinct())
        {
            await channel.QueueDeclareAsync(RetryQueue(delay), durable: true, exclusive: false, autoDelete: false, arguments: new Dictionary<string, object?>
            {
                ["x-message-ttl"] = (int)Math.Min(int.MaxValue, delay.TotalMilliseconds),
                ["x-dead-letter-exchange"] = "",
                ["x-dead-letter-routing-key"] = Queue,
            }, cancellationToken: ct);
        }

        foreach (var routingKey in routingKeys)
        {
            await channel.QueueBindAsync(Queue, Exchange, routingKey, cancellationToken: ct);
        }
    }

    // The delay is in the name: a queue's TTL cannot change once declared, a new delay gets a new queue.
    private string RetryQueue(TimeSpan delay) =>
        $"{Queue}.retry.{(delay.TotalMilliseconds % 1000 == 0 ? ((long)delay.TotalSeconds).ToString(CultureInfo.InvariantCulture) + "s" : ((long)delay.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) + "ms")}";
}

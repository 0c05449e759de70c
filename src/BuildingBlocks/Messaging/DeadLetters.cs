using System.Text;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Brigade.Messaging;

/// <summary>A message in this service's dead-letter queue and why it is there.</summary>
public sealed record DeadLetter(
    string? MessageId,
    string? Type,
    int? Version,
    string? Reason,
    string? ErrorType,
    string? Error,
    int? Attempts,
    string? DeadAt,
    string? OccurredAt,
    string? CorrelationId,
    string? Producer,
    string Payload);

public sealed record DeadLetterList(long Total, IReadOnlyList<DeadLetter> Items);

/// <summary>
/// Operator actions on this service's dead-letter queue: list, replay (back to the service's queue for a
/// fresh set of attempts) and discard, for given message ids or all. Messages are read with unacknowledged
/// gets and returned in their order; two operators acting at the same moment may each see part of the queue.
/// </summary>
public sealed class DeadLetters
{
    private const int ScanLimit = 100_000;

    private readonly BrokerConnections _broker;
    private readonly Topology _topology;
    private readonly ILogger<DeadLetters> _logger;

    internal DeadLetters(BrokerConnections broker, Topology topology, ILogger<DeadLetters> logger)
    {
        _broker = broker;
        _topology = topology;
        _logger = logger;
    }

    public async Task<DeadLetterList> ListAsync(int limit, CancellationToken ct)
    {
        var items = new List<DeadLetter>();
        var total = await ScanAsync(async (_, message) =>
        {
            if (items.Count < limit)
            {
                items.Add(Describe(message));
            }

            return items.Count < limit ? Verdict.Keep : Verdict.Stop;
        }, ct);
        return new DeadLetterList(total, items);
    }

    /// <summary>Sends the chosen messages (all when <paramref name="messageIds"/> is null) back to the service's queue.</summary>
    public Task<int> ReplayAsync(IReadOnlyCollection<string>? messageIds, CancellationToken ct) =>
        ActAsync(messageIds, async (channel, message) =>
        {
            var properties = EventMessage.Copy(message.BasicProperties, MessageHeaders.Attempt, MessageHeaders.LastError, MessageHeaders.DeadReason,
                MessageHeaders.DeadError, MessageHeaders.DeadErrorType, MessageHeaders.DeadAttempts, MessageHeaders.DeadAt, MessageHeaders.DeadQueue);
            await channel.BasicPublishAsync("", _topology.Queue, mandatory: true, properties, message.Body, ct);
        }, "replayed", ct);

    public Task<int> DiscardAsync(IReadOnlyCollection<string>? messageIds, CancellationToken ct) =>
        ActAsync(messageIds, (_, _) => Task.CompletedTask, "discarded", ct);

    private async Task<int> ActAsync(IReadOnlyCollection<string>? messageIds, Func<IChannel, BasicGetResult, Task> act, string verb, CancellationToken ct)
    {
        var wanted = messageIds?.ToHashSet(StringComparer.OrdinalIgnoreCase);
        var count = 0;
        await ScanAsync(async (channel, message) =>
        {
            if (wanted is not null && !wanted.Contains(message.BasicProperties.MessageId ?? ""))
            {
                return Verdict.Keep;
            }

            await act(channel, message);
            await channel.BasicAckAsync(message.DeliveryTag, multiple: false, ct);
            count++;
            _logger.LogInformation("Dead letter {MessageId} ({Type}) {Verb} by an operator", message.BasicProperties.MessageId, message.BasicProperties.Type, verb);
            if (wanted is not null)
            {
                wanted.Remove(message.BasicProperties.MessageId ?? "");
            }

            return wanted is { Count: 0 } ? Verdict.Stop : Verdict.Keep;
        }, ct);
        return count;
    }

    private enum Verdict { Keep, Stop }

    /// <summary>Visits the queue's messages in order; those not acknowledged by <paramref name="visit"/> return to the queue. Returns the queue's length before the scan.</summary>
    private async Task<long> ScanAsync(Func<IChannel, BasicGetResult, Task<Verdict>> visit, CancellationToken ct)
    {
        var connection = await _broker.PublisherAsync(ct);
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), ct);
        uint length;
        try
        {
            length = (await channel.QueueDeclarePassiveAsync(_topology.DeadQueue, ct)).MessageCount;
        }
        catch (OperationInterruptedException e) when (e.ShutdownReason?.ReplyCode == 404)
        {
            return 0; // this service consumes nothing, so it has no dead letters
        }

        try
        {
            for (var seen = 0; seen < Math.Min(length, ScanLimit); seen++)
            {
                var message = await channel.BasicGetAsync(_topology.DeadQueue, autoAck: false, ct);
                if (message is null || await visit(channel, message) == Verdict.Stop)
                {
                    break;
                }
            }
        }
        finally
        {
            // Closing the channel returns every message not acknowledged to the queue, in its place.
            if (channel.IsOpen)
            {
                await channel.CloseAsync(CancellationToken.None);
            }
        }

        return length;
    }

    private static DeadLetter Describe(BasicGetResult message)
    {
        var p = message.BasicProperties;
        var headers = p.Headers;
        return new DeadLetter(
            p.MessageId,
            p.Type,
            MessageHeaders.GetInt(headers, MessageHeaders.Version),
            MessageHeaders.GetString(headers, MessageHeaders.DeadReason),
            MessageHeaders.GetString(headers, MessageHeaders.DeadErrorType),
            MessageHeaders.GetString(headers, MessageHeaders.DeadError),
            MessageHeaders.GetInt(headers, MessageHeaders.DeadAttempts),
            MessageHeaders.GetString(headers, MessageHeaders.DeadAt),
            MessageHeaders.GetString(headers, MessageHeaders.OccurredAt),
            p.CorrelationId,
            p.AppId,
            Encoding.UTF8.GetString(message.Body.Span));
    }
}

using System.Diagnostics;
using Brigade.Contracts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Brigade.Messaging;

/// <summary>
/// Consumes this service's queue. Each message is handled in a database transaction that also inserts
/// its id into the inbox (a known id is acknowledged with no effect; <see cref="MessagingOptions.UseInbox"/> off skips
/// this), and is acknowledged only after that transaction commits. A failed attempt goes to a delay queue and comes back, up to
/// <see cref="MessagingOptions.MaxAttempts"/>; then, or at once when it cannot be read, to the dead-letter queue.
/// Stopping finishes the messages in hand; the rest stay unacknowledged and return to the queue.
/// </summary>
internal sealed class EventConsumer(
    BrokerConnections broker,
    HandlerRegistry handlers,
    EventSerializer serializer,
    NpgsqlDataSource dataSource,
    IServiceScopeFactory scopes,
    Topology topology,
    IOptions<MessagingOptions> options,
    MessagingMetrics metrics,
    TimeProvider clock,
    ILogger<EventConsumer> logger) : IHostedService, IDisposable
{
    private static readonly TimeSpan CancelTimeout = TimeSpan.FromSeconds(5);

    private const string InboxSql = "INSERT INTO messaging_inbox (message_id, type) VALUES ($1, $2) ON CONFLICT DO NOTHING";
    private const int MaxErrorLength = 2000;
    private static readonly TimeSpan WatchInterval = TimeSpan.FromSeconds(5);

    private readonly MessagingOptions _options = options.Value;
    private readonly CancellationTokenSource _stopping = new();
    private readonly CancellationTokenSource _abort = new();
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task _run = Task.CompletedTask;
    private IChannel? _channel;
    private IChannel? _publisher;
    private string? _consumerTag;
    private int _inFlight;
    private volatile bool _stopRequested;
    private int _stopped; // 1 once stopping began or the consumer was disposed: stopping again is a no-op

    private enum Outcome { Handled, Duplicate }

    /// <summary>Whether this service consumes nothing, or its consumer is registered and its channel open.</summary>
    public bool IsReady => handlers.IsEmpty || (_consumerTag is not null && _channel is { IsOpen: true });

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!handlers.IsEmpty)
        {
            _run = Task.Run(() => RunAsync(_stopping.Token), CancellationToken.None);
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// Connects, then watches: the client library recovers from a lost connection by itself, but a channel
    /// the broker closed on its own (a consumer timeout, a protocol error) stays closed, so it is reopened here.
    /// </summary>
    private async Task RunAsync(CancellationToken ct)
    {
        await ConnectAsync(ct);
        using var timer = new PeriodicTimer(WatchInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                if (_channel is { IsOpen: true } && _publisher is { IsOpen: true })
                {
                    continue;
                }

                var connection = await broker.ConsumerAsync(ct);
                if (connection.IsOpen)
                {
                    logger.LogWarning("A consumer channel of {Queue} was closed by the broker; reopening it", topology.Queue);
                    await CloseChannelsAsync();
                    await ConnectAsync(ct);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    /// <summary>Declares the topology and starts consuming; retries with backoff until the broker is reachable.</summary>
    private async Task ConnectAsync(CancellationToken ct)
    {
        var backoff = TimeSpan.FromMilliseconds(250);
        while (!ct.IsCancellationRequested)
        {
            try
            {
                var connection = await broker.ConsumerAsync(ct);
                _publisher = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), ct);
                _channel = await connection.CreateChannelAsync(
                    new CreateChannelOptions(publisherConfirmationsEnabled: false, publisherConfirmationTrackingEnabled: false, consumerDispatchConcurrency: _options.Concurrency), ct);
                await topology.DeclareConsumerAsync(_channel, handlers.RoutingKeys, ct);
                await _channel.BasicQosAsync(0, _options.Prefetch, global: false, ct);
                var consumer = new AsyncEventingBasicConsumer(_channel);
                consumer.ReceivedAsync += OnReceivedAsync;
                _consumerTag = await _channel.BasicConsumeAsync(topology.Queue, autoAck: false, consumer, ct);
                logger.LogInformation("Consuming {Queue} ({Events})", topology.Queue, string.Join(", ", handlers.RoutingKeys));
                return;
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                logger.LogWarning("Cannot consume {Queue} yet ({Error}: {Message}); next try in {BackoffMs} ms", topology.Queue, e.GetType().Name, e.Message, backoff.TotalMilliseconds);
                await CloseChannelsAsync();
                try
                {
                    await Task.Delay(backoff, ct);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, _options.RelayMaxBackoff.Ticks));
            }
        }
    }

    private async Task OnReceivedAsync(object sender, BasicDeliverEventArgs delivery)
    {
        Interlocked.Increment(ref _inFlight);
        try
        {
            if (_stopRequested)
            {
                return; // left unacknowledged: back to the queue when the channel closes
            }

            await ProcessAsync(((AsyncEventingBasicConsumer)sender).Channel, delivery);
        }
        catch (OperationCanceledException) when (_abort.IsCancellationRequested)
        {
            logger.LogWarning("Handling of message {MessageId} was abandoned at shutdown; it will be delivered again", delivery.BasicProperties.MessageId);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Not acknowledged: the broker delivers it again (after a reconnect if the channel is gone).
            logger.LogError(e, "Message {MessageId} could not be settled; it will be delivered again", delivery.BasicProperties.MessageId);
        }
        finally
        {
            if (Interlocked.Decrement(ref _inFlight) == 0 && _stopRequested)
            {
                _drained.TrySetResult();
            }
        }
    }

    private async Task ProcessAsync(IChannel channel, BasicDeliverEventArgs delivery)
    {
        var properties = delivery.BasicProperties;
        var attempt = Math.Max(1, MessageHeaders.GetInt(properties.Headers, MessageHeaders.Attempt) ?? 1);
        var envelope = EventMessage.TryRead(properties, out var problem);
        var handled = envelope is null ? null : handlers.Find(envelope.Type, envelope.Version);
        object? @event = null;
        if (envelope is not null && handled is null)
        {
            problem = $"this service has no handler for {envelope.Type} v{envelope.Version}";
        }
        else if (handled is not null)
        {
            try
            {
                @event = serializer.Deserialize(delivery.Body.Span, handled.JsonTypeInfo) ?? throw new System.Text.Json.JsonException("the payload is null");
            }
            catch (Exception e) when (e is System.Text.Json.JsonException or NotSupportedException or ArgumentException)
            {
                problem = $"the payload is not a valid {envelope!.Type} v{envelope.Version}: {e.Message}";
            }
        }

        if (@event is null || envelope is null || handled is null)
        {
            logger.LogWarning("Dead-lettering unreadable message {MessageId} ({Type}): {Problem}", properties.MessageId, properties.Type, problem);
            await DeadLetterAsync(delivery, "unreadable", problem!, errorType: null, attempt);
            await channel.BasicAckAsync(delivery.DeliveryTag, multiple: false, CancellationToken.None);
            metrics.DeadLettered(properties.Type ?? "unknown", "unreadable");
            return;
        }

        using var activity = StartActivity(envelope, attempt);
        using var scope = logger.BeginScope(new Dictionary<string, object?>
        {
            ["messageId"] = envelope.MessageId, ["eventType"] = envelope.Type, ["correlationId"] = envelope.CorrelationId, ["attempt"] = attempt,
        });
        var started = Stopwatch.GetTimestamp();
        Outcome outcome;
        try
        {
            outcome = await HandleAsync(envelope, handled, @event, attempt, _abort.Token);
        }
        catch (Exception e) when (e is not OutOfMemoryException && !(e is OperationCanceledException && _abort.IsCancellationRequested))
        {
            metrics.Handled(envelope.Type, succeeded: false, Stopwatch.GetElapsedTime(started));
            activity?.SetStatus(ActivityStatusCode.Error, e.Message);
            await FailAsync(delivery, envelope, attempt, e);
            await channel.BasicAckAsync(delivery.DeliveryTag, multiple: false, CancellationToken.None);
            return;
        }

        await channel.BasicAckAsync(delivery.DeliveryTag, multiple: false, CancellationToken.None);
        var outcomeName = outcome == Outcome.Handled ? "handled" : "duplicate";
        activity?.SetTag("brigade.outcome", outcomeName);
        metrics.Consumed(envelope.Type, outcomeName);
        if (outcome == Outcome.Handled)
        {
            metrics.Handled(envelope.Type, succeeded: true, Stopwatch.GetElapsedTime(started));
            metrics.Lag(envelope.Type, clock.GetUtcNow() - envelope.OccurredAt);
        }
        else
        {
            logger.LogDebug("Message {MessageId} was handled before; acknowledged without effect", envelope.MessageId);
        }
    }

    private async Task<Outcome> HandleAsync(Envelope envelope, HandledEvent handled, object @event, int attempt, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        if (_options.UseInbox)
        {
            await using var inbox = new NpgsqlCommand(InboxSql, connection, transaction) { Parameters = { new() { Value = envelope.MessageId }, new() { Value = envelope.Type } } };
            await inbox.PrepareAsync(ct);

            // A copy being handled concurrently holds this key: the insert waits for it and then finds it.
            if (await inbox.ExecuteNonQueryAsync(ct) == 0)
            {
                return Outcome.Duplicate;
            }
        }

        await using var scope = scopes.CreateAsyncScope();
        var context = new EventContext(envelope, connection, transaction, attempt);
        CurrentMessage.Envelope = envelope;
        try
        {
            foreach (var handler in handled.Handlers)
            {
                await handler.Invoke(scope.ServiceProvider, @event, context, ct);
            }
        }
        finally
        {
            CurrentMessage.Envelope = null;
        }

        await transaction.CommitAsync(ct);
        foreach (var action in context.Committed)
        {
            try
            {
                await action();
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                logger.LogWarning(e, "An after-commit action of message {MessageId} ({Type}) failed", envelope.MessageId, envelope.Type);
            }
        }

        return Outcome.Handled;
    }

    private async Task FailAsync(BasicDeliverEventArgs delivery, Envelope envelope, int attempt, Exception error)
    {
        // An outage of the database is not the message's fault: it waits and tries again without using up an attempt.
        var counts = error is not (NpgsqlException { IsTransient: true } or TimeoutException);
        if (counts && attempt >= _options.MaxAttempts)
        {
            logger.LogError(error, "Message {MessageId} ({Type}) failed attempt {Attempt} of {MaxAttempts}; dead-lettered", envelope.MessageId, envelope.Type, attempt, _options.MaxAttempts);
            await DeadLetterAsync(delivery, "failed", error.Message, error.GetType().FullName, attempt);
            metrics.DeadLettered(envelope.Type, "failed");
            return;
        }

        var next = counts ? attempt + 1 : attempt;
        var delay = _options.RetryDelayBefore(Math.Max(2, next));
        logger.LogWarning(error, "Message {MessageId} ({Type}) failed attempt {Attempt} of {MaxAttempts}; next attempt in {DelayMs} ms",
            envelope.MessageId, envelope.Type, attempt, _options.MaxAttempts, delay.TotalMilliseconds);
        var properties = EventMessage.Copy(delivery.BasicProperties);
        properties.Headers![MessageHeaders.Attempt] = next;
        properties.Headers[MessageHeaders.LastError] = Truncate($"{error.GetType().FullName}: {error.Message}");
        await PublisherChannel().BasicPublishAsync("", topology.RetryRoute(delay), mandatory: true, properties, delivery.Body, CancellationToken.None);
        metrics.Retried(envelope.Type);
    }

    private async Task DeadLetterAsync(BasicDeliverEventArgs delivery, string reason, string error, string? errorType, int attempts)
    {
        var properties = EventMessage.Copy(delivery.BasicProperties, MessageHeaders.LastError);
        var headers = properties.Headers!;
        headers[MessageHeaders.DeadReason] = reason;
        headers[MessageHeaders.DeadError] = Truncate(error);
        if (errorType is not null)
        {
            headers[MessageHeaders.DeadErrorType] = errorType;
        }

        headers[MessageHeaders.DeadAttempts] = attempts;
        headers[MessageHeaders.DeadAt] = clock.GetUtcNow().ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        headers[MessageHeaders.DeadQueue] = topology.Queue;
        await PublisherChannel().BasicPublishAsync("", topology.DeadQueue, mandatory: true, properties, delivery.Body, CancellationToken.None);
    }

    private IChannel PublisherChannel() => _publisher ?? throw new InvalidOperationException("The consumer's publishing channel is not open.");

    private Activity? StartActivity(Envelope envelope, int attempt)
    {
        ActivityContext.TryParse(envelope.TraceParent, envelope.TraceState, isRemote: true, out var parent);
        var activity = MessagingMetrics.ActivitySource.StartActivity($"consume {envelope.Type}", ActivityKind.Consumer, parent);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("messaging.system", "rabbitmq");
            activity.SetTag("messaging.destination.name", topology.Queue);
            activity.SetTag("messaging.message.id", envelope.MessageId.ToString());
            activity.SetTag("messaging.message.conversation_id", envelope.CorrelationId);
            activity.SetTag("brigade.attempt", attempt);
        }

        return activity;
    }

    private static string Truncate(string text) => text.Length <= MaxErrorLength ? text : text[..MaxErrorLength];

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        // A host may stop its services twice, or after disposing them (a test factory disposed both ways).
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }

        _stopRequested = true;
        await _stopping.CancelAsync();
        await _run;
        if (_channel is not null && _consumerTag is not null)
        {
            try
            {
                // Bounded: the client waits for the broker's cancel-ok without a limit of its own, and a channel in
                // recovery never sends one (a test host hung there for good on a busy machine).
                await _channel.BasicCancelAsync(_consumerTag, noWait: false, cancellationToken).WaitAsync(CancelTimeout, cancellationToken);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                logger.LogDebug(e, "Could not cancel the consumer cleanly");
            }
        }

        if (Volatile.Read(ref _inFlight) == 0)
        {
            _drained.TrySetResult();
        }

        try
        {
            await _drained.Task.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            logger.LogWarning("Shutdown deadline reached with {Count} messages in hand; abandoning them (they return to the queue)", Volatile.Read(ref _inFlight));
            await _abort.CancelAsync();
        }

        await CloseChannelsAsync();
    }

    private async Task CloseChannelsAsync()
    {
        foreach (var channel in new[] { _channel, _publisher })
        {
            if (channel is null)
            {
                continue;
            }

            try
            {
                await channel.DisposeAsync();
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                logger.LogDebug(e, "Consumer channel did not close cleanly");
            }
        }

        _channel = null;
        _publisher = null;
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 0)
        {
            // Disposed without being stopped: end the consuming loop rather than leave it running.
            _stopRequested = true;
            _stopping.Cancel();
        }

        _stopping.Dispose();
        _abort.Dispose();
    }
}

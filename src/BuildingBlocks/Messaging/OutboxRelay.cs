using System.Diagnostics;
using System.Runtime.ExceptionServices;
using Brigade.Contracts;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using RabbitMQ.Client;

namespace Brigade.Messaging;

/// <summary>
/// Publishes committed outbox rows in creation order. A batch is claimed with <c>FOR UPDATE SKIP LOCKED</c>
/// inside a transaction that stays open until the broker confirmed every message and the rows are marked
/// sent, so relays of several replicas never publish the same row twice unless one dies mid-batch (then
/// its rows are published again and consumers' inboxes drop the copies). Up to four batches wait for
/// confirms at once. While the broker or the database is away it backs off and the rows wait.
/// </summary>
internal sealed class OutboxRelay(
    NpgsqlDataSource dataSource,
    BrokerConnections broker,
    Topology topology,
    RelayWakeup wakeup,
    IOptions<MessagingOptions> options,
    MessagingMetrics metrics,
    ILogger<OutboxRelay> logger) : BackgroundService
{
    private const string ClaimSql = """
        SELECT position, message_id, type, version, payload::text, occurred_at, correlation_id, causation_id, traceparent, tracestate, producer
          FROM messaging_outbox
         WHERE sent_at IS NULL
         ORDER BY position
         LIMIT $1
           FOR UPDATE SKIP LOCKED
        """;

    private static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan QuickCheck = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan ListenerKeepAlive = TimeSpan.FromSeconds(30);
    private const int BatchesInFlight = 4;

    private readonly MessagingOptions _options = options.Value;
    private IChannel? _channel;
    private volatile bool _listening;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var listener = ListenAsync(stoppingToken);
        var backoff = TimeSpan.Zero;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var channel = await ChannelAsync(stoppingToken);
                await RelayAsync(channel, () =>
                {
                    if (backoff > TimeSpan.Zero)
                    {
                        logger.LogInformation("Outbox relay is publishing again");
                        backoff = TimeSpan.Zero;
                    }
                }, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                backoff = backoff == TimeSpan.Zero ? FirstBackoff : TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, _options.RelayMaxBackoff.Ticks));
                logger.LogWarning("Outbox relay cannot publish ({Error}: {Message}); rows wait in the outbox, next try in {BackoffMs} ms",
                    e.GetType().Name, e.Message, backoff.TotalMilliseconds);
                await DropChannelAsync();
                try
                {
                    await Task.Delay(backoff, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }

        await listener;
        await DropChannelAsync();
    }

    /// <summary>
    /// Claims and publishes batches until stopped or until a batch finds the broker away (then throws).
    /// Batches are claimed and their messages sent in creation order, but up to
    /// <see cref="BatchesInFlight"/> wait for their confirms at once: a busy broker confirms persistent
    /// messages only after its next disk sync, and rows committed meanwhile should not wait for that.
    /// </summary>
    private async Task RelayAsync(IChannel channel, Action published, CancellationToken stoppingToken)
    {
        var inFlight = new List<Task<bool>>();
        var woken = false;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                foreach (var done in inFlight.Where(t => t.IsCompleted).ToList())
                {
                    inFlight.Remove(done);
                    if (await done)
                    {
                        published();
                    }
                }

                if (woken && _options.RelayCoalesceDelay > TimeSpan.Zero)
                {
                    await Task.Delay(_options.RelayCoalesceDelay, stoppingToken);
                }

                wakeup.Reset();
                var batch = inFlight.Count < BatchesInFlight ? await StartBatchAsync(channel, stoppingToken) : null;
                if (batch is not null)
                {
                    inFlight.Add(batch.Value.Finished);
                    if (batch.Value.Full)
                    {
                        woken = false;
                        continue; // more rows are probably waiting
                    }
                }

                var timeout = !_listening && wakeup.RecentlyNudged ? QuickCheck : _options.RelayPollInterval;
                await wakeup.WaitAsync(timeout, stoppingToken, inFlight.Count == BatchesInFlight ? Task.WhenAny(inFlight) : null);
                woken = true;
            }
        }
        finally
        {
            // Batches already claimed finish even during shutdown, so their rows are marked and not sent twice.
            foreach (var batch in inFlight)
            {
                try
                {
                    await batch;
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    logger.LogDebug(e, "An outbox batch failed while the relay stopped; its rows will be published again");
                }
            }
        }
    }

    private async Task<IChannel> ChannelAsync(CancellationToken ct)
    {
        if (_channel is { IsOpen: true } open)
        {
            return open;
        }

        await DropChannelAsync();
        var connection = await broker.PublisherAsync(ct);
        var channel = await connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), ct);
        try
        {
            await topology.DeclareExchangeAsync(channel, ct);
        }
        catch
        {
            await channel.DisposeAsync();
            throw;
        }

        _channel = channel;
        return channel;
    }

    private async Task DropChannelAsync()
    {
        if (_channel is { } channel)
        {
            _channel = null;
            try
            {
                await channel.DisposeAsync();
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                logger.LogDebug(e, "Relay channel did not close cleanly");
            }
        }
    }

    /// <summary>
    /// Claims the oldest unsent rows and sends them; null when there are none. The batch's transaction keeps
    /// the rows locked until <c>Finished</c>: confirms awaited, rows marked sent, committed. <c>Finished</c>
    /// is true when at least one row got through and throws when none did (the broker is away).
    /// </summary>
    private async Task<(Task<bool> Finished, bool Full)?> StartBatchAsync(IChannel channel, CancellationToken stoppingToken)
    {
        var connection = await dataSource.OpenConnectionAsync(stoppingToken);
        NpgsqlTransaction? transaction = null;
        try
        {
            transaction = await connection.BeginTransactionAsync(stoppingToken);
            var rows = await ClaimAsync(connection, transaction, stoppingToken);
            if (rows.Count == 0)
            {
                await transaction.CommitAsync(stoppingToken);
                await transaction.DisposeAsync();
                await connection.DisposeAsync();
                return null;
            }

            var timeout = new CancellationTokenSource(_options.PublishTimeout);
            var confirms = rows.Select(row => PublishAsync(channel, row, timeout.Token)).ToArray();
            return (FinishBatchAsync(connection, transaction, rows, confirms, timeout), rows.Count == _options.RelayBatchSize);
        }
        catch
        {
            if (transaction is not null)
            {
                await transaction.DisposeAsync();
            }

            await connection.DisposeAsync();
            throw;
        }
    }

    private async Task<bool> FinishBatchAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, List<OutboxRow> rows, Task[] confirms, CancellationTokenSource timeout)
    {
        await using var _ = connection;
        await using var __ = transaction;
        using var ___ = timeout;
        var sent = new List<long>(rows.Count);
        var failed = new List<long>();
        Exception? failure = null;
        for (var i = 0; i < rows.Count; i++)
        {
            try
            {
                await confirms[i];
                sent.Add(rows[i].Position);
                metrics.Published(rows[i].Envelope.Type);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                failure ??= e;
                failed.Add(rows[i].Position);
                metrics.PublishFailed(rows[i].Envelope.Type);
            }
        }

        await using (var mark = new NpgsqlBatch(connection, transaction))
        {
            mark.BatchCommands.Add(new NpgsqlBatchCommand("UPDATE messaging_outbox SET sent_at = now() WHERE position = ANY($1)") { Parameters = { new() { Value = sent.ToArray() } } });
            if (failed.Count > 0)
            {
                mark.BatchCommands.Add(new NpgsqlBatchCommand("UPDATE messaging_outbox SET attempts = attempts + 1, last_error = $2 WHERE position = ANY($1)")
                {
                    Parameters = { new() { Value = failed.ToArray() }, new() { Value = $"{failure!.GetType().Name}: {failure.Message}" } },
                });
            }

            await mark.ExecuteNonQueryAsync(CancellationToken.None);
        }

        await transaction.CommitAsync(CancellationToken.None);
        if (failure is not null && sent.Count == 0)
        {
            ExceptionDispatchInfo.Throw(failure); // nothing got through: the broker is away, back off
        }

        if (failure is not null)
        {
            // Others got through, so these rows are the problem, not the broker: keep going, they are retried with a later batch.
            logger.LogWarning("{Failed} of {Count} outbox rows were not accepted by the broker ({Error}: {Message}); they will be retried",
                failed.Count, rows.Count, failure.GetType().Name, failure.Message);
        }

        return sent.Count > 0;
    }

    private async Task<List<OutboxRow>> ClaimAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(ClaimSql, connection, transaction) { Parameters = { new() { Value = _options.RelayBatchSize } } };
        await command.PrepareAsync(ct);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var rows = new List<OutboxRow>();
        while (await reader.ReadAsync(ct))
        {
            var envelope = new Envelope(
                reader.GetGuid(1),
                reader.GetString(2),
                reader.GetInt32(3),
                reader.GetFieldValue<DateTimeOffset>(5),
                reader.IsDBNull(6) ? null : reader.GetString(6),
                reader.IsDBNull(7) ? null : reader.GetString(7),
                reader.IsDBNull(8) ? null : reader.GetString(8),
                reader.IsDBNull(9) ? null : reader.GetString(9),
                reader.GetString(10));
            rows.Add(new OutboxRow(reader.GetInt64(0), envelope, System.Text.Encoding.UTF8.GetBytes(reader.GetString(4))));
        }

        return rows;
    }

    /// <summary>
    /// Publishes one row and waits for the broker's confirm. The relay runs outside any request, so a span
    /// started from the context stored with the row carries the trace on: RabbitMQ.Client's own publish span
    /// becomes its child and writes itself into the <c>traceparent</c> header when it is listened to.
    /// </summary>
    private async Task PublishAsync(IChannel channel, OutboxRow row, CancellationToken ct)
    {
        var envelope = row.Envelope;
        ActivityContext.TryParse(envelope.TraceParent, envelope.TraceState, isRemote: true, out var parent);
        using var activity = MessagingMetrics.ActivitySource.StartActivity($"outbox {envelope.Type}", ActivityKind.Internal, parent);
        if (activity is not null)
        {
            activity.SetTag("messaging.message.id", envelope.MessageId.ToString());
            envelope = envelope with { TraceParent = activity.Id, TraceState = activity.TraceStateString };
        }

        await channel.BasicPublishAsync(topology.Exchange, envelope.Type, mandatory: false, EventMessage.Properties(envelope), row.Payload, ct);
    }

    /// <summary>Keeps a connection LISTENing for the outbox trigger's NOTIFY, which PostgreSQL sends when the inserting transaction commits.</summary>
    private async Task ListenAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(ct);
                connection.Notification += (_, _) => wakeup.Signal();
                await using (var listen = new NpgsqlCommand("LISTEN messaging_outbox", connection))
                {
                    await listen.ExecuteNonQueryAsync(ct);
                }

                _listening = true;
                wakeup.Signal(); // rows may have committed while nobody listened
                try
                {
                    while (!ct.IsCancellationRequested)
                    {
                        if (!await connection.WaitAsync(ListenerKeepAlive, ct))
                        {
                            await using var ping = new NpgsqlCommand("SELECT 1", connection);
                            await ping.ExecuteNonQueryAsync(ct);
                        }
                    }
                }
                finally
                {
                    // The connection goes back to the pool; it must not keep listening for its next user.
                    if (connection.State == System.Data.ConnectionState.Open)
                    {
                        await using var unlisten = new NpgsqlCommand("UNLISTEN *", connection);
                        await unlisten.ExecuteNonQueryAsync(CancellationToken.None);
                    }
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                _listening = false;
                logger.LogDebug(e, "Outbox listener lost its connection; polling until it is back");
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(1), ct);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
            finally
            {
                _listening = false;
            }
        }
    }

    private sealed record OutboxRow(long Position, Envelope Envelope, byte[] Payload);
}

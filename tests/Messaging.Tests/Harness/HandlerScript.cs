using System.Collections.Concurrent;
using Npgsql;

namespace Brigade.Messaging.Tests;

/// <summary>Tells the test handler how to behave per order: fail some times, fail always, take its time.</summary>
public sealed class HandlerScript
{
    private readonly ConcurrentDictionary<Guid, int> _failuresLeft = new();
    private readonly ConcurrentDictionary<Guid, bool> _alwaysFail = new();
    private readonly ConcurrentDictionary<Guid, int> _calls = new();
    private readonly ConcurrentDictionary<Guid, TaskCompletionSource> _started = new();

    public TimeSpan Delay { get; set; }

    public void FailTimes(Guid orderId, int times) => _failuresLeft[orderId] = times;

    public void AlwaysFail(Guid orderId) => _alwaysFail[orderId] = true;

    public void Fix(Guid orderId) => _alwaysFail.TryRemove(orderId, out _);

    public int CallsFor(Guid orderId) => _calls.GetValueOrDefault(orderId);

    public Task Started(Guid orderId) => _started.GetOrAdd(orderId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    internal void Called(Guid orderId)
    {
        _calls.AddOrUpdate(orderId, 1, (_, n) => n + 1);
        _started.GetOrAdd(orderId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }

    internal bool ShouldFail(Guid orderId)
    {
        if (_alwaysFail.ContainsKey(orderId))
        {
            return true;
        }

        while (_failuresLeft.TryGetValue(orderId, out var left) && left > 0)
        {
            if (_failuresLeft.TryUpdate(orderId, left - 1, left))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>Records an effect row in the handler's transaction, then fails if the script says so (so a failure must roll the effect back).</summary>
public sealed class RecordEffect(HandlerScript script, IOutbox outbox) : IEventHandler<OrderPlaced>
{
    public async Task HandleAsync(OrderPlaced @event, EventContext context, CancellationToken ct)
    {
        script.Called(@event.OrderId);
        await using (var command = new NpgsqlCommand(
            "INSERT INTO effects (message_id, order_id, sequence, attempt, correlation_id, causation_id, traceparent) VALUES ($1, $2, $3, $4, $5, $6, $7)",
            context.Connection, context.Transaction))
        {
            command.Parameters.Add(new() { Value = context.Envelope.MessageId });
            command.Parameters.Add(new() { Value = @event.OrderId });
            command.Parameters.Add(new() { Value = @event.Sequence });
            command.Parameters.Add(new() { Value = context.Attempt });
            command.Parameters.Add(new() { Value = (object?)context.Envelope.CorrelationId ?? DBNull.Value });
            command.Parameters.Add(new() { Value = (object?)context.Envelope.CausationId ?? DBNull.Value });
            command.Parameters.Add(new() { Value = (object?)context.Envelope.TraceParent ?? DBNull.Value });
            await command.ExecuteNonQueryAsync(ct);
        }

        if (@event.Note == "ship")
        {
            await outbox.AddAsync(context.Connection, context.Transaction, new OrderShipped(@event.OrderId), ct);
        }

        if (script.Delay > TimeSpan.Zero)
        {
            await Task.Delay(script.Delay, ct);
        }

        if (script.ShouldFail(@event.OrderId))
        {
            throw new InvalidOperationException($"scripted failure for order {@event.OrderId}");
        }
    }
}

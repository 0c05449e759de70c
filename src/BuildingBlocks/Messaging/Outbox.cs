using System.Diagnostics;
using Brigade.Contracts;
using Brigade.ServiceDefaults;
using Npgsql;
using NpgsqlTypes;

namespace Brigade.Messaging;

internal sealed class Outbox(EventSerializer serializer, ServiceIdentity service, TimeProvider clock, RelayWakeup wakeup) : IOutbox
{
    private const string InsertSql = """
        INSERT INTO messaging_outbox (message_id, type, version, payload, occurred_at, correlation_id, causation_id, traceparent, tracestate, producer)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
        """;

    private readonly string _producer = $"{service.Name}/{service.InstanceId}";

    public async Task AddAsync<TEvent>(NpgsqlConnection connection, NpgsqlTransaction transaction, TEvent @event, CancellationToken ct = default)
        where TEvent : IIntegrationEvent
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(@event);
        if (!ReferenceEquals(transaction.Connection, connection))
        {
            throw new ArgumentException("The transaction must belong to the connection (the event is written in that transaction).", nameof(transaction));
        }

        var type = EventType.Of(@event.GetType());
        var payload = serializer.Serialize(@event);
        var messageId = Guid.CreateVersion7();
        var cause = CurrentMessage.Envelope;
        var activity = Activity.Current;

        await using var command = new NpgsqlCommand(InsertSql, connection, transaction)
        {
            Parameters =
            {
                new() { Value = messageId },
                new() { Value = type.Name },
                new() { Value = type.Version },
                new() { Value = payload, NpgsqlDbType = NpgsqlDbType.Json },
                new() { Value = clock.GetUtcNow() },
                new() { Value = (object?)(cause?.CorrelationId ?? activity?.TraceId.ToHexString() ?? messageId.ToString()) ?? DBNull.Value },
                new() { Value = (object?)cause?.MessageId.ToString() ?? DBNull.Value },
                new() { Value = (object?)(activity?.IdFormat == ActivityIdFormat.W3C ? activity.Id : null) ?? DBNull.Value },
                new() { Value = (object?)(activity?.IdFormat == ActivityIdFormat.W3C ? activity.TraceStateString : null) ?? DBNull.Value },
                new() { Value = _producer },
            },
        };
        // Prepared once per physical connection (Npgsql keeps it across pool returns): parsing and planning are a
        // noticeable share of the database's work per event.
        await command.PrepareAsync(ct);
        await command.ExecuteNonQueryAsync(ct);
        wakeup.Nudge();
    }
}

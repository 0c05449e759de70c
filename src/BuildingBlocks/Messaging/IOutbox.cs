using Brigade.Contracts;
using Npgsql;

namespace Brigade.Messaging;

/// <summary>
/// Publishing: the event is written to the outbox in the caller's transaction and published by the
/// relay after that transaction commits. A rolled-back transaction publishes nothing.
/// </summary>
public interface IOutbox
{
    Task AddAsync<TEvent>(NpgsqlConnection connection, NpgsqlTransaction transaction, TEvent @event, CancellationToken ct = default)
        where TEvent : IIntegrationEvent;
}

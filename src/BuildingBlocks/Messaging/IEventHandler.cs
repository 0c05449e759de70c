using Brigade.Contracts;

namespace Brigade.Messaging;

/// <summary>
/// Handles one event type for this service. Write through <see cref="EventContext.Connection"/> and
/// <see cref="EventContext.Transaction"/>: the message is recorded as handled in that same transaction,
/// so the handler's effect happens exactly once. Throwing rolls everything back and retries later.
/// </summary>
public interface IEventHandler<in TEvent> where TEvent : IIntegrationEvent
{
    Task HandleAsync(TEvent @event, EventContext context, CancellationToken ct);
}

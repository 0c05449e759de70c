namespace Brigade.Contracts;

/// <summary>
/// What travels with every event besides its payload. <paramref name="Type"/> is the event name and the
/// routing key; <paramref name="CorrelationId"/> is shared by every message of one flow and
/// <paramref name="CausationId"/> is the id of the message whose handling produced this one;
/// <paramref name="TraceParent"/>/<paramref name="TraceState"/> are W3C trace context;
/// <paramref name="Producer"/> is <c>service/instance</c>.
/// </summary>
public sealed record Envelope(
    Guid MessageId,
    string Type,
    int Version,
    DateTimeOffset OccurredAt,
    string? CorrelationId,
    string? CausationId,
    string? TraceParent,
    string? TraceState,
    string Producer);

using System.Collections.Concurrent;
using System.Text.Json.Serialization;
using Brigade.Contracts;
using Brigade.Messaging;
using Npgsql;

namespace Brigade.Bench.Events;

[IntegrationEvent("bench.ticket.printed")]
public sealed record TicketPrinted(int Sequence, Guid TicketId, string Station) : IIntegrationEvent;

[JsonSerializable(typeof(TicketPrinted))]
internal sealed partial class BenchEventsJsonContext : JsonSerializerContext;

/// <summary>Which sequence number each message carried, so the consume span can be matched to its commit.</summary>
public sealed class Deliveries
{
    public ConcurrentDictionary<Guid, int> SequenceOf { get; } = new();
}

/// <summary>A typical small handler: one row written in the message's transaction.</summary>
public sealed class RecordTicket(Deliveries deliveries) : IEventHandler<TicketPrinted>
{
    public async Task HandleAsync(TicketPrinted @event, EventContext context, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("INSERT INTO bench_effects (sequence) VALUES ($1)", context.Connection, context.Transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = @event.Sequence });
        await command.ExecuteNonQueryAsync(ct);
        deliveries.SequenceOf[context.Envelope.MessageId] = @event.Sequence;
    }
}

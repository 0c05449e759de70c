using Dapper;
using Npgsql;

namespace Brigade.Payments.Data;

/// <summary>Provider notifications already handled, by the provider's event id.</summary>
public sealed class ProviderEventStore(NpgsqlDataSource db)
{
    public async Task<bool> SeenAsync(string eventId, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return await c.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT EXISTS (SELECT 1 FROM provider_events WHERE event_id = @eventId)", new { eventId }, cancellationToken: ct));
    }

    public async Task RecordAsync(string eventId, string eventType, DateTimeOffset now, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        await c.ExecuteAsync(new CommandDefinition("""
            INSERT INTO provider_events (event_id, event_type, received_at) VALUES (@eventId, @eventType, @now) ON CONFLICT DO NOTHING
            """, new { eventId, eventType, now = now.ToUniversalTime() }, cancellationToken: ct));
    }
}

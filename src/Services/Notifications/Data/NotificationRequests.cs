using Dapper;
using Npgsql;

namespace Brigade.Notifications.Data;

/// <summary>
/// The requests already delivered, by request id: a <c>notifications.notification.requested</c> sent twice (a publisher's
/// retry, a replay) reaches people once. The handlers of reservation events record the id of what they announced (the
/// notify-me request, the waitlist entry, the reservation whose deposit is due) here too, so a request carrying the same
/// id for the same news is not delivered a second time.
/// </summary>
public static class NotificationRequests
{
    /// <summary>True when <paramref name="requestId"/> is new (and is now recorded in the caller's transaction).</summary>
    public static async Task<bool> TryRecordAsync(NpgsqlConnection c, NpgsqlTransaction tx, Guid requestId, DateTimeOffset at, CancellationToken ct) =>
        await c.ExecuteAsync(new CommandDefinition(
            "INSERT INTO notification_requests (request_id, received_at) VALUES (@requestId, @at) ON CONFLICT (request_id) DO NOTHING",
            new { requestId, at }, tx, cancellationToken: ct)) == 1;
}

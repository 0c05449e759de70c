using Brigade.Contracts.Notifications;
using Brigade.Messaging;
using Brigade.Notifications.Api;
using Brigade.Notifications.Hubs;
using Microsoft.AspNetCore.SignalR;

namespace Brigade.Notifications.Events;

/// <summary>
/// Pushes a new inbox item to its person's live connections. One replica handles the event (the service's queue);
/// the hub's Redis backplane carries the push to the connections every replica holds. The item is already
/// committed (it came through the outbox); a connection that misses it live finds it in <c>GET /api/notifications</c>.
/// </summary>
public sealed class PushNotificationLive(IHubContext<NotificationsHub> hub, ILogger<PushNotificationLive> logger) : IEventHandler<NotificationCreated>
{
    public async Task HandleAsync(NotificationCreated e, EventContext context, CancellationToken ct)
    {
        var item = new NotificationItem(e.NotificationId, e.Type, e.Title, e.Body, e.CreatedAt, null, e.RestaurantId, e.Link);
        try
        {
            await hub.Clients.Group(NotificationsHub.UserGroup(e.UserId)).SendAsync(NotificationsHub.ClientMethod, item, ct);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            // A live push is worth nothing minutes later: no retry, no dead letter; the inbox has the item.
            logger.LogWarning(error, "Notification {NotificationId} could not be pushed live", e.NotificationId);
        }
    }
}

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
public sealed class PushNotificationLive(IHubContext<NotificationsHub> hub) : IEventHandler<NotificationCreated>
{
    public Task HandleAsync(NotificationCreated e, EventContext context, CancellationToken ct)
    {
        var item = new NotificationItem(e.NotificationId, e.Type, e.Title, e.Body, e.CreatedAt, null, e.RestaurantId, e.Link);

        // After the inbox entry commits, so a message handled again (a failed commit) is never pushed twice. A failed
        // push is logged there and not retried: a live push is worth nothing minutes later, and the inbox has the item.
        context.OnCommitted(() => hub.Clients.Group(NotificationsHub.UserGroup(e.UserId)).SendAsync(NotificationsHub.ClientMethod, item, CancellationToken.None));
        return Task.CompletedTask;
    }
}

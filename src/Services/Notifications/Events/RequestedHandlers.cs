using Brigade.Contracts.Notifications;
using Brigade.Messaging;
using Brigade.Notifications.Data;
using Brigade.Notifications.Domain;

namespace Brigade.Notifications.Events;

/// <summary>
/// <c>notifications.notification.requested</c>: how every other service tells people something. The audience is resolved
/// here (the user ids, plus the restaurant's members in the roles named, as learnt from membership events), each person
/// once; each gets the Korean or English text by their language, in the inbox and live (with the restaurant and the
/// link), and by email, SMS and push as their preferences say — after their quiet hours unless the request is urgent.
/// A request id already delivered is ignored.
/// </summary>
public sealed class DeliverRequestedNotification(Notifier notifier, TimeProvider clock, ILogger<DeliverRequestedNotification> logger)
    : IEventHandler<NotificationRequested>
{
    private const int MaxTitle = 200;
    private const int MaxBody = 4000;

    public async Task HandleAsync(NotificationRequested e, EventContext context, CancellationToken ct)
    {
        if (!await NotificationRequests.TryRecordAsync(context.Connection, context.Transaction, e.RequestId, clock.GetUtcNow(), ct))
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(e.Title) || string.IsNullOrWhiteSpace(e.Body) || string.IsNullOrWhiteSpace(e.Type))
        {
            // Nothing a person could read: recorded as handled, not retried (it would never get better).
            logger.LogWarning("Notification request {RequestId} of type {Type} has no title or body; nothing sent", e.RequestId, e.Type);
            return;
        }

        var recipients = new List<Guid>(e.Audience.UserIds ?? []);
        if (e.Audience.RestaurantId is { } restaurantId && e.Audience.RestaurantRoles is { Count: > 0 } roles)
        {
            recipients.AddRange(await Recipients.MembersAsync(context.Connection, context.Transaction, restaurantId, roles, ct));
        }

        var link = e.Link is { Length: > 0 } path && path.StartsWith('/') && !path.StartsWith("//", StringComparison.Ordinal) ? path : null;
        foreach (var userId in recipients.Where(id => id != Guid.Empty).Distinct())
        {
            await notifier.NotifyAsync(context.Connection, context.Transaction, userId, e.Audience.RestaurantId,
                locale => Templates.Requested(locale, Clip(e.Type, 100), Clip(e.Title, MaxTitle), Clip(e.Body, MaxBody), ClipOptional(e.TitleEn, MaxTitle), ClipOptional(e.BodyEn, MaxBody), link),
                ct, e.Urgent);
        }
    }

    private static string Clip(string text, int max) => text.Length <= max ? text : text[..max];

    private static string? ClipOptional(string? text, int max) => text is null ? null : Clip(text, max);
}

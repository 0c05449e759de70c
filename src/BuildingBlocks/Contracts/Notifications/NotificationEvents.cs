using System.Text.Json.Serialization;

namespace Brigade.Contracts.Notifications;

/// <summary>
/// An in-app notification was put in <paramref name="UserId"/>'s inbox. The notifications service consumes it and
/// pushes it, through its hub's Redis backplane, to the person's live connections on every replica (SignalR method
/// <c>notification</c>).
/// <paramref name="RestaurantId"/> is set when the notification is about one restaurant's business.
/// </summary>
[IntegrationEvent("notifications.notification.created")]
public sealed record NotificationCreated(
    Guid NotificationId,
    Guid UserId,
    Guid? RestaurantId,
    string Type,
    string Title,
    string Body,
    DateTimeOffset CreatedAt) : IIntegrationEvent;

[JsonSerializable(typeof(NotificationCreated))]
internal sealed partial class NotificationEventsJsonContext : JsonSerializerContext;

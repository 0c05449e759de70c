using System.Text.Json.Serialization;

namespace Brigade.Contracts.Notifications;

/// <summary>
/// An in-app notification was put in <paramref name="UserId"/>'s inbox. The notifications service consumes it and
/// pushes it, through its hub's Redis backplane, to the person's live connections on every replica (SignalR method
/// <c>notification</c>).
/// <paramref name="RestaurantId"/> is set when the notification is about one restaurant's business; <paramref name="Link"/>
/// (optional, added later) is the web-app path it is about.
/// </summary>
[IntegrationEvent("notifications.notification.created")]
public sealed record NotificationCreated(
    Guid NotificationId,
    Guid UserId,
    Guid? RestaurantId,
    string Type,
    string Title,
    string Body,
    DateTimeOffset CreatedAt,
    string? Link = null) : IIntegrationEvent;

/// <summary>
/// Who a requested notification is for: the people in <paramref name="UserIds"/>, and — when <paramref name="RestaurantId"/>
/// is set and <paramref name="RestaurantRoles"/> is not empty — that restaurant's members in those roles (<c>owner</c>, <c>manager</c>, <c>staff</c>).
/// </summary>
public sealed record NotificationAudience(IReadOnlyList<Guid> UserIds, Guid? RestaurantId, IReadOnlyList<string> RestaurantRoles);

/// <summary>
/// A service asks notifications to tell people something: the one way services without their own templates in
/// notifications (ordering, payments, inventory, staff, jobs, chat, iot) reach a person's inbox, e-mail and push.
/// <paramref name="Type"/> is a stable code (<c>ordering.order.ready</c>) that preferences and quiet hours key on;
/// <paramref name="Title"/>/<paramref name="Body"/> are Korean, <paramref name="TitleEn"/>/<paramref name="BodyEn"/> English;
/// <paramref name="Link"/> is a path in the web app (<c>/orders/…</c>). <paramref name="Urgent"/> ignores quiet hours
/// (a freezer alarm). The same <paramref name="RequestId"/> is delivered once.
/// </summary>
[IntegrationEvent("notifications.notification.requested")]
public sealed record NotificationRequested(
    Guid RequestId,
    NotificationAudience Audience,
    string Type,
    string Title,
    string Body,
    string? TitleEn,
    string? BodyEn,
    string? Link,
    bool Urgent,
    DateTimeOffset RequestedAt) : IIntegrationEvent;

[JsonSerializable(typeof(NotificationCreated))]
[JsonSerializable(typeof(NotificationRequested))]
internal sealed partial class NotificationEventsJsonContext : JsonSerializerContext;

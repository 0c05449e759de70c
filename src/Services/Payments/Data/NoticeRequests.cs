using Brigade.Contracts.Notifications;
using Brigade.Payments.Domain;

namespace Brigade.Payments.Data;

/// <summary>A <see cref="Notice"/> as the request the notifications service delivers (written to the outbox with the fact it tells of).</summary>
public static class NoticeRequests
{
    public static NotificationRequested For(Notice n, IReadOnlyList<Guid> users, DateTimeOffset now) =>
        new(Guid.CreateVersion7(), new NotificationAudience(users, null, []), n.Type, n.Title, n.Body, n.TitleEn, n.BodyEn, n.Link, false, now);

    /// <summary>For a restaurant's owners and managers (the people who see its money).</summary>
    public static NotificationRequested ForRestaurant(Notice n, Guid restaurantId, DateTimeOffset now) =>
        new(Guid.CreateVersion7(), new NotificationAudience([], restaurantId, ["owner", "manager"]), n.Type, n.Title, n.Body, n.TitleEn, n.BodyEn, n.Link, false, now);
}

using Brigade.Contracts.Notifications;
using Brigade.Messaging;
using Brigade.Notifications.Domain;
using Dapper;
using Microsoft.Extensions.Options;
using NodaTime;
using Npgsql;

namespace Brigade.Notifications.Data;

/// <summary>
/// Turns a message into what the person asked for, inside the caller's transaction: an inbox item (announced to
/// every replica as <see cref="NotificationCreated"/> through the outbox, so live delivery happens only after commit),
/// and email, SMS and push deliveries, held back until the end of the person's quiet hours unless urgent.
/// </summary>
public sealed class Notifier(IOutbox outbox, IOptions<NotificationsOptions> options, TimeProvider clock)
{
    /// <summary>
    /// Notifies <paramref name="userId"/> with the message <paramref name="compose"/> writes in their language; returns the
    /// inbox item id, if any. <paramref name="urgent"/> sends email, SMS and push at once, even in quiet hours.
    /// </summary>
    public async Task<Guid?> NotifyAsync(NpgsqlConnection c, NpgsqlTransaction tx, Guid userId, Guid? restaurantId, Func<string, Message> compose,
        CancellationToken ct, bool urgent = false)
    {
        var now = clock.GetUtcNow();
        var person = await Recipients.FindAsync(c, tx, userId, ct);
        var preferences = await PreferenceStore.LoadAsync(c, tx, userId, ct);
        var message = compose(person?.Locale ?? Locales.Korean);

        Guid? notificationId = null;
        if (preferences.Allows(Channels.InApp))
        {
            notificationId = Guid.CreateVersion7();
            await c.ExecuteAsync(new CommandDefinition("""
                INSERT INTO notifications (id, user_id, restaurant_id, type, title, body, link, created_at)
                VALUES (@notificationId, @userId, @restaurantId, @Type, @Title, @Body, @Link, @now)
                """, new { notificationId, userId, restaurantId, message.Type, message.Title, message.Body, message.Link, now }, tx, cancellationToken: ct));
            await outbox.AddAsync(c, tx, new NotificationCreated(notificationId.Value, userId, restaurantId, message.Type, message.Title, message.Body, now, message.Link), ct);
        }

        var dueAt = !urgent && preferences.Quiet is { } quiet ? quiet.ReleaseAt(Instant.FromDateTimeOffset(now)).ToDateTimeOffset() : now;
        if (preferences.Allows(Channels.Email) && !string.IsNullOrWhiteSpace(person?.Email))
        {
            await Deliveries.AddAsync(c, tx, notificationId, userId, Channels.Email, person.Email, message.EmailSubject, EmailBody(message), message.Type, dueAt, now, ct, message.Invitation);
        }

        if (preferences.Allows(Channels.Sms) && !string.IsNullOrWhiteSpace(person?.Phone))
        {
            await Deliveries.AddAsync(c, tx, notificationId, userId, Channels.Sms, person.Phone, message.Title, message.Body, message.Type, dueAt, now, ct);
        }

        if (preferences.Allows(Channels.Push))
        {
            foreach (var device in await PreferenceStore.DevicesAsync(c, tx, userId, ct))
            {
                await Deliveries.AddAsync(c, tx, notificationId, userId, Channels.Push, device, message.Title, message.Body, message.Type, dueAt, now, ct);
            }
        }

        return notificationId;
    }

    /// <summary>
    /// An account email (verification, password reset, password changed): sent to the address given, whatever the
    /// preferences and quiet hours, because the person is waiting for it or must know at once. It never goes to the
    /// inbox (it may carry a secret link).
    /// </summary>
    public Task EmailNowAsync(NpgsqlConnection c, NpgsqlTransaction tx, Guid userId, string email, Message message, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        return Deliveries.AddAsync(c, tx, null, userId, Channels.Email, email, message.EmailSubject, EmailBody(message), message.Type, now, now, ct);
    }

    /// <summary>A text message now to a phone number of someone without an account here (a walk-in party on the waitlist).</summary>
    public Task SmsNowAsync(NpgsqlConnection c, NpgsqlTransaction tx, string phone, Message message, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        return Deliveries.AddAsync(c, tx, null, null, Channels.Sms, phone, message.Title, message.Body, message.Type, now, now, ct);
    }

    /// <summary>The email text ends with the full address of what the message is about, when it has a link.</summary>
    private string EmailBody(Message message) =>
        message.Link is { Length: > 0 } link ? message.EmailBody + "\r\n\r\n" + options.Value.PublicBaseUrl.TrimEnd('/') + link : message.EmailBody;
}

using Brigade.Contracts.Notifications;
using Brigade.Messaging;
using Brigade.Notifications.Domain;
using Dapper;
using NodaTime;
using Npgsql;

namespace Brigade.Notifications.Data;

/// <summary>
/// Turns a message into what the person asked for, inside the caller's transaction: an inbox item (announced to
/// every replica as <see cref="NotificationCreated"/> through the outbox, so live delivery happens only after commit),
/// and email, SMS and push deliveries, held back until the end of the person's quiet hours.
/// </summary>
public sealed class Notifier(IOutbox outbox, TimeProvider clock)
{
    /// <summary>Notifies <paramref name="userId"/> with the message <paramref name="compose"/> writes in their locale; returns the inbox item id, if any.</summary>
    public async Task<Guid?> NotifyAsync(NpgsqlConnection c, NpgsqlTransaction tx, Guid userId, Guid? restaurantId, Func<string, Message> compose, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var person = await Recipients.FindAsync(c, tx, userId, ct);
        var preferences = await Preferences.LoadAsync(c, tx, userId, ct);
        var message = compose(person?.Locale ?? Locales.Korean);

        Guid? notificationId = null;
        if (preferences.Allows(Channels.InApp))
        {
            notificationId = Guid.CreateVersion7();
            await c.ExecuteAsync(new CommandDefinition("""
                INSERT INTO notifications (id, user_id, restaurant_id, type, title, body, created_at)
                VALUES (@notificationId, @userId, @restaurantId, @Type, @Title, @Body, @now)
                """, new { notificationId, userId, restaurantId, message.Type, message.Title, message.Body, now }, tx, cancellationToken: ct));
            await outbox.AddAsync(c, tx, new NotificationCreated(notificationId.Value, userId, restaurantId, message.Type, message.Title, message.Body, now), ct);
        }

        var dueAt = preferences.Quiet is { } quiet ? quiet.ReleaseAt(Instant.FromDateTimeOffset(now)).ToDateTimeOffset() : now;
        if (preferences.Allows(Channels.Email) && !string.IsNullOrWhiteSpace(person?.Email))
        {
            await Deliveries.AddAsync(c, tx, notificationId, userId, Channels.Email, person.Email, message.EmailSubject, message.EmailBody, message.Type, dueAt, now, ct, message.Invitation);
        }

        if (preferences.Allows(Channels.Sms) && !string.IsNullOrWhiteSpace(person?.Phone))
        {
            await Deliveries.AddAsync(c, tx, notificationId, userId, Channels.Sms, person.Phone, message.Title, message.Body, message.Type, dueAt, now, ct);
        }

        if (preferences.Allows(Channels.Push))
        {
            foreach (var device in await Preferences.DevicesAsync(c, tx, userId, ct))
            {
                await Deliveries.AddAsync(c, tx, notificationId, userId, Channels.Push, device, message.Title, message.Body, message.Type, dueAt, now, ct);
            }
        }

        return notificationId;
    }

    /// <summary>
    /// An account email (verification, password reset): sent to the address given, whatever the preferences and
    /// quiet hours, because the person is waiting for it. It never goes to the inbox (it carries a secret link).
    /// </summary>
    public Task EmailNowAsync(NpgsqlConnection c, NpgsqlTransaction tx, Guid userId, string email, Message message, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        return Deliveries.AddAsync(c, tx, null, userId, Channels.Email, email, message.EmailSubject, message.EmailBody, message.Type, now, now, ct);
    }
}

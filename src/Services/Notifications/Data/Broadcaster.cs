using Brigade.Notifications.Domain;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Brigade.Notifications.Data;

public enum Audience { User, Role, RestaurantStaff }

/// <summary>Sends one message to an audience in one transaction: everyone gets it, or (on failure) no one.</summary>
public sealed class Broadcaster(NpgsqlDataSource db, Notifier notifier, IOptions<NotificationsOptions> options)
{
    /// <summary>The recipients reached and their inbox item ids; null recipients when the audience is larger than allowed.</summary>
    public async Task<(int Recipients, IReadOnlyList<Guid> NotificationIds, bool TooMany)> SendAsync(
        Audience audience, Guid? userId, string? role, Guid? restaurantId, Message message, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        IReadOnlyList<Guid> recipients = audience switch
        {
            Audience.User => [userId!.Value],
            Audience.Role => await Recipients.WithRoleAsync(connection, transaction, role!, ct),
            _ => await Recipients.StaffOfAsync(connection, transaction, restaurantId!.Value, ct),
        };
        if (recipients.Count > options.Value.SendMaxRecipients)
        {
            return (recipients.Count, [], true);
        }

        var ids = new List<Guid>();
        foreach (var recipient in recipients)
        {
            if (await notifier.NotifyAsync(connection, transaction, recipient, restaurantId, _ => message, ct) is { } id)
            {
                ids.Add(id);
            }
        }

        await transaction.CommitAsync(ct);
        return (recipients.Count, ids, false);
    }
}

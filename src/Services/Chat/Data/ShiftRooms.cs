using Brigade.Chat.Domain;
using Brigade.Messaging;
using Dapper;
using Npgsql;

namespace Brigade.Chat.Data;

/// <summary>
/// The room of one job application: a worker and the restaurant's people. It opens when the worker applies (contacts
/// masked: they agree through the platform), unmasks when the shift is booked and masks again if it is cancelled.
/// Every step is keyed by the application, so a redelivered or out-of-order event finds the same room.
/// </summary>
public sealed class ShiftRooms(IOutbox outbox)
{
    public static string Subject(Guid applicationId) => "jobs.application:" + applicationId.ToString("N");

    public async Task<(MessageRow Message, IReadOnlyList<Guid> MemberIds)> ApplyAsync(
        NpgsqlConnection connection, NpgsqlTransaction tx, Guid applicationId, Guid restaurantId, Guid workerId, IReadOnlyList<Guid> contacts,
        string jobTitle, bool? booked, string body, string bodyEn, DateTimeOffset now, CancellationToken ct)
    {
        var subject = Subject(applicationId);
        var room = await connection.QuerySingleOrDefaultAsync<RoomRow>(new CommandDefinition(
            $"SELECT {RoomStore.RoomColumns} FROM rooms WHERE subject = @subject FOR UPDATE", new { subject }, tx, cancellationToken: ct))
            ?? await RoomStore.InsertRoomAsync(connection, tx, RoomKinds.Shift, restaurantId, jobTitle is { Length: > 0 } ? jobTitle : "근무", subject, booked != true, null, now, ct);
        if (booked is { } isBooked)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE rooms SET mask_contacts = @mask WHERE id = @id", new { id = room.Id, mask = !isBooked }, tx, cancellationToken: ct));
        }

        await RoomStore.AddMemberAsync(connection, tx, room.Id, workerId, "worker", Sides.Worker, now, ct);
        var restaurantSide = contacts.Count > 0 ? contacts : await StaffStore.ManagersAsync(connection, tx, restaurantId, ct);
        foreach (var contact in restaurantSide.Where(c => c != workerId))
        {
            await RoomStore.AddMemberAsync(connection, tx, room.Id, contact, "staff", Sides.Restaurant, now, ct);
        }

        var message = await MessageStore.AppendAsync(connection, tx, outbox, room.Id, null, MessageKinds.System, body, bodyEn, null, null, now, ct);
        return (message, await RoomStore.MemberIdsAsync(connection, tx, room.Id, ct));
    }
}

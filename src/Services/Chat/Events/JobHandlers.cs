using Brigade.Chat.Data;
using Brigade.Chat.Hubs;
using Brigade.Contracts.Jobs;
using Brigade.Messaging;

namespace Brigade.Chat.Events;

/// <summary>A worker applied: a room with the restaurant's owners and managers opens, contacts masked until a booking.</summary>
public sealed class OpenApplicationRoom(ShiftRooms rooms, ChatFanout fanout) : IEventHandler<ApplicationSubmitted>
{
    public async Task HandleAsync(ApplicationSubmitted e, EventContext context, CancellationToken ct)
    {
        var (message, members) = await rooms.ApplyAsync(context.Connection, context.Transaction, e.ApplicationId, e.RestaurantId, e.WorkerId, [],
            e.JobTitle, null, $"'{e.JobTitle}' 지원에 대한 대화방입니다. 근무가 확정될 때까지 연락처는 가려집니다.",
            $"Conversation about the application to '{e.JobTitle}'. Phone numbers and e-mail addresses stay hidden until the shift is booked.",
            e.SubmittedAt, ct);
        context.OnCommitted(() => fanout.MessageAsync(message, members));
    }
}

/// <summary>The shift is booked: the worker and the restaurant's contacts talk in the application's room, contacts unmasked.</summary>
public sealed class OpenShiftRoom(ShiftRooms rooms, ChatFanout fanout) : IEventHandler<ApplicationAccepted>
{
    public async Task HandleAsync(ApplicationAccepted e, EventContext context, CancellationToken ct)
    {
        var (message, members) = await rooms.ApplyAsync(context.Connection, context.Transaction, e.ApplicationId, e.RestaurantId, e.WorkerId,
            e.ContactUserIds, e.JobTitle, true, $"'{e.JobTitle}' 근무가 확정되었습니다.", $"The shift '{e.JobTitle}' is booked.", e.AcceptedAt, ct);
        context.OnCommitted(() => fanout.MessageAsync(message, members));
    }
}

/// <summary>The booked shift was cancelled: the room stays, with contacts masked again.</summary>
public sealed class NoteCancelledShift(ShiftRooms rooms, ChatFanout fanout) : IEventHandler<ShiftCancelled>
{
    public async Task HandleAsync(ShiftCancelled e, EventContext context, CancellationToken ct)
    {
        var (message, members) = await rooms.ApplyAsync(context.Connection, context.Transaction, e.ApplicationId, e.RestaurantId, e.WorkerId, [],
            "", false, "근무가 취소되었습니다. 연락처는 다시 가려집니다.", "The shift was cancelled. Contact details are hidden again.", e.CancelledAt, ct);
        context.OnCommitted(() => fanout.MessageAsync(message, members));
    }
}

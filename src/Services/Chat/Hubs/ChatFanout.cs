using Brigade.Chat.Api;
using Brigade.Chat.Data;
using Microsoft.AspNetCore.SignalR;

namespace Brigade.Chat.Hubs;

/// <summary>
/// Live delivery to a room's members: each member's connections (on any replica, through the Redis backplane) are in
/// their user group. It runs after the message is committed; a connection that misses a push catches up from the
/// history (<c>?after=</c> its last seq), so a failed push is logged, never retried.
/// </summary>
public sealed class ChatFanout(IHubContext<ChatHub> hub, ILogger<ChatFanout> logger)
{
    public Task MessageAsync(MessageRow message, IReadOnlyList<Guid> memberIds) =>
        SendAsync(memberIds, ChatHub.MessageMethod, MessageResponse.From(message));

    public Task ChangedAsync(MessageRow message, IReadOnlyList<Guid> memberIds) =>
        SendAsync(memberIds, ChatHub.ChangedMethod, MessageResponse.From(message));

    public Task TypingAsync(Guid roomId, Guid userId, IReadOnlyList<Guid> memberIds) =>
        SendAsync(memberIds.Where(id => id != userId).ToList(), ChatHub.TypingMethod, new TypingEvent(roomId, userId));

    public Task ReadAsync(Guid roomId, Guid userId, long seq, IReadOnlyList<Guid> memberIds) =>
        SendAsync(memberIds, ChatHub.ReadMethod, new ReadEvent(roomId, userId, seq));

    private async Task SendAsync(IReadOnlyList<Guid> userIds, string method, object payload)
    {
        if (userIds.Count == 0)
        {
            return;
        }

        try
        {
            await hub.Clients.Groups(userIds.Select(ChatHub.UserGroup).ToList()).SendAsync(method, payload);
        }
        catch (Exception error)
        {
            logger.LogWarning(error, "Chat {Method} could not be pushed live", method);
        }
    }
}

using Brigade.Chat.Api;
using Brigade.Chat.Data;
using Brigade.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace Brigade.Chat.Hubs;

/// <summary>
/// Live chat (<c>/hubs/chat</c>; protocol in the README). Each connection joins its person's group, so several connections
/// of one person all receive. The client calls <c>send(roomId, {clientMessageId, text, imageUrl})</c> (answered with the
/// stored message), <c>typing(roomId)</c> and <c>read(roomId, seq)</c>; the server calls <c>message</c>,
/// <c>messageChanged</c>, <c>typing</c> and <c>read</c>. A room the caller is not in is "not found", as over HTTP.
/// </summary>
[Authorize(Policy = Policies.User)]
public sealed class ChatHub(Posting posting, RoomStore rooms, ChatFanout fanout, Presence presence) : Hub
{
    public const string Path = "/hubs/chat";

    /// <summary>The seed's socket path, for native clients that send <c>Authorization: Bearer</c> (the token is read from the query only under /hubs).</summary>
    public const string SeedPath = "/api/chat/socket";
    public const string MessageMethod = "message";
    public const string ChangedMethod = "messageChanged";
    public const string TypingMethod = "typing";
    public const string ReadMethod = "read";

    public static string UserGroup(Guid userId) => "user:" + userId.ToString("N");

    private Guid UserId => Context.User!.UserId();

    public override async Task OnConnectedAsync()
    {
        await Groups.AddToGroupAsync(Context.ConnectionId, UserGroup(UserId));
        await presence.ConnectedAsync(Context.ConnectionId, UserId);
        await base.OnConnectedAsync();
    }

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        await presence.DisconnectedAsync(Context.ConnectionId);
        await base.OnDisconnectedAsync(exception);
    }

    [HubMethodName("send")]
    public async Task<MessageResponse> SendAsync(Guid roomId, SendBody body) =>
        await posting.PostAsync(Context.User!, roomId, body, Context.ConnectionAborted) switch
        {
            PostOutcome.Stored stored => stored.Message,
            PostOutcome.Invalid invalid => throw new HubException("invalid: " + string.Join("; ", invalid.Errors.ToDictionary().Select(e => $"{e.Key}: {string.Join(" ", e.Value)}"))),
            PostOutcome.Limited => throw new HubException("too_many_requests: slow down"),
            _ => throw NotFound(),
        };

    [HubMethodName("typing")]
    public async Task TypingAsync(Guid roomId)
    {
        var members = await rooms.MembersSeenByAsync(roomId, UserId, Context.ConnectionAborted) ?? throw NotFound();
        await fanout.TypingAsync(roomId, UserId, members);
    }

    [HubMethodName("read")]
    public async Task<long> ReadAsync(Guid roomId, long seq)
    {
        var read = await rooms.MarkReadAsync(roomId, UserId, seq, Context.ConnectionAborted) ?? throw NotFound();
        var members = await rooms.MembersSeenByAsync(roomId, UserId, Context.ConnectionAborted) ?? throw NotFound();
        await fanout.ReadAsync(roomId, UserId, read, members);
        return read;
    }

    private static HubException NotFound() => new("not_found: no such room");
}

using Brigade.Api;
using Brigade.Chat.Data;
using Brigade.Chat.Hubs;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Brigade.Chat.Api;

/// <summary>The endpoints' dependencies and the request.</summary>
public sealed record ChatServices(
    RoomStore Rooms, MessageStore Messages, Posting Posting, ChatFanout Fanout, IOptions<ChatOptions> Options, TimeProvider Clock, HttpContext Http)
    : IApiRequest;

internal static class ChatProblems
{
    /// <summary>A room the caller is not in looks like no room at all.</summary>
    public static ProblemHttpResult RoomNotFound() => Problems.NotFound("room", "대화방");

    public static ProblemHttpResult MessageNotFound() => Problems.NotFound("message", "메시지");

    public static ProblemHttpResult Limited() => Problems.TooManyRequests(
        "You are sending messages too fast. Wait a moment.", "메시지를 너무 빨리 보내고 있습니다. 잠시 후 다시 보내 주세요.");
}

using Brigade.Api;
using Brigade.Chat.Data;
using Brigade.Chat.Domain;
using Brigade.Data;
using Brigade.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Brigade.Chat.Api;

public sealed record EditBody(string? Text);

public sealed record ReportBody(string? Reason);

public static class MessagesApi
{
    public const string Tag = "Chat messages";

    public static RouteGroupBuilder MapMessages(this RouteGroupBuilder api)
    {
        api.MapGet("/rooms/{id:guid}/messages", HistoryAsync).RequireAuthorization(Policies.User)
            .WithName("ChatHistory")
            .WithSummary("A room's messages, newest first and cursor-paged; ?after=<seq> gives the ones after a number, oldest first (members only)")
            .WithTags(Tag).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/rooms/{id:guid}/messages", SendAsync).RequireAuthorization(Policies.User)
            .WithName("SendChatMessage")
            .WithSummary("Send a message (stored before it is acknowledged); the same clientMessageId again returns the stored one with 200")
            .WithTags(Tag).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status429TooManyRequests);
        api.MapPatch("/rooms/{id:guid}/messages/{messageId:guid}", EditAsync).RequireAuthorization(Policies.User)
            .WithName("EditChatMessage").WithSummary("Edit one's own message within Chat:EditWindow")
            .WithTags(Tag).ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapDelete("/rooms/{id:guid}/messages/{messageId:guid}", DeleteAsync).RequireAuthorization(Policies.User)
            .WithName("DeleteChatMessage").WithSummary("Delete one's own message within Chat:EditWindow; it keeps its place without its text")
            .WithTags(Tag).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/rooms/{id:guid}/messages/{messageId:guid}/report", ReportAsync).RequireAuthorization(Policies.User)
            .WithName("ReportChatMessage").WithSummary("Report a message of one's room to the administrators")
            .WithTags(Tag).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    public static async Task<Results<Ok<Page<MessageResponse>>, ValidationProblem, ProblemHttpResult>> HistoryAsync(
        Guid id, int? limit, string? cursor, long? after, [AsParameters] ChatServices s)
    {
        var take = Paging.Limit(limit);
        var before = Paging.Decode<long?>(cursor);
        if (after is < 0)
        {
            return Problems.Invalid("after", "after must be 0 or more.", "after는 0 이상이어야 합니다.");
        }

        if (await s.Messages.HistoryAsync(id, s.User.UserId(), before, after, take, s.Ct) is not { } rows)
        {
            return ChatProblems.RoomNotFound();
        }

        // Catching up goes forward and needs no cursor: the client asks again with the last seq it got while a full page comes back.
        if (after is not null)
        {
            return TypedResults.Ok(new Page<MessageResponse>(rows.Take(take).Select(MessageResponse.From).ToList(), null));
        }

        var page = Paging.ToPage(rows, take, m => (long?)m.Seq);
        return TypedResults.Ok(new Page<MessageResponse>(page.Items.Select(MessageResponse.From).ToList(), page.NextCursor));
    }

    public static async Task<Results<Created<MessageResponse>, Ok<MessageResponse>, ValidationProblem, ProblemHttpResult>> SendAsync(
        Guid id, SendBody body, [AsParameters] ChatServices s) =>
        await s.Posting.PostAsync(s.User, id, body, s.Ct) switch
        {
            PostOutcome.Stored { Replayed: true } replay => TypedResults.Ok(replay.Message),
            PostOutcome.Stored stored => TypedResults.Created($"/api/chat/rooms/{id}/messages/{stored.Message.Id}", stored.Message),
            PostOutcome.Invalid invalid => Problems.Invalid(invalid.Errors),
            PostOutcome.Limited => ChatProblems.Limited(),
            _ => ChatProblems.RoomNotFound(),
        };

    public static async Task<Results<Ok<MessageResponse>, ValidationProblem, ProblemHttpResult>> EditAsync(
        Guid id, Guid messageId, EditBody body, [AsParameters] ChatServices s)
    {
        var errors = new FieldErrors();
        var text = errors.RequiredText("text", body.Text, MessageRules.MaxText);
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        return await ChangeAsync(id, messageId, text, s);
    }

    public static async Task<Results<Ok<MessageResponse>, ProblemHttpResult>> DeleteAsync(Guid id, Guid messageId, [AsParameters] ChatServices s) =>
        await ChangeAsync(id, messageId, null, s) switch
        {
            { Result: Ok<MessageResponse> ok } => ok,
            { Result: ProblemHttpResult problem } => problem,
            _ => throw new InvalidOperationException("A deletion answers with the message or a problem."),
        };

    private static async Task<Results<Ok<MessageResponse>, ValidationProblem, ProblemHttpResult>> ChangeAsync(
        Guid roomId, Guid messageId, string? text, ChatServices s)
    {
        switch (await s.Messages.ChangeAsync(roomId, messageId, s.User.UserId(), text, s.Options.Value.EditWindow, s.Clock.GetUtcNow(), s.Ct))
        {
            case ChangeResult.Changed changed:
                await s.Fanout.ChangedAsync(changed.Message, changed.MemberIds);
                return TypedResults.Ok(MessageResponse.From(changed.Message));
            case ChangeResult.Refused { Reason: MessageRules.Change.NotSender }:
                return Problems.Forbidden("Only its sender can change a message.", "보낸 사람만 메시지를 바꿀 수 있습니다.", "not_sender");
            case ChangeResult.Refused { Reason: MessageRules.Change.TooLate }:
                return Problems.Conflict("The time to change this message has passed.", "이 메시지를 바꿀 수 있는 시간이 지났습니다.", "edit_window_passed");
            case ChangeResult.Refused:
                return Problems.Conflict("The message was deleted or hidden.", "삭제되었거나 숨겨진 메시지입니다.", "message_gone");
            default:
                return ChatProblems.MessageNotFound();
        }
    }

    public static async Task<Results<Accepted, ValidationProblem, ProblemHttpResult>> ReportAsync(
        Guid id, Guid messageId, ReportBody body, [AsParameters] ChatServices s)
    {
        var errors = new FieldErrors();
        var reason = errors.RequiredText("reason", body.Reason, 500);
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        return await s.Messages.ReportAsync(id, messageId, s.User.UserId(), reason!, s.Clock.GetUtcNow(), s.Ct)
            ? TypedResults.Accepted((string?)null)
            : ChatProblems.MessageNotFound();
    }
}

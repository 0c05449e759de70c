using Brigade.Api;
using Brigade.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Brigade.Chat.Api;

public static class ModerationApi
{
    public const string Tag = "Chat moderation";

    public static RouteGroupBuilder MapModeration(this RouteGroupBuilder api)
    {
        api.MapGet("/reports", ReportsAsync).RequireAuthorization(Policies.Admin)
            .WithName("ChatReports").WithSummary("Reported messages not yet resolved, oldest first (administrators)").WithTags(Tag);
        api.MapPost("/messages/{messageId:guid}/hide", HideAsync).RequireAuthorization(Policies.Admin)
            .WithName("HideChatMessage").WithSummary("Hide a message from everyone and resolve its reports (administrators)")
            .WithTags(Tag).ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    public static async Task<Ok<IReadOnlyList<ReportResponse>>> ReportsAsync(int? limit, [AsParameters] ChatServices s)
    {
        var rows = await s.Messages.OpenReportsAsync(Brigade.Data.Paging.Limit(limit), s.Ct);
        return TypedResults.Ok<IReadOnlyList<ReportResponse>>(rows
            .Select(r => new ReportResponse(r.MessageId, r.RoomId, r.ReporterId, r.Reason, r.CreatedAt, r.SenderId, r.Body, r.HiddenAt is not null))
            .ToList());
    }

    public static async Task<Results<Ok<MessageResponse>, ProblemHttpResult>> HideAsync(Guid messageId, [AsParameters] ChatServices s)
    {
        if (await s.Messages.HideAsync(messageId, s.Clock.GetUtcNow(), s.Ct) is not { } hidden)
        {
            return ChatProblems.MessageNotFound();
        }

        await s.Fanout.ChangedAsync(hidden.Message, hidden.MemberIds);
        return TypedResults.Ok(MessageResponse.From(hidden.Message));
    }
}

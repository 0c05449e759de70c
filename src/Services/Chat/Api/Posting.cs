using System.Security.Claims;
using Brigade.Api;
using Brigade.Chat.Data;
using Brigade.Chat.Domain;
using Brigade.Chat.Hubs;
using Brigade.Security;

namespace Brigade.Chat.Api;

public abstract record PostOutcome
{
    public sealed record Stored(MessageResponse Message, bool Replayed) : PostOutcome;

    public sealed record Invalid(FieldErrors Errors) : PostOutcome;

    public sealed record NotFound : PostOutcome;

    public sealed record Limited : PostOutcome;
}

/// <summary>
/// Sending a message, the same over HTTP and the hub: checked, rate-limited, stored (with its event and offline notices)
/// and only then acknowledged and pushed to the room's members.
/// </summary>
public sealed class Posting(MessageStore messages, ChatFanout fanout, Presence presence, SendLimiter limiter, TimeProvider clock)
{
    public async Task<PostOutcome> PostAsync(ClaimsPrincipal user, Guid roomId, SendBody? body, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var clientMessageId = errors.OptionalText("clientMessageId", body?.ClientMessageId, 64);
        var text = errors.OptionalText("text", body?.Text, MessageRules.MaxText);
        var imageUrl = errors.Url("imageUrl", body?.ImageUrl, required: false);
        if (text is null && imageUrl is null && !errors.Has("text") && !errors.Has("imageUrl"))
        {
            errors.Add("text", "Write a text or attach an image URL.", "내용을 입력하거나 이미지 URL을 첨부하세요.");
        }

        if (!errors.IsEmpty)
        {
            return new PostOutcome.Invalid(errors);
        }

        var userId = user.UserId();
        if (!limiter.TryTake(userId))
        {
            return new PostOutcome.Limited();
        }

        var kind = imageUrl is null ? MessageKinds.Text : MessageKinds.Image;
        var result = await messages.PostAsync(roomId, userId, kind, text, imageUrl, clientMessageId, user.DisplayName(),
            presence.OnlineAsync, clock.GetUtcNow(), ct);
        switch (result)
        {
            case PostResult.Posted posted:
                await fanout.MessageAsync(posted.Message, posted.MemberIds);
                return new PostOutcome.Stored(MessageResponse.From(posted.Message), false);
            case PostResult.Replayed replayed:
                return new PostOutcome.Stored(MessageResponse.From(replayed.Message), true);
            default:
                return new PostOutcome.NotFound();
        }
    }
}

internal static class People
{
    public static string DisplayName(this ClaimsPrincipal user) =>
        user.FindFirstValue(ClaimNames.Name) is { Length: > 0 } name ? name[..Math.Min(name.Length, 50)] : "Brigade";
}

using System.Text.RegularExpressions;
using Brigade.Api;
using Brigade.Data;
using Brigade.Notifications.Data;
using Brigade.Notifications.Domain;
using Brigade.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Brigade.Notifications.Api;

/// <summary>
/// One inbox item, as the API lists it and the hub pushes it. <see cref="RestaurantId"/> is set when it is about one
/// restaurant's business; <see cref="Link"/> is the web-app path it is about (<c>/manage/…?date=…&amp;reservation=…</c>).
/// </summary>
public sealed record NotificationItem(Guid Id, string Type, string Title, string Body, DateTimeOffset CreatedAt, DateTimeOffset? ReadAt,
    Guid? RestaurantId = null, string? Link = null)
{
    public static NotificationItem From(NotificationRow r) => new(r.Id, r.Type, r.Title, r.Body, r.CreatedAt, r.ReadAt, r.RestaurantId, r.Link);
}

/// <summary>
/// A message for one person (<see cref="UserId"/>), everyone with a platform role (<see cref="Role"/>), or a
/// restaurant's owners, managers and staff (<see cref="RestaurantId"/>): exactly one of the three.
/// </summary>
public sealed record SendRequest(Guid? UserId, string? Role, Guid? RestaurantId, string? Type, string? Title, string? Body);

public sealed record SendResponse(int Recipients, IReadOnlyList<Guid> NotificationIds);

public sealed record ReadAllResponse(int Marked);

public sealed record UnreadCount(long Unread);

public sealed record InboxServices(Inbox Inbox, TimeProvider Clock, HttpContext Http) : IApiRequest;

public sealed record SendServices(Broadcaster Broadcaster, SendLimiter Limiter, TimeProvider Clock, HttpContext Http) : IApiRequest;

public static partial class NotificationsApi
{
    public const string Tag = "Inbox";

    public static RouteGroupBuilder MapInbox(this RouteGroupBuilder api)
    {
        api.MapGet("", ListAsync).RequireAuthorization(Policies.User)
            .WithName("ListNotifications").WithSummary("The caller's notifications, newest first (?limit=&cursor=&unread=true)").WithTags(Tag);
        api.MapGet("/unread-count", UnreadAsync).RequireAuthorization(Policies.User)
            .WithName("CountUnreadNotifications").WithSummary("How many of the caller's notifications are unread").WithTags(Tag);
        api.MapPut("/{id:guid}/read", ReadAsync).RequireAuthorization(Policies.User)
            .WithName("ReadNotification").WithSummary("Mark one of the caller's notifications read (others' answer 404)").WithTags(Tag);
        api.MapPut("/read-all", ReadAllAsync).RequireAuthorization(Policies.User)
            .WithName("ReadAllNotifications").WithSummary("Mark all of the caller's notifications read").WithTags(Tag);
        api.MapPost("/send", SendAsync).RequireAuthorization(Policies.AdminOrService)
            .WithName("SendNotification")
            .WithSummary("Notify one user, everyone with a role, or a restaurant's staff (admin, service; rate limited)")
            .WithTags(Tag).ProducesProblem(StatusCodes.Status429TooManyRequests);
        return api;
    }

    public static async Task<Ok<Page<NotificationItem>>> ListAsync(int? limit, string? cursor, bool? unread, [AsParameters] InboxServices s)
    {
        var take = Paging.Limit(limit);
        var before = Paging.Decode<Guid?>(cursor);
        var rows = await s.Inbox.ListAsync(s.User.UserId(), before, unread == true, take + 1, s.Ct);
        return TypedResults.Ok(Paging.ToPage(rows.Select(NotificationItem.From).ToList(), take, i => i.Id));
    }

    public static async Task<Ok<UnreadCount>> UnreadAsync([AsParameters] InboxServices s) =>
        TypedResults.Ok(new UnreadCount(await s.Inbox.UnreadCountAsync(s.User.UserId(), s.Ct)));

    public static async Task<Results<Ok<NotificationItem>, ProblemHttpResult>> ReadAsync(Guid id, [AsParameters] InboxServices s) =>
        await s.Inbox.MarkReadAsync(s.User.UserId(), id, s.Ct) is { } row
            ? TypedResults.Ok(NotificationItem.From(row))
            : Problems.NotFound("notification", "알림");

    public static async Task<Ok<ReadAllResponse>> ReadAllAsync([AsParameters] InboxServices s) =>
        TypedResults.Ok(new ReadAllResponse(await s.Inbox.MarkAllReadAsync(s.User.UserId(), s.Ct)));

    public static async Task<Results<Accepted<SendResponse>, ValidationProblem, ProblemHttpResult>> SendAsync(SendRequest body, [AsParameters] SendServices s)
    {
        var caller = s.User.ServiceName() is { } service ? "service:" + service : s.User.FindUserId()?.ToString() ?? "anonymous";
        if (s.Limiter.TryAcquire(caller) is { } wait)
        {
            s.Http.Response.Headers.RetryAfter = wait.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Problems.TooManyRequests($"Too many notifications sent; retry in {wait} s.", $"알림을 너무 많이 보냈습니다. {wait}초 뒤에 다시 시도해 주세요.");
        }

        var errors = new FieldErrors();
        if ((body.UserId is null ? 0 : 1) + (body.Role is null ? 0 : 1) + (body.RestaurantId is null ? 0 : 1) != 1)
        {
            errors.Add("userId", "Give exactly one of userId, role and restaurantId.", "userId, role, restaurantId 중 정확히 하나를 보내 주세요.");
        }

        if (body.UserId is not null)
        {
            errors.RequiredId("userId", body.UserId);
        }

        if (body.RestaurantId is not null)
        {
            errors.RequiredId("restaurantId", body.RestaurantId);
        }

        var role = body.Role is null ? null : errors.OneOf("role", body.Role, [.. Roles.UserRoles.Order(StringComparer.Ordinal)]);
        var title = errors.RequiredText("title", body.Title, 200);
        var text = errors.RequiredText("body", body.Body, 4000);
        if (body.Type is not null && !TypePattern().IsMatch(body.Type))
        {
            errors.Add("type", "type is 1 to 50 lowercase letters, digits, '_' or '.'.", "type은(는) 영문 소문자, 숫자, '_', '.'로 된 1~50자입니다.");
        }

        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        var audience = body.UserId is not null ? Audience.User : role is not null ? Audience.Role : Audience.RestaurantStaff;
        var message = Templates.Announcement(body.Type ?? NotificationTypes.Announcement, title!, text!);
        var (recipients, ids, tooMany) = await s.Broadcaster.SendAsync(audience, body.UserId, role, body.RestaurantId, message, s.Ct);
        if (tooMany)
        {
            return Problems.Invalid(audience == Audience.Role ? "role" : "restaurantId",
                $"This would reach {recipients} people, more than allowed at once.", $"한 번에 보낼 수 있는 인원보다 많은 {recipients}명에게 가게 됩니다.");
        }

        return TypedResults.Accepted((string?)null, new SendResponse(recipients, ids));
    }

    [GeneratedRegex("^[a-z][a-z0-9_.]{0,49}$")]
    private static partial Regex TypePattern();
}

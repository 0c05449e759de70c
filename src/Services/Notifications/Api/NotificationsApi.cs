using System.Text.RegularExpressions;
using Brigade.Data;
using Brigade.Notifications.Data;
using Brigade.Notifications.Domain;
using Brigade.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Brigade.Notifications.Api;

/// <summary>One inbox item, as the API lists it and the hub pushes it.</summary>
public sealed record NotificationItem(Guid Id, string Type, string Title, string Body, DateTimeOffset CreatedAt, DateTimeOffset? ReadAt)
{
    public static NotificationItem From(NotificationRow r) => new(r.Id, r.Type, r.Title, r.Body, r.CreatedAt, r.ReadAt);
}

/// <summary>
/// A message for one person (<see cref="UserId"/>), everyone with a platform role (<see cref="Role"/>), or a
/// restaurant's owners, managers and staff (<see cref="RestaurantId"/>): exactly one of the three.
/// </summary>
public sealed record SendRequest(Guid? UserId, string? Role, Guid? RestaurantId, string? Type, string? Title, string? Body);

public sealed record SendResponse(int Recipients, IReadOnlyList<Guid> NotificationIds);

public sealed record ReadAllResponse(int Marked);

/// <summary>
/// The endpoints' dependencies. Only <see cref="HttpContext"/> is a public member: the validation generator walks
/// public members of <c>[AsParameters]</c> types and would descend into a ClaimsPrincipal forever.
/// </summary>
public sealed record InboxServices(Inbox Inbox, HttpContext Http)
{
    internal Guid UserId => Http.User.UserId();

    internal CancellationToken Ct => Http.RequestAborted;
}

public sealed record SendServices(Broadcaster Broadcaster, SendLimiter Limiter, HttpContext Http)
{
    internal CancellationToken Ct => Http.RequestAborted;
}

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
            .WithTags(Tag);
        return api;
    }

    public static async Task<Ok<Page<NotificationItem>>> ListAsync(int? limit, string? cursor, bool? unread, [AsParameters] InboxServices s)
    {
        var take = Paging.Limit(limit);
        var before = Paging.Decode<Guid?>(cursor);
        var rows = await s.Inbox.ListAsync(s.UserId, before, unread == true, take + 1, s.Ct);
        return TypedResults.Ok(Paging.ToPage(rows.Select(NotificationItem.From).ToList(), take, i => i.Id));
    }

    public static async Task<Ok<UnreadCount>> UnreadAsync([AsParameters] InboxServices s) =>
        TypedResults.Ok(new UnreadCount(await s.Inbox.UnreadCountAsync(s.UserId, s.Ct)));

    public static async Task<Results<Ok<NotificationItem>, ProblemHttpResult>> ReadAsync(Guid id, [AsParameters] InboxServices s) =>
        await s.Inbox.MarkReadAsync(s.UserId, id, s.Ct) is { } row
            ? TypedResults.Ok(NotificationItem.From(row))
            : Problems.NotFound("notification");

    public static async Task<Ok<ReadAllResponse>> ReadAllAsync([AsParameters] InboxServices s) =>
        TypedResults.Ok(new ReadAllResponse(await s.Inbox.MarkAllReadAsync(s.UserId, s.Ct)));

    public static async Task<Results<Accepted<SendResponse>, ValidationProblem, ProblemHttpResult>> SendAsync(SendRequest body, [AsParameters] SendServices s)
    {
        if (s.Limiter.TryAcquire(s.Http.User) is { } wait)
        {
            s.Http.Response.Headers.RetryAfter = wait.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too Many Requests",
                detail: $"Too many notifications sent; retry in {wait} s.");
        }

        var errors = Check(body);
        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var audience = body.UserId is not null ? Audience.User : body.Role is not null ? Audience.Role : Audience.RestaurantStaff;
        var message = Templates.Announcement(body.Type ?? NotificationTypes.Announcement, body.Title!.Trim(), body.Body!.Trim());
        var (recipients, ids, tooMany) = await s.Broadcaster.SendAsync(audience, body.UserId, body.Role, body.RestaurantId, message, s.Ct);
        if (tooMany)
        {
            return Problems.Invalid(audience == Audience.Role ? "role" : "restaurantId", $"This would reach {recipients} people, more than allowed at once.");
        }

        return TypedResults.Accepted((string?)null, new SendResponse(recipients, ids));
    }

    private static Dictionary<string, string[]> Check(SendRequest body)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var targets = (body.UserId is null ? 0 : 1) + (body.Role is null ? 0 : 1) + (body.RestaurantId is null ? 0 : 1);
        if (targets != 1)
        {
            errors.Add("userId", "Give exactly one of userId, role and restaurantId.");
        }

        if (body.UserId == Guid.Empty)
        {
            errors.Add("userId", "userId must not be empty.");
        }

        if (body.RestaurantId == Guid.Empty)
        {
            errors.Add("restaurantId", "restaurantId must not be empty.");
        }

        if (body.Role is not null && !Roles.UserRoles.Contains(body.Role))
        {
            errors.Add("role", $"role must be one of {string.Join(", ", Roles.UserRoles.Order(StringComparer.Ordinal))}.");
        }

        if (string.IsNullOrWhiteSpace(body.Title) || body.Title.Trim().Length > 200)
        {
            errors.Add("title", "title is required, at most 200 characters.");
        }

        if (string.IsNullOrWhiteSpace(body.Body) || body.Body.Trim().Length > 4000)
        {
            errors.Add("body", "body is required, at most 4000 characters.");
        }

        if (body.Type is not null && !TypePattern().IsMatch(body.Type))
        {
            errors.Add("type", "type is 1 to 50 lowercase letters, digits, '_' or '.'.");
        }

        return errors;
    }

    [GeneratedRegex("^[a-z][a-z0-9_.]{0,49}$")]
    private static partial Regex TypePattern();
}

public sealed record UnreadCount(long Unread);

using Brigade.Contracts.Notifications;

namespace Brigade.Staff.Domain;

/// <summary>
/// What staff tells people through notifications (Korean first, English too): an employee that their shifts of a week
/// were published, a colleague and the managers that a swap is asked for, both employees how it was decided. Each links
/// to the schedule in the web app.
/// </summary>
public static class Notices
{
    private static string Schedule(Guid restaurantId) => $"/manage/{restaurantId}/staff?tab=schedule";

    private static NotificationRequested Request(NotificationAudience audience, string type, string title, string body, string titleEn, string bodyEn,
        Guid restaurantId, DateTimeOffset now) =>
        new(Guid.CreateVersion7(), audience, type, title, body, titleEn, bodyEn, Schedule(restaurantId), Urgent: false, now);

    /// <summary>One notice per employee with an account whose shifts were just published.</summary>
    public static IEnumerable<NotificationRequested> Published(Guid restaurantId, string monday, IEnumerable<(Guid UserId, int Shifts)> employees, DateTimeOffset now) =>
        employees.Select(e => Request(new NotificationAudience([e.UserId], restaurantId, []), "staff.schedule.published",
            "근무표가 게시되었습니다", $"{monday} 주 근무 {e.Shifts}건이 확정되었습니다.",
            "Your schedule is out", $"{e.Shifts} shift(s) in the week of {monday} are confirmed.", restaurantId, now));

    /// <summary>The colleague asked to take the shift (if they have an account), and the managers who decide.</summary>
    public static NotificationRequested SwapRequested(Guid restaurantId, Guid? colleagueUserId, string requester, string workDate, DateTimeOffset now) =>
        Request(new NotificationAudience(colleagueUserId is { } u ? [u] : [], restaurantId, ["owner", "manager"]), "staff.swap.requested",
            "근무 교대 요청", $"{requester} 님이 {workDate} 근무 교대를 요청했습니다.",
            "Shift swap requested", $"{requester} asked to swap the shift on {workDate}.", restaurantId, now);

    /// <summary>Both employees (those with accounts) learn the decision.</summary>
    public static NotificationRequested SwapDecided(Guid restaurantId, IReadOnlyList<Guid> userIds, bool approved, string workDate, DateTimeOffset now) =>
        approved
            ? Request(new NotificationAudience(userIds, restaurantId, []), "staff.swap.approved", "근무 교대 승인",
                $"{workDate} 근무 교대가 승인되었습니다.", "Shift swap approved", $"The swap of the shift on {workDate} was approved.", restaurantId, now)
            : Request(new NotificationAudience(userIds, restaurantId, []), "staff.swap.declined", "근무 교대 거절",
                $"{workDate} 근무 교대가 거절되었습니다.", "Shift swap declined", $"The swap of the shift on {workDate} was declined.", restaurantId, now);
}

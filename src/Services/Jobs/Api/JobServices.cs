using System.Security.Claims;
using Brigade.Api;
using Brigade.Jobs.Data;
using Brigade.Jobs.Domain;
using Brigade.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Brigade.Jobs.Api;

/// <summary>The endpoints' dependencies and the request.</summary>
public sealed record JobServices(
    JobStore Jobs,
    BookingStore Bookings,
    VenueStore Venues,
    WorkerStore Workers,
    RosterStore Roster,
    IOptions<JobsOptions> Options,
    TimeProvider Clock,
    HttpContext Http) : IApiRequest
{
    internal JobsOptions Settings => Options.Value;

    internal PenaltySettings Penalties => new(
        Settings.FreeCancellationHours, Settings.LateCancelPayPercent, Settings.LateCancelMinimumPayMinutes,
        NodaTime.Duration.FromTimeSpan(Settings.LateCancelSuspension), NodaTime.Duration.FromTimeSpan(Settings.NoShowSuspension));
}

internal static class Access
{
    /// <summary>Any member of the restaurant (owner, manager, staff) or a platform admin: may see its postings and applicants.</summary>
    public static bool WorksAt(this ClaimsPrincipal user, Guid restaurantId) => user.IsAdmin() || user.HasMembership(restaurantId);

    /// <summary>Owners and managers (or admins): may post, book, cancel, approve.</summary>
    public static bool Manages(this ClaimsPrincipal user, Guid restaurantId) =>
        user.IsAdmin() || user.HasMembership(restaurantId, Roles.Owner, Roles.Manager);

    public static string DisplayName(this ClaimsPrincipal user) =>
        user.FindFirstValue(ClaimNames.Name) is { Length: > 0 } name ? name[..Math.Min(name.Length, 100)] : "worker";
}

internal static class JobProblems
{
    public static ProblemHttpResult JobNotFound() => Problems.NotFound("job", "일자리");

    public static ProblemHttpResult ApplicationNotFound() => Problems.NotFound("application", "지원");

    public static ProblemHttpResult OnlyManagers() => Problems.Forbidden(
        "Only the restaurant's owners and managers can do this.", "레스토랑의 점주와 매니저만 할 수 있습니다.", "managers_only");

    public static ProblemHttpResult Moved(string what, string whatKo, string status) => Problems.Conflict(
        $"The {what} is {status}; this is not possible now. Read it again.", $"{whatKo}이(가) 현재 {status} 상태라 할 수 없습니다. 다시 확인해 주세요.", "wrong_status");
}

using System.Security.Claims;
using Brigade.Api;
using Brigade.Security;
using Brigade.Staff.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Brigade.Staff.Api;

/// <summary>The endpoints' dependencies and the request.</summary>
public sealed record StaffServices(
    SettingsStore Settings,
    EmployeeStore Employees,
    ScheduleStore Schedule,
    TimecardStore Timecards,
    PayrollStore Payrolls,
    IOptions<StaffOptions> Options,
    TimeProvider Clock,
    HttpContext Http) : IApiRequest;

internal static class Access
{
    /// <summary>Any member of the restaurant (owner, manager, staff) or a platform admin.</summary>
    public static bool WorksAt(this ClaimsPrincipal user, Guid restaurantId) => user.IsAdmin() || user.HasMembership(restaurantId);

    /// <summary>Owners and managers (or admins): see wages, plan, approve, pay.</summary>
    public static bool Manages(this ClaimsPrincipal user, Guid restaurantId) =>
        user.IsAdmin() || user.HasMembership(restaurantId, Roles.Owner, Roles.Manager);
}

internal static class StaffProblems
{
    public static ProblemHttpResult RestaurantNotFound() => Problems.NotFound("restaurant", "레스토랑");

    public static ProblemHttpResult EmployeeNotFound() => Problems.NotFound("employee", "직원");

    public static ProblemHttpResult OnlyManagers() => Problems.Forbidden(
        "Only the restaurant's owners and managers can do this.", "레스토랑의 점주와 매니저만 할 수 있습니다.", "managers_only");

    public static ProblemHttpResult NotAnEmployee() => Problems.Forbidden(
        "You have no employee record at this restaurant; ask a manager to add you.", "이 레스토랑에 직원으로 등록되어 있지 않습니다. 매니저에게 등록을 요청하세요.", "not_an_employee");
}

public sealed record MoneyResponse(long Amount, string Currency);

public sealed record MoneyBody(long? Amount, string? Currency);

internal static class Clocks
{
    public static DateTimeZone ZoneOf(SettingsRow s) => RestaurantTime.Zone(s.TimeZone);

    public static DateTimeOffset Local(DateTimeOffset t, SettingsRow s) => RestaurantTime.Local(t, s.TimeZone);

    public static DateTimeOffset? Local(DateTimeOffset? t, SettingsRow s) => t is { } v ? RestaurantTime.Local(v, s.TimeZone) : null;
}

using System.Text.Json.Serialization;

namespace Brigade.Contracts.Staff;

/// <summary>A scheduled shift of one employee; <paramref name="UserId"/> is their account when they have one.</summary>
public sealed record ScheduledShift(Guid ShiftId, Guid EmployeeId, Guid? UserId, string Position, DateTimeOffset Start, DateTimeOffset End);

/// <summary>A week's schedule (from <paramref name="WeekStart"/>, restaurant-local <c>yyyy-MM-dd</c>) was published to the staff.</summary>
[IntegrationEvent("staff.shift.published")]
public sealed record ShiftsPublished(
    Guid RestaurantId,
    string WeekStart,
    IReadOnlyList<ScheduledShift> Shifts,
    long ScheduledCost,
    string Currency,
    DateTimeOffset PublishedAt) : IIntegrationEvent;

/// <summary>
/// A manager approved worked time: <paramref name="Minutes"/> paid minutes (breaks excluded) and their
/// <paramref name="Cost"/> at the employee's rate with premiums, minor units. Analytics computes labour cost from these.
/// </summary>
[IntegrationEvent("staff.timecard.approved")]
public sealed record TimecardApproved(
    Guid TimecardId,
    Guid RestaurantId,
    Guid EmployeeId,
    Guid? UserId,
    DateTimeOffset ClockIn,
    DateTimeOffset ClockOut,
    int BreakMinutes,
    int Minutes,
    long Cost,
    string Currency,
    DateTimeOffset ApprovedAt) : IIntegrationEvent;

/// <summary>A pay period was closed: payslips are final.</summary>
[IntegrationEvent("staff.payroll.closed")]
public sealed record PayrollClosed(
    Guid PayrollId,
    Guid RestaurantId,
    string PeriodStart,
    string PeriodEnd,
    int Employees,
    long Gross,
    string Currency,
    DateTimeOffset ClosedAt) : IIntegrationEvent;

[JsonSerializable(typeof(ShiftsPublished))]
[JsonSerializable(typeof(TimecardApproved))]
[JsonSerializable(typeof(PayrollClosed))]
internal sealed partial class StaffEventsJsonContext : JsonSerializerContext;

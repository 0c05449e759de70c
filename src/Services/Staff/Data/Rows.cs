using NodaTime;

namespace Brigade.Staff.Data;

public sealed record SettingsRow(Guid RestaurantId, bool SmallWorkplace, string TimeZone, int EarlyClockInMinutes, int GraceMinutes, int MinimumRestHours, int Version)
{
    public static SettingsRow Default(Guid restaurantId) => new(restaurantId, false, Brigade.Api.RestaurantTime.DefaultZoneId, 15, 5, 11, 0);
}

public sealed class EmployeeRow
{
    public Guid Id { get; init; }
    public Guid RestaurantId { get; init; }
    public Guid? UserId { get; init; }
    public string Name { get; init; } = "";
    public string Position { get; init; } = "";
    public string EmploymentType { get; init; } = "";
    public string PayKind { get; init; } = "";
    public long PayRate { get; init; }
    public string Currency { get; init; } = "KRW";
    public int WeeklyMinutes { get; init; }
    public string ContractStart { get; init; } = "";
    public string? ContractEnd { get; init; }
    public string? HealthCertificateExpiresOn { get; init; }
    public string Status { get; init; } = "";
    public DateTimeOffset CreatedAt { get; init; }
    public int Version { get; init; }
}

/// <summary>What an employee's record says, checked and ready to store.</summary>
public sealed record EmployeeSpec(
    Guid? UserId, string Name, string Position, string EmploymentType, string PayKind, long PayRate, int WeeklyMinutes,
    LocalDate ContractStart, LocalDate? ContractEnd, LocalDate? HealthCertificateExpiresOn, string Status);

public sealed class ShiftRow
{
    public Guid Id { get; init; }
    public Guid RestaurantId { get; init; }
    public Guid EmployeeId { get; init; }
    public Guid? UserId { get; init; }
    public string EmployeeName { get; init; } = "";
    public string Position { get; init; } = "";
    public string WorkDate { get; init; } = "";
    public DateTimeOffset StartsAt { get; init; }
    public DateTimeOffset EndsAt { get; init; }
    public int BreakMinutes { get; init; }
    public string Status { get; init; } = "";
    public DateTimeOffset? PublishedAt { get; init; }
    public int Version { get; init; }

    public Domain.PlannedShift Planned => new(Id, Instant.FromDateTimeOffset(StartsAt), Instant.FromDateTimeOffset(EndsAt), BreakMinutes);
}

public sealed class SwapRow
{
    public Guid Id { get; init; }
    public Guid RestaurantId { get; init; }
    public Guid ShiftId { get; init; }
    public Guid FromEmployeeId { get; init; }
    public Guid ToEmployeeId { get; init; }
    public string Status { get; init; } = "";
    public DateTimeOffset RequestedAt { get; init; }
    public DateTimeOffset? DecidedAt { get; init; }
}

public sealed record BudgetRow(string Day, long ForecastSales, decimal? TargetPercent);

public sealed class TimecardRow
{
    public Guid Id { get; init; }
    public Guid RestaurantId { get; init; }
    public Guid EmployeeId { get; init; }
    public Guid? ShiftId { get; init; }
    public string WorkDate { get; init; } = "";
    public DateTimeOffset ClockIn { get; init; }
    public DateTimeOffset? ClockOut { get; init; }
    public DateTimeOffset? PunchedInAt { get; init; }
    public bool Late { get; init; }
    public string Source { get; init; } = "";
    public string Status { get; init; } = "";
    public int? Minutes { get; init; }
    public long? Cost { get; init; }
    public DateTimeOffset? ApprovedAt { get; init; }
    public Guid? ApprovedBy { get; init; }
    public int Version { get; init; }
    public IReadOnlyList<BreakRow> Breaks { get; set; } = [];
}

public sealed class BreakRow
{
    public Guid Id { get; init; }
    public Guid TimecardId { get; init; }
    public DateTimeOffset StartsAt { get; init; }
    public DateTimeOffset? EndsAt { get; init; }

    public Domain.BreakSpan Span => new(Instant.FromDateTimeOffset(StartsAt), EndsAt is { } e ? Instant.FromDateTimeOffset(e) : null);
}

public sealed record AuditRow(Guid Id, Guid TimecardId, string Action, string? Reason, string? Before, string? After, Guid ByUser, DateTimeOffset At);

public sealed class PayrollRow
{
    public Guid Id { get; init; }
    public Guid RestaurantId { get; init; }
    public string Month { get; init; } = "";
    public string PeriodStart { get; init; } = "";
    public string PeriodEnd { get; init; } = "";
    public string Status { get; init; } = "";
    public int Employees { get; init; }
    public long Gross { get; init; }
    public string Currency { get; init; } = "KRW";
    public bool SmallWorkplace { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? ClosedAt { get; init; }
    public int Version { get; init; }
}

public sealed record PayslipRow(Guid EmployeeId, string EmployeeName, string PayKind, string Lines, long Gross, bool BelowMinimum);

public static class Times
{
    public static DateTimeOffset Utc(this Instant instant) => instant.ToDateTimeOffset();

    public static Instant ToInstant(this DateTimeOffset value) => Instant.FromDateTimeOffset(value);

    public static string Text(this LocalDate date) => date.ToString("yyyy-MM-dd", null);

    public static LocalDate ParseDate(string text) => NodaTime.Text.LocalDatePattern.Iso.Parse(text).Value;
}

using Brigade.Api;
using Brigade.Contracts.Jobs;
using Brigade.Contracts.Notifications;
using Brigade.Contracts.Restaurants;
using Brigade.Jobs.Domain;
using Brigade.Messaging;
using NodaTime;
using Npgsql;

namespace Brigade.Jobs.Data;

/// <summary>A posting as stored, with its restaurant's name and rating.</summary>
public sealed class JobRow
{
    public Guid Id { get; init; }
    public Guid RestaurantId { get; init; }
    public string RestaurantName { get; init; } = "";
    public Guid? SeriesId { get; init; }
    public string Title { get; init; } = "";
    public string Category { get; init; } = "";
    public string? Description { get; init; }
    public string WorkDate { get; init; } = "";
    public DateTimeOffset StartsAt { get; init; }
    public DateTimeOffset EndsAt { get; init; }
    public string TimeZone { get; init; } = RestaurantTime.DefaultZoneId;
    public long HourlyWage { get; init; }
    public string Currency { get; init; } = MinimumWage.Currency;
    public int Headcount { get; init; }
    public int Filled { get; init; }
    public string Address { get; init; } = "";
    public double Lat { get; init; }
    public double Lng { get; init; }
    public string? ContactName { get; init; }
    public string? ContactPhone { get; init; }
    public string? DressCode { get; init; }
    public string[] Requirements { get; init; } = [];
    public int BreakMinutes { get; init; }
    public string BookingMode { get; init; } = BookingModes.Manual;
    public int FavouritesFirstMinutes { get; init; }
    public DateTimeOffset? OpenedAt { get; init; }
    public DateTimeOffset? PublicAt { get; init; }
    public string Status { get; init; } = "";
    public string? CancelReason { get; init; }
    public byte[] AttendanceSecret { get; init; } = [];
    public Guid CreatedBy { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    public int Version { get; init; }
    public int RestaurantRatingSum { get; init; }
    public int RestaurantRatingCount { get; init; }

    /// <summary>Only set by the feed near a point.</summary>
    public double? DistanceKm { get; init; }

    public DateTimeZone Zone => RestaurantTime.Zone(TimeZone);

    public Instant Start => Instant.FromDateTimeOffset(StartsAt);

    public Instant End => Instant.FromDateTimeOffset(EndsAt);

    public int LengthMinutes => (int)(EndsAt - StartsAt).TotalMinutes;

    public long ScheduledPay => Timesheet.Gross(Timesheet.ScheduledPaidMinutes(LengthMinutes, BreakMinutes), HourlyWage);

    public ShiftFacts Facts => new(Id, RestaurantId, RestaurantName, Title, Start, TimeZone);

    public JobSnapshot Snapshot() => new(
        Id, RestaurantId, RestaurantName, Title, Category, Description, WorkDate,
        RestaurantTime.Local(StartsAt, TimeZone), RestaurantTime.Local(EndsAt, TimeZone),
        HourlyWage, Currency, Headcount, Filled, Address, new GeoPoint(Lat, Lng), Requirements, Status, Version);
}

/// <summary>An application and the booking it became, with its timesheet.</summary>
public sealed class ApplicationRow
{
    public Guid Id { get; init; }
    public Guid JobId { get; init; }
    public Guid RestaurantId { get; init; }
    public Guid WorkerId { get; init; }
    public string WorkerName { get; init; } = "";
    public string? Message { get; init; }
    public string Status { get; init; } = "";
    public DateTimeOffset ShiftStart { get; init; }
    public DateTimeOffset ShiftEnd { get; init; }
    public DateTimeOffset AppliedAt { get; init; }
    public DateTimeOffset? DecidedAt { get; init; }
    public string? AcceptedBy { get; init; }
    public string? DeclineReason { get; init; }
    public DateTimeOffset? ReconfirmRequestedAt { get; init; }
    public DateTimeOffset? ReconfirmedAt { get; init; }
    public DateTimeOffset? CancelledAt { get; init; }
    public string? CancelledBy { get; init; }
    public string? CancelReason { get; init; }
    public bool LateCancel { get; init; }
    public long Compensation { get; init; }
    public DateTimeOffset? CheckedInAt { get; init; }
    public int? CheckInMeters { get; init; }
    public DateTimeOffset? CheckedOutAt { get; init; }
    public int? CheckOutMeters { get; init; }
    public bool AutoCheckedOut { get; init; }
    public string? TimesheetStatus { get; init; }
    public int? BreakMinutes { get; init; }
    public int? PaidMinutes { get; init; }
    public long? Gross { get; init; }
    public DateTimeOffset? TimesheetDueAt { get; init; }
    public DateTimeOffset? ApprovedAt { get; init; }
    public string? ApprovedBy { get; init; }
    public bool Adjusted { get; init; }
    public string? AdjustmentNote { get; init; }
    public int? WorkerScore { get; init; }
    public int? RestaurantScore { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    public int Version { get; init; }
}

/// <summary>SQL fragments and outbox writes the stores share.</summary>
internal static class Sql
{
    public const string JobColumns = """
        j.id, j.restaurant_id, r.name AS restaurant_name, j.series_id, j.title, j.category, j.description, j.work_date::text AS work_date,
        j.starts_at, j.ends_at, j.time_zone, j.hourly_wage, j.currency, j.headcount, j.filled, j.address, j.lat, j.lng,
        j.contact_name, j.contact_phone, j.dress_code, j.requirements, j.break_minutes, j.booking_mode, j.favourites_first_minutes,
        j.opened_at, j.public_at, j.status, j.cancel_reason, j.attendance_secret, j.created_by, j.created_at, j.updated_at, j.version,
        r.rating_sum AS restaurant_rating_sum, r.rating_count AS restaurant_rating_count
        """;

    /// <summary>Selects postings from <paramref name="source"/> (the table, or a CTE of updated rows) named <c>j</c>.</summary>
    public static string Jobs(string source = "jobs") => $"SELECT {JobColumns} FROM {source} j JOIN restaurants r ON r.id = j.restaurant_id";

    public const string ApplicationColumns = """
        a.id, a.job_id, a.restaurant_id, a.worker_id, a.worker_name, a.message, a.status, lower(a.during) AS shift_start, upper(a.during) AS shift_end,
        a.applied_at, a.decided_at, a.accepted_by, a.decline_reason, a.reconfirm_requested_at, a.reconfirmed_at, a.cancelled_at, a.cancelled_by,
        a.cancel_reason, a.late_cancel, a.compensation, a.checked_in_at, a.check_in_meters, a.checked_out_at, a.check_out_meters, a.auto_checked_out,
        a.timesheet_status, a.break_minutes, a.paid_minutes, a.gross, a.timesheet_due_at, a.approved_at, a.approved_by, a.adjusted, a.adjustment_note,
        (SELECT score FROM ratings WHERE application_id = a.id AND rater = 'worker') AS worker_score,
        (SELECT score FROM ratings WHERE application_id = a.id AND rater = 'restaurant') AS restaurant_score,
        a.updated_at, a.version
        """;

    public static string Applications(string source = "applications") => $"SELECT {ApplicationColumns} FROM {source} a";

    public static Task NotifyAsync(
        this IOutbox outbox, NpgsqlConnection c, NpgsqlTransaction tx, Notice notice, IReadOnlyList<Guid> users, Guid? restaurantId,
        IReadOnlyList<string> roles, Instant now, CancellationToken ct) =>
        outbox.AddAsync(c, tx, new NotificationRequested(
            Guid.CreateVersion7(), new NotificationAudience(users, restaurantId, roles), notice.Type, notice.Title, notice.Body,
            notice.TitleEn, notice.BodyEn, notice.Link, false, now.ToDateTimeOffset()), ct);

    /// <summary>Tells a restaurant's owners and managers.</summary>
    public static Task NotifyRestaurantAsync(this IOutbox outbox, NpgsqlConnection c, NpgsqlTransaction tx, Notice notice, Guid restaurantId, Instant now, CancellationToken ct) =>
        outbox.NotifyAsync(c, tx, notice, [], restaurantId, ["owner", "manager"], now, ct);

    public static Task NotifyWorkerAsync(this IOutbox outbox, NpgsqlConnection c, NpgsqlTransaction tx, Notice notice, Guid workerId, Instant now, CancellationToken ct) =>
        outbox.NotifyAsync(c, tx, notice, [workerId], null, [], now, ct);

    public static Task JobChangedAsync(this IOutbox outbox, NpgsqlConnection c, NpgsqlTransaction tx, JobRow job, Instant now, CancellationToken ct) =>
        outbox.AddAsync(c, tx, new JobUpdated(job.Snapshot(), now.ToDateTimeOffset()), ct);

    public static DateTimeOffset Utc(this Instant instant) => instant.ToDateTimeOffset();
}

using Brigade.Api;
using Brigade.Jobs.Data;
using Brigade.Jobs.Domain;

namespace Brigade.Jobs.Api;

public sealed record MoneyResponse(long Amount, string Currency);

public sealed record LocationResponse(double Lat, double Lng);

public sealed record ContactResponse(string? Name, string? Phone);

/// <summary>An average of 1–5 stars (null before the first rating) and how many ratings it stands on.</summary>
public sealed record RatingResponse(double? Average, int Count)
{
    public static RatingResponse Of(int sum, int count) => new(count == 0 ? null : Math.Round((double)sum / count, 2), count);
}

public sealed record MyApplicationResponse(Guid Id, string Status);

/// <summary>
/// A shift posting. <see cref="Date"/>, <see cref="StartTime"/> and <see cref="EndTime"/> are on the restaurant's clock
/// (<see cref="TimeZone"/>); <see cref="Start"/>/<see cref="End"/> are the instants with its offset. <see cref="Contact"/> only
/// for the restaurant's people and booked workers; <see cref="DistanceKm"/> only near a point.
/// </summary>
public sealed record JobResponse(
    Guid Id,
    Guid RestaurantId,
    string RestaurantName,
    Guid? SeriesId,
    string Title,
    string Category,
    string? Description,
    string Date,
    string StartTime,
    string EndTime,
    string TimeZone,
    DateTimeOffset Start,
    DateTimeOffset End,
    MoneyResponse HourlyWage,
    MoneyResponse EstimatedPay,
    int Headcount,
    int Filled,
    string Address,
    LocationResponse Location,
    ContactResponse? Contact,
    string? DressCode,
    IReadOnlyList<string> Requirements,
    int BreakMinutes,
    string BookingMode,
    int FavouritesFirstMinutes,
    DateTimeOffset? OpensToAllAt,
    string Status,
    string? CancelReason,
    double? DistanceKm,
    RatingResponse RestaurantRating,
    MyApplicationResponse? MyApplication,
    DateTimeOffset CreatedAt,
    int Version)
{
    public static JobResponse From(JobRow j, bool showContact, ApplicationRow? mine = null) => new(
        j.Id, j.RestaurantId, j.RestaurantName, j.SeriesId, j.Title, j.Category, j.Description, j.WorkDate,
        Local(j.StartsAt, j.TimeZone).ToString("HH:mm", null), Local(j.EndsAt, j.TimeZone).ToString("HH:mm", null), j.TimeZone,
        Local(j.StartsAt, j.TimeZone), Local(j.EndsAt, j.TimeZone),
        new MoneyResponse(j.HourlyWage, j.Currency), new MoneyResponse(j.ScheduledPay, j.Currency), j.Headcount, j.Filled, j.Address,
        new LocationResponse(j.Lat, j.Lng), showContact && (j.ContactName ?? j.ContactPhone) is not null ? new ContactResponse(j.ContactName, j.ContactPhone) : null,
        j.DressCode, j.Requirements, j.BreakMinutes, j.BookingMode, j.FavouritesFirstMinutes,
        j.PublicAt is { } at ? Local(at, j.TimeZone) : null, j.Status, j.CancelReason,
        j.DistanceKm is { } km ? Math.Round(km, 2) : null, RatingResponse.Of(j.RestaurantRatingSum, j.RestaurantRatingCount),
        mine is null ? null : new MyApplicationResponse(mine.Id, mine.Status), Local(j.CreatedAt, j.TimeZone), j.Version);

    internal static DateTimeOffset Local(DateTimeOffset instant, string zone) => RestaurantTime.Local(instant, zone);
}

/// <summary>A multi-day series: one posting per date, booked day by day.</summary>
public sealed record SeriesResponse(Guid SeriesId, IReadOnlyList<JobResponse> Jobs);

public sealed record CredentialResponse(string Code, string? ExpiresOn);

/// <summary>A worker's record as employers see it next to an application (and the worker on their profile).</summary>
public sealed record WorkerRecordResponse(
    Guid Id,
    string Name,
    RatingResponse Rating,
    int CompletedShifts,
    int NoShows,
    int LateCancellations,
    IReadOnlyList<CredentialResponse> Credentials,
    DateTimeOffset? SuspendedUntil)
{
    public static WorkerRecordResponse From(WorkerRow w) => new(
        w.Id, w.Name, RatingResponse.Of(w.RatingSum, w.RatingCount), w.CompletedShifts, w.NoShows, w.LateCancellations,
        w.Credentials.Select(c => new CredentialResponse(c.Code, c.ExpiresOn?.ToString("yyyy-MM-dd", null))).ToList(), w.SuspendedUntil);
}

public sealed record TimesheetResponse(
    string Status,
    DateTimeOffset CheckedInAt,
    DateTimeOffset CheckedOutAt,
    bool AutoCheckedOut,
    int BreakMinutes,
    int PaidMinutes,
    MoneyResponse Gross,
    DateTimeOffset? DueAt,
    DateTimeOffset? ApprovedAt,
    string? ApprovedBy,
    bool Adjusted,
    string? Note);

/// <summary>The posting an application is for, in brief (the worker's list of shifts, the employer's timesheets).</summary>
public sealed record JobSummaryResponse(
    Guid Id,
    Guid RestaurantId,
    string RestaurantName,
    string Title,
    string Category,
    string Date,
    string StartTime,
    string EndTime,
    DateTimeOffset Start,
    DateTimeOffset End,
    string Address,
    LocationResponse Location,
    MoneyResponse HourlyWage,
    int BreakMinutes,
    string Status,
    ContactResponse? Contact,
    string? DressCode);

/// <summary>An application and the booking it became (status, reconfirmation, cancellation, attendance, timesheet, ratings).</summary>
public sealed record ApplicationResponse(
    Guid Id,
    Guid JobId,
    Guid RestaurantId,
    Guid WorkerId,
    string WorkerName,
    string Status,
    string? Message,
    DateTimeOffset AppliedAt,
    DateTimeOffset? DecidedAt,
    string? AcceptedBy,
    string? DeclineReason,
    DateTimeOffset? ReconfirmRequestedAt,
    DateTimeOffset? ReconfirmedAt,
    DateTimeOffset? CancelledAt,
    string? CancelledBy,
    string? CancelReason,
    bool LateCancel,
    MoneyResponse? Compensation,
    DateTimeOffset? CheckedInAt,
    DateTimeOffset? CheckedOutAt,
    TimesheetResponse? Timesheet,
    int? ScoreByWorker,
    int? ScoreByRestaurant,
    JobSummaryResponse? Job,
    WorkerRecordResponse? Worker,
    int Version)
{
    public static ApplicationResponse From(ApplicationRow a, JobRow? job, WorkerRow? worker, string zone)
    {
        DateTimeOffset L(DateTimeOffset t) => RestaurantTime.Local(t, zone);
        DateTimeOffset? N(DateTimeOffset? t) => t is { } v ? L(v) : null;
        var currency = job?.Currency ?? MinimumWage.Currency;
        var booked = a.Status is BookingStatus.Accepted or BookingStatus.CheckedIn or BookingStatus.CheckedOut;
        return new ApplicationResponse(
            a.Id, a.JobId, a.RestaurantId, a.WorkerId, a.WorkerName, a.Status, a.Message, L(a.AppliedAt), N(a.DecidedAt), a.AcceptedBy, a.DeclineReason,
            N(a.ReconfirmRequestedAt), N(a.ReconfirmedAt), N(a.CancelledAt), a.CancelledBy, a.CancelReason, a.LateCancel,
            a.Compensation > 0 ? new MoneyResponse(a.Compensation, currency) : null, N(a.CheckedInAt), N(a.CheckedOutAt),
            a.TimesheetStatus is { } ts ? new TimesheetResponse(ts, L(a.CheckedInAt!.Value), L(a.CheckedOutAt!.Value), a.AutoCheckedOut, a.BreakMinutes ?? 0,
                a.PaidMinutes ?? 0, new MoneyResponse(a.Gross ?? 0, currency), N(a.TimesheetDueAt), N(a.ApprovedAt), a.ApprovedBy, a.Adjusted, a.AdjustmentNote) : null,
            a.WorkerScore, a.RestaurantScore,
            job is null ? null : new JobSummaryResponse(job.Id, job.RestaurantId, job.RestaurantName, job.Title, job.Category, job.WorkDate,
                L(job.StartsAt).ToString("HH:mm", null), L(job.EndsAt).ToString("HH:mm", null), L(job.StartsAt), L(job.EndsAt), job.Address,
                new LocationResponse(job.Lat, job.Lng), new MoneyResponse(job.HourlyWage, job.Currency), job.BreakMinutes, job.Status,
                booked && (job.ContactName ?? job.ContactPhone) is not null ? new ContactResponse(job.ContactName, job.ContactPhone) : null, job.DressCode),
            worker is null ? null : WorkerRecordResponse.From(worker), a.Version);
    }
}

/// <summary>The venue's current attendance code, for the restaurant's screen (and a QR of <see cref="Payload"/>).</summary>
public sealed record AttendanceCodeResponse(string Code, DateTimeOffset ValidUntil, int StepSeconds, string Payload);

public sealed record RosterEntryResponse(Guid WorkerId, string Kind, string? WorkerName, string? Note, DateTimeOffset AddedAt)
{
    public static RosterEntryResponse From(RosterEntry e) => new(e.WorkerId, e.Kind, e.WorkerName, e.Note, RestaurantTime.Local(e.AddedAt, RestaurantTime.DefaultZoneId));
}

public sealed record CatalogEntryResponse(string Code, string Ko, string En);

/// <summary>The codes a posting uses and this year's minimum wage, for forms.</summary>
public sealed record CatalogResponse(IReadOnlyList<CatalogEntryResponse> Categories, IReadOnlyList<CatalogEntryResponse> Requirements, MoneyResponse MinimumHourlyWage, int MinimumWageYear);

public sealed record ProfileResponse(WorkerRecordResponse Worker, bool Suspended);

using System.Text.Json.Serialization;
using Brigade.Contracts.Restaurants;

namespace Brigade.Contracts.Jobs;

/// <summary>
/// A one-day shift posting as search and other readers see it. <paramref name="Date"/> is restaurant-local
/// <c>yyyy-MM-dd</c>; <paramref name="Start"/>/<paramref name="End"/> carry the restaurant's offset. <paramref name="Category"/>
/// is a stable code (<c>serving</c>, <c>kitchen_help</c>, <c>dishwashing</c>, <c>barista</c>, …), <paramref name="HourlyWage"/> minor units.
/// </summary>
public sealed record JobSnapshot(
    Guid JobId,
    Guid RestaurantId,
    string RestaurantName,
    string Title,
    string Category,
    string? Description,
    string Date,
    DateTimeOffset Start,
    DateTimeOffset End,
    long HourlyWage,
    string Currency,
    int Headcount,
    int Filled,
    string Address,
    GeoPoint Location,
    IReadOnlyList<string> Requirements,
    string Status,
    int Version);

/// <summary>A posting was created (search indexes it when it is <c>open</c>).</summary>
[IntegrationEvent("jobs.job.created")]
public sealed record JobCreated(JobSnapshot Job, DateTimeOffset CreatedAt) : IIntegrationEvent;

/// <summary>A posting changed (details, status, filled count).</summary>
[IntegrationEvent("jobs.job.updated")]
public sealed record JobUpdated(JobSnapshot Job, DateTimeOffset UpdatedAt) : IIntegrationEvent;

/// <summary>A posting was deleted or withdrawn: readers drop it.</summary>
[IntegrationEvent("jobs.job.deleted")]
public sealed record JobDeleted(Guid JobId, Guid RestaurantId, DateTimeOffset DeletedAt) : IIntegrationEvent;

/// <summary>A worker applied to a posting.</summary>
[IntegrationEvent("jobs.application.submitted")]
public sealed record ApplicationSubmitted(
    Guid ApplicationId,
    Guid JobId,
    Guid RestaurantId,
    Guid WorkerId,
    string JobTitle,
    DateTimeOffset Start,
    DateTimeOffset SubmittedAt) : IIntegrationEvent;

/// <summary>
/// A worker was booked for a shift (by the employer or first-come auto-booking). Chat opens a room between the worker and
/// the restaurant's people (<paramref name="ContactUserIds"/>); notifications tells the worker.
/// </summary>
[IntegrationEvent("jobs.application.accepted")]
public sealed record ApplicationAccepted(
    Guid ApplicationId,
    Guid JobId,
    Guid RestaurantId,
    Guid WorkerId,
    IReadOnlyList<Guid> ContactUserIds,
    string JobTitle,
    DateTimeOffset Start,
    DateTimeOffset End,
    DateTimeOffset AcceptedAt) : IIntegrationEvent;

/// <summary>
/// A worked shift's timesheet was approved (by the employer or automatically at the deadline): payments credits the
/// worker's wallet with <paramref name="Gross"/> less the platform fee and withholding; staff records the hours.
/// </summary>
[IntegrationEvent("jobs.shift.completed")]
public sealed record ShiftCompleted(
    Guid ApplicationId,
    Guid JobId,
    Guid RestaurantId,
    Guid WorkerId,
    DateTimeOffset CheckedIn,
    DateTimeOffset CheckedOut,
    int PaidMinutes,
    long HourlyWage,
    long Gross,
    string Currency,
    DateTimeOffset ApprovedAt) : IIntegrationEvent;

/// <summary>
/// A booked shift was cancelled before it started: by the worker, the restaurant, or the system (the posting was cancelled).
/// <paramref name="Late"/> when inside the free-cancellation window; a late cancellation by the restaurant owes the worker
/// <paramref name="Compensation"/> (minor units), which payments credits to the wallet like a shift's pay.
/// </summary>
[IntegrationEvent("jobs.shift.cancelled")]
public sealed record ShiftCancelled(
    Guid ApplicationId,
    Guid JobId,
    Guid RestaurantId,
    Guid WorkerId,
    string CancelledBy,
    bool Late,
    long Compensation,
    string Currency,
    DateTimeOffset Start,
    DateTimeOffset CancelledAt) : IIntegrationEvent;

[JsonSerializable(typeof(JobCreated))]
[JsonSerializable(typeof(JobUpdated))]
[JsonSerializable(typeof(JobDeleted))]
[JsonSerializable(typeof(ApplicationSubmitted))]
[JsonSerializable(typeof(ApplicationAccepted))]
[JsonSerializable(typeof(ShiftCompleted))]
[JsonSerializable(typeof(ShiftCancelled))]
internal sealed partial class JobEventsJsonContext : JsonSerializerContext;

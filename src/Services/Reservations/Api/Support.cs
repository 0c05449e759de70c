using System.Security.Claims;
using Brigade.Reservations.Data;
using Brigade.Reservations.Domain;
using Brigade.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;

namespace Brigade.Reservations.Api;

/// <summary>
/// The endpoints' dependencies and the request. Only <see cref="Http"/> is a public member of the request:
/// the validation generator walks public members of <c>[AsParameters]</c> types and would loop on a ClaimsPrincipal.
/// </summary>
public sealed record ReservationServices(BookReader Books, ReservationStore Reservations, SettingsStore Settings, TimeProvider Clock, HttpContext Http)
{
    internal ClaimsPrincipal User => Http.User;

    internal CancellationToken Ct => Http.RequestAborted;

    internal Instant Now => Instant.FromDateTimeOffset(Clock.GetUtcNow());
}

internal static class Access
{
    /// <summary>Any member of the restaurant (owner, manager, staff) or a platform admin.</summary>
    public static bool IsStaffOf(this ClaimsPrincipal user, Guid restaurantId) => user.IsAdmin() || user.HasMembership(restaurantId);

    public static bool IsDinerOf(this ClaimsPrincipal user, ReservationRow r) => r.DinerId is { } diner && user.FindUserId() == diner;
}

internal static class Problems
{
    public static ProblemHttpResult NotFound(string what) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not Found", detail: $"No such {what}.");

    public static ProblemHttpResult Forbidden(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: detail);

    public static ProblemHttpResult Conflict(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict", detail: detail);

    /// <summary>409 for a start that cannot be booked, with the nearest bookable starts of that service date.</summary>
    public static ProblemHttpResult SlotUnavailable(string detail, IEnumerable<Slot> alternatives) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Slot not available", detail: detail,
            extensions: new Dictionary<string, object?>
            {
                ["alternatives"] = alternatives.Select(SlotResponse.From).ToList(),
            });

    public static ValidationProblem Invalid(Errors errors) => TypedResults.ValidationProblem(errors.ToDictionary());

    public static ValidationProblem Invalid(string field, string message) => Invalid(new Errors().Add(field, message));
}

public sealed record SlotResponse(DateTimeOffset Start, DateTimeOffset End, int CoversLeft)
{
    public static SlotResponse From(Slot s) => new(s.Start.ToDateTimeOffset(), s.End.ToDateTimeOffset(), s.CoversLeft);
}

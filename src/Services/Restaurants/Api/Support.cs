using System.Globalization;
using System.Security.Claims;
using Brigade.Restaurants.Data;
using Brigade.Restaurants.Domain;
using Brigade.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Brigade.Restaurants.Api;

/// <summary>The restaurant an endpoint acts on, who is calling, and their role in it.</summary>
public sealed record RestaurantScope(RestaurantRow Restaurant, Caller Caller, MemberRole? Role)
{
    public Guid Id => Restaurant.Id;
}

internal static class Access
{
    public static Caller ToCaller(this ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true)
        {
            return Caller.Anonymous;
        }

        var isService = user.IsService();
        return new Caller(
            isService ? null : user.FindUserId(),
            user.IsAdmin(),
            isService,
            user.IsInRole(Roles.Owner));
    }

    /// <summary>
    /// Loads the restaurant with the caller's role and applies <see cref="AccessPolicy"/>: the scope when
    /// allowed, else the 404 or 403 problem to return.
    /// </summary>
    public static async Task<(RestaurantScope? Scope, ProblemHttpResult? Denied)> AuthorizeAsync(
        this RestaurantStore restaurants, Guid restaurantId, ClaimsPrincipal user, Capability capability, CancellationToken ct)
    {
        var caller = user.ToCaller();
        var (restaurant, role) = await restaurants.FindWithRoleAsync(restaurantId, caller.UserId, ct);
        if (restaurant is null)
        {
            return (null, Problems.NotFound("restaurant"));
        }

        return AccessPolicy.Check(caller, role, restaurant.StatusValue, capability) switch
        {
            Verdict.Allowed => (new RestaurantScope(restaurant, caller, role), null),
            Verdict.Forbidden => (null, Problems.Forbidden(capability)),
            _ => (null, Problems.NotFound("restaurant")),
        };
    }
}

internal static class Problems
{
    public static ProblemHttpResult NotFound(string what) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not Found", detail: $"No such {what}.");

    public static ProblemHttpResult Forbidden(Capability capability) =>
        TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: capability switch
        {
            Capability.PublishOrClose => "Only the restaurant's owner can publish or close it.",
            Capability.ManageMembers => "Only the restaurant's owner can add or remove members.",
            Capability.ReadMembers => "Only the restaurant's owner and managers can see its members.",
            Capability.ModerateReviews => "Only administrators can hide or show reviews.",
            Capability.SwitchSoldOut => "Only the restaurant's people can mark items sold out.",
            _ => "Only the restaurant's owner and managers can change this.",
        });

    public static ProblemHttpResult Forbidden(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: detail);

    public static ProblemHttpResult Conflict(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict", detail: detail);

    public static ProblemHttpResult Stale(string what) =>
        TypedResults.Problem(statusCode: StatusCodes.Status412PreconditionFailed, title: "Precondition Failed",
            detail: $"The {what} changed since you read it (its version no longer matches If-Match or version). Read it again and retry.");

    public static ProblemHttpResult Unavailable(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Service Unavailable", detail: detail);

    public static ValidationProblem Invalid(Errors errors) => TypedResults.ValidationProblem(errors.ToDictionary());

    public static ValidationProblem Invalid(string field, string message) => Invalid(new Errors().Add(field, message));
}

/// <summary>Optimistic concurrency: versions as strong ETags (<c>"3"</c>), checked from <c>If-Match</c> or a body <c>version</c>.</summary>
internal static class Versions
{
    /// <summary>A version no row has, so an unreadable <c>If-Match</c> fails the precondition.</summary>
    private const int Unmatchable = -1;

    public static string ETag(int version) => "\"" + version.ToString(CultureInfo.InvariantCulture) + "\"";

    public static void SetETag(this HttpContext http, int version) => http.Response.Headers.ETag = ETag(version);

    /// <summary>The version the client expects: from <c>If-Match</c> (<c>*</c> = any), else the body's <c>version</c>; null = unconditional.</summary>
    public static int? Expected(HttpRequest request, int? bodyVersion)
    {
        var header = request.Headers.IfMatch.ToString().Trim();
        if (header.Length == 0)
        {
            return bodyVersion;
        }

        if (header == "*")
        {
            return null;
        }

        var first = header.Split(',')[0].Trim();
        if (first.StartsWith("W/", StringComparison.Ordinal))
        {
            first = first[2..];
        }

        return first.Length >= 2 && first[0] == '"' && first[^1] == '"'
               && int.TryParse(first[1..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            ? version
            : Unmatchable;
    }
}

using System.Security.Claims;
using Brigade.Api;
using Brigade.Forecasting.Data;
using Brigade.Forecasting.Jobs;
using Brigade.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Brigade.Forecasting.Api;

/// <summary>The endpoints' dependencies and the request (caller, clock and cancellation come from <see cref="IApiRequest"/>).</summary>
public sealed record ForecastingServices(
    HistoryStore History,
    ModelStore Models,
    OverrideStore Overrides,
    LabourSettingsStore Labour,
    ModelTrainer Trainer,
    IOptions<ForecastingOptions> Options,
    TimeProvider Clock,
    HttpContext Http) : IApiRequest;

internal static class Access
{
    /// <summary>
    /// Null when the caller may read and act on the restaurant's forecasts (its owner or a manager, or an admin); else 404 for
    /// someone outside the restaurant (its numbers are not theirs to know of), 403 for its staff.
    /// </summary>
    public static ProblemHttpResult? Refusal(this ClaimsPrincipal user, Guid restaurantId)
    {
        if (user.IsAdmin() || user.HasMembership(restaurantId, Roles.Owner, Roles.Manager))
        {
            return null;
        }

        return user.HasMembership(restaurantId)
            ? Problems.Forbidden("Only the restaurant's owner or a manager can see its forecasts.", "식당 소유자나 매니저만 예측을 볼 수 있습니다.", "managers_only")
            : Problems.NotFound("restaurant", "식당");
    }
}

public sealed record Money(long Amount, string Currency);

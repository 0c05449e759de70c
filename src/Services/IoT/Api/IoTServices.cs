using System.Security.Claims;
using Brigade.Api;
using Brigade.IoT.Data;
using Brigade.IoT.Mqtt;
using Brigade.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Brigade.IoT.Api;

/// <summary>The endpoints' dependencies and the request (caller, clock and cancellation come from <see cref="IApiRequest"/>).</summary>
public sealed record IoTServices(
    DeviceStore Devices,
    TelemetryStore Telemetry,
    AlarmStore Alarms,
    CommandStore Commands,
    HaccpStore Haccp,
    BrokerAccounts Broker,
    MqttLink Mqtt,
    IOptions<IoTOptions> Options,
    IConfiguration Configuration,
    TimeProvider Clock,
    HttpContext Http) : IApiRequest;

internal static class Access
{
    /// <summary>Any member of the restaurant or a platform admin: they watch devices, acknowledge alarms, log checks.</summary>
    public static bool IsStaffOf(this ClaimsPrincipal user, Guid restaurantId) => user.IsAdmin() || user.HasMembership(restaurantId);

    public static bool IsManagerOf(this ClaimsPrincipal user, Guid restaurantId) =>
        user.IsAdmin() || user.HasMembership(restaurantId, Roles.Owner, Roles.Manager);

    /// <summary>Null when the caller may act; 404 outside the restaurant (its devices are not theirs to know of), 403 for staff asking a manager's action.</summary>
    public static ProblemHttpResult? Refusal(this IoTServices s, Guid restaurantId, bool managers)
    {
        if (!s.User.IsStaffOf(restaurantId))
        {
            return Problems.NotFound("restaurant", "식당");
        }

        return managers && !s.User.IsManagerOf(restaurantId)
            ? Problems.Forbidden("Only the restaurant's owner or a manager can do this.", "식당 소유자나 매니저만 할 수 있습니다.", "managers_only")
            : null;
    }

    public static Guid UserIdOrEmpty(this IoTServices s) => s.User.FindUserId() ?? Guid.Empty;

    /// <summary>A finite number within [min, max] (the binder accepts any double, including huge ones).</summary>
    public static double? Number(this FieldErrors errors, string field, double? value, double min, double max, bool required = true)
    {
        if (value is null)
        {
            if (required)
            {
                errors.Missing(field);
            }

            return null;
        }

        if (!double.IsFinite(value.Value) || value < min || value > max)
        {
            errors.Add(field, $"{field} must be between {min} and {max}.", $"{field}은(는) {min}에서 {max} 사이여야 합니다.");
            return null;
        }

        return value;
    }
}

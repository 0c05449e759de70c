using System.Threading.RateLimiting;
using Brigade.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Brigade.Notifications.Api;

internal static class Problems
{
    public static ProblemHttpResult NotFound(string what) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not Found", detail: $"No such {what}.");

    public static ValidationProblem Invalid(Dictionary<string, string[]> errors) => TypedResults.ValidationProblem(errors);

    public static ValidationProblem Invalid(string field, string message) => Invalid(new() { [field] = [message] });

    public static void Add(this Dictionary<string, string[]> errors, string field, string message) =>
        errors[field] = errors.TryGetValue(field, out var existing) ? [.. existing, message] : [message];
}

/// <summary>
/// Limits <c>POST /api/notifications/send</c> per caller (user id or service name): a fixed window of
/// <c>Notifications:SendPermitsPerMinute</c> calls per minute.
/// </summary>
public sealed class SendLimiter(IOptions<NotificationsOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(key =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, options.Value.SendPermitsPerMinute),
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));

    /// <summary>Null when allowed; else the seconds to wait.</summary>
    public int? TryAcquire(System.Security.Claims.ClaimsPrincipal caller)
    {
        var key = caller.ServiceName() is { } service ? "service:" + service : caller.FindUserId()?.ToString() ?? "anonymous";
        using var lease = _limiter.AttemptAcquire(key);
        if (lease.IsAcquired)
        {
            return null;
        }

        return lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)) : 60;
    }

    public void Dispose() => _limiter.Dispose();
}

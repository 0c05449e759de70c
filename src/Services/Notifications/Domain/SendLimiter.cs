using System.Threading.RateLimiting;

namespace Brigade.Notifications.Domain;

/// <summary>
/// Limits <c>POST /api/notifications/send</c> per caller (user id or service name): a fixed window of
/// <c>Notifications:SendPermitsPerMinute</c> calls per minute.
/// </summary>
public sealed class SendLimiter(int perMinute) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(key =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, perMinute),
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));

    /// <summary>Null when <paramref name="caller"/> may send now; else the seconds to wait.</summary>
    public int? TryAcquire(string caller)
    {
        using var lease = _limiter.AttemptAcquire(caller);
        if (lease.IsAcquired)
        {
            return null;
        }

        return lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)) : 60;
    }

    public void Dispose() => _limiter.Dispose();
}

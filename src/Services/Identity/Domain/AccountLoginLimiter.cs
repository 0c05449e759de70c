using System.Threading.RateLimiting;

namespace Brigade.Identity.Domain;

/// <summary>Sign-in attempts per account per minute, whatever address they come from.</summary>
public sealed class AccountLoginLimiter(int perMinute) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(account =>
        RateLimitPartition.GetFixedWindowLimiter(account, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, perMinute),
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        }));

    public bool TryAcquire(string normalizedLogin, out TimeSpan retryAfter)
    {
        using var lease = _limiter.AttemptAcquire(normalizedLogin);
        retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}

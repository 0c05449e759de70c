using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Brigade.Chat.Api;

/// <summary>How many messages one person may send: a token bucket per person on this replica (Chat:SendsPerMinute).</summary>
public sealed class SendLimiter(IOptions<ChatOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<Guid> _limiter = PartitionedRateLimiter.Create<Guid, Guid>(userId =>
        RateLimitPartition.GetTokenBucketLimiter(userId, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = options.Value.SendsPerMinute,
            TokensPerPeriod = options.Value.SendsPerMinute,
            ReplenishmentPeriod = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));

    public bool TryTake(Guid userId)
    {
        using var lease = _limiter.AttemptAcquire(userId);
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}

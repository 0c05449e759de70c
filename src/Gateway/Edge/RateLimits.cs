using System.Net;
using System.Threading.RateLimiting;

namespace Brigade.Gateway.Edge;

/// <summary>
/// Token buckets, partitioned: anonymous requests per client address, authenticated ones per user
/// (<c>sub</c> of the validated token), and on top of that the tighter per-address policies a route
/// opts into (login, registration). Limits come from configuration and are rebuilt when it reloads;
/// <c>Gateway:RateLimits:Enabled=false</c> switches them off for benchmarks.
/// </summary>
public sealed class RateLimits : IDisposable
{
    private readonly Topology _topology;
    private volatile Limiters? _limiters;

    public RateLimits(Topology topology)
    {
        _topology = topology;
        _limiters = Build(topology.Options.RateLimits);
        topology.Changed += Rebuild;
    }

    /// <summary>Takes a token from every bucket the request falls in; on refusal says how long to wait.</summary>
    public bool TryAcquire(HttpContext http, GatewayRoute? route, out TimeSpan retryAfter)
    {
        retryAfter = TimeSpan.Zero;
        var limiters = _limiters;
        if (limiters is null)
        {
            return true;
        }

        var address = _topology.Forwarded.ClientIp(http) ?? IPAddress.None;
        if (route?.RateLimitPolicy is { } policy && limiters.Policies.TryGetValue(policy, out var policyLimiter)
            && !Acquire(policyLimiter, address, out retryAfter))
        {
            return false;
        }

        var user = EdgeUser.Subject(http);
        return user is not null
            ? Acquire(limiters.PerUser, user, out retryAfter)
            : Acquire(limiters.PerAddress, address, out retryAfter);
    }

    public void Dispose()
    {
        _topology.Changed -= Rebuild;
        _limiters?.Dispose();
    }

    private static bool Acquire<TKey>(PartitionedRateLimiter<TKey> limiter, TKey key, out TimeSpan retryAfter)
    {
        RateLimitLease lease;
        try
        {
            lease = limiter.AttemptAcquire(key);
        }
        catch (ObjectDisposedException)
        {
            // The limits were reloaded under this request; let it through rather than fail it.
            retryAfter = TimeSpan.Zero;
            return true;
        }

        using var _ = lease;
        if (lease.IsAcquired)
        {
            retryAfter = TimeSpan.Zero;
            return true;
        }

        retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
        return false;
    }

    private void Rebuild(GatewayOptions options)
    {
        var previous = _limiters;
        _limiters = Build(options.RateLimits);
        previous?.Dispose();
    }

    private static Limiters? Build(RateLimitOptions options) =>
        options.Enabled
            ? new Limiters(
                Partitioned<IPAddress>(options.PerAddress),
                Partitioned<string>(options.PerUser),
                options.Policies.ToDictionary(p => p.Key, p => Partitioned<IPAddress>(p.Value), StringComparer.OrdinalIgnoreCase))
            : null;

    private static PartitionedRateLimiter<TKey> Partitioned<TKey>(TokenBucketOptions bucket) where TKey : notnull
    {
        var settings = new TokenBucketRateLimiterOptions
        {
            TokenLimit = Math.Max(1, bucket.TokenLimit),
            TokensPerPeriod = Math.Max(1, bucket.TokensPerPeriod),
            ReplenishmentPeriod = bucket.Period > TimeSpan.Zero ? bucket.Period : TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            // The partitioned limiter's own timer replenishes every bucket; no timer per client.
            AutoReplenishment = false,
        };
        Func<TKey, TokenBucketRateLimiterOptions> factory = _ => settings;
        return PartitionedRateLimiter.Create<TKey, TKey>(key => RateLimitPartition.GetTokenBucketLimiter(key, factory));
    }

    private sealed record Limiters(
        PartitionedRateLimiter<IPAddress> PerAddress,
        PartitionedRateLimiter<string> PerUser,
        Dictionary<string, PartitionedRateLimiter<IPAddress>> Policies) : IDisposable
    {
        public void Dispose()
        {
            PerAddress.Dispose();
            PerUser.Dispose();
            foreach (var limiter in Policies.Values)
            {
                limiter.Dispose();
            }
        }
    }
}

using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Brigade.ServiceDefaults;

/// <summary>Settings of section <c>Redis</c>; the server itself is <c>ConnectionStrings:Redis</c> (StackExchange.Redis configuration).</summary>
public sealed class RedisOptions
{
    public const string Section = "Redis";

    /// <summary>Prefix of this service's cache keys and channels; <c>brigade:&lt;service&gt;:</c> when empty. Tests use one per host.</summary>
    public string? Prefix { get; set; }

    /// <summary>How long a cached entry lives in Redis (the second level).</summary>
    public TimeSpan CacheExpiration { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// How long a cached entry lives in this process's memory. Invalidations reach the other replicas through
    /// Redis at once; this bounds how stale a replica can be while Redis is unreachable.
    /// </summary>
    public TimeSpan LocalCacheExpiration { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Longest wait for a Redis answer. A cache must fail fast: the database answers instead.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(1);
}

/// <summary>
/// The process's one connection to Redis, made on first use. It never blocks start-up and never queues commands
/// while Redis is away: a command then fails at once, so a cache read falls through to the database.
/// </summary>
public sealed class RedisConnection(IConfiguration configuration, IOptions<RedisOptions> options, ServiceIdentity service) : IDisposable
{
    private readonly Lazy<Task<IConnectionMultiplexer>> _multiplexer = new(() => ConnectAsync(configuration, options.Value, service));

    /// <summary>Whether <c>ConnectionStrings:Redis</c> is set.</summary>
    public static bool IsConfigured(IConfiguration configuration) => !string.IsNullOrWhiteSpace(configuration.GetConnectionString("Redis"));

    public Task<IConnectionMultiplexer> GetAsync() => _multiplexer.Value;

    /// <summary>The configuration every Redis client of a Brigade process uses (cache, invalidation, hub backplane).</summary>
    public static ConfigurationOptions Options(IConfiguration configuration, RedisOptions options, ServiceIdentity service)
    {
        var redis = ConfigurationOptions.Parse(configuration.GetConnectionString("Redis")
            ?? throw new InvalidOperationException("Missing required setting 'ConnectionStrings:Redis'."));
        redis.AbortOnConnectFail = false;
        redis.BacklogPolicy = BacklogPolicy.FailFast;
        redis.ConnectTimeout = (int)Math.Max(options.Timeout.TotalMilliseconds, 1000);
        redis.AsyncTimeout = redis.SyncTimeout = (int)options.Timeout.TotalMilliseconds;
        redis.ClientName = service.InstanceId;
        return redis;
    }

    private static async Task<IConnectionMultiplexer> ConnectAsync(IConfiguration configuration, RedisOptions options, ServiceIdentity service) =>
        await ConnectionMultiplexer.ConnectAsync(Options(configuration, options, service));

    public void Dispose()
    {
        if (_multiplexer.IsValueCreated && _multiplexer.Value.IsCompletedSuccessfully)
        {
            _multiplexer.Value.Result.Dispose();
        }
    }
}

/// <summary>
/// <see cref="HybridCache"/> whose invalidation by tag reaches every replica of this service. HybridCache keeps a
/// first level in each process's memory, which its own <c>RemoveByTagAsync</c> clears only in the calling process;
/// so each invalidation is also published on the service's Redis channel, and every replica removes the tag on
/// receipt. While Redis is away a replica misses those messages: when the connection comes back, each replica drops
/// its whole cache once, and <see cref="RedisOptions.LocalCacheExpiration"/> bounds the staleness meanwhile.
/// </summary>
public sealed class SharedCache(
    HybridCache cache,
    IServiceProvider services,
    IOptions<RedisOptions> options,
    ILogger<SharedCache> logger) : BackgroundService
{
    private const int MaxReads = 3;

    /// <summary>Tells this process's own messages from other replicas' (two replicas may share an instance id in tests).</summary>
    private readonly string _sender = Guid.NewGuid().ToString("N");
    private readonly TaskCompletionSource _subscribed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, long> _generations = new(StringComparer.Ordinal);
    private RedisChannel Channel => RedisChannel.Literal(options.Value.Prefix + "invalidate");

    /// <summary>Completes once this replica listens for other replicas' invalidations (at once without Redis).</summary>
    public Task Subscribed => _subscribed.Task;

    /// <summary>
    /// The cached value of <paramref name="key"/>, tagged <paramref name="tag"/>, or what <paramref name="load"/> reads.
    /// A read that an invalidation of the tag overtook may hold data from before the change, and HybridCache would
    /// keep it (it dates an entry from when it is stored); so the read is repeated until none overtook it.
    /// </summary>
    public ValueTask<T> GetOrCreateAsync<T>(string key, string tag, Func<CancellationToken, ValueTask<T>> load, CancellationToken ct) =>
        cache.GetOrCreateAsync(key, async token =>
        {
            for (var read = 1; ; read++)
            {
                var generation = Generation(tag);
                var value = await load(token);
                if (Generation(tag) == generation || read == MaxReads)
                {
                    return value;
                }
            }
        }, tags: [tag], cancellationToken: ct);

    private long Generation(string tag) => _generations.GetValueOrDefault(tag) + _generations.GetValueOrDefault("*");

    /// <summary>Removes every entry tagged <paramref name="tag"/> here, in Redis and in the other replicas. Call it after the change committed.</summary>
    public async Task InvalidateAsync(string tag)
    {
        await RemoveLocallyAsync(tag);
        if (services.GetService<RedisConnection>() is not { } redis)
        {
            return;
        }

        try
        {
            var multiplexer = await redis.GetAsync();
            await multiplexer.GetSubscriber().PublishAsync(Channel, _sender + "|" + tag);
        }
        catch (Exception e) when (e is RedisException or TimeoutException or ObjectDisposedException)
        {
            logger.LogWarning("Cache invalidation of {Tag} did not reach the other replicas ({Error}); they catch up when Redis is back", tag, e.Message);
        }
    }

    /// <summary>This process's levels; the Redis write of the tag's invalidation time may fail while Redis is away.</summary>
    private async Task RemoveLocallyAsync(string tag)
    {
        _generations.AddOrUpdate(tag, 1, (_, n) => n + 1);
        try
        {
            // No cancellation: once the data changed, the invalidation must not be abandoned half-way.
            await cache.RemoveByTagAsync(tag, CancellationToken.None);
        }
        catch (Exception e) when (e is RedisException or TimeoutException or ObjectDisposedException)
        {
            logger.LogWarning("Redis did not record the invalidation of {Tag} ({Error}); this replica's memory is cleared", tag, e.Message);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (services.GetService<RedisConnection>() is not { } redis)
        {
            _subscribed.TrySetResult();
            return;
        }

        try
        {
            var multiplexer = await redis.GetAsync().WaitAsync(stoppingToken);
            multiplexer.ConnectionRestored += (_, e) =>
            {
                if (e.ConnectionType == ConnectionType.Subscription)
                {
                    logger.LogInformation("Redis is back: dropping this replica's cache, invalidations may have been missed");
                    _ = RemoveLocallyAsync("*");
                }
            };

            // Once subscribed, the client subscribes again by itself after a reconnect; the first time may have to wait for Redis.
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await multiplexer.GetSubscriber().SubscribeAsync(Channel, (_, message) => OnMessage(message));
                    _subscribed.TrySetResult();
                    return;
                }
                catch (Exception e) when (e is RedisException or TimeoutException)
                {
                    logger.LogWarning("Cannot subscribe to cache invalidations yet ({Error}); retrying", e.Message);
                    await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private void OnMessage(RedisValue message)
    {
        var text = (string?)message ?? "";
        var separator = text.IndexOf('|', StringComparison.Ordinal);
        if (separator > 0 && text[..separator] != _sender)
        {
            _ = RemoveLocallyAsync(text[(separator + 1)..]);
        }
    }
}

/// <summary>Degraded, not unhealthy, while Redis is away: the service keeps answering from its database.</summary>
internal sealed class RedisHealthCheck(RedisConnection redis) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var multiplexer = await redis.GetAsync().WaitAsync(cancellationToken);
        return multiplexer.IsConnected
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Degraded("Redis is unreachable; cached reads come from the database");
    }
}

public static class CachingExtensions
{
    /// <summary>
    /// <see cref="SharedCache"/> for every service: <see cref="HybridCache"/> with Redis as its second level when
    /// <c>ConnectionStrings:Redis</c> is set (memory only otherwise), its invalidations by tag reaching every replica.
    /// </summary>
    public static WebApplicationBuilder AddCaching(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<RedisOptions>().BindConfiguration(RedisOptions.Section)
            .PostConfigure<ServiceIdentity>((o, service) => o.Prefix = string.IsNullOrWhiteSpace(o.Prefix) ? $"brigade:{service.Name}:" : o.Prefix)
            .Validate(o => o.CacheExpiration > TimeSpan.Zero && o.LocalCacheExpiration > TimeSpan.Zero && o.LocalCacheExpiration <= o.CacheExpiration,
                "Redis:CacheExpiration and Redis:LocalCacheExpiration must be positive, the local one no longer.")
            .Validate(o => o.Timeout >= TimeSpan.FromMilliseconds(10), "Redis:Timeout must be at least 10 ms.")
            .ValidateOnStart();

        services.AddHybridCache();
        services.AddOptions<HybridCacheOptions>().Configure<IOptions<RedisOptions>>((o, redis) => o.DefaultEntryOptions = new HybridCacheEntryOptions
        {
            Expiration = redis.Value.CacheExpiration,
            LocalCacheExpiration = redis.Value.LocalCacheExpiration,
        });
        services.AddSingleton<SharedCache>();
        services.AddHostedService(sp => sp.GetRequiredService<SharedCache>());

        if (RedisConnection.IsConfigured(builder.Configuration))
        {
            services.AddSingleton<RedisConnection>();
            services.AddStackExchangeRedisCache(_ => { });
            services.AddOptions<RedisCacheOptions>().Configure<RedisConnection, IOptions<RedisOptions>>((o, redis, settings) =>
            {
                o.InstanceName = settings.Value.Prefix;
                o.ConnectionMultiplexerFactory = redis.GetAsync;
            });
            services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis", tags: [ServiceDefaultsExtensions.ReadyTag]);
        }

        return builder;
    }
}

using System.Collections.Concurrent;
using Brigade.ServiceDefaults;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Brigade.Chat.Hubs;

/// <summary>
/// Who has a live connection on any replica, so a message notifies only members who are away. Each person has a Redis
/// sorted set of connection ids scored by when the entry lapses; each replica refreshes its own connections, so the
/// connections of a replica that crashed lapse by themselves. Without Redis (or when it does not answer) everyone
/// counts as away: a notification too many is better than a message nobody hears about.
/// </summary>
public sealed class Presence(IServiceProvider services, IOptions<RedisOptions> redis, IOptions<ChatOptions> options, TimeProvider clock, ILogger<Presence> logger)
    : PeriodicJob(clock, logger)
{
    private readonly ConcurrentDictionary<string, Guid> _local = new();
    private readonly RedisConnection? _redis = services.GetService<RedisConnection>();
    private readonly ILogger _logger = logger;

    private RedisKey Key(Guid userId) => redis.Value.Prefix + "presence:" + userId.ToString("N");

    private double Lapse => Clock.GetUtcNow().Add(options.Value.PresenceLifetime).ToUnixTimeMilliseconds();

    public async Task ConnectedAsync(string connectionId, Guid userId)
    {
        _local[connectionId] = userId;
        await TryAsync(async db =>
        {
            await db.SortedSetAddAsync(Key(userId), connectionId, Lapse);
            await db.KeyExpireAsync(Key(userId), options.Value.PresenceLifetime);
        });
    }

    public async Task DisconnectedAsync(string connectionId)
    {
        if (_local.TryRemove(connectionId, out var userId))
        {
            await TryAsync(db => db.SortedSetRemoveAsync(Key(userId), connectionId));
        }
    }

    /// <summary>The people in <paramref name="userIds"/> with at least one live connection.</summary>
    public async Task<IReadOnlySet<Guid>> OnlineAsync(IReadOnlyList<Guid> userIds)
    {
        var online = new HashSet<Guid>();
        if (userIds.Count == 0)
        {
            return online;
        }

        var now = Clock.GetUtcNow().ToUnixTimeMilliseconds();
        await TryAsync(async db =>
        {
            var batch = db.CreateBatch();
            var counts = userIds.Select(id => (id, batch.SortedSetLengthAsync(Key(id), now, double.PositiveInfinity))).ToList();
            batch.Execute();
            foreach (var (id, count) in counts)
            {
                if (await count > 0)
                {
                    online.Add(id);
                }
            }
        });
        return online;
    }

    protected override TimeSpan Interval => options.Value.PresenceLifetime / 4;

    protected override bool RunAtStart => false;

    /// <summary>Renews this replica's connections before they lapse.</summary>
    protected override async Task RunRoundAsync(CancellationToken ct)
    {
        var lapse = Lapse;
        await TryAsync(async db =>
        {
            var batch = db.CreateBatch();
            var writes = _local.Select(c => batch.SortedSetAddAsync(Key(c.Value), c.Key, lapse)).ToList();
            writes.AddRange(_local.Values.Distinct().Select(u => batch.KeyExpireAsync(Key(u), options.Value.PresenceLifetime)));
            batch.Execute();
            await Task.WhenAll(writes);
        });
    }

    private async Task TryAsync(Func<IDatabase, Task> action)
    {
        if (_redis is null)
        {
            return;
        }

        try
        {
            await action((await _redis.GetAsync()).GetDatabase());
        }
        catch (Exception error) when (error is RedisException or TimeoutException)
        {
            _logger.LogWarning(error, "Chat presence is unavailable; members count as away");
        }
    }
}

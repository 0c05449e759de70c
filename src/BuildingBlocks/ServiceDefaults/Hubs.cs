using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using SignalRRedisOptions = Microsoft.AspNetCore.SignalR.StackExchangeRedis.RedisOptions;

namespace Brigade.ServiceDefaults;

public static class HubsExtensions
{
    /// <summary>
    /// SignalR for a service's hubs. With <c>ConnectionStrings:Redis</c> set, every replica joins the Redis backplane
    /// (channels under <see cref="RedisOptions.Prefix"/>), so a message sent on one replica reaches the connections of
    /// every replica: a group, a user or everyone. Without it (a single process), messages stay in the process.
    /// </summary>
    public static ISignalRServerBuilder AddHubs(this WebApplicationBuilder builder)
    {
        var signalR = builder.Services.AddSignalR();
        if (RedisConnection.IsConfigured(builder.Configuration))
        {
            signalR.AddStackExchangeRedis();
            builder.Services.AddOptions<SignalRRedisOptions>().Configure<IOptions<RedisOptions>, ServiceIdentity>((o, redis, service) =>
            {
                // A connection of its own: the backplane's subscriptions come and go with every hub connection and group.
                o.Configuration = RedisConnection.Options(builder.Configuration, redis.Value, service);
                // A group join waits for its SUBSCRIBE: under load 1 s (right for a cache read, which has the
                // database to fall back on) failed hub connections in bench/notifications; the client's default is 5 s.
                o.Configuration.AsyncTimeout = o.Configuration.SyncTimeout = (int)Math.Max(redis.Value.Timeout.TotalMilliseconds, 5000);
                o.Configuration.ChannelPrefix = RedisChannel.Literal(redis.Value.Prefix + "hubs:");
            });
        }

        return signalR;
    }
}

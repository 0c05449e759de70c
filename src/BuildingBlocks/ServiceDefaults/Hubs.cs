using Brigade.Security;
using Microsoft.AspNetCore.Authorization;
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

/// <summary>
/// A hub whose connections follow one restaurant's live changes: the restaurant's people (or an admin) call
/// <c>watch(restaurantId)</c> and join its group; anyone else is refused as if the restaurant did not exist. A service's hub
/// names its group prefix; what it sends to the group is the service's (a <c>Live</c> class with the hub's context).
/// </summary>
[Authorize(Policy = Policies.User)]
public abstract class RestaurantHub(string groupPrefix) : Hub
{
    /// <summary>The group of a restaurant's watchers on a hub whose prefix is <paramref name="groupPrefix"/>.</summary>
    public static string GroupOf(string groupPrefix, Guid restaurantId) => groupPrefix + ":" + restaurantId.ToString("N");

    /// <summary>Starts receiving a restaurant's changes; another restaurant's is refused as if it did not exist.</summary>
    public async Task Watch(Guid restaurantId)
    {
        var user = Context.User!;
        if (!user.IsAdmin() && !user.HasMembership(restaurantId))
        {
            throw new HubException("No such restaurant.");
        }

        await Groups.AddToGroupAsync(Context.ConnectionId, GroupOf(groupPrefix, restaurantId));
    }

    public Task Unwatch(Guid restaurantId) => Groups.RemoveFromGroupAsync(Context.ConnectionId, GroupOf(groupPrefix, restaurantId));
}

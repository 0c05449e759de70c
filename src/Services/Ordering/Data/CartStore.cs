using System.Text.Json;
using Brigade.Api;
using Brigade.ServiceDefaults;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Brigade.Ordering.Data;

/// <summary>One line in a cart: what, how many, which options, and who at the table added it. Prices are never stored: a cart is priced from the menu when read.</summary>
public sealed record CartLine(
    Guid LineId,
    Guid PersonId,
    string PersonName,
    Guid MenuItemId,
    int Quantity,
    IReadOnlyList<Guid> Modifiers,
    string? Notes,
    int Course,
    DateTimeOffset AddedAt);

public enum CartOutcome
{
    Done,

    /// <summary>The cart holds as many lines as it may.</summary>
    Full,

    NotFound,

    /// <summary>Someone else's line: each person changes only their own.</summary>
    NotYours,
}

/// <summary>
/// Carts in Redis: a hash per cart (field = line id), expiring <see cref="OrderingOptions.CartTtl"/> after its last change.
/// A table's cart is shared by everyone who scanned its QR code; each line keeps who added it. Losing Redis loses carts,
/// never an order. Keys: <c>&lt;prefix&gt;cart:table:&lt;tableId&gt;</c> and <c>&lt;prefix&gt;cart:diner:&lt;userId&gt;:&lt;restaurantId&gt;</c>.
/// </summary>
public sealed class CartStore(IServiceProvider services, IOptions<RedisOptions> redis, IOptions<OrderingOptions> options)
{
    // Adds a line unless the cart is full, and restarts the cart's lifetime.
    private static readonly LuaScript AddScript = LuaScript.Prepare("""
        if redis.call('HLEN', @key) >= tonumber(@max) then return 0 end
        redis.call('HSET', @key, @field, @value)
        redis.call('PEXPIRE', @key, @ttl)
        return 1
        """);

    // Releases the checkout lock only if it is still ours.
    private static readonly LuaScript ReleaseScript = LuaScript.Prepare("""
        if redis.call('GET', @key) == @token then return redis.call('DEL', @key) end
        return 0
        """);

    public static string TableCart(Guid tableId) => $"table:{tableId:N}";

    public static string DinerCart(Guid userId, Guid restaurantId) => $"diner:{userId:N}:{restaurantId:N}";

    public async Task<IReadOnlyList<CartLine>> GetAsync(string cart)
    {
        var entries = await RunAsync(db => db.HashGetAllAsync(Key(cart)));
        return entries.Select(e => JsonSerializer.Deserialize<CartLine>((string)e.Value!, JsonSerializerOptions.Web)!)
            .OrderBy(l => l.AddedAt).ThenBy(l => l.LineId).ToList();
    }

    /// <summary>When the cart expires if nobody touches it; null when it is empty.</summary>
    public async Task<DateTimeOffset?> ExpiresAtAsync(string cart, DateTimeOffset now)
    {
        var ttl = await RunAsync(db => db.KeyTimeToLiveAsync(Key(cart)));
        return ttl is { } left ? now + left : null;
    }

    public async Task<CartOutcome> AddAsync(string cart, CartLine line)
    {
        var added = await RunAsync(db => db.ScriptEvaluateAsync(AddScript, new
        {
            key = (RedisKey)Key(cart),
            field = (RedisValue)line.LineId.ToString("N"),
            value = (RedisValue)JsonSerializer.Serialize(line, JsonSerializerOptions.Web),
            max = options.Value.MaxCartLines,
            ttl = (long)options.Value.CartTtl.TotalMilliseconds,
        }));
        return (int)added == 1 ? CartOutcome.Done : CartOutcome.Full;
    }

    /// <summary>Replaces a line of <paramref name="personId"/>'s (quantity, options, notes); others' lines are refused.</summary>
    public async Task<(CartOutcome Outcome, CartLine? Line)> ReplaceAsync(string cart, Guid lineId, Guid personId, Func<CartLine, CartLine> change)
    {
        var key = Key(cart);
        var current = await RunAsync(db => db.HashGetAsync(key, lineId.ToString("N")));
        if (current.IsNull)
        {
            return (CartOutcome.NotFound, null);
        }

        var line = JsonSerializer.Deserialize<CartLine>((string)current!, JsonSerializerOptions.Web)!;
        if (line.PersonId != personId)
        {
            return (CartOutcome.NotYours, null);
        }

        var changed = change(line);
        await RunAsync(async db =>
        {
            var batch = db.CreateTransaction();
            batch.AddCondition(Condition.HashExists(key, lineId.ToString("N")));
            _ = batch.HashSetAsync(key, lineId.ToString("N"), JsonSerializer.Serialize(changed, JsonSerializerOptions.Web));
            _ = batch.KeyExpireAsync(key, options.Value.CartTtl);
            return await batch.ExecuteAsync();
        });
        return (CartOutcome.Done, changed);
    }

    public async Task<CartOutcome> RemoveAsync(string cart, Guid lineId, Guid personId)
    {
        var key = Key(cart);
        var current = await RunAsync(db => db.HashGetAsync(key, lineId.ToString("N")));
        if (current.IsNull)
        {
            return CartOutcome.NotFound;
        }

        if (JsonSerializer.Deserialize<CartLine>((string)current!, JsonSerializerOptions.Web)!.PersonId != personId)
        {
            return CartOutcome.NotYours;
        }

        await RunAsync(db => db.HashDeleteAsync(key, lineId.ToString("N")));
        return CartOutcome.Done;
    }

    /// <summary>Drops the lines that became an order (lines added meanwhile stay for the next round).</summary>
    public Task RemoveLinesAsync(string cart, IEnumerable<Guid> lineIds) =>
        RunAsync(db => db.HashDeleteAsync(Key(cart), lineIds.Select(id => (RedisValue)id.ToString("N")).ToArray()));

    /// <summary>
    /// One checkout of a cart at a time (two people at a table pressing "order" together would otherwise order the same
    /// lines twice). Returns a token to release with, or null when another checkout holds the cart.
    /// </summary>
    public async Task<string?> LockAsync(string cart, TimeSpan hold)
    {
        var token = Guid.NewGuid().ToString("N");
        return await RunAsync(db => db.StringSetAsync(Key(cart) + ":checkout", token, hold, When.NotExists)) ? token : null;
    }

    public Task ReleaseAsync(string cart, string token) =>
        RunAsync(db => db.ScriptEvaluateAsync(ReleaseScript, new { key = (RedisKey)(Key(cart) + ":checkout"), token = (RedisValue)token }));

    private string Key(string cart) => redis.Value.Prefix + "cart:" + cart;

    private async Task<T> RunAsync<T>(Func<IDatabase, Task<T>> command)
    {
        if (services.GetService<RedisConnection>() is not { } connection)
        {
            throw Unavailable();
        }

        try
        {
            return await command((await connection.GetAsync()).GetDatabase());
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            throw Unavailable();
        }
    }

    private static ProblemException Unavailable() => new(StatusCodes.Status503ServiceUnavailable, "Service Unavailable", Localized.Text(
        "Carts are unavailable for a moment; please try again shortly. Orders already placed are safe.",
        "장바구니를 잠시 사용할 수 없습니다. 잠시 후 다시 시도해 주세요. 이미 접수된 주문은 안전합니다."));
}

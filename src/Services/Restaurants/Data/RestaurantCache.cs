using Brigade.Restaurants.Api;
using Brigade.ServiceDefaults;

namespace Brigade.Restaurants.Data;

/// <summary>
/// The hot public reads, from the <see cref="SharedCache"/> (this process's memory, then Redis, then PostgreSQL): a
/// restaurant's profile as anyone without a membership sees it, and its whole menu. Every entry of a restaurant
/// carries its tag; each store drops the tag after its change commits, in every replica. PostgreSQL stays the
/// record: without Redis the reads come from memory or the database.
/// </summary>
public sealed class RestaurantCache(SharedCache cache)
{
    public static string Tag(Guid restaurantId) => "restaurant:" + restaurantId.ToString("N");

    public ValueTask<RestaurantRow?> ProfileAsync(Guid restaurantId, Func<CancellationToken, ValueTask<RestaurantRow?>> load, CancellationToken ct) =>
        cache.GetOrCreateAsync("profile:" + restaurantId.ToString("N"), Tag(restaurantId), load, ct);

    public ValueTask<MenuResponse> MenuAsync(Guid restaurantId, Func<CancellationToken, ValueTask<MenuResponse>> load, CancellationToken ct) =>
        cache.GetOrCreateAsync("menu:" + restaurantId.ToString("N"), Tag(restaurantId), load, ct);

    /// <summary>Drops the restaurant's cached profile and menu everywhere; call it after the change committed.</summary>
    public Task InvalidateAsync(Guid restaurantId) => cache.InvalidateAsync(Tag(restaurantId));
}

using Brigade.ServiceDefaults;

namespace Brigade.Analytics.Data;

/// <summary>
/// Dashboards in the <see cref="SharedCache"/>: owners reload the same range all day, and the numbers change only when an
/// event of the restaurant is ingested, which drops the restaurant's tag in every replica after its commit.
/// </summary>
public sealed class DashboardCache(SharedCache cache)
{
    public static string Tag(Guid restaurantId) => "analytics:" + restaurantId.ToString("N");

    public ValueTask<T> GetAsync<T>(Guid restaurantId, string key, Func<CancellationToken, ValueTask<T>> load, CancellationToken ct) =>
        cache.GetOrCreateAsync($"dashboard:{restaurantId:N}:{key}", Tag(restaurantId), load, ct);

    public Task InvalidateAsync(Guid restaurantId) => cache.InvalidateAsync(Tag(restaurantId));
}

using Brigade.ServiceDefaults;

namespace Brigade.Reservations.Data;

/// <summary>
/// A restaurant's book facts (<see cref="BookFacts"/>) in the <see cref="SharedCache"/> for availability reads: this
/// process's memory, then Redis, then PostgreSQL. The restaurant's tag is dropped in every replica after a
/// <c>restaurants.*</c> event or a settings change commits.
/// </summary>
public sealed class BookCache(SharedCache cache)
{
    public static string Tag(Guid restaurantId) => "restaurant:" + restaurantId.ToString("N");

    public ValueTask<BookFacts?> FactsAsync(Guid restaurantId, Func<CancellationToken, ValueTask<BookFacts?>> load, CancellationToken ct) =>
        cache.GetOrCreateAsync("book:" + restaurantId.ToString("N"), Tag(restaurantId), load, ct);

    /// <summary>Drops the restaurant's cached facts everywhere; call it after the change committed.</summary>
    public Task InvalidateAsync(Guid restaurantId) => cache.InvalidateAsync(Tag(restaurantId));
}

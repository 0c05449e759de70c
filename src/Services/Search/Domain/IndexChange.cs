using Brigade.Contracts.Jobs;
using Brigade.Contracts.Restaurants;

namespace Brigade.Search.Domain;

/// <summary>
/// A fact learned from an event, in the form the index applies it. Applying one twice, or an older one after a newer
/// one, changes nothing (versions and timestamps decide), so a change may be replayed onto a generation being rebuilt.
/// </summary>
public abstract record IndexChange
{
    private IndexChange()
    {
    }

    /// <summary>A restaurant's profile and status at a version (created, updated, published).</summary>
    public sealed record Profile(RestaurantSnapshot Restaurant, DateTimeOffset At) : IndexChange;

    public sealed record Closed(Guid RestaurantId, DateTimeOffset At) : IndexChange;

    public sealed record Hours(Guid RestaurantId, HoursFacts Facts) : IndexChange;

    public sealed record MenuItem(Guid RestaurantId, MenuItemFacts Item) : IndexChange;

    public sealed record Job(JobSnapshot Snapshot) : IndexChange;

    public sealed record JobDeleted(Guid JobId, DateTimeOffset At) : IndexChange;
}

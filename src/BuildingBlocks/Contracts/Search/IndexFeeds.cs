using Brigade.Contracts.Jobs;
using Brigade.Contracts.Restaurants;

namespace Brigade.Contracts.Search;

// What the search service reads over HTTP (with a service token) when it builds its index from scratch: at start and on
// POST /api/search/reindex. Pages in id order: GET …?after=<last id of the previous page>&limit=<n>. Every item in any
// status (drafts and closed ones too, so a later "published" event finds their menu and hours), as of ReadAt.

/// <summary>A restaurant with its opening hours (null when none were set) and its menu, as the restaurants service has them.</summary>
public sealed record RestaurantFeedItem(RestaurantSnapshot Restaurant, HoursFeed? Hours, IReadOnlyList<MenuItemFeed> Menu);

/// <summary>The hours document in the restaurant's zone, as <see cref="HoursChanged"/> carries it.</summary>
public sealed record HoursFeed(string TimeZone, IReadOnlyList<WeeklyHours> Weekly, IReadOnlyList<HoursException> Exceptions);

/// <summary>A menu item at <paramref name="Version"/>, as <see cref="MenuItemChanged"/> carries it.</summary>
public sealed record MenuItemFeed(Guid ItemId, string Name, string? Category, string? Description, MoneyAmount Price, bool SoldOut, int Version);

/// <summary><c>GET /api/restaurants/index-feed</c> (restaurants service, service token only).</summary>
public sealed record RestaurantFeedPage(IReadOnlyList<RestaurantFeedItem> Items, Guid? NextAfter, DateTimeOffset ReadAt);

/// <summary><c>GET /api/jobs/index-feed</c> (jobs service, service token only): postings in any status.</summary>
public sealed record JobFeedPage(IReadOnlyList<JobSnapshot> Items, Guid? NextAfter, DateTimeOffset ReadAt);

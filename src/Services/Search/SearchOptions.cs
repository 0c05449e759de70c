using System.ComponentModel.DataAnnotations;

namespace Brigade.Search;

/// <summary>Settings under <c>Search</c>, checked at start.</summary>
public sealed class SearchOptions
{
    /// <summary>Where this replica keeps its index (a folder of its own below it); default: the system's temp folder.</summary>
    public string? IndexPath { get; set; }

    /// <summary>How long changes that arrive together wait to share one index refresh (the indexing lag is about this).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:01")]
    public TimeSpan RefreshDelay { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Rebuild the index from the source services when the service starts (tests of event indexing may turn it off).</summary>
    public bool BuildOnStart { get; set; } = true;

    /// <summary>Restaurants per page read from the restaurants service while rebuilding.</summary>
    [Range(1, 1000)]
    public int FeedPageSize { get; set; } = 500;

    /// <summary>Restaurants' base URL; default <c>http://restaurants</c> (service discovery) when <c>Services:restaurants</c> is set.</summary>
    public string? RestaurantsUrl { get; set; }

    /// <summary>Jobs' base URL; default <c>http://jobs</c> when <c>Services:jobs</c> is set. Without one, jobs come from events only.</summary>
    public string? JobsUrl { get; set; }

    /// <summary>Identity's base URL for the service token; default <c>http://identity</c> when <c>Services:identity</c> is set.</summary>
    public string? IdentityUrl { get; set; }

    /// <summary>How often searches counted in memory are added to the shared popular-query counts.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan PopularFlushInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How many searches make a query "popular" enough to be suggested.</summary>
    [Range(1, 1000)]
    public int PopularMinCount { get; set; } = 2;

    /// <summary>The longest wait between a change and the suggestions knowing it (they are rebuilt in the background).</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan SuggestionsRefresh { get; set; } = TimeSpan.FromSeconds(2);
}

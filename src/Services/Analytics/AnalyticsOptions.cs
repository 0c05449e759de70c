using System.ComponentModel.DataAnnotations;

namespace Brigade.Analytics;

/// <summary>Settings under <c>Analytics</c>, checked at start-up.</summary>
public sealed class AnalyticsOptions
{
    /// <summary>
    /// The local hour a service day starts: anything earlier belongs to the previous day's service (a bar open until 02:00
    /// books its late checks to the evening it opened). Reservations carry their own service date, which wins.
    /// </summary>
    [Range(0, 12)]
    public int DayStartsAtHour { get; set; } = 5;

    /// <summary>The longest range a dashboard or report may cover, in days.</summary>
    [Range(1, 3660)]
    public int MaxRangeDays { get; set; } = 400;

    /// <summary>Whether owners get the weekly summary (Monday morning, their restaurant's zone).</summary>
    public bool WeeklySummaryEnabled { get; set; } = true;

    /// <summary>The local hour on Monday from which last week's summary goes out.</summary>
    [Range(0, 23)]
    public int WeeklySummaryHour { get; set; } = 8;

    /// <summary>How often the summary job looks for restaurants whose week is due.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan WeeklySummaryInterval { get; set; } = TimeSpan.FromMinutes(15);
}

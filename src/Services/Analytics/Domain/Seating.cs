using System.Globalization;

namespace Brigade.Analytics.Domain;

/// <summary>A weekly service period (<c>monday</c>…, <c>HH:mm</c> local; a close at or before the open ends the next day).</summary>
public sealed record WeeklyPeriod(string Day, string Open, string Close);

/// <summary>A date that replaces the weekly hours: closed, or open only in its periods (<c>HH:mm</c> pairs).</summary>
public sealed record DateException(string Date, bool Closed, IReadOnlyList<(string Open, string Close)> Periods);

/// <summary>The restaurant's opening hours as restaurants published them.</summary>
public sealed record OpeningHours(IReadOnlyList<WeeklyPeriod> Weekly, IReadOnlyList<DateException> Exceptions)
{
    /// <summary>Hours open on <paramref name="date"/>: its exception if there is one, else the weekday's periods.</summary>
    public decimal HoursOn(DateOnly date)
    {
        var iso = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        if (Exceptions.FirstOrDefault(e => e.Date == iso) is { } exception)
        {
            return exception.Closed ? 0 : exception.Periods.Sum(p => Length(p.Open, p.Close));
        }

        var day = date.DayOfWeek.ToString().ToLowerInvariant();
        return Weekly.Where(p => string.Equals(p.Day, day, StringComparison.OrdinalIgnoreCase)).Sum(p => Length(p.Open, p.Close));
    }

    private static decimal Length(string open, string close)
    {
        if (!TimeOnly.TryParseExact(open, "HH:mm", out var o) || !TimeOnly.TryParseExact(close, "HH:mm", out var c))
        {
            return 0;
        }

        var minutes = (c.Hour * 60 + c.Minute) - (o.Hour * 60 + o.Minute);
        return (minutes <= 0 ? minutes + 24 * 60 : minutes) / 60m;
    }
}

/// <summary>
/// RevPASH, revenue per available seat-hour: net sales ÷ (seats × hours open). Seats are the active tables' maximum
/// capacities as restaurants published them (today's floor, also for past days); hours come from the published opening hours.
/// </summary>
public static class RevPash
{
    /// <summary>The value in won (half away from zero), or null with the reason it cannot be computed.</summary>
    public static (long? Value, string? Reason) Of(long netSales, long seats, decimal? openHours)
    {
        if (seats <= 0)
        {
            return (null, "no_tables");
        }

        if (openHours is null)
        {
            return (null, "no_hours");
        }

        if (openHours <= 0)
        {
            return (null, "closed");
        }

        return ((long)Math.Round(netSales / (seats * openHours.Value), 0, MidpointRounding.AwayFromZero), null);
    }
}

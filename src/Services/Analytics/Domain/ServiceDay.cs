using NodaTime;

namespace Brigade.Analytics.Domain;

/// <summary>Where an instant falls in a restaurant's business: its service date and the local hour (0–23).</summary>
public readonly record struct DayAndHour(LocalDate Date, int Hour);

public static class ServiceDay
{
    /// <summary>
    /// The service day of <paramref name="at"/> in <paramref name="zone"/>: the local date, or the day before when the local
    /// time is earlier than <paramref name="dayStartsAtHour"/> (the after-midnight tail of the previous evening).
    /// </summary>
    public static DayAndHour Of(Instant at, DateTimeZone zone, int dayStartsAtHour)
    {
        var local = at.InZone(zone).LocalDateTime;
        var date = local.Hour < dayStartsAtHour ? local.Date.PlusDays(-1) : local.Date;
        return new DayAndHour(date, local.Hour);
    }

    /// <summary>The hours of a service day in the order they happen: from the day's start through the small hours.</summary>
    public static IReadOnlyList<int> HoursInOrder(int dayStartsAtHour) =>
        Enumerable.Range(0, 24).Select(h => (h + dayStartsAtHour) % 24).ToList();
}

/// <summary>Ratios the dashboard shows; null when there is nothing to divide by.</summary>
public static class Ratios
{
    /// <summary><paramref name="part"/> of <paramref name="whole"/> in percent, to one decimal, rounded half away from zero.</summary>
    public static decimal? Percent(long part, long whole) =>
        whole <= 0 ? null : Math.Round(part * 100m / whole, 1, MidpointRounding.AwayFromZero);

    /// <summary>Money per unit (average check), rounded to the whole won.</summary>
    public static long? Per(long amount, long count) =>
        count <= 0 ? null : (long)Math.Round((decimal)amount / count, 0, MidpointRounding.AwayFromZero);
}

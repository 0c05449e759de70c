using System.Globalization;
using NodaTime;

namespace Brigade.Search.Domain;

/// <summary>One service period in local minutes of the day; a close at or before the open ends the next day (equal = 24 h).</summary>
public readonly record struct ServicePeriod(int Open, int Close)
{
    public bool CrossesMidnight => Close <= Open;
}

/// <summary>
/// A restaurant's opening hours as the restaurants service publishes them (weekly periods, dated exceptions), read in
/// the restaurant's own zone: "open now" is the restaurant's wall clock, never the server's.
/// </summary>
public sealed class OpeningHours
{
    private readonly ServicePeriod[][] _weekly; // index: IsoDayOfWeek 1..7 (0 unused)
    private readonly Dictionary<LocalDate, ServicePeriod[]> _exceptions;

    public OpeningHours(DateTimeZone zone, IEnumerable<(IsoDayOfWeek Day, ServicePeriod ServicePeriod)> weekly, IReadOnlyDictionary<LocalDate, ServicePeriod[]> exceptions)
    {
        Zone = zone;
        _weekly = new ServicePeriod[8][];
        for (var d = 0; d < 8; d++)
        {
            _weekly[d] = [];
        }

        foreach (var group in weekly.GroupBy(w => w.Day))
        {
            _weekly[(int)group.Key] = group.Select(g => g.ServicePeriod).ToArray();
        }

        _exceptions = new Dictionary<LocalDate, ServicePeriod[]>(exceptions);
    }

    public DateTimeZone Zone { get; }

    /// <summary>Parses <c>HH:mm</c>; null when it is not a time of day.</summary>
    public static int? Minutes(string text) =>
        TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var t) ? t.Hour * 60 + t.Minute : null;

    /// <summary><c>monday</c>…<c>sunday</c> → ISO day; null when unknown.</summary>
    public static IsoDayOfWeek? Day(string name) => name.Trim().ToLowerInvariant() switch
    {
        "monday" => IsoDayOfWeek.Monday,
        "tuesday" => IsoDayOfWeek.Tuesday,
        "wednesday" => IsoDayOfWeek.Wednesday,
        "thursday" => IsoDayOfWeek.Thursday,
        "friday" => IsoDayOfWeek.Friday,
        "saturday" => IsoDayOfWeek.Saturday,
        "sunday" => IsoDayOfWeek.Sunday,
        _ => null,
    };

    /// <summary>Whether a service period covers <paramref name="local"/> (a wall-clock time in <see cref="Zone"/>).</summary>
    public bool IsOpenAt(LocalDateTime local)
    {
        var minute = local.Hour * 60 + local.Minute;
        foreach (var p in PeriodsOf(local.Date))
        {
            if (p.CrossesMidnight ? minute >= p.Open : minute >= p.Open && minute < p.Close)
            {
                return true;
            }
        }

        foreach (var p in PeriodsOf(local.Date.PlusDays(-1)))
        {
            if (p.CrossesMidnight && minute < p.Close)
            {
                return true;
            }
        }

        return false;
    }

    public bool IsOpenAt(Instant instant) => IsOpenAt(instant.InZone(Zone).LocalDateTime);

    private ServicePeriod[] PeriodsOf(LocalDate date) =>
        _exceptions.TryGetValue(date, out var periods) ? periods : _weekly[(int)date.DayOfWeek];
}

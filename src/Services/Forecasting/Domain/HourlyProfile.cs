using NodaTime;

namespace Brigade.Forecasting.Domain;

/// <summary>One hour's demand on a service day (local hour 0–23; hours before 05:00 belong to the previous day's service).</summary>
public sealed record HourValue(LocalDate Date, int Hour, double Value);

/// <summary>
/// Splits a day's forecast over its hours by the restaurant's recent shape: each weekday's share per hour over the last
/// <see cref="Weeks"/> weeks (all weekdays pooled when that weekday has no history). A daily model plus a profile is steadier
/// than a model per hour on sparse hours, and the hours always add up to the day.
/// </summary>
public static class HourlyProfile
{
    public const int Weeks = 8;

    public static IReadOnlyDictionary<IsoDayOfWeek, IReadOnlyList<(int Hour, double Share)>> Build(IEnumerable<HourValue> history, LocalDate origin)
    {
        var recent = history.Where(h => h.Date < origin && h.Date >= origin.PlusWeeks(-Weeks) && h.Value > 0).ToList();
        var pooled = Shares(recent);
        var result = new Dictionary<IsoDayOfWeek, IReadOnlyList<(int, double)>>();
        foreach (var day in Enum.GetValues<IsoDayOfWeek>().Where(d => d != IsoDayOfWeek.None))
        {
            var own = Shares(recent.Where(h => h.Date.DayOfWeek == day).ToList());
            result[day] = own.Count > 0 ? own : pooled;
        }

        return result;
    }

    /// <summary>Service-day order of an hour: 05:00 first, 04:00 (the late tail) last.</summary>
    public static int Order(int hour) => (hour + 24 - ServiceDay.CutoffHour) % 24;

    private static List<(int Hour, double Share)> Shares(List<HourValue> values)
    {
        var total = values.Sum(v => v.Value);
        return total <= 0
            ? []
            : values.GroupBy(v => v.Hour).Select(g => (g.Key, g.Sum(v => v.Value) / total)).OrderBy(x => Order(x.Key)).ToList();
    }
}

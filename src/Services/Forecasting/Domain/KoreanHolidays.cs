using NodaTime;

namespace Brigade.Forecasting.Domain;

/// <summary>
/// Korean public holidays for the years the demand history spans (관공서의 공휴일에 관한 규정: national days, 설날 and 추석
/// with the days either side, 부처님오신날, substitute holidays, election days and the government's one-off holidays such as
/// 2023-10-02, 2024-10-01 and 2025-01-27). Data, not code: the lunar dates of 2027–2028 follow the KASI calendar; add the
/// next year's dates (and any one-off holiday) when the government announces them. Dates outside the table are ordinary days.
/// </summary>
public static class KoreanHolidays
{
    public const int FirstYear = 2023;
    public const int LastYear = 2028;

    // The three-day 설날 and 추석 blocks (eve, day, day after) and their substitute days: restaurants either close or see
    // a very different day, and the days around them shift demand, so they are a feature of their own.
    private static readonly HashSet<LocalDate> Major =
    [
        .. Days(2023, "01-21", "01-22", "01-23", "01-24", "09-28", "09-29", "09-30"),
        .. Days(2024, "02-09", "02-10", "02-11", "02-12", "09-16", "09-17", "09-18"),
        .. Days(2025, "01-28", "01-29", "01-30", "10-05", "10-06", "10-07", "10-08"),
        .. Days(2026, "02-16", "02-17", "02-18", "09-24", "09-25", "09-26"),
        .. Days(2027, "02-06", "02-07", "02-08", "02-09", "09-14", "09-15", "09-16"),
        .. Days(2028, "01-26", "01-27", "01-28", "10-02", "10-03", "10-04", "10-05"),
    ];

    private static readonly HashSet<LocalDate> Other =
    [
        .. Days(2023, "01-01", "03-01", "05-05", "05-27", "05-29", "06-06", "08-15", "10-02", "10-03", "10-09", "12-25"),
        .. Days(2024, "01-01", "03-01", "04-10", "05-05", "05-06", "05-15", "06-06", "08-15", "10-01", "10-03", "10-09", "12-25"),
        .. Days(2025, "01-01", "01-27", "03-01", "03-03", "05-05", "05-06", "06-03", "06-06", "08-15", "10-03", "10-09", "12-25"),
        .. Days(2026, "01-01", "03-01", "03-02", "05-05", "05-24", "05-25", "06-03", "06-06", "08-15", "08-17", "10-03", "10-05", "10-09", "12-25"),
        .. Days(2027, "01-01", "03-01", "05-05", "05-13", "06-06", "08-15", "08-16", "10-03", "10-04", "10-09", "10-11", "12-25", "12-27"),
        .. Days(2028, "01-01", "03-01", "04-12", "05-02", "05-05", "06-06", "08-15", "10-09", "12-25"),
    ];

    /// <summary>A public holiday of any kind (설날/추석 included).</summary>
    public static bool IsHoliday(LocalDate date) => Major.Contains(date) || Other.Contains(date);

    /// <summary>One of the 설날 or 추석 days (or their substitute day).</summary>
    public static bool IsMajorHoliday(LocalDate date) => Major.Contains(date);

    /// <summary>
    /// Signed days to the nearest 설날/추석 day within a week (negative = before it, 0 = on it); <see cref="NoMajorNearby"/>
    /// otherwise. People travel home before and eat out less (or more) after, so the days around count too.
    /// </summary>
    public static int DaysToMajorHoliday(LocalDate date)
    {
        for (var d = 0; d <= 7; d++)
        {
            if (Major.Contains(date.PlusDays(d)))
            {
                return -d;
            }

            if (Major.Contains(date.PlusDays(-d)))
            {
                return d;
            }
        }

        return NoMajorNearby;
    }

    public const int NoMajorNearby = 99;

    /// <summary>A business day: not a weekend, not a public holiday.</summary>
    public static bool IsBusinessDay(LocalDate date) =>
        date.DayOfWeek is not (IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday) && !IsHoliday(date);

    /// <summary>
    /// A payday: the 25th (most salaries), or the business day before it when the 25th is not one; and the last business
    /// day of the month (the other common pay date).
    /// </summary>
    public static bool IsPayday(LocalDate date)
    {
        var the25th = new LocalDate(date.Year, date.Month, 25);
        while (!IsBusinessDay(the25th))
        {
            the25th = the25th.PlusDays(-1);
        }

        var last = date.With(DateAdjusters.EndOfMonth);
        while (!IsBusinessDay(last))
        {
            last = last.PlusDays(-1);
        }

        return date == the25th || date == last;
    }

    private static IEnumerable<LocalDate> Days(int year, params string[] days) =>
        days.Select(d => new LocalDate(year, int.Parse(d[..2], null), int.Parse(d[3..], null)));
}

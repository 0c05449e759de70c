using NodaTime;

namespace Brigade.Staff.Domain;

/// <summary>
/// Paid public holidays in Korea: 관공서의 공휴일에 관한 규정 제2조 (national and lunar holidays, substitute holidays, election
/// days) made paid holidays for private employers by 근로기준법 제55조② and 시행령 제30조② (workplaces of five or more from
/// 2022), plus 근로자의 날 (1 May, 근로자의 날 제정에 관한 법률, every workplace). Work on these days earns the holiday premium
/// of 근로기준법 제56조②. Data, not code: add the next year's dates (lunar holidays, substitutes, elections) when the
/// government announces them.
/// </summary>
public static class Holidays
{
    private static readonly HashSet<LocalDate> Dates =
    [
        .. Year(2025, "01-01", "01-28", "01-29", "01-30", "03-01", "03-03", "05-01", "05-05", "05-06", "06-03", "06-06", "08-15",
            "10-03", "10-05", "10-06", "10-07", "10-08", "10-09", "12-25"),
        .. Year(2026, "01-01", "02-16", "02-17", "02-18", "03-01", "03-02", "05-01", "05-05", "05-24", "05-25", "06-03", "06-06",
            "08-15", "08-17", "09-24", "09-25", "09-26", "10-03", "10-05", "10-09", "12-25"),
    ];

    public static bool IsHoliday(LocalDate date) => Dates.Contains(date);

    private static IEnumerable<LocalDate> Year(int year, params string[] days) =>
        days.Select(d => new LocalDate(year, int.Parse(d[..2], null), int.Parse(d[3..], null)));
}

namespace Brigade.Staff.Domain;

/// <summary>
/// The Korean statutory minimum hourly wage by calendar year (최저임금법 제6조: an employer pays at least the minimum
/// wage; 제10조: the Minister of Employment and Labor publishes each year's rate by 5 August of the year before).
/// 2024: 9,860 KRW; 2025: 10,030 KRW; 2026: 10,320 KRW. A year not in the table uses the latest published rate until a
/// row is added (add the new year's row when the Ministry publishes it each August).
/// </summary>
public static class MinimumWage
{
    public const string Currency = "KRW";

    /// <summary>
    /// Monthly hours a monthly salary is divided by to compare it with the hourly minimum (최저임금법 시행령 제5조①:
    /// (40 contract hours + 8 paid weekly-holiday hours) × 365 / 7 / 12 ≈ 208.6, rounded to 209).
    /// </summary>
    public const int MonthlyStandardHours = 209;

    private static readonly SortedDictionary<int, long> HourlyByYear = new()
    {
        [2024] = 9_860,
        [2025] = 10_030,
        [2026] = 10_320,
    };

    public static long HourlyFor(int year)
    {
        var known = HourlyByYear.Where(r => r.Key <= year).ToList();
        return known.Count > 0 ? known[^1].Value : HourlyByYear.First().Value;
    }
}

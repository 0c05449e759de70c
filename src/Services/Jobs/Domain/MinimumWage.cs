namespace Brigade.Jobs.Domain;

/// <summary>
/// The Korean statutory minimum hourly wage by calendar year (최저임금법 제6조: an employer pays at least the minimum
/// wage; 제10조: the Minister of Employment and Labor publishes each year's rate by 5 August of the year before).
/// 2024: 9,860 KRW; 2025: 10,030 KRW (Minimum Wage Commission decision of 12 July 2024, published in August 2024);
/// 2026: 10,320 KRW (decision of 10 July 2025, published in August 2025). A year not in the table uses the latest
/// published rate until a row is added for it (add the new year's row when the Ministry publishes it each August).
/// </summary>
public static class MinimumWage
{
    public const string Currency = "KRW";

    private static readonly SortedDictionary<int, long> HourlyByYear = new()
    {
        [2024] = 9_860,
        [2025] = 10_030,
        [2026] = 10_320,
    };

    /// <summary>The minimum hourly wage in KRW for a shift worked in <paramref name="year"/>.</summary>
    public static long HourlyFor(int year)
    {
        var known = HourlyByYear.Where(r => r.Key <= year).ToList();
        return known.Count > 0 ? known[^1].Value : HourlyByYear.First().Value;
    }
}

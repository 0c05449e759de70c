using NodaTime;

namespace Brigade.Forecasting.Domain;

/// <summary>One hour of generated history: covers and sales (minor units).</summary>
public sealed record SeededHour(LocalDate Date, int Hour, int Covers, long Sales);

/// <summary>
/// Realistic demo demand for a restaurant, for the Local environment: a level and spend of its own, a weekly shape (Friday and
/// Saturday busiest), a yearly swell (summer and the year-end party season), slow growth, 설날/추석 (quiet: people travel
/// home) and other holidays (busier), paydays, and weather: streaks of good and bad days plus the odd rainy day. Lunch and
/// dinner split the day. Deterministic: the random walk starts on a fixed date from a seed derived from the restaurant id,
/// so a date's figures never depend on when they were generated.
/// </summary>
public static class DemoHistory
{
    private static readonly LocalDate Anchor = new(KoreanHolidays.FirstYear, 1, 1);
    private static readonly double[] Weekly = [0.78, 0.82, 0.9, 1.0, 1.32, 1.45, 1.12];
    private static readonly (int Hour, double Weight)[] Lunch = [(11, 0.3), (12, 0.45), (13, 0.25)];
    private static readonly (int Hour, double Weight)[] Dinner = [(17, 0.1), (18, 0.25), (19, 0.3), (20, 0.22), (21, 0.13)];

    public static IEnumerable<SeededHour> Generate(Guid restaurantId, LocalDate endExclusive, int days)
    {
        var first = endExclusive.PlusDays(-days);
        var bytes = restaurantId.ToByteArray();
        var random = new Random(BitConverter.ToInt32(bytes, 0) ^ BitConverter.ToInt32(bytes, 12));
        var level = 40 + random.Next(0, 120);
        var spend = 15_000 + (random.Next(0, 45) * 1000);
        var weekly = Weekly.Select(w => w * (0.95 + (random.NextDouble() * 0.1))).ToArray();
        var weather = 0.0;
        for (var date = Anchor; date < endExclusive; date = date.PlusDays(1))
        {
            weather = (0.7 * weather) + Normal(random, 0.05);
            var rain = random.NextDouble() < 0.12 ? -0.15 : 0;
            var noise = Normal(random, 0.06);
            if (date < first)
            {
                continue;
            }

            var mean = level * weekly[(int)date.DayOfWeek - 1] * Season(date) * Calendar(date) * (1 + (0.06 * Period.DaysBetween(Anchor, date) / 365.25));
            var covers = (int)Math.Round(Math.Max(0, mean * Math.Exp(weather + rain + noise)));
            var lunchShare = date.DayOfWeek is IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday ? 0.35 : 0.42;
            foreach (var (hour, share, spendFactor) in Lunch.Select(l => (l.Hour, l.Weight * lunchShare, 0.8))
                         .Concat(Dinner.Select(d => (d.Hour, d.Weight * (1 - lunchShare), 1.3))))
            {
                var hourCovers = (int)Math.Round(covers * share);
                var sales = (long)Math.Round(hourCovers * spend * spendFactor * (1 + Normal(random, 0.05)) / 100) * 100;
                yield return new SeededHour(date, hour, hourCovers, Math.Max(0, sales));
            }
        }
    }

    private static double Season(LocalDate date) =>
        1 + (0.10 * Math.Cos(2 * Math.PI * (date.DayOfYear - 200) / 365.25)) + (date.Month == 12 && date.Day >= 15 ? 0.08 : 0);

    private static double Calendar(LocalDate date)
    {
        if (KoreanHolidays.IsMajorHoliday(date))
        {
            return 0.3;
        }

        var factor = 1.0;
        if (KoreanHolidays.IsMajorHoliday(date.PlusDays(1)))
        {
            factor *= 0.75;
        }
        else if (KoreanHolidays.IsHoliday(date) || KoreanHolidays.IsHoliday(date.PlusDays(1)))
        {
            factor *= 1.15;
        }

        return KoreanHolidays.IsPayday(date) ? factor * 1.07 : factor;
    }

    private static double Normal(Random random, double sd) =>
        sd * Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}

using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;
using NodaTime;

namespace Brigade.Forecasting.Domain;

/// <summary>A daily series (covers or sales) from <see cref="Start"/>, one value per service day, missing days 0.</summary>
public sealed class DailySeries(LocalDate start, IReadOnlyList<double> values)
{
    public LocalDate Start { get; } = start;
    public IReadOnlyList<double> Values { get; } = values;
    public int Count => Values.Count;

    /// <summary>The value on <paramref name="date"/>, or null outside the series.</summary>
    public double? At(LocalDate date)
    {
        var i = Period.DaysBetween(Start, date);
        return i >= 0 && i < Values.Count ? Values[i] : null;
    }

    public static DailySeries From(IReadOnlyDictionary<LocalDate, double> byDate, LocalDate endExclusive)
    {
        if (byDate.Count == 0)
        {
            return new DailySeries(endExclusive, []);
        }

        var start = byDate.Keys.Min();
        var values = new List<double>();
        for (var d = start; d < endExclusive; d = d.PlusDays(1))
        {
            values.Add(byDate.TryGetValue(d, out var v) ? v : 0);
        }

        return new DailySeries(start, values);
    }

    /// <summary>The part strictly before <paramref name="end"/>.</summary>
    public DailySeries Before(LocalDate end) => new(Start, Values.Take(Math.Clamp(Period.DaysBetween(Start, end), 0, Values.Count)).ToList());
}

/// <summary>How a forecast is made: tree settings, horizon, backtest, the short-history threshold and the interval.</summary>
public sealed record ForecastSettings(
    int Horizon = 14,
    int Trees = 100,
    int Leaves = 8,
    int MinLeafExamples = 5,
    double LearningRate = 0.1,
    int BacktestOrigins = 6,
    int MinHistoryDays = 56,
    double IntervalLevel = 0.8,
    int Seed = 7);

public sealed record DayForecast(LocalDate Date, double Value, double Low, double High);

/// <summary>
/// A forecast and how it was scored. <see cref="Method"/> is <c>gbt</c> (gradient-boosted trees) or <c>seasonal_naive</c>
/// (same weekday last week). <see cref="Mase"/>: the model's mean absolute error over the rolling-origin backtest divided by
/// seasonal-naive's on the same days (below 1 = better than naive). <see cref="Coverage"/>: the share of backtest actuals
/// inside the interval, each origin's interval built from the other origins' residuals.
/// </summary>
public sealed record ForecastResult(
    string Method,
    string Reason,
    IReadOnlyList<DayForecast> Days,
    double? Mase,
    double? Coverage,
    double LowQuantile,
    double HighQuantile,
    int HistoryDays,
    int BacktestPoints);

/// <summary>
/// Forecasts a restaurant's daily demand for the next <see cref="ForecastSettings.Horizon"/> days. The model predicts the
/// day's ratio to a baseline, less one (so a few trees grown from zero already mean "as usual"). The baseline is the mean of
/// the same weekday 2–7 weeks back, all known at the forecast origin for the whole horizon, so one model serves every day
/// ahead without feeding forecasts back in. The features are calendar ones: weekday, month,
/// day of year and month, Korean holidays and the distance to 설날/추석, paydays, how many baseline days were holidays, and
/// the same day last year's ratio. Gradient-boosted trees (ML.NET FastTree) are used only when a rolling-origin backtest
/// shows they beat seasonal-naive; short history or a losing backtest serves seasonal-naive. Intervals come from the
/// quantiles of backtest relative residuals (no quantile model): honest about what the model actually got wrong.
/// </summary>
public static class DemandForecaster
{
    private const int FeatureCount = 12;
    private static readonly int[] BaselineLags = [14, 21, 28, 35, 42, 49];

    private sealed class Row
    {
        [VectorType(FeatureCount)]
        public float[] Features { get; set; } = new float[FeatureCount];

        public float Label { get; set; }
    }

    private sealed class Prediction
    {
        public float Score { get; set; }
    }

    public static ForecastResult Forecast(DailySeries history, LocalDate origin, ForecastSettings s)
    {
        var series = history.Before(origin);
        var horizon = Enumerable.Range(0, s.Horizon).Select(origin.PlusDays).ToList();
        if (series.Count == 0)
        {
            return new ForecastResult("seasonal_naive", "no_history", horizon.Select(d => new DayForecast(d, 0, 0, 0)).ToList(), null, null, 0, 0, 0, 0);
        }

        var (naiveLow, naiveHigh) = NaiveQuantiles(series, s.IntervalLevel);
        var naive = new ForecastResult("seasonal_naive", "short_history", Naive(series, horizon, naiveLow, naiveHigh), null, null, naiveLow, naiveHigh, series.Count, 0);
        var origins = Enumerable.Range(1, s.BacktestOrigins)
            .Select(k => origin.PlusDays(-k * s.Horizon))
            .Where(o => Period.DaysBetween(series.Start, o) >= s.MinHistoryDays)
            .Reverse()
            .ToList();
        if (series.Count < s.MinHistoryDays || origins.Count == 0 || TrainingDays(series.Before(origins[0])) < s.MinHistoryDays / 2)
        {
            return naive;
        }

        var backtest = origins.Select(o => BacktestOrigin(series, o, s)).ToList();
        var points = backtest.Sum(b => b.Count);
        var modelError = backtest.Sum(b => b.Sum(p => Math.Abs(p.Actual - p.Model)));
        var naiveError = backtest.Sum(b => b.Sum(p => Math.Abs(p.Actual - p.Naive)));
        double? mase = naiveError > 0 ? modelError / naiveError : null;
        var residuals = backtest.SelectMany(b => b.Select(p => p.Residual)).ToList();
        var (low, high) = Quantiles(residuals, s.IntervalLevel);
        var coverage = Coverage(backtest, s.IntervalLevel);
        if (mase is null or >= 1)
        {
            return naive with { Reason = "naive_won_backtest", Mase = mase, Coverage = coverage, BacktestPoints = points };
        }

        using var model = Train(series, s);
        var days = horizon.Select(d =>
        {
            var value = Predict(model, series, d);
            return new DayForecast(d, value, Math.Max(0, value * (1 + low)), Math.Max(0, value * (1 + high)));
        }).ToList();
        return new ForecastResult("gbt", "model_beat_naive", days, mase, coverage, low, high, series.Count, points);
    }

    private sealed record Point(double Actual, double Model, double Naive)
    {
        /// <summary>Relative error of the model (actual − forecast) / forecast; the interval scales with the forecast.</summary>
        public double Residual => (Actual - Model) / Math.Max(Model, 1);
    }

    private static List<Point> BacktestOrigin(DailySeries series, LocalDate origin, ForecastSettings s)
    {
        var train = series.Before(origin);
        using var model = Train(train, s);
        var points = new List<Point>();
        for (var h = 0; h < s.Horizon; h++)
        {
            var d = origin.PlusDays(h);
            if (series.At(d) is not { } actual)
            {
                break;
            }

            points.Add(new Point(actual, Predict(model, train, d), SameWeekdayBefore(train, origin, d)));
        }

        return points;
    }

    private static double? Coverage(List<List<Point>> backtest, double level)
    {
        if (backtest.Count < 2)
        {
            return null;
        }

        var inside = 0;
        var total = 0;
        for (var i = 0; i < backtest.Count; i++)
        {
            var others = backtest.Where((_, j) => j != i).SelectMany(b => b.Select(p => p.Residual)).ToList();
            var (low, high) = Quantiles(others, level);
            foreach (var p in backtest[i])
            {
                total++;
                if (p.Actual >= Math.Max(0, p.Model * (1 + low)) - 1e-9 && p.Actual <= p.Model * (1 + high) + 1e-9)
                {
                    inside++;
                }
            }
        }

        return total == 0 ? null : (double)inside / total;
    }

    private static (double Low, double High) Quantiles(List<double> residuals, double level)
    {
        if (residuals.Count < 7)
        {
            return (-0.25, 0.25);
        }

        var sorted = residuals.Order().ToList();
        return (Quantile(sorted, (1 - level) / 2), Quantile(sorted, 1 - ((1 - level) / 2)));
    }

    private static double Quantile(List<double> sorted, double q)
    {
        var position = q * (sorted.Count - 1);
        var below = (int)Math.Floor(position);
        var above = Math.Min(below + 1, sorted.Count - 1);
        return sorted[below] + ((sorted[above] - sorted[below]) * (position - below));
    }

    private static (double Low, double High) NaiveQuantiles(DailySeries series, double level)
    {
        var residuals = new List<double>();
        for (var i = 7; i < series.Count; i++)
        {
            residuals.Add((series.Values[i] - series.Values[i - 7]) / Math.Max(series.Values[i - 7], 1));
        }

        return Quantiles(residuals.TakeLast(56).ToList(), level);
    }

    private static List<DayForecast> Naive(DailySeries series, List<LocalDate> horizon, double low, double high) =>
        horizon.Select(d =>
        {
            var value = SameWeekdayBefore(series, horizon[0], d);
            return new DayForecast(d, value, Math.Max(0, value * (1 + low)), Math.Max(0, value * (1 + high)));
        }).ToList();

    /// <summary>Seasonal-naive: the same weekday in the last week before <paramref name="origin"/> (0 when unknown).</summary>
    public static double SameWeekdayBefore(DailySeries series, LocalDate origin, LocalDate day)
    {
        var weeksBack = (Period.DaysBetween(origin, day) / 7) + 1;
        return series.At(day.PlusDays(-7 * weeksBack)) ?? 0;
    }

    /// <summary>Days a model can learn from: a baseline is known and not zero (a restaurant closed for weeks teaches nothing).</summary>
    private static int TrainingDays(DailySeries series) =>
        Enumerable.Range(BaselineLags[^1], Math.Max(0, series.Count - BaselineLags[^1])).Count(i => Baseline(series, series.Start.PlusDays(i)) > 0);

    private static PredictionEngine<Row, Prediction> Train(DailySeries series, ForecastSettings s)
    {
        var rows = new List<Row>();
        for (var i = BaselineLags[^1]; i < series.Count; i++)
        {
            var day = series.Start.PlusDays(i);
            var baseline = Baseline(series, day);
            if (baseline <= 0)
            {
                continue;
            }

            rows.Add(new Row { Features = Features(series, day, baseline), Label = (float)((series.Values[i] / baseline) - 1) });
        }

        var ml = new MLContext(s.Seed);
        var trainer = ml.Regression.Trainers.FastTree(new FastTreeRegressionTrainer.Options
        {
            NumberOfTrees = s.Trees,
            NumberOfLeaves = s.Leaves,
            MinimumExampleCountPerLeaf = s.MinLeafExamples,
            LearningRate = s.LearningRate,
            NumberOfThreads = 1,
            Seed = s.Seed,
        });
        return ml.Model.CreatePredictionEngine<Row, Prediction>(trainer.Fit(ml.Data.LoadFromEnumerable(rows)));
    }

    private static double Predict(PredictionEngine<Row, Prediction> model, DailySeries known, LocalDate day)
    {
        var baseline = Baseline(known, day);
        if (baseline <= 0)
        {
            return 0;
        }

        var ratio = model.Predict(new Row { Features = Features(known, day, baseline) }).Score;
        return Math.Max(0, (1 + ratio) * baseline);
    }

    /// <summary>
    /// The mean of the same weekday 2–7 weeks before <paramref name="day"/>, leaving out holidays (a 추석 Monday says nothing
    /// about an ordinary one); the median of all of them when every one was a holiday.
    /// </summary>
    internal static double Baseline(DailySeries series, LocalDate day)
    {
        var lags = BaselineLags.Select(l => day.PlusDays(-l)).Select(d => (Day: d, Value: series.At(d))).Where(x => x.Value is not null).ToList();
        var ordinary = lags.Where(x => !KoreanHolidays.IsHoliday(x.Day)).Select(x => x.Value!.Value).ToList();
        if (ordinary.Count > 0)
        {
            return ordinary.Average();
        }

        var all = lags.Select(x => x.Value!.Value).Order().ToList();
        return all.Count == 0 ? 0 : all[all.Count / 2];
    }

    private static float[] Features(DailySeries series, LocalDate day, double baseline)
    {
        var lastYear = day.PlusDays(-364);
        var lastYearBaseline = Baseline(series, lastYear);
        var lastYearRatio = series.At(lastYear) is { } ly && lastYearBaseline > 0 ? ly / lastYearBaseline : -1;
        return
        [
            (int)day.DayOfWeek,
            day.Month,
            day.DayOfYear,
            day.Day,
            KoreanHolidays.IsHoliday(day) ? 1 : 0,
            KoreanHolidays.IsMajorHoliday(day) ? 1 : 0,
            KoreanHolidays.DaysToMajorHoliday(day),
            KoreanHolidays.IsPayday(day) ? 1 : 0,
            BaselineLags.Count(l => KoreanHolidays.IsHoliday(day.PlusDays(-l))),
            (float)lastYearRatio,
            KoreanHolidays.IsHoliday(day.PlusDays(1)) || KoreanHolidays.IsHoliday(day.PlusDays(-1)) ? 1 : 0,
            (float)Math.Log(1 + baseline),
        ];
    }
}

using System.ComponentModel.DataAnnotations;
using Brigade.Forecasting.Domain;

namespace Brigade.Forecasting;

/// <summary>Settings under <c>Forecasting</c>, bound by name and checked when the service starts.</summary>
public sealed class ForecastingOptions
{
    /// <summary>Days forecast from today.</summary>
    [Range(7, 60)]
    public int HorizonDays { get; set; } = 14;

    /// <summary>Boosted trees per model (fewer in tests: training time grows with them).</summary>
    [Range(5, 2000)]
    public int Trees { get; set; } = 100;

    /// <summary>How much each tree corrects the ones before it: fewer trees need a larger rate.</summary>
    [Range(0.01, 1)]
    public double LearningRate { get; set; } = 0.1;

    [Range(2, 128)]
    public int Leaves { get; set; } = 8;

    [Range(1, 100)]
    public int MinLeafExamples { get; set; } = 5;

    /// <summary>Rolling-origin backtest: how many past origins (one horizon apart) score each model.</summary>
    [Range(1, 26)]
    public int BacktestOrigins { get; set; } = 6;

    /// <summary>Less history than this serves seasonal-naive (same weekday last week) instead of a model.</summary>
    [Range(5, 104)]
    public int MinHistoryWeeks { get; set; } = 8;

    /// <summary>The share of actuals the prediction interval should hold (0.8 = the 10th to 90th percentile of backtest residuals).</summary>
    [Range(0.5, 0.99)]
    public double IntervalLevel { get; set; } = 0.8;

    /// <summary>How often models older than today are looked for and retrained (a model is trained at most once a day by this job).</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "1.00:00:00")]
    public TimeSpan RetrainCheckInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Covers one person on the floor serves in an hour, until a restaurant sets its own.</summary>
    [Range(0.5, 100)]
    public decimal CoversPerStaffHour { get; set; } = 8;

    /// <summary>The fewest people on while guests are in, until a restaurant sets its own.</summary>
    [Range(0, 50)]
    public int MinimumStaff { get; set; } = 1;

    /// <summary>A restaurant where the diner did not show up within this many days is not recommended to them.</summary>
    [Range(0, 3650)]
    public int NoShowExclusionDays { get; set; } = 180;

    /// <summary>Popularity counts the last this many days.</summary>
    [Range(1, 3650)]
    public int PopularityDays { get; set; } = 90;

    /// <summary>Local environment only: days of demo history generated for the demo restaurants (0 = none).</summary>
    [Range(0, 1500)]
    public int DemoHistoryDays { get; set; } = 730;

    public ForecastSettings Settings => new(HorizonDays, Trees, Leaves, MinLeafExamples, LearningRate, BacktestOrigins, MinHistoryWeeks * 7, IntervalLevel);
}

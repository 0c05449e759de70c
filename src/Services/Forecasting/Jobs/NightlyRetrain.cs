using Brigade.Api;
using Brigade.Forecasting.Data;
using Brigade.Forecasting.Domain;
using Brigade.ServiceDefaults;
using Microsoft.Extensions.Options;

namespace Brigade.Forecasting.Jobs;

/// <summary>
/// Retrains every restaurant with history whose latest models forecast from before today, so each is retrained once a day
/// soon after its service day turns (05:00 local). Two replicas may both retrain one restaurant in the same round: that
/// costs a spare version, never a wrong one (versions are numbered under an advisory lock).
/// </summary>
public sealed class NightlyRetrain(HistoryStore history, ModelStore models, ModelTrainer trainer, IOptions<ForecastingOptions> options, TimeProvider clock,
    ILogger<NightlyRetrain> logger) : PeriodicJob(clock, logger)
{
    protected override TimeSpan Interval => options.Value.RetrainCheckInterval;

    protected override async Task RunRoundAsync(CancellationToken ct)
    {
        var today = ServiceDay.Of(Clock.GetUtcNow(), RestaurantTime.DefaultZone).Date;
        foreach (var restaurantId in await models.StaleAsync(await history.RestaurantsWithHistoryAsync(ct), today, ct))
        {
            await trainer.TrainAsync(restaurantId, "nightly", null, ct);
        }
    }
}

using Brigade.Forecasting.Data;
using Brigade.Forecasting.Domain;
using Brigade.ServiceDefaults;
using Microsoft.Extensions.Options;

namespace Brigade.Forecasting.Jobs;

/// <summary>
/// Local environment only: gives each demo restaurant (learned from restaurants' events, created without an owner)
/// <c>Forecasting:DemoHistoryDays</c> of generated history written straight into the history tables (not as events: no other
/// service should book these sales), then trains its models, so forecasts show something under <c>./brigade up</c>.
/// Idempotent: a restaurant with seeded history is skipped; a round every minute picks up demo restaurants as their events arrive.
/// </summary>
public sealed class DemoHistoryLoader(HistoryStore history, ModelTrainer trainer, IHostEnvironment environment, IOptions<ForecastingOptions> options,
    TimeProvider clock, ILogger<DemoHistoryLoader> logger) : PeriodicJob(clock, logger)
{
    protected override bool Enabled => environment.IsEnvironment("Local") && options.Value.DemoHistoryDays > 0;

    protected override TimeSpan Interval => TimeSpan.FromMinutes(1);

    protected override async Task RunRoundAsync(CancellationToken ct)
    {
        foreach (var restaurantId in await history.DemoRestaurantsWithoutHistoryAsync(ct))
        {
            var today = trainer.Today(null);
            var rows = await history.SeedAsync(restaurantId, DemoHistory.Generate(restaurantId, today, options.Value.DemoHistoryDays).ToList(), ct);
            logger.LogInformation("Seeded {Rows} hours of demo history for restaurant {RestaurantId}", rows, restaurantId);
            await trainer.TrainAsync(restaurantId, "demo", null, ct);
        }
    }
}

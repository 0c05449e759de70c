using System.Collections.Concurrent;
using Brigade.Api;
using Brigade.Forecasting.Data;
using Brigade.Forecasting.Domain;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Brigade.Forecasting.Jobs;

/// <summary>Trains a restaurant's covers and sales models on its history up to yesterday and stores them as new versions.</summary>
public sealed class ModelTrainer(HistoryStore history, ModelStore models, IOptions<ForecastingOptions> options, TimeProvider clock)
{
    /// <summary>History read for training: two years and a season, enough for the same-day-last-year feature.</summary>
    private const int HistoryWindowDays = 800;

    private readonly ConcurrentDictionary<Guid, Lazy<Task<IReadOnlyList<ModelRow>>>> _firsts = new();

    /// <summary>
    /// The models of a restaurant that had none when it was read: concurrent first reads (a page asks for the forecast,
    /// the labour plan and the items at once) share one training in this process, and one arriving after it finished
    /// finds its models rather than training again.
    /// </summary>
    public async Task<IReadOnlyList<ModelRow>> FirstAsync(Guid restaurantId, CancellationToken ct)
    {
        var first = _firsts.GetOrAdd(restaurantId, id => new Lazy<Task<IReadOnlyList<ModelRow>>>(async () =>
        {
            try
            {
                var latest = await models.LatestAsync(id, CancellationToken.None);
                return latest.Count >= 2 ? latest : await TrainAsync(id, "first_read", null, CancellationToken.None);
            }
            finally
            {
                _firsts.TryRemove(id, out _);
            }
        }));
        return await first.Value.WaitAsync(ct);
    }

    public async Task<IReadOnlyList<ModelRow>> TrainAsync(Guid restaurantId, string trigger, Guid? by, CancellationToken ct)
    {
        var zone = RestaurantTime.Zone((await history.RestaurantAsync(restaurantId, ct))?.TimeZone);
        var now = clock.GetUtcNow();
        var today = ServiceDay.Of(now, zone).Date;
        var hours = await history.HoursAsync(restaurantId, today.PlusDays(-HistoryWindowDays), today, ct);
        var byDay = hours.GroupBy(h => HistoryStore.Local(h.ServiceDate)).ToList();
        var covers = DailySeries.From(byDay.ToDictionary(g => g.Key, g => g.Sum(h => h.Covers)), today);
        var sales = DailySeries.From(byDay.ToDictionary(g => g.Key, g => g.Sum(h => h.Sales)), today);
        var o = options.Value;
        var settings = o.Settings;
        // Training is CPU work of a second or two: off the request thread, the two targets one after the other (2 cores shared).
        var (coversResult, salesResult) = await Task.Run(() => (DemandForecaster.Forecast(covers, today, settings), DemandForecaster.Forecast(sales, today, settings)), ct);
        return
        [
            await models.SaveAsync(restaurantId, "covers", coversResult, today, trigger, o.Trees, o.IntervalLevel, by, now, ct),
            await models.SaveAsync(restaurantId, "sales", salesResult, today, trigger, o.Trees, o.IntervalLevel, by, now, ct),
        ];
    }

    public LocalDate Today(string? zoneId) => ServiceDay.Of(clock.GetUtcNow(), RestaurantTime.Zone(zoneId)).Date;
}

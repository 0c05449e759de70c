using Brigade.Api;
using Brigade.Forecasting.Data;
using Brigade.Forecasting.Domain;
using NodaTime;

namespace Brigade.Forecasting.Api;

/// <summary>A day's forecast as served: the model's figures, bookings on the book, an override, and what is expected.</summary>
public sealed record ForecastDay(
    LocalDate Date,
    ModelDayRow? Covers,
    ModelDayRow? Sales,
    int BookedCovers,
    OverrideRow? Override,
    double ExpectedCovers,
    double ExpectedSales,
    IReadOnlyList<(int Hour, double Covers, double Sales)> Hours);

/// <summary>The latest models of a restaurant and its days, assembled for the forecast, labour and item endpoints.</summary>
public sealed record ForecastView(string Currency, string TimeZone, LocalDate Today, IReadOnlyList<ModelRow> Models, IReadOnlyList<ForecastDay> Days)
{
    /// <summary>
    /// Reads (training first if the restaurant has no model yet) <paramref name="days"/> days from today. Expected covers are
    /// the owner's override, else the model's forecast but never below the covers already booked; expected sales follow an
    /// override, else the model's, raised in proportion when bookings raised the covers.
    /// </summary>
    public static async Task<ForecastView> LoadAsync(ForecastingServices s, Guid restaurantId, int days)
    {
        var restaurant = await s.History.RestaurantAsync(restaurantId, s.Ct);
        var zoneId = restaurant?.TimeZone ?? RestaurantTime.DefaultZoneId;
        var today = s.Trainer.Today(zoneId);
        var models = await s.Models.LatestAsync(restaurantId, s.Ct);
        if (models.Count < 2)
        {
            models = await s.Trainer.FirstAsync(restaurantId, s.Ct);
        }

        var end = today.PlusDays(days);
        var modelDays = await s.Models.DaysAsync(models.Select(m => m.Id).ToList(), today, end, s.Ct);
        var coversModel = models.First(m => m.Target == "covers").Id;
        var booked = await s.History.BookedCoversAsync(restaurantId, today, end, s.Ct);
        var overrides = await s.Overrides.ForDaysAsync(restaurantId, today, end, s.Ct);
        var recent = await s.History.HoursAsync(restaurantId, today.PlusWeeks(-HourlyProfile.Weeks), today, s.Ct);
        var coversShape = HourlyProfile.Build(recent.Select(h => new HourValue(HistoryStore.Local(h.ServiceDate), h.Hour, h.Covers)), today);
        var salesShape = HourlyProfile.Build(recent.Select(h => new HourValue(HistoryStore.Local(h.ServiceDate), h.Hour, h.Sales)), today);
        var list = new List<ForecastDay>();
        for (var date = today; date < end; date = date.PlusDays(1))
        {
            var day = date;
            var covers = modelDays.FirstOrDefault(d => d.ModelId == coversModel && HistoryStore.Local(d.ServiceDate) == day);
            var sales = modelDays.FirstOrDefault(d => d.ModelId != coversModel && HistoryStore.Local(d.ServiceDate) == day);
            var bookedCovers = booked.GetValueOrDefault(day);
            overrides.TryGetValue(day, out var manual);
            var modelCovers = covers?.Value ?? 0;
            var expectedCovers = manual?.Covers ?? Math.Max(modelCovers, bookedCovers);
            var expectedSales = manual?.Sales ?? ((sales?.Value ?? 0) * (modelCovers > 0 && manual?.Covers is null ? expectedCovers / modelCovers : 1));
            var coversHours = coversShape[day.DayOfWeek].ToDictionary(h => h.Hour, h => h.Share);
            var salesHours = salesShape[day.DayOfWeek].ToDictionary(h => h.Hour, h => h.Share);
            var hours = coversHours.Keys.Union(salesHours.Keys).OrderBy(HourlyProfile.Order)
                .Select(h => (h, expectedCovers * coversHours.GetValueOrDefault(h), expectedSales * salesHours.GetValueOrDefault(h))).ToList();
            list.Add(new ForecastDay(day, covers, sales, bookedCovers, manual, expectedCovers, expectedSales, hours));
        }

        return new ForecastView(restaurant?.Currency ?? "KRW", zoneId, today, models, list);
    }
}

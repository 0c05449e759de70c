using Brigade.Forecasting.Domain;
using NodaTime;

namespace Brigade.Forecasting.Tests;

public sealed class HolidayTableTests
{
    [Theory]
    [InlineData("2023-01-22")] // 설날
    [InlineData("2024-09-17")] // 추석
    [InlineData("2025-10-06")] // 추석
    [InlineData("2025-10-08")] // 추석 substitute (overlapped 개천절)
    [InlineData("2026-02-17")] // 설날
    [InlineData("2026-09-25")] // 추석
    [InlineData("2027-02-07")] // 설날
    [InlineData("2028-10-03")] // 추석
    public void Seollal_and_chuseok_days_are_major_holidays(string date) =>
        KoreanHolidays.IsMajorHoliday(LocalDatePattern(date)).ShouldBeTrue();

    [Fact]
    public void Every_year_of_the_table_has_both_lunar_holidays_and_the_fixed_national_days()
    {
        for (var year = KoreanHolidays.FirstYear; year <= KoreanHolidays.LastYear; year++)
        {
            var days = Enumerable.Range(0, 366).Select(d => new LocalDate(year, 1, 1).PlusDays(d)).Where(d => d.Year == year).ToList();
            days.Count(KoreanHolidays.IsMajorHoliday).ShouldBeGreaterThanOrEqualTo(6, $"{year}: 설날 and 추석, three days each");
            foreach (var (month, day) in new[] { (1, 1), (3, 1), (5, 5), (6, 6), (8, 15), (10, 3), (10, 9), (12, 25) })
            {
                KoreanHolidays.IsHoliday(new LocalDate(year, month, day)).ShouldBeTrue($"{year}-{month:00}-{day:00}");
            }
        }

        KoreanHolidays.IsHoliday(new LocalDate(2025, 10, 10)).ShouldBeFalse();
        KoreanHolidays.DaysToMajorHoliday(new LocalDate(2025, 10, 3)).ShouldBe(-2);
        KoreanHolidays.DaysToMajorHoliday(new LocalDate(2025, 7, 1)).ShouldBe(KoreanHolidays.NoMajorNearby);
    }

    [Fact]
    public void Payday_is_the_25th_or_the_business_day_before_and_the_last_business_day()
    {
        KoreanHolidays.IsPayday(new LocalDate(2026, 3, 25)).ShouldBeTrue(); // a Wednesday
        KoreanHolidays.IsPayday(new LocalDate(2026, 1, 23)).ShouldBeTrue(); // the 25th is a Sunday
        KoreanHolidays.IsPayday(new LocalDate(2026, 1, 25)).ShouldBeFalse();
        KoreanHolidays.IsPayday(new LocalDate(2026, 7, 31)).ShouldBeTrue(); // last business day
        KoreanHolidays.IsPayday(new LocalDate(2026, 7, 30)).ShouldBeFalse();
    }

    [Fact]
    public void Orders_before_five_in_the_morning_belong_to_the_previous_service_day()
    {
        var zone = Brigade.Api.RestaurantTime.DefaultZone;
        ServiceDay.Of(DateTimeOffset.Parse("2026-03-10T01:30:00+09:00", System.Globalization.CultureInfo.InvariantCulture), zone)
            .ShouldBe((new LocalDate(2026, 3, 9), 1));
        ServiceDay.Of(DateTimeOffset.Parse("2026-03-10T05:00:00+09:00", System.Globalization.CultureInfo.InvariantCulture), zone)
            .ShouldBe((new LocalDate(2026, 3, 10), 5));
    }

    internal static LocalDate LocalDatePattern(string iso) => NodaTime.Text.LocalDatePattern.Iso.Parse(iso).Value;
}

public sealed class ForecasterTests
{
    private static readonly ForecastSettings Small = new(Trees: 25, LearningRate: 0.35, BacktestOrigins: 4);

    private static DailySeries History(Guid restaurant, LocalDate end, int days, bool sales = false) =>
        DailySeries.From(DemoHistory.Generate(restaurant, end, days).GroupBy(h => h.Date)
            .ToDictionary(g => g.Key, g => sales ? g.Sum(h => (double)h.Sales) : g.Sum(h => (double)h.Covers)), end);

    [Fact]
    public void On_two_years_of_history_the_model_beats_seasonal_naive_in_a_rolling_origin_backtest()
    {
        // Four origins two weeks apart from 2025-08-25: eight weeks holding 추석, 개천절 and 한글날, where last week's figure misleads.
        var origin = new LocalDate(2025, 10, 20);
        foreach (var restaurant in new[] { Guid.Parse("0193a5c0-0000-7000-8000-000000000001"), Guid.Parse("0193a5c0-0000-7000-8000-000000000002") })
        {
            var result = DemandForecaster.Forecast(History(restaurant, origin, 730), origin, Small);
            result.Method.ShouldBe("gbt");
            result.Mase!.Value.ShouldBeLessThan(1);
            result.BacktestPoints.ShouldBe(4 * 14);
            result.Coverage!.Value.ShouldBeGreaterThan(0.5);
            result.Days.Count.ShouldBe(14);
            result.Days.ShouldAllBe(d => d.Low <= d.Value && d.Value <= d.High);
        }
    }

    [Fact]
    public void A_chuseok_day_is_forecast_well_below_the_same_weekday_around_it()
    {
        // 추석 2025: 10-05..10-08 (Sun–Wed). Trained on history up to 10-01, two 설날 and one 추석 behind it.
        var restaurant = Guid.Parse("0193a5c0-0000-7000-8000-000000000003");
        var origin = new LocalDate(2025, 10, 1);
        var result = DemandForecaster.Forecast(History(restaurant, origin, 730), origin, Small);
        result.Method.ShouldBe("gbt");
        var chuseok = result.Days.Single(d => d.Date == new LocalDate(2025, 10, 6)).Value; // Monday, the day itself
        var ordinaryMonday = result.Days.Single(d => d.Date == new LocalDate(2025, 10, 13)).Value;
        chuseok.ShouldBeLessThan(ordinaryMonday * 0.7);
    }

    [Fact]
    public void Short_history_falls_back_to_the_same_weekday_last_week()
    {
        var restaurant = Guid.Parse("0193a5c0-0000-7000-8000-000000000004");
        var origin = new LocalDate(2026, 6, 1);
        var history = History(restaurant, origin, 30);
        var result = DemandForecaster.Forecast(history, origin, Small);
        result.Method.ShouldBe("seasonal_naive");
        result.Reason.ShouldBe("short_history");
        foreach (var day in result.Days)
        {
            var weeksBack = (Period.DaysBetween(origin, day.Date) / 7) + 1;
            day.Value.ShouldBe(history.At(day.Date.PlusDays(-7 * weeksBack))!.Value);
        }
    }

    [Fact]
    public void No_history_forecasts_nothing()
    {
        var result = DemandForecaster.Forecast(new DailySeries(new LocalDate(2026, 6, 1), []), new LocalDate(2026, 6, 1), Small);
        result.Reason.ShouldBe("no_history");
        result.Days.ShouldAllBe(d => d.Value == 0);
    }

    [Fact]
    public void Demo_history_is_deterministic()
    {
        var restaurant = Guid.Parse("0193a5c0-0000-7000-8000-000000000005");
        DemoHistory.Generate(restaurant, new LocalDate(2026, 6, 1), 60).ShouldBe(DemoHistory.Generate(restaurant, new LocalDate(2026, 6, 1), 60));
        // A date's figures do not depend on when the history was generated.
        DemoHistory.Generate(restaurant, new LocalDate(2026, 6, 1), 60).Where(h => h.Date == new LocalDate(2026, 5, 20))
            .ShouldBe(DemoHistory.Generate(restaurant, new LocalDate(2026, 7, 1), 90).Where(h => h.Date == new LocalDate(2026, 5, 20)));
    }
}

public sealed class PlanningRuleTests
{
    [Theory]
    [InlineData(0, 8, 1, 0)]
    [InlineData(3, 8, 1, 1)]
    [InlineData(3, 8, 2, 2)]
    [InlineData(16, 8, 1, 2)]
    [InlineData(17, 8, 1, 3)]
    public void Staff_per_hour_is_covers_over_the_ratio_rounded_up_with_a_minimum_while_guests_are_in(double covers, double ratio, int minimum, int expected) =>
        Staffing.ForHour(covers, ratio, minimum).ShouldBe(expected);

    [Fact]
    public void Recommendations_never_offer_what_is_not_allowed_and_fill_from_popularity()
    {
        Guid me = Guid.NewGuid(), peer = Guid.NewGuid(), a = Guid.NewGuid(), b = Guid.NewGuid(), closed = Guid.NewGuid(), popular = Guid.NewGuid();
        var pairs = new List<(Guid, Guid)> { (me, a), (peer, a), (peer, b), (peer, closed) };
        var choosers = new Dictionary<Guid, int> { [a] = 2, [b] = 1, [closed] = 1 };
        var picks = Recommender.ForDiner(me, pairs, choosers, [popular, b, a], id => id != closed, 5);
        picks.Select(p => p.Id).ShouldBe([b, popular]);
        picks[0].Reason.ShouldBe("similar");
        picks[1].Reason.ShouldBe("popular");

        Recommender.ForDiner(Guid.NewGuid(), [], new Dictionary<Guid, int>(), [popular, closed, b], id => id != closed, 5)
            .Select(p => p.Id).ShouldBe([popular, b]);
    }
}

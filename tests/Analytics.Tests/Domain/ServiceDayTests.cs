using Brigade.Analytics.Domain;
using NodaTime;

namespace Brigade.Analytics.Tests.Domain;

public sealed class ServiceDayTests
{
    private static readonly DateTimeZone Seoul = DateTimeZoneProviders.Tzdb["Asia/Seoul"];

    [Theory]
    [InlineData("2026-11-20T12:00:00+09:00", "2026-11-20", 12)]
    [InlineData("2026-11-21T00:40:00+09:00", "2026-11-20", 0)]
    [InlineData("2026-11-21T04:59:00+09:00", "2026-11-20", 4)]
    [InlineData("2026-11-21T05:00:00+09:00", "2026-11-21", 5)]
    [InlineData("2026-11-20T15:30:00+00:00", "2026-11-20", 0)]
    public void The_small_hours_belong_to_the_evening_before(string at, string date, int hour)
    {
        var d = ServiceDay.Of(Instant.FromDateTimeOffset(DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture)), Seoul, 5);
        d.Date.ToString("yyyy-MM-dd", null).ShouldBe(date);
        d.Hour.ShouldBe(hour);
    }

    [Fact]
    public void Ratios_round_half_away_from_zero_and_are_null_without_a_base()
    {
        Ratios.Percent(1, 8).ShouldBe(12.5m);
        Ratios.Percent(1, 3).ShouldBe(33.3m);
        Ratios.Percent(2, 3).ShouldBe(66.7m);
        Ratios.Percent(5, 0).ShouldBeNull();
        Ratios.Per(122_000, 8).ShouldBe(15_250);
        Ratios.Per(10, 4).ShouldBe(3);
        Ratios.Per(10, 0).ShouldBeNull();
        ServiceDay.HoursInOrder(5)[0].ShouldBe(5);
        ServiceDay.HoursInOrder(5)[23].ShouldBe(4);
    }
}

using Brigade.Analytics.Domain;
using NodaTime;

namespace Brigade.Analytics.Tests.Domain;

public sealed class CustomersAndSeatingTests
{
    private static readonly DateOnly AsOf = new(2026, 11, 30);

    [Theory]
    [InlineData(1, 0, "new")]
    [InlineData(1, 30, "new")]
    [InlineData(1, 31, "one_time")]
    [InlineData(4, 30, "champions")]
    [InlineData(4, 31, "loyal")]
    [InlineData(3, 10, "loyal")]
    [InlineData(2, 90, "loyal")]
    [InlineData(2, 91, "at_risk")]
    [InlineData(9, 180, "at_risk")]
    [InlineData(1, 180, "one_time")]
    [InlineData(9, 181, "lost")]
    [InlineData(1, 400, "lost")]
    public void Rfm_segments_follow_the_fixed_rules(long visits, int daysSince, string segment) =>
        Rfm.Segment(new DinerHistory(Guid.Empty, AsOf.AddDays(-500), AsOf.AddDays(-daysSince), visits, 10_000), AsOf).ShouldBe(segment);

    [Fact]
    public void Opening_hours_count_periods_past_midnight_and_exceptions_win()
    {
        var hours = new OpeningHours(
            [new WeeklyPeriod("friday", "11:30", "14:00"), new WeeklyPeriod("friday", "17:00", "23:00"), new WeeklyPeriod("saturday", "17:00", "02:00")],
            [new DateException("2026-11-21", true, []), new DateException("2026-11-28", false, [("18:00", "22:00")])]);

        hours.HoursOn(new DateOnly(2026, 11, 20)).ShouldBe(8.5m);
        hours.HoursOn(new DateOnly(2026, 11, 21)).ShouldBe(0m);
        hours.HoursOn(new DateOnly(2026, 11, 28)).ShouldBe(4m);
        hours.HoursOn(new DateOnly(2026, 12, 5)).ShouldBe(9m);
        hours.HoursOn(new DateOnly(2026, 11, 22)).ShouldBe(0m);
    }

    [Fact]
    public void RevPash_is_net_per_seat_hour_or_a_reason()
    {
        RevPash.Of(122_000, 6, 8.5m).ShouldBe((2_392L, (string?)null));
        RevPash.Of(122_000, 0, 8.5m).ShouldBe(((long?)null, "no_tables"));
        RevPash.Of(122_000, 6, null).ShouldBe(((long?)null, "no_hours"));
        RevPash.Of(0, 6, 0).ShouldBe(((long?)null, "closed"));
    }

    [Fact]
    public void The_weekly_summary_is_due_from_monday_morning_in_the_restaurant_s_zone()
    {
        var seoul = DateTimeZoneProviders.Tzdb["Asia/Seoul"];
        Instant Kst(string local) => Instant.FromDateTimeOffset(DateTimeOffset.Parse(local + "+09:00", System.Globalization.CultureInfo.InvariantCulture));

        WeeklySummary.DueWeek(Kst("2026-11-23T07:59"), seoul, 8).ShouldBeNull();
        WeeklySummary.DueWeek(Kst("2026-11-23T08:00"), seoul, 8).ShouldBe(new LocalDate(2026, 11, 23));
        WeeklySummary.DueWeek(Kst("2026-11-29T23:59"), seoul, 8).ShouldBe(new LocalDate(2026, 11, 23));
        WeeklySummary.DueWeek(Kst("2026-11-22T23:00"), seoul, 8).ShouldBe(new LocalDate(2026, 11, 16));
    }

    [Fact]
    public void The_weekly_summary_reads_in_korean_and_english()
    {
        var (title, body, titleEn, bodyEn) = WeeklySummary.Text(new LocalDate(2026, 11, 23), new WeekNumbers(122_000, 4, 8, 5, 1, 1, 100_000));

        title.ShouldBe("지난주 매출 요약 (11/16–11/22)");
        body.ShouldBe("순매출 122,000원 (전주 대비 +22.0%), 주문 4건, 고객 8명, 객단가 15,250원, 노쇼율 25.0%");
        titleEn.ShouldBe("Last week's numbers (Nov 16–Nov 22)");
        bodyEn.ShouldBe("Net sales ₩122,000 (+22.0% on the week before), 4 orders, 8 guests, average check ₩15,250, no-show rate 25.0%");
    }
}

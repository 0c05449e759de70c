using Brigade.Api;
using Brigade.Restaurants.Domain;
using NodaTime;

namespace Brigade.Restaurants.Tests.Domain;

public sealed class OpeningHoursTests
{
    private static OpeningHours Parse(params WeeklyPeriodDraft[] weekly) => Parse(weekly, []);

    private static OpeningHours Parse(WeeklyPeriodDraft[] weekly, ExceptionDraft[] exceptions)
    {
        var errors = new FieldErrors();
        var hours = OpeningHoursRules.Parse(new HoursDraft(weekly, exceptions), errors);
        errors.IsEmpty.ShouldBeTrue(string.Join("; ", errors.ToDictionary().Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")));
        return hours!;
    }

    private static IReadOnlyList<OpenPeriod> Expand(OpeningHours hours, string zone, string from, string to) =>
        OpeningHoursRules.Expand(hours, DateTimeZoneProviders.Tzdb[zone], LocalDate.FromDateTime(DateTime.Parse(from)), LocalDate.FromDateTime(DateTime.Parse(to)));

    private static string Iso(ZonedDateTime time) => time.ToDateTimeOffset().ToString("yyyy-MM-ddTHH:mm:sszzz");

    [Fact]
    public void A_close_before_the_open_ends_after_midnight_in_seoul()
    {
        var hours = Parse(new WeeklyPeriodDraft("friday", "18:00", "02:00", "dinner"));

        var periods = Expand(hours, "Asia/Seoul", "2026-03-06", "2026-03-06"); // a Friday

        periods.Count.ShouldBe(1);
        Iso(periods[0].Start).ShouldBe("2026-03-06T18:00:00+09:00");
        Iso(periods[0].End).ShouldBe("2026-03-07T02:00:00+09:00");
        periods[0].Date.ShouldBe(new LocalDate(2026, 3, 6));
        periods[0].Name.ShouldBe("dinner");
    }

    [Fact]
    public void An_overnight_service_of_the_day_before_is_included_because_it_runs_into_the_range()
    {
        var hours = Parse(new WeeklyPeriodDraft("friday", "18:00", "02:00", null), new WeeklyPeriodDraft("saturday", "12:00", "14:00", null));

        var periods = Expand(hours, "Asia/Seoul", "2026-03-07", "2026-03-07"); // Saturday

        periods.Select(p => Iso(p.Start)).ShouldBe(["2026-03-06T18:00:00+09:00", "2026-03-07T12:00:00+09:00"]);
    }

    [Fact]
    public void Several_services_a_day_expand_in_order()
    {
        var hours = Parse(
            new WeeklyPeriodDraft("monday", "17:30", "22:00", "dinner"),
            new WeeklyPeriodDraft("monday", "11:30", "15:00", "lunch"));

        var periods = Expand(hours, "Asia/Seoul", "2026-03-02", "2026-03-08");

        periods.Select(p => p.Name).ShouldBe(["lunch", "dinner"]);
        Iso(periods[0].Start).ShouldBe("2026-03-02T11:30:00+09:00");
    }

    [Fact]
    public void Spring_forward_in_new_york_shortens_the_overnight_service_and_keeps_offsets_right()
    {
        // 2026-03-08 02:00 EST jumps to 03:00 EDT.
        var hours = Parse(new WeeklyPeriodDraft("saturday", "18:00", "02:00", null), new WeeklyPeriodDraft("sunday", "11:00", "15:00", null));

        var periods = Expand(hours, "America/New_York", "2026-03-07", "2026-03-08");

        periods.Count.ShouldBe(2);
        Iso(periods[0].Start).ShouldBe("2026-03-07T18:00:00-05:00");
        Iso(periods[0].End).ShouldBe("2026-03-08T03:00:00-04:00"); // 02:00 does not exist that night
        (periods[0].End.ToInstant() - periods[0].Start.ToInstant()).ShouldBe(Duration.FromHours(8));
        Iso(periods[1].Start).ShouldBe("2026-03-08T11:00:00-04:00");
    }

    [Fact]
    public void An_opening_inside_the_spring_gap_moves_forward_by_the_gap()
    {
        var hours = Parse(new WeeklyPeriodDraft("sunday", "02:30", "06:00", null));

        var periods = Expand(hours, "America/New_York", "2026-03-08", "2026-03-08");

        Iso(periods.Single().Start).ShouldBe("2026-03-08T03:30:00-04:00");
        Iso(periods.Single().End).ShouldBe("2026-03-08T06:00:00-04:00");
    }

    [Fact]
    public void Fall_back_in_new_york_lengthens_the_overnight_service_by_an_hour()
    {
        // 2026-11-01 02:00 EDT falls back to 01:00 EST: 01:30 happens twice; the service closes at the later one.
        var hours = Parse(new WeeklyPeriodDraft("saturday", "20:00", "01:30", null));

        var periods = Expand(hours, "America/New_York", "2026-10-31", "2026-10-31");

        Iso(periods.Single().Start).ShouldBe("2026-10-31T20:00:00-04:00");
        Iso(periods.Single().End).ShouldBe("2026-11-01T01:30:00-05:00");
        (periods.Single().End.ToInstant() - periods.Single().Start.ToInstant()).ShouldBe(Duration.FromHours(6.5));
    }

    [Fact]
    public void Berlin_changes_offset_between_two_weeks()
    {
        var hours = Parse(new WeeklyPeriodDraft("sunday", "12:00", "14:00", null));

        var periods = Expand(hours, "Europe/Berlin", "2026-03-22", "2026-03-29");

        periods.Select(p => Iso(p.Start)).ShouldBe(["2026-03-22T12:00:00+01:00", "2026-03-29T12:00:00+02:00"]);
    }

    [Fact]
    public void An_exception_replaces_the_weekly_hours_of_its_date()
    {
        var hours = Parse(
            [new WeeklyPeriodDraft("thursday", "11:30", "22:00", null), new WeeklyPeriodDraft("friday", "11:30", "22:00", null)],
            [new ExceptionDraft("2026-12-24", null, [new PeriodDraft("17:00", "23:30", "Christmas Eve")], null), new ExceptionDraft("2026-12-25", true, null, "Christmas")]);

        var periods = Expand(hours, "Asia/Seoul", "2026-12-24", "2026-12-25");

        periods.Count.ShouldBe(1);
        periods[0].Name.ShouldBe("Christmas Eve");
        Iso(periods[0].Start).ShouldBe("2026-12-24T17:00:00+09:00");
    }

    [Fact]
    public void A_close_equal_to_the_open_is_open_around_the_clock()
    {
        var hours = Parse(new WeeklyPeriodDraft("monday", "00:00", "00:00", null));

        var period = Expand(hours, "Asia/Seoul", "2026-03-02", "2026-03-02").Single();

        (period.End.ToInstant() - period.Start.ToInstant()).ShouldBe(Duration.FromHours(24));
    }

    [Theory]
    [InlineData("monday", "11:00", "15:00", "monday", "14:00", "18:00")]
    [InlineData("monday", "18:00", "02:00", "tuesday", "01:00", "10:00")] // runs past midnight into the next day's first service
    [InlineData("sunday", "20:00", "03:00", "monday", "02:00", "09:00")] // Sunday night into Monday morning: the week is a circle
    [InlineData("friday", "10:00", "10:00", "friday", "12:00", "13:00")] // 24 hours covers everything that day
    public void Overlapping_services_are_refused(string day1, string open1, string close1, string day2, string open2, string close2)
    {
        var errors = new FieldErrors();

        var hours = OpeningHoursRules.Parse(new HoursDraft([new(day1, open1, close1, null), new(day2, open2, close2, null)], null), errors);

        hours.ShouldBeNull();
        errors.Has("weekly[1]").ShouldBeTrue();
    }

    [Fact]
    public void Back_to_back_services_do_not_overlap()
    {
        Parse(new WeeklyPeriodDraft("monday", "11:00", "15:00", null), new WeeklyPeriodDraft("monday", "15:00", "22:00", null)).Weekly.Count.ShouldBe(2);
    }

    [Theory]
    [InlineData("funday", "11:00", "15:00", "weekly[0].day")]
    [InlineData("monday", "25:00", "15:00", "weekly[0].open")]
    [InlineData("monday", "11:00", "noon", "weekly[0].close")]
    [InlineData("monday", "11:00:30", "15:00", "weekly[0].open")]
    public void Bad_days_and_times_are_named(string day, string open, string close, string field)
    {
        var errors = new FieldErrors();

        OpeningHoursRules.Parse(new HoursDraft([new(day, open, close, null)], null), errors).ShouldBeNull();

        errors.Has(field).ShouldBeTrue();
    }

    [Fact]
    public void An_exception_date_is_given_once_and_is_either_closed_or_open_with_periods()
    {
        var errors = new FieldErrors();

        OpeningHoursRules.Parse(new HoursDraft(null, [
            new ExceptionDraft("2026-01-01", true, null, null),
            new ExceptionDraft("2026-01-01", true, null, null),
            new ExceptionDraft("2026-01-02", true, [new PeriodDraft("10:00", "12:00", null)], null),
            new ExceptionDraft("2026-02-30", true, null, null),
        ]), errors).ShouldBeNull();

        errors.Has("exceptions[1].date").ShouldBeTrue();
        errors.Has("exceptions[2].periods").ShouldBeTrue();
        errors.Has("exceptions[3].date").ShouldBeTrue();
    }
}

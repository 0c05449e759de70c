using Brigade.Reservations.Domain;
using NodaTime;

namespace Brigade.Reservations.Tests.Domain;

public sealed class AvailabilityTests
{
    private static readonly DateTimeZone Seoul = DateTimeZoneProviders.Tzdb["Asia/Seoul"];
    private static readonly DateTimeZone NewYork = DateTimeZoneProviders.Tzdb["America/New_York"];
    private static readonly LocalDate Day = new(2026, 12, 10); // a Thursday
    private static readonly Instant Now = new LocalDate(2026, 12, 1).AtStartOfDayInZone(Seoul).ToInstant();
    private static readonly TableFact Two = new(Guid.Parse("00000000-0000-0000-0000-000000000002"), "T2", 1, 2, true, 0, true);
    private static readonly TableFact Four = new(Guid.Parse("00000000-0000-0000-0000-000000000004"), "T4", 2, 4, true, 0, true);
    private static readonly TableFact FourB = new(Guid.Parse("00000000-0000-0000-0000-000000000005"), "T4b", 2, 4, true, 0, true);

    private static OpeningHours Daily(string open, string close) =>
        OpeningHours.From(Scenario.AllDays.Select(d => new Contracts.Restaurants.WeeklyHours(d, open, close, null)), []);

    private static BookingBook Book(
        OpeningHours? hours = null, BookingSettings? settings = null, DateTimeZone? zone = null,
        IReadOnlyList<TableFact>? tables = null, IReadOnlyList<TableGroupFact>? groups = null,
        IReadOnlyList<Hold>? holds = null, Dictionary<Instant, int>? covers = null) =>
        new(zone ?? Seoul, hours ?? Daily("17:00", "22:00"), settings ?? BookingSettings.Default with { MinAdvanceMinutes = 0, MaxAdvanceDays = 365 },
            tables ?? [Two, Four], groups ?? [], holds ?? [], covers ?? []);

    private static List<string> Times(IEnumerable<Slot> slots) => slots.Select(s => s.Start.LocalDateTime.TimeOfDay.ToString("HH:mm", null)).ToList();

    [Fact]
    public void Slots_step_through_opening_hours_and_the_turn_must_end_by_closing()
    {
        var slots = Availability.ForDate(Book(), Day, 2, Now);
        var times = Times(slots);
        times[0].ShouldBe("17:00");
        times[^1].ShouldBe("20:30"); // 90-minute turn for two ends at 22:00
        times.Count.ShouldBe(15);
        slots[0].Start.Offset.ShouldBe(Offset.FromHours(9));
    }

    [Fact]
    public void Larger_parties_get_longer_turns()
    {
        var times = Times(Availability.ForDate(Book(), Day, 4, Now));
        times[^1].ShouldBe("20:00"); // 120 minutes for up to six
        Availability.ForDate(Book(), Day, 4, Now)[0].End.LocalDateTime.TimeOfDay.ShouldBe(new LocalTime(19, 0));
    }

    [Fact]
    public void A_service_past_midnight_offers_late_starts_on_the_next_calendar_day()
    {
        var slots = Availability.ForDate(Book(hours: Daily("18:00", "02:00")), Day, 2, Now);
        slots[^1].Start.LocalDateTime.ShouldBe(Day.PlusDays(1).At(new LocalTime(0, 30)));
        var late = slots[^1].Start.ToInstant();
        Availability.ServiceDate(Book(hours: Daily("18:00", "02:00")), late).ShouldBe(Day);
        Availability.At(Book(hours: Daily("18:00", "02:00")), late, 2, Now).ShouldNotBeNull();
    }

    [Fact]
    public void Spring_forward_skips_the_missing_hour_without_repeating_or_losing_real_time()
    {
        var day = new LocalDate(2026, 3, 8); // America/New_York: 02:00 EST → 03:00 EDT
        var book = Book(hours: Daily("00:00", "06:00"), zone: NewYork, settings: BookingSettings.Default with { MinAdvanceMinutes = 0, MaxAdvanceDays = 365, TurnTimes = [new TurnTime(20, 60)] });
        var slots = Availability.ForDate(book, day, 2, new LocalDate(2026, 3, 1).AtStartOfDayInZone(NewYork).ToInstant());
        var times = Times(slots);
        times.ShouldContain("01:45");
        times.ShouldNotContain("02:00");
        times.ShouldContain("03:00");
        slots.Count.ShouldBe(17); // 5 real hours open, last start one hour before close: 4 h × 4 + 1
        slots.Select(s => s.Start.ToInstant()).Distinct().Count().ShouldBe(slots.Count);
    }

    [Fact]
    public void Fall_back_offers_the_repeated_hour_once_per_real_instant()
    {
        var day = new LocalDate(2026, 11, 1); // 02:00 EDT → 01:00 EST
        var book = Book(hours: Daily("00:00", "04:00"), zone: NewYork, settings: BookingSettings.Default with { MinAdvanceMinutes = 0, MaxAdvanceDays = 365, TurnTimes = [new TurnTime(20, 60)] });
        var slots = Availability.ForDate(book, day, 2, new LocalDate(2026, 10, 1).AtStartOfDayInZone(NewYork).ToInstant());
        slots.Count.ShouldBe(17); // 5 real hours
        slots.Count(s => s.Start.LocalDateTime.TimeOfDay == new LocalTime(1, 30)).ShouldBe(2);
        slots.Select(s => s.Start.Offset).Distinct().Count().ShouldBe(2);
    }

    [Fact]
    public void Pacing_removes_slots_without_enough_covers_left()
    {
        var seven = Day.At(new LocalTime(19, 0)).InZoneStrictly(Seoul).ToInstant();
        var book = Book(settings: BookingSettings.Default with { MinAdvanceMinutes = 0, CoversPerSlot = 6 }, covers: new() { [seven] = 5 });
        Availability.At(book, seven, 2, Now).ShouldBeNull();
        Availability.At(book, seven, 1, Now)!.CoversLeft.ShouldBe(1);
    }

    [Fact]
    public void A_table_must_be_free_for_the_whole_turn_and_buffer()
    {
        var hold = new Hold(Two.Id, Day.At(new LocalTime(19, 0)).InZoneStrictly(Seoul).ToInstant(), Day.At(new LocalTime(20, 30)).InZoneStrictly(Seoul).ToInstant());
        var book = Book(tables: [Two], holds: [hold], settings: BookingSettings.Default with { MinAdvanceMinutes = 0, BufferMinutes = 15 });
        var times = Times(Availability.ForDate(book, Day, 2, Now));
        times.ShouldContain("17:15"); // 17:15 + 90 + 15 buffer = 19:00
        times.ShouldNotContain("17:30");
        times.ShouldNotContain("20:15");
        times.ShouldContain("20:30");
    }

    [Fact]
    public void Best_fit_prefers_the_smallest_table_then_single_tables_over_combinations()
    {
        var group = new TableGroupFact(Guid.NewGuid(), "T4+T4b", [FourB.Id, Four.Id], 5, 8, true);
        var book = Book(tables: [Two, Four, FourB], groups: [group]);
        Availability.Fitting(book, 2).Select(a => a.TableIds[0]).First().ShouldBe(Two.Id);
        Availability.Fitting(book, 3).ShouldAllBe(a => a.GroupId == null);
        var six = Availability.Fitting(book, 6).ShouldHaveSingleItem();
        six.GroupId.ShouldBe(group.Id);
        six.TableIds.ShouldBe([Four.Id, FourB.Id]); // sorted, so writers lock tables in one order
        Availability.ForDate(book, Day, 9, Now).ShouldBeEmpty();
    }

    [Fact]
    public void A_combination_is_unavailable_while_one_of_its_tables_is_held()
    {
        var group = new TableGroupFact(Guid.NewGuid(), "T4+T4b", [Four.Id, FourB.Id], 5, 8, true);
        var start = Day.At(new LocalTime(19, 0)).InZoneStrictly(Seoul).ToInstant();
        var book = Book(tables: [Four, FourB], groups: [group], holds: [new Hold(FourB.Id, start, start + Duration.FromHours(2))]);
        Availability.At(book, start, 6, Now).ShouldBeNull();
        Availability.At(book, start, 4, Now)!.Allocations.ShouldHaveSingleItem().TableIds.ShouldBe([Four.Id]);
    }

    [Fact]
    public void The_advance_window_and_blocked_dates_are_honoured()
    {
        var settings = BookingSettings.Default with { MinAdvanceMinutes = 120, MaxAdvanceDays = 30, BlockedDates = [Day] };
        var now = Day.PlusDays(-1).At(new LocalTime(17, 0)).InZoneStrictly(Seoul).ToInstant();
        Availability.ForDate(Book(settings: settings), Day, 2, now).ShouldBeEmpty();

        var tomorrow = Day.PlusDays(1);
        var sameDay = tomorrow.At(new LocalTime(17, 0)).InZoneStrictly(Seoul).ToInstant();
        Times(Availability.ForDate(Book(settings: settings), tomorrow, 2, sameDay))[0].ShouldBe("19:00");
        Availability.ForDate(Book(settings: settings), Day.PlusDays(40), 2, now).ShouldBeEmpty();
        Availability.ForDate(Book(settings: settings), Day.PlusDays(-3), 2, now).ShouldBeEmpty();
    }

    [Fact]
    public void Exceptions_replace_the_weekly_hours_and_parties_beyond_the_limit_get_nothing()
    {
        var hours = OpeningHours.From(
            Scenario.AllDays.Select(d => new Contracts.Restaurants.WeeklyHours(d, "17:00", "22:00", null)),
            [new Contracts.Restaurants.HoursException("2026-12-10", true, [], "staff party"),
             new Contracts.Restaurants.HoursException("2026-12-11", false, [new Contracts.Restaurants.ExceptionHours("12:00", "14:00", null)], null)]);
        Availability.ForDate(Book(hours: hours), Day, 2, Now).ShouldBeEmpty();
        Times(Availability.ForDate(Book(hours: hours), Day.PlusDays(1), 2, Now)).ShouldBe(["12:00", "12:15", "12:30"]);
        Availability.ForDate(Book(tables: [new TableFact(Guid.NewGuid(), "Big", 1, 40, true, 0, true)]), Day, 13, Now).ShouldBeEmpty();
    }

    [Fact]
    public void Tables_not_bookable_online_or_inactive_are_never_offered()
    {
        var book = Book(tables: [Two with { OnlineBookable = false }, Four with { Active = false }]);
        Availability.ForDate(book, Day, 2, Now).ShouldBeEmpty();
    }

    [Fact]
    public void A_month_of_availability_is_fast()
    {
        var tables = Enumerable.Range(0, 50).Select(i => new TableFact(Guid.NewGuid(), $"T{i}", 1, 2 + (i % 4) * 2, true, 0, true)).ToList();
        var holds = tables.Take(25).SelectMany(t => Enumerable.Range(0, 30).Select(d =>
            new Hold(t.Id, Day.PlusDays(d).At(new LocalTime(19, 0)).InZoneStrictly(Seoul).ToInstant(), Day.PlusDays(d).At(new LocalTime(21, 0)).InZoneStrictly(Seoul).ToInstant()))).ToList();
        var book = Book(tables: tables, holds: holds, hours: Daily("11:00", "23:00"));
        var total = 0;
        for (var d = 0; d < 31; d++)
        {
            total += Availability.ForDate(book, Day.PlusDays(d), 4, Now).Count;
        }

        total.ShouldBeGreaterThan(31 * 40);
    }
}

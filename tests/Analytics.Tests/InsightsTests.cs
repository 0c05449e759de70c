using System.Net;
using System.Text;
using System.Text.Json;
using Brigade.Analytics.Jobs;
using Brigade.Contracts;
using Brigade.Contracts.Inventory;
using Brigade.Contracts.Jobs;
using Brigade.Contracts.Ordering;
using Brigade.Contracts.Reservations;
using Brigade.Contracts.Restaurants;
using Microsoft.Extensions.DependencyInjection;
using static Brigade.Analytics.Tests.GoldenDay;

namespace Brigade.Analytics.Tests;

/// <summary>Menu engineering, customers, turn time and RevPASH, last year, the platform view and the weekly summary, against hand-worked values.</summary>
public sealed class InsightsTests(AnalyticsFactory factory) : IClassFixture<AnalyticsFactory>
{
    [Fact]
    public async Task The_golden_friday_s_menu_is_judged_on_popularity_only_without_recipe_costs()
    {
        var r = TestRestaurant.New();
        await factory.IngestAsync(GoldenDay.Events(r.Id));

        // 13 portions of 3 items: the threshold is 70 % of 1/3 = 23.3 %. 삼겹살 6 (46.2 %) and 소주 4 (30.8 %) are popular;
        // 김치찌개 3 (23.1 %, just under: 3 × 3 < 0.7 × 13) is not. Without inventory's portion costs, no margins or quadrants.
        var menu = await factory.GetAsync(r.Owner, $"/api/analytics/restaurants/{r.Id}/menu-engineering?from={Date}&to={Date}");
        menu.GetProperty("costKnown").GetBoolean().ShouldBeFalse();
        menu.GetProperty("costNote").GetString().ShouldBe("no_recipe_cost");
        menu.GetProperty("popularityThresholdPercent").GetDecimal().ShouldBe(23.3m);
        menu.GetProperty("items").EnumerateArray().Select(i => (i.GetProperty("name").GetString(), i.Long("quantity"), i.GetProperty("mixPercent").GetDecimal(),
                i.GetProperty("popular").GetBoolean(), i.GetProperty("quadrant").ValueKind))
            .ShouldBe([("삼겹살", 6L, 46.2m, true, JsonValueKind.Null), ("소주", 4L, 30.8m, true, JsonValueKind.Null), ("김치찌개", 3L, 23.1m, false, JsonValueKind.Null)]);

        var csv = await CsvAsync(r, "menu", Date, Date);
        csv[0].ShouldBe("menu_item_id,name,category,quantity,sales,mix_percent,popular,unit_margin,total_margin,high_margin,quadrant");
        csv[1].ShouldEndWith(",\"삼겹살\",\"mains\",6,90000,46.2,true,,,,");

        // The same days 52 weeks later see this Friday as last year's.
        var nextYear = await factory.DashboardAsync(r, "2027-11-19", "2027-11-19");
        nextYear.GetProperty("yearBefore").Won("netSales").ShouldBe(122_000);
        nextYear.GetProperty("yearBefore").Long("covers").ShouldBe(8);
        (await factory.DashboardAsync(r, Date, Date)).GetProperty("yearBefore").Won("netSales").ShouldBe(0);
    }

    [Fact]
    public async Task With_inventory_s_portion_costs_every_item_gets_its_margin_and_quadrant()
    {
        var r = TestRestaurant.New();
        var at = Kst("2026-11-19T10:00");
        await factory.IngestAsync([.. GoldenDay.Events(r.Id),
            new RecipeCosted(r.Id, Samgyeopsal, 6_000, "KRW", at), new RecipeCosted(r.Id, Soju, 1_500, "KRW", at),
            new RecipeCosted(r.Id, Kimchijjigae, 1_500, "KRW", at),
            // An older announcement arriving late changes nothing.
            new RecipeCosted(r.Id, Samgyeopsal, 20_000, "KRW", at.AddDays(-1))]);

        // Margins: 삼겹살 90,000 − 6 × 6,000 = 54,000 (9,000 a portion), 소주 20,000 − 4 × 1,500 = 14,000 (3,500), 김치찌개
        // 27,000 − 3 × 1,500 = 22,500 (7,500); weighted average 90,500 / 13 = 6,962 a portion.
        var menu = await factory.GetAsync(r.Owner, $"/api/analytics/restaurants/{r.Id}/menu-engineering?from={Date}&to={Date}");
        menu.GetProperty("costKnown").GetBoolean().ShouldBeTrue();
        menu.Won("averageMargin").ShouldBe(6_962);
        menu.GetProperty("items").EnumerateArray().Select(i => (i.GetProperty("name").GetString(), i.Won("unitMargin"), i.Won("totalMargin"), i.GetProperty("quadrant").GetString()))
            .ShouldBe([("삼겹살", 9_000L, 54_000L, "star"), ("소주", 3_500L, 14_000L, "plowhorse"), ("김치찌개", 7_500L, 22_500L, "puzzle")]);

        // A recipe removed: that item's cost is unknown again, so no margins are judged.
        await factory.IngestAsync(new RecipeCosted(r.Id, Soju, null, "KRW", at.AddHours(1)));
        (await factory.GetAsync(r.Owner, $"/api/analytics/restaurants/{r.Id}/menu-engineering?from={Date}&to={Date}")).GetProperty("costKnown").GetBoolean().ShouldBeFalse();
    }

    /// <summary>
    /// Six diners as of 2026-11-30, each order 10,000 (one 5,000 second check): champion (4 visits, last 10 days ago), loyal (2
    /// visits, two checks on one evening), new (1, 5 days ago), at risk (2, last 138 days ago), one-time (1, 71 days ago), lost
    /// (1, 274 days ago; a later order of theirs was voided). Guests without an account are not counted.
    /// </summary>
    [Fact]
    public async Task Customers_have_visit_frequency_rfm_segments_and_monthly_cohorts()
    {
        var r = TestRestaurant.New();
        var (champion, loyal, fresh, atRisk, once, lost) = (Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7(),
            Guid.CreateVersion7(), Guid.CreateVersion7());
        OrderClosed Visit(Guid? diner, string day, long amount = 10_000, string time = "12:00") =>
            Closed(r.Id, $"{day}T{time}", $"{day}T13:30", "dine_in", 1, Line(Soju, "소주", 1, amount)) with { DinerId = diner };
        var voided = Visit(lost, "2026-11-15");
        await factory.IngestAsync(
            Visit(champion, "2026-09-10"), Visit(champion, "2026-10-05"), Visit(champion, "2026-11-02"), Visit(champion, "2026-11-20"),
            Visit(loyal, "2026-10-01"), Visit(loyal, "2026-11-10"), Visit(loyal, "2026-11-10", 5_000, "13:00"),
            Visit(fresh, "2026-11-25"), Visit(atRisk, "2026-07-01"), Visit(atRisk, "2026-07-15"), Visit(once, "2026-09-20"), Visit(lost, "2026-03-01"),
            Visit(null, "2026-11-20"));
        await factory.IngestInOrderAsync(voided, new OrderCancelled(voided.OrderId, r.Id, lost, [], false, "restaurant", "void", 0, "KRW", Kst("2026-11-15T14:00")));

        var november = await factory.GetAsync(r.Owner, $"/api/analytics/restaurants/{r.Id}/customers?from=2026-11-01&to=2026-11-30");
        november.Long("visits").ShouldBe(4);
        november.Long("guests").ShouldBe(3);
        november.GetProperty("visitsPerGuest").GetDecimal().ShouldBe(1.33m);
        november.GetProperty("segments").EnumerateArray().Select(s => (s.GetProperty("segment").GetString(), s.Long("guests"), s.Long("visits"), s.Won("spend")))
            .ShouldBe([("champions", 1L, 4L, 40_000L), ("loyal", 1L, 2L, 25_000L), ("new", 1L, 1L, 10_000L), ("at_risk", 1L, 2L, 20_000L),
                ("one_time", 1L, 1L, 10_000L), ("lost", 1L, 1L, 10_000L)]);

        // September to November: cohorts of September (champion, one-time), October (loyal) and November (new).
        var autumn = await factory.GetAsync(r.Owner, $"/api/analytics/restaurants/{r.Id}/customers?from=2026-09-01&to=2026-11-30");
        autumn.Long("visits").ShouldBe(8);
        autumn.Long("guests").ShouldBe(4);
        autumn.GetProperty("visitsPerGuest").GetDecimal().ShouldBe(2.00m);
        var cohorts = autumn.GetProperty("cohorts").EnumerateArray().Select(c => (c.GetProperty("month").GetString(), c.Long("guests"),
            string.Join(' ', c.GetProperty("retention").EnumerateArray().Select(m => $"{m.Long("guests")}:{m.Pct("percent"):0.0}")))).ToList();
        cohorts.ShouldBe([("2026-09", 2L, "2:100.0 1:50.0 1:50.0"), ("2026-10", 1L, "1:100.0 1:100.0"), ("2026-11", 1L, "1:100.0")]);

        (await CsvAsync(r, "segments", "2026-11-01", "2026-11-30"))[1].ShouldBe("champions,1,4,40000,40000");
        (await CsvAsync(r, "cohorts", "2026-09-01", "2026-11-30")).Skip(1).Take(3).ShouldBe(
            ["2026-09,2,0,2026-09,2,100.0", "2026-09,2,1,2026-10,1,50.0", "2026-09,2,2,2026-11,1,50.0"]);
    }

    /// <summary>
    /// The golden Friday's completed bookings turned in 120 (19:00–21:00) and 90 minutes (00:30–02:00): 105 on average. Six
    /// seats (tables of 4 and 2 active; a table of 6 inactive), open 8.5 hours on Fridays: RevPASH 122,000 / 51 = 2,392.
    /// The Saturday is closed by an exception.
    /// </summary>
    [Fact]
    public async Task Turn_time_and_revpash_from_reservations_tables_and_hours()
    {
        var r = TestRestaurant.New();
        await factory.IngestAsync(GoldenDay.Events(r.Id));
        var seating = $"/api/analytics/restaurants/{r.Id}/seating?from={Date}&to=2026-11-21";

        var bare = await factory.GetAsync(r.Owner, seating);
        bare.Long("completed").ShouldBe(2);
        bare.GetProperty("averageTurnMinutes").GetInt32().ShouldBe(105);
        bare.GetProperty("revPash").ValueKind.ShouldBe(JsonValueKind.Null);
        bare.GetProperty("revPashUnavailable").GetString().ShouldBe("no_tables");

        var four = Guid.CreateVersion7();
        TableChanged Table(Guid id, int max, bool active, int version) =>
            new(r.Id, id, "T", 1, max, null, true, 0, active, version, Kst("2026-11-01T10:00").AddMinutes(version));
        // Version 2 (4 seats) arrives before version 1 (2 seats): the newer stays.
        await factory.IngestInOrderAsync(Table(four, 4, true, 2), Table(four, 2, true, 1), Table(Guid.CreateVersion7(), 2, true, 1),
            Table(Guid.CreateVersion7(), 6, false, 1));
        (await factory.GetAsync(r.Owner, seating)).GetProperty("revPashUnavailable").GetString().ShouldBe("no_hours");

        await factory.IngestAsync(new HoursChanged(r.Id, "Asia/Seoul",
            [new WeeklyHours("friday", "11:30", "14:00", "lunch"), new WeeklyHours("friday", "17:00", "23:00", "dinner"), new WeeklyHours("saturday", "17:00", "02:00", null)],
            [new HoursException("2026-11-21", true, [], "staff trip")], Kst("2026-11-01T10:00")));

        var full = await factory.GetAsync(r.Owner, seating);
        full.Long("seats").ShouldBe(6);
        full.GetProperty("openHours").GetDecimal().ShouldBe(8.5m);
        full.Won("netSales").ShouldBe(122_000);
        full.Won("revPash").ShouldBe(2_392);
        full.GetProperty("revPashUnavailable").ValueKind.ShouldBe(JsonValueKind.Null);
        var days = full.GetProperty("byDay").EnumerateArray().ToList();
        days[0].Won("revPash").ShouldBe(2_392);
        days[0].GetProperty("averageTurnMinutes").GetInt32().ShouldBe(105);
        days[1].GetProperty("openHours").GetDecimal().ShouldBe(0m);
        days[1].GetProperty("revPash").ValueKind.ShouldBe(JsonValueKind.Null);

        (await CsvAsync(r, "seating", Date, "2026-11-21")).Skip(1).ShouldBe([$"{Date},2,105,122000,6,8.5,2392", "2026-11-21,0,,0,6,0,"]);
    }

    [Fact]
    public async Task The_platform_view_is_for_admins_and_counts_every_restaurant()
    {
        const string day = "2029-02-14";
        var (a, b) = (TestRestaurant.New(), TestRestaurant.New());
        var booked = Guid.CreateVersion7();
        var cancelled = Guid.CreateVersion7();
        ApplicationAccepted Accepted(Guid application) =>
            new(application, Guid.CreateVersion7(), b.Id, Guid.CreateVersion7(), [], "주방 보조", Kst($"{day}T10:00"), Kst($"{day}T18:00"), Kst("2029-02-10T09:00"));
        var (kept, dropped) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        await factory.IngestAsync(
            Closed(a.Id, $"{day}T12:00", $"{day}T13:00", "dine_in", 2, Line(Soju, "소주", 2, 5_000)),
            Closed(b.Id, $"{day}T19:00", $"{day}T20:00", "dine_in", 2, Line(Samgyeopsal, "삼겹살", 2, 10_000)),
            new ReservationConfirmed(booked, a.Id, null, Kst($"{day}T19:00"), Kst($"{day}T21:00"), 2, [], Kst("2029-02-01T10:00")),
            new ReservationConfirmed(cancelled, b.Id, null, Kst($"{day}T19:00"), Kst($"{day}T21:00"), 2, [], Kst("2029-02-01T10:00")),
            Accepted(kept), Accepted(dropped));
        await factory.IngestAsync(
            new ReservationCancelled(cancelled, b.Id, null, Kst($"{day}T19:00"), "diner", 100, Kst("2029-02-02T10:00")),
            new ShiftCancelled(dropped, Guid.CreateVersion7(), b.Id, Guid.CreateVersion7(), "worker", false, 0, "KRW", Kst($"{day}T10:00"), Kst("2029-02-12T09:00")));

        var path = $"/api/analytics/platform?from=2029-02-13&to={day}";
        var platform = await factory.GetAsync(Actor.Admin, path);
        platform.Long("bookings").ShouldBe(1);
        platform.Long("orders").ShouldBe(2);
        platform.Won("gmv").ShouldBe(30_000);
        platform.Long("jobsFilled").ShouldBe(1);
        var days = platform.GetProperty("byDay").EnumerateArray().ToList();
        days.Select(d => (d.GetProperty("date").GetString(), d.Long("orders"), d.Long("jobsFilled"))).ShouldBe([("2029-02-13", 0L, 0L), (day, 2L, 1L)]);

        // Owners see their own restaurant, never the platform; no token, no numbers.
        (await factory.GetRawAsync(a.Owner, path)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await factory.GetRawAsync(Actor.Anonymous, path)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await factory.GetRawAsync(a.Owner, $"/api/analytics/platform/report?from={day}&to={day}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        await (await factory.GetRawAsync(Actor.Admin, "/api/analytics/platform?from=2029-02-14&to=2029-02-13")).ShouldBeInvalidAsync("to");

        var report = await factory.GetRawAsync(Actor.Admin, $"/api/analytics/platform/report?from={day}&to={day}");
        var lines = Encoding.UTF8.GetString(await report.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF').Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Select(l => l.TrimEnd('\r')).ShouldBe(["date,bookings,orders,gmv,jobs_filled", $"{day},1,2,30000,1"]);
    }

    [Fact]
    public async Task New_tables_are_for_owners_and_managers_only()
    {
        var (mine, other) = (TestRestaurant.New(), TestRestaurant.New());
        foreach (var what in new[] { "menu-engineering", "customers", "seating", "reports/menu", "reports/segments", "reports/cohorts", "reports/seating" })
        {
            var path = $"/api/analytics/restaurants/{mine.Id}/{what}?from={Date}&to={Date}";
            (await factory.GetRawAsync(mine.Manager, path)).StatusCode.ShouldBe(HttpStatusCode.OK);
            (await factory.GetAsync(mine.Staff, path, HttpStatusCode.Forbidden)).GetProperty("code").GetString().ShouldBe("managers_only");
            (await factory.GetRawAsync(other.Owner, path)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
            await (await factory.GetRawAsync(mine.Owner, $"/api/analytics/restaurants/{mine.Id}/{what}?from={Date}&to=2026-11-01")).ShouldBeInvalidAsync("to");
        }
    }

    /// <summary>
    /// The golden Friday's owners hear of it on Monday 2026-11-23 from 08:00 Seoul time, once: a second round, a second replica
    /// at the same time, and a round later in the week send nothing more.
    /// </summary>
    [Fact]
    public async Task The_weekly_summary_goes_to_the_owners_once_on_monday_morning()
    {
        var r = TestRestaurant.New();
        await factory.IngestAsync(GoldenDay.Events(r.Id));
        var clock = new ManualClock(Kst("2026-11-23T07:59"));
        WeeklySummaryJob Job() => ActivatorUtilities.CreateInstance<WeeklySummaryJob>(factory.Services, clock);
        Task<long> Sent() => factory.CountAsync("SELECT count(*) FROM weekly_summaries_sent WHERE restaurant_id = @id", new { id = r.Id });
        Task<long> Requested() => factory.CountAsync(
            "SELECT count(*) FROM messaging_outbox WHERE type = 'notifications.notification.requested' AND strpos(payload::text, @id) > 0", new { id = r.Id.ToString() });

        await Job().RunOnceAsync(CancellationToken.None);
        (await Sent()).ShouldBe(0);

        clock.Now = Kst("2026-11-23T08:00");
        await Task.WhenAll(Job().RunOnceAsync(CancellationToken.None), Job().RunOnceAsync(CancellationToken.None));
        await Job().RunOnceAsync(CancellationToken.None);
        clock.Now = Kst("2026-11-26T15:00");
        await Job().RunOnceAsync(CancellationToken.None);
        (await Sent()).ShouldBe(1);
        (await Requested()).ShouldBe(1);

        await using var c = await factory.Db.OpenConnectionAsync();
        var payload = JsonDocument.Parse(await Dapper.SqlMapper.ExecuteScalarAsync<string>(c,
            "SELECT payload::text FROM messaging_outbox WHERE type = 'notifications.notification.requested' AND strpos(payload::text, @id) > 0",
            new { id = r.Id.ToString() }) ?? "{}").RootElement;
        payload.GetProperty("type").GetString().ShouldBe("analytics.weekly_summary");
        payload.GetProperty("audience").GetProperty("restaurantId").GetGuid().ShouldBe(r.Id);
        payload.GetProperty("audience").GetProperty("restaurantRoles").EnumerateArray().Select(x => x.GetString()).ShouldBe(["owner"]);
        payload.GetProperty("title").GetString().ShouldBe("지난주 매출 요약 (11/16–11/22)");
        payload.GetProperty("body").GetString().ShouldBe("순매출 122,000원, 주문 4건, 고객 8명, 객단가 15,250원, 노쇼율 25.0%");
        payload.GetProperty("bodyEn").GetString().ShouldBe("Net sales ₩122,000, 4 orders, 8 guests, average check ₩15,250, no-show rate 25.0%");
        payload.GetProperty("link").GetString().ShouldBe($"/manage/{r.Id}/analytics?from=2026-11-16&to=2026-11-22");

        // The next Monday, the week with nothing sold sends nothing.
        clock.Now = Kst("2026-11-30T09:00");
        await Job().RunOnceAsync(CancellationToken.None);
        (await Sent()).ShouldBe(1);
    }

    private async Task<string[]> CsvAsync(TestRestaurant r, string report, string from, string to)
    {
        var response = await factory.GetRawAsync(r.Owner, $"/api/analytics/restaurants/{r.Id}/reports/{report}?from={from}&to={to}");
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        var text = Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync());
        return text.TrimStart('\uFEFF').Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();
    }
}

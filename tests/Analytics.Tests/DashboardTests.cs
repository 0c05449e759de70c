using System.Net;
using System.Text;
using System.Text.Json;
using Brigade.Contracts;
using Brigade.Contracts.Ordering;
using Brigade.Contracts.Payments;
using Brigade.Contracts.Reservations;
using static Brigade.Analytics.Tests.GoldenDay;

namespace Brigade.Analytics.Tests;

/// <summary>The owner's numbers from a hand-computed event stream, its redelivery, events out of order, and the CSV reports.</summary>
public sealed class DashboardTests(AnalyticsFactory factory) : IClassFixture<AnalyticsFactory>
{
    private static void ShouldBeTheGoldenFriday(JsonElement dashboard)
    {
        var t = dashboard.GetProperty("totals");
        t.Long("orders").ShouldBe(4);
        t.Long("covers").ShouldBe(8);
        t.Won("grossSales").ShouldBe(137_000);
        t.Won("refunds").ShouldBe(15_000);
        t.Won("netSales").ShouldBe(122_000);
        t.Won("averageCheck").ShouldBe(15_250);
        t.Won("averageOrder").ShouldBe(30_500);
        t.Won("payments").ShouldBe(147_000);
        t.Long("reservations").ShouldBe(5);
        t.Long("bookedCovers").ShouldBe(10);
        t.Long("completed").ShouldBe(2);
        t.Long("noShows").ShouldBe(1);
        t.Long("cancellations").ShouldBe(1);
        t.Pct("noShowRate").ShouldBe(25.0m);
        t.Pct("cancellationRate").ShouldBe(20.0m);
        t.Long("labourMinutes").ShouldBe(840);
        t.Won("labourCost").ShouldBe(61_000);
        t.Pct("labourPercent").ShouldBe(50.0m);
        t.Won("foodCost").ShouldBe(22_500);
        t.Pct("foodCostPercent").ShouldBe(18.4m);

        var hours = dashboard.GetProperty("byHour").EnumerateArray().ToList();
        hours.Count.ShouldBe(24);
        hours[0].GetProperty("hour").GetInt32().ShouldBe(5);
        hours[^1].GetProperty("hour").GetInt32().ShouldBe(4);
        var sales = hours.Where(h => h.Won("grossSales") > 0).ToDictionary(h => h.GetProperty("hour").GetInt32(), h => h.Won("grossSales"));
        sales.ShouldBe(new Dictionary<int, long> { [12] = 23_000, [18] = 9_000, [19] = 75_000, [0] = 30_000 });

        var day = dashboard.GetProperty("byDay").EnumerateArray().Single();
        day.GetProperty("date").GetString().ShouldBe(Date);
        day.Won("netSales").ShouldBe(122_000);

        var items = dashboard.GetProperty("topItems").EnumerateArray().ToList();
        items.Select(i => (i.GetProperty("name").GetString(), i.Long("quantity"), i.Won("sales")))
            .ShouldBe([("삼겹살", 6L, 90_000L), ("김치찌개", 3L, 27_000L), ("소주", 4L, 20_000L)]);
        items[0].Pct("sharePercent").ShouldBe(65.7m);
    }

    [Fact]
    public async Task A_golden_day_adds_up_to_the_won_and_a_redelivery_changes_nothing()
    {
        var r = TestRestaurant.New();
        var events = GoldenDay.Events(r.Id);
        await factory.IngestAsync(events);

        ShouldBeTheGoldenFriday(await factory.DashboardAsync(r, Date, Date));
        var week = await factory.DashboardAsync(r, "2026-11-27", "2026-11-27");
        week.GetProperty("weekBefore").Won("netSales").ShouldBe(122_000);
        week.GetProperty("totals").Long("orders").ShouldBe(0);
        var rollup = await RollupAsync(r.Id);

        // Every event again, as a broker or a producer's outbox would redeliver them (new message ids, so past the inbox).
        await factory.IngestAsync(events);

        (await RollupAsync(r.Id)).ShouldBe(rollup);
        ShouldBeTheGoldenFriday(await factory.DashboardAsync(r, "2026-11-19", "2026-11-21"));
        (await factory.CountAsync("SELECT count(*) FROM order_line_facts WHERE restaurant_id = @id", new { id = r.Id })).ShouldBe(6);
    }

    /// <summary>The restaurant's rollup rows as text, to compare before and after a redelivery.</summary>
    private async Task<string> RollupAsync(Guid id)
    {
        await using var c = await factory.Db.OpenConnectionAsync();
        return await Dapper.SqlMapper.ExecuteScalarAsync<string>(c, """
            SELECT (SELECT string_agg(d::text, ';' ORDER BY service_date) FROM daily_rollup d WHERE restaurant_id = @id) || '|' ||
                   (SELECT string_agg(h::text, ';' ORDER BY service_date, hour) FROM hourly_rollup h WHERE restaurant_id = @id)
            """, new { id }) ?? "";
    }

    [Fact]
    public async Task Events_out_of_order_end_where_the_newest_says()
    {
        var r = TestRestaurant.New();
        var first = Closed(r.Id, "2026-11-20T19:00", "2026-11-20T20:00", "dine_in", 2, Line(Samgyeopsal, "삼겹살", 2, 15_000));
        var corrected = first with { Lines = [Line(Samgyeopsal, "삼겹살", 3, 15_000)], Subtotal = 45_000, Total = 45_000, Paid = 45_000, ClosedAt = Kst("2026-11-20T20:40") };
        var reopened = new OrderReopened(first.OrderId, r.Id, "served", "one more portion", Kst("2026-11-20T20:30"));
        var reservation = Guid.CreateVersion7();
        var confirmed = new ReservationConfirmed(reservation, r.Id, null, Kst("2026-11-20T19:00"), Kst("2026-11-20T21:00"), 4, [], Kst("2026-11-10T10:00"));
        var moved = new ReservationModified(reservation, r.Id, null, Kst("2026-11-21T19:00"), Kst("2026-11-21T21:00"), 6, [], Kst("2026-11-12T10:00"));
        var cancelled = new ReservationCancelled(reservation, r.Id, null, Kst("2026-11-21T19:00"), "restaurant", 100, Kst("2026-11-15T10:00"));

        // The newest first: the corrected close, the cancellation; then what happened before them.
        await factory.IngestInOrderAsync(corrected, cancelled, reopened, first, moved, confirmed);

        var friday = await factory.DashboardAsync(r, "2026-11-20", "2026-11-20");
        friday.GetProperty("totals").Won("grossSales").ShouldBe(45_000);
        friday.GetProperty("totals").Long("orders").ShouldBe(1);
        friday.GetProperty("totals").Long("reservations").ShouldBe(0);
        friday.GetProperty("topItems")[0].Long("quantity").ShouldBe(3);
        var saturday = await factory.DashboardAsync(r, "2026-11-21", "2026-11-21");
        saturday.GetProperty("totals").Long("cancellations").ShouldBe(1);
        saturday.GetProperty("totals").Long("bookedCovers").ShouldBe(0);
        (await factory.CountAsync("SELECT party_size FROM reservation_facts WHERE reservation_id = @reservation", new { reservation })).ShouldBe(6);

        // A reopening newer than every close takes the order out of the sales until it closes again.
        await factory.IngestAsync(reopened with { ReopenedAt = Kst("2026-11-20T21:00") });
        // The cached dashboard is dropped just after the event's commit: poll for it.
        await AnalyticsFactory.EventuallyAsync(async () =>
            (await factory.DashboardAsync(r, "2026-11-20", "2026-11-20")).GetProperty("totals").Won("grossSales") == 0, "the reopened check leaves the sales");
        (await factory.CountAsync("SELECT count(*) FROM order_line_facts WHERE order_id = @id", new { id = first.OrderId })).ShouldBe(0);
    }

    [Fact]
    public async Task Outcomes_before_their_booking_keep_the_outcome_and_take_the_booking_s_day()
    {
        var r = TestRestaurant.New();
        var id = Guid.CreateVersion7();
        await factory.IngestInOrderAsync(
            new ReservationCompleted(id, r.Id, null, Kst("2026-11-22T02:00")),
            new ReservationConfirmed(id, r.Id, null, Kst("2026-11-22T00:30"), Kst("2026-11-22T02:30"), 3, [], Kst("2026-11-15T10:00"), ServiceDate: "2026-11-21"));

        var t = (await factory.DashboardAsync(r, "2026-11-21", "2026-11-21")).GetProperty("totals");
        t.Long("reservations").ShouldBe(1);
        t.Long("completed").ShouldBe(1);
        t.Long("bookedCovers").ShouldBe(3);
    }

    [Fact]
    public async Task A_refund_counts_only_against_a_closed_order()
    {
        var r = TestRestaurant.New();
        var kept = Closed(r.Id, "2026-11-20T12:00", "2026-11-20T13:00", "dine_in", 2, Line(Samgyeopsal, "삼겹살", 2, 15_000));
        var voided = Guid.CreateVersion7();
        var keptPayment = Paid(r.Id, "order", kept.OrderId, 30_000, "2026-11-20T13:00");
        var voidedPayment = Paid(r.Id, "order", voided, 9_000, "2026-11-20T14:00");
        await factory.IngestAsync(kept, keptPayment, voidedPayment,
            new OrderCancelled(voided, r.Id, null, [Line(Kimchijjigae, "김치찌개", 1, 9_000)], false, "restaurant", "wrong table", 9_000, "KRW", Kst("2026-11-20T14:10")),
            new PaymentRefunded(voidedPayment.PaymentId, Guid.CreateVersion7(), voidedPayment.Purpose, r.Id, null, 9_000, 9_000, "KRW", "void", Kst("2026-11-20T14:20")),
            new PaymentRefunded(keptPayment.PaymentId, Guid.CreateVersion7(), keptPayment.Purpose, r.Id, null, 5_000, 5_000, "KRW", "late dish", Kst("2026-11-20T14:30")));

        // The voided order never counted as a sale, so its refund takes nothing off; the kept order's does.
        var t = (await factory.DashboardAsync(r, Date, Date)).GetProperty("totals");
        t.Won("grossSales").ShouldBe(30_000);
        t.Won("refunds").ShouldBe(5_000);
        t.Won("netSales").ShouldBe(25_000);
        t.Won("payments").ShouldBe(39_000);
    }

    [Fact]
    public async Task Diners_are_new_on_their_first_visit_and_returning_after()
    {
        var r = TestRestaurant.New();
        var (regular, newcomer) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        OrderClosed Visit(Guid diner, string day) =>
            Closed(r.Id, $"{day}T12:00", $"{day}T13:00", "dine_in", 1, Line(Soju, "소주", 1, 5_000)) with { DinerId = diner };
        await factory.IngestAsync(Visit(regular, "2026-11-13"), Visit(regular, "2026-11-20"), Visit(regular, "2026-11-20"), Visit(newcomer, "2026-11-20"),
            Closed(r.Id, "2026-11-20T15:00", "2026-11-20T16:00", "takeout", null, Line(Soju, "소주", 1, 5_000)));

        var guests = (await factory.DashboardAsync(r, Date, Date)).GetProperty("guests");
        guests.Long("new").ShouldBe(1);
        guests.Long("returning").ShouldBe(1);
        var first = (await factory.DashboardAsync(r, "2026-11-13", "2026-11-13")).GetProperty("guests");
        first.Long("new").ShouldBe(1);
        first.Long("returning").ShouldBe(0);
    }

    [Fact]
    public async Task Many_orders_of_one_day_at_once_all_count()
    {
        var r = TestRestaurant.New();
        var orders = Enumerable.Range(0, 40)
            .Select(i => (IIntegrationEvent)Closed(r.Id, $"2026-11-20T{11 + i % 10}:{i:00}", "2026-11-20T23:00", "dine_in", 1, Line(Soju, "소주", 1, 1_000 + i)))
            .ToArray();

        await factory.IngestAsync(orders);

        var t = (await factory.DashboardAsync(r, Date, Date)).GetProperty("totals");
        t.Long("orders").ShouldBe(40);
        t.Won("grossSales").ShouldBe(40 * 1_000 + Enumerable.Range(0, 40).Sum());
    }

    [Fact]
    public async Task Reports_are_csv_with_the_same_numbers()
    {
        var r = TestRestaurant.New();
        var odd = Closed(r.Id, "2026-11-20T13:00", "2026-11-20T14:00", "takeout", null, Line(Guid.CreateVersion7(), "=HYPERLINK(\"x\")", 1, 7_000));
        await factory.IngestAsync([.. GoldenDay.Events(r.Id), odd]);

        var daily = await CsvAsync(r, "daily");
        daily[0].ShouldStartWith("service_date,orders,covers,gross_sales,refunds,net_sales");
        daily[1].ShouldBe($"{Date},5,8,144000,15000,129000,147000,5,10,2,1,1,840,61000,22500");

        var hourly = await CsvAsync(r, "hourly");
        hourly.Skip(1).ShouldBe([$"{Date},12,1,2,23000", $"{Date},13,1,0,7000", $"{Date},18,1,0,9000", $"{Date},19,1,4,75000", $"{Date},0,1,2,30000"]);

        var items = await CsvAsync(r, "items");
        items.ShouldContain(l => l.EndsWith(",\"'=HYPERLINK(\"\"x\"\")\",\"mains\",1,7000", StringComparison.Ordinal));
    }

    private async Task<string[]> CsvAsync(TestRestaurant r, string report)
    {
        var response = await factory.GetRawAsync(r.Manager, $"/api/analytics/restaurants/{r.Id}/reports/{report}?from={Date}&to={Date}");
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        var text = Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync());
        text[0].ShouldBe('\uFEFF');
        return text.TrimStart('\uFEFF').Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();
    }
}

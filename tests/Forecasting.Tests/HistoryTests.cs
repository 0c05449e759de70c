using Brigade.Contracts.Ordering;
using Brigade.Contracts.Reservations;
using Brigade.Contracts.Restaurants;

namespace Brigade.Forecasting.Tests;

/// <summary>Events in, history out: closed orders, reopen and cancel, bookings on the book; redelivery changes nothing.</summary>
public sealed class HistoryTests(ForecastingFactory factory) : IClassFixture<ForecastingFactory>
{
    private static readonly DateTimeOffset Evening = DateTimeOffset.Parse("2026-03-10T19:30:00+09:00", System.Globalization.CultureInfo.InvariantCulture);

    private static OrderClosed Closed(Guid restaurantId, Guid orderId, DateTimeOffset at, int covers, long total, Guid? diner = null, params (Guid Item, int Quantity)[] items) =>
        new(orderId, restaurantId, diner, new OrderSource("dine_in", Guid.NewGuid(), "T1", null, covers),
            items.Select(i => new OrderLine(Guid.NewGuid(), i.Item, "dish", null, i.Quantity, 10_000, 10_000L * i.Quantity, [], null)).ToList(),
            total, total, total, "KRW", at.AddMinutes(-50), at);

    [Fact]
    public async Task A_closed_order_books_its_covers_sales_hour_and_items_once_even_when_delivered_twice()
    {
        var restaurant = Guid.CreateVersion7();
        var order = Guid.CreateVersion7();
        var item = Guid.CreateVersion7();
        var closed = Closed(restaurant, order, Evening, 3, 54_000, null, (item, 2));
        await factory.PublishAsync(closed);
        await factory.PublishAsync(closed);
        // A late-night close belongs to the previous service day.
        var lateOrder = Guid.CreateVersion7();
        await factory.PublishAsync(Closed(restaurant, lateOrder, DateTimeOffset.Parse("2026-03-11T01:10:00+09:00", System.Globalization.CultureInfo.InvariantCulture), 2, 20_000));
        await ForecastingFactory.EventuallyAsync(async () => await factory.CountAsync(
            "SELECT count(*) FROM closed_orders WHERE restaurant_id = @restaurant", new { restaurant }) == 2, "both orders booked");
        await factory.HandledAsync(order, 2);
        (await factory.CountAsync("SELECT sum(covers) FROM closed_orders WHERE restaurant_id = @restaurant AND service_date = '2026-03-10'", new { restaurant })).ShouldBe(5);
        (await factory.CountAsync("SELECT sum(total) FROM closed_orders WHERE restaurant_id = @restaurant", new { restaurant })).ShouldBe(74_000);
        (await factory.CountAsync("SELECT hour FROM closed_orders WHERE order_id = @lateOrder", new { lateOrder })).ShouldBe(1);
        (await factory.CountAsync("SELECT sum(quantity) FROM closed_order_items WHERE order_id = @order", new { order })).ShouldBe(2);
    }

    [Fact]
    public async Task A_reopened_order_leaves_the_history_until_it_closes_again_with_its_new_total_and_a_cancelled_one_leaves_it()
    {
        var restaurant = Guid.CreateVersion7();
        var order = Guid.CreateVersion7();
        await factory.PublishAsync(Closed(restaurant, order, Evening, 2, 30_000));
        await ForecastingFactory.EventuallyAsync(async () => await factory.CountAsync("SELECT count(*) FROM closed_orders WHERE order_id = @order", new { order }) == 1, "closed");
        await factory.PublishAsync(new OrderReopened(order, restaurant, "served", "wrong table", Evening.AddMinutes(5)));
        await ForecastingFactory.EventuallyAsync(async () => await factory.CountAsync("SELECT count(*) FROM closed_orders WHERE order_id = @order", new { order }) == 0, "reopened");
        await factory.PublishAsync(Closed(restaurant, order, Evening.AddMinutes(10), 2, 36_000));
        await ForecastingFactory.EventuallyAsync(async () => await factory.CountAsync("SELECT COALESCE(sum(total), 0) FROM closed_orders WHERE order_id = @order", new { order }) == 36_000,
            "closed again with the corrected total");

        await factory.PublishAsync(new OrderCancelled(order, restaurant, null, [], false, "restaurant", "void", 0, "KRW", Evening.AddMinutes(20)));
        await ForecastingFactory.EventuallyAsync(async () => await factory.CountAsync("SELECT count(*) FROM closed_orders WHERE order_id = @order", new { order }) == 0, "cancelled");
    }

    [Fact]
    public async Task Bookings_on_the_book_follow_the_reservation_and_a_cancellation_is_not_undone_by_a_late_modification()
    {
        var restaurant = Guid.CreateVersion7();
        var reservation = Guid.CreateVersion7();
        var start = Evening.AddDays(3);
        await factory.PublishAsync(new ReservationConfirmed(reservation, restaurant, null, start, start.AddHours(2), 4, [], Evening, ServiceDate: "2026-03-13"));
        await ForecastingFactory.EventuallyAsync(async () => await factory.CountAsync(
            "SELECT COALESCE(sum(party_size), 0) FROM bookings WHERE restaurant_id = @restaurant AND status = 'booked' AND service_date = '2026-03-13'", new { restaurant }) == 4, "booked");
        await factory.PublishAsync(new ReservationCancelled(reservation, restaurant, null, start, "diner", 100, Evening.AddHours(1)));
        await ForecastingFactory.EventuallyAsync(async () => await factory.CountAsync(
            "SELECT count(*) FROM bookings WHERE reservation_id = @reservation AND status = 'cancelled'", new { reservation }) == 1, "cancelled");
        await factory.PublishAsync(new ReservationModified(reservation, restaurant, null, start, start.AddHours(2), 6, [], Evening.AddMinutes(30), ServiceDate: "2026-03-13"));
        await factory.HandledAsync(reservation, 3);
        (await factory.CountAsync("SELECT count(*) FROM bookings WHERE reservation_id = @reservation AND status = 'cancelled' AND party_size = 4", new { reservation })).ShouldBe(1);
    }

    [Fact]
    public async Task Booked_covers_are_a_floor_under_the_forecast()
    {
        var r = TestRestaurant.New();
        var day = ForecastingFactory.Today.PlusDays(2);
        var start = DateTimeOffset.UtcNow.AddDays(2);
        await factory.PublishAsync(new ReservationConfirmed(Guid.CreateVersion7(), r.Id, null, start, start.AddHours(2), 12, [], DateTimeOffset.UtcNow, ServiceDate: day.Iso()));
        await ForecastingFactory.EventuallyAsync(async () => await factory.CountAsync("SELECT count(*) FROM bookings WHERE restaurant_id = @Id", new { r.Id }) == 1, "booked");

        var forecast = await factory.GetAsync(r.Manager, r.Path());
        var entry = forecast.GetProperty("days").EnumerateArray().Single(d => d.GetProperty("date").GetString() == day.Iso());
        entry.GetProperty("bookedCovers").GetInt32().ShouldBe(12);
        entry.GetProperty("expectedCovers").GetInt32().ShouldBe(12);
        forecast.GetProperty("coversModel").GetProperty("reason").GetString().ShouldBe("no_history");
    }
}

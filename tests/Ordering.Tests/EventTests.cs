using System.Net;
using Brigade.Contracts.Payments;
using Brigade.Contracts.Reservations;
using Brigade.Contracts.Restaurants;

namespace Brigade.Ordering.Tests;

/// <summary>Events in, through the real broker: menu facts from restaurants, payments marking orders paid and refunds due, reservations.</summary>
public sealed class EventTests(OrderingFactory factory) : IClassFixture<OrderingFactory>
{
    [Fact]
    public async Task A_restaurant_its_menu_and_tables_learned_from_events_take_orders()
    {
        var id = Guid.CreateVersion7();
        var item = Guid.CreateVersion7();
        var table = Guid.CreateVersion7();
        var now = DateTimeOffset.UtcNow;
        var handled = await factory.CountAsync("SELECT count(*) FROM messaging_inbox");
        await factory.PublishAsync(new RestaurantCreated(Scenario.Snapshot(id, "draft"), null, now));
        await factory.PublishAsync(new RestaurantPublished(Scenario.Snapshot(id, "published"), now.AddSeconds(1)));
        await factory.PublishAsync(new MenuDaypartsChanged(id, [new MenuDaypart("allday", "00:00", "00:00")], now));
        await factory.PublishAsync(Scenario.Item(id, item, "비빔밥", "밥", 11000, version: 2) with { Dayparts = ["allday"] });
        await factory.PublishAsync(Scenario.Item(id, item, "비빔밥 (old)", "밥", 1, version: 1)); // late and older: ignored
        await factory.PublishAsync(new TableChanged(id, table, "A1", 2, 4, null, true, 0, true, 1, now));

        await OrderingFactory.EventuallyAsync(async () =>
            await factory.CountAsync("SELECT count(*) FROM messaging_inbox") >= handled + 6,
            "the restaurant's events to be handled");
        var order = await factory.PlacedAsync(Actor.Diner(), new TestRestaurant(id, new Dictionary<string, Guid> { ["비빔밥"] = item }, table, "", Actor.Anonymous, Actor.Anonymous, Actor.Anonymous), "비빔밥");
        order.Amount("total").ShouldBe(11000);
        order.GetProperty("lines")[0].GetProperty("name").GetString().ShouldBe("비빔밥");

        // Removed from the menu: no longer orderable; closed: the restaurant takes no orders at all.
        await factory.PublishAsync(Scenario.Item(id, item, "비빔밥", "밥", 11000, version: 2) with { Removed = true });
        await OrderingFactory.EventuallyAsync(async () => await factory.CountAsync("SELECT count(*) FROM menu_items WHERE id = @item AND removed", new { item }) == 1, "the removal");
        await (await factory.OrderAsync(Actor.Diner(), new { items = new[] { new { productId = item, quantity = 1 } } })).ShouldBeAsync(HttpStatusCode.Conflict);
        await factory.PublishAsync(new RestaurantClosed(id, now.AddMinutes(1)));
        await OrderingFactory.EventuallyAsync(async () => await factory.CountAsync("SELECT count(*) FROM restaurants WHERE id = @id AND status = 'closed'", new { id }) == 1, "the closing");
        await (await factory.OrderAsync(Actor.Diner(), new { items = new[] { new { productId = item, quantity = 1 } } })).ShouldBeAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_completed_payment_marks_the_order_paid_and_other_purposes_are_not_ordering_s()
    {
        var r = await factory.RestaurantAsync();
        var diner = Actor.Diner();
        var id = (await factory.PlacedAsync(diner, r, quantity: 2)).Id();
        var handled = await factory.CountAsync("SELECT count(*) FROM messaging_inbox");
        await factory.PublishAsync(new PaymentCompleted(Guid.CreateVersion7(), new PaymentPurpose("reservation_deposit", id), r.Id, diner.Id, 18000, "KRW", "card", DateTimeOffset.UtcNow));
        await factory.PublishAsync(new PaymentFailed(Guid.CreateVersion7(), new PaymentPurpose("order", id), r.Id, diner.Id, 18000, "KRW", "card_declined", DateTimeOffset.UtcNow));
        await OrderingFactory.EventuallyAsync(async () => (await factory.GetAsync(diner, $"/api/orders/{id}")).GetProperty("payment").GetProperty("lastFailure").ValueKind
            == System.Text.Json.JsonValueKind.String, "the failure to be recorded");
        (await factory.GetAsync(diner, $"/api/orders/{id}")).GetProperty("payment").GetProperty("status").GetString().ShouldBe("unpaid");

        var payment = Guid.CreateVersion7();
        var completed = new PaymentCompleted(payment, new PaymentPurpose("order", id), r.Id, diner.Id, 18000, "KRW", "card", DateTimeOffset.UtcNow);
        await factory.PublishAsync(completed);
        await OrderingFactory.EventuallyAsync(async () => (await factory.GetAsync(diner, $"/api/orders/{id}")).GetProperty("payment").GetProperty("status").GetString() == "paid",
            "the order to be paid");
        var paid = await factory.GetAsync(diner, $"/api/orders/{id}");
        paid.GetProperty("payment").GetProperty("paid").GetProperty("amount").GetInt64().ShouldBe(18000);
        paid.GetProperty("payment").GetProperty("lastFailure").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);

        // The same payment announced twice (another message id) counts once.
        await factory.PublishAsync(completed);
        await factory.PublishAsync(new PaymentFailed(Guid.CreateVersion7(), new PaymentPurpose("order", Guid.CreateVersion7()), r.Id, diner.Id, 1, "KRW", "expired", DateTimeOffset.UtcNow));
        await OrderingFactory.EventuallyAsync(async () => await factory.CountAsync("SELECT count(*) FROM messaging_inbox") >= handled + 5, "every payment event to be handled");
        (await factory.CountAsync("SELECT paid FROM orders WHERE id = @id", new { id })).ShouldBe(18000);

        // Paid: the check closes without a counter payment; lines are not removed any more.
        await factory.ActAsync(r.Staff, id, "accept", HttpStatusCode.OK);
        using var staff = factory.ClientFor(r.Staff);
        var line = paid.GetProperty("lines")[0].Id();
        (await (await staff.PatchAsync($"/api/orders/{id}/lines/{line}", System.Net.Http.Json.JsonContent.Create(new { quantity = 1 }))).ShouldBeAsync(HttpStatusCode.Conflict))
            .GetProperty("code").GetString().ShouldBe("order_paid");
        await factory.ActAsync(r.Staff, id, "ready", HttpStatusCode.OK);
        await factory.ActAsync(r.Staff, id, "pick-up", HttpStatusCode.OK);
        await factory.ActAsync(r.Staff, id, "close", HttpStatusCode.OK);
        (await factory.EventsAboutAsync(id)).Single(e => e.Type == "ordering.order.closed").Payload.GetProperty("paid").GetInt64().ShouldBe(18000);
    }

    [Fact]
    public async Task A_cancelled_paid_order_asks_for_its_refund_and_the_refund_is_recorded()
    {
        var r = await factory.RestaurantAsync();
        var diner = Actor.Diner();
        var id = (await factory.PlacedAsync(diner, r)).Id();
        var payment = Guid.CreateVersion7();
        await factory.PublishAsync(new PaymentCompleted(payment, new PaymentPurpose("order", id), r.Id, diner.Id, 9000, "KRW", "card", DateTimeOffset.UtcNow));
        await OrderingFactory.EventuallyAsync(async () => await factory.CountAsync("SELECT paid FROM orders WHERE id = @id", new { id }) == 9000, "the payment");

        await factory.ActAsync(r.Staff, id, "accept", HttpStatusCode.OK);
        var cancelled = await factory.ActAsync(r.Staff, id, "cancel", HttpStatusCode.OK, new { reason = "kitchen_closed" });
        cancelled.GetProperty("payment").GetProperty("refundDue").GetProperty("amount").GetInt64().ShouldBe(9000);
        var ask = (await factory.EventsAboutAsync(id)).Single(e => e.Type == "ordering.order.cancelled").Payload;
        ask.GetProperty("refundDue").GetInt64().ShouldBe(9000);
        ask.GetProperty("currency").GetString().ShouldBe("KRW");

        await factory.PublishAsync(new PaymentRefunded(payment, Guid.CreateVersion7(), new PaymentPurpose("order", id), r.Id, diner.Id, 9000, 9000, "KRW", "order_cancelled", DateTimeOffset.UtcNow));
        await OrderingFactory.EventuallyAsync(async () => (await factory.GetAsync(diner, $"/api/orders/{id}")).GetProperty("payment").GetProperty("status").GetString() == "refunded",
            "the refund to be recorded");
        (await factory.GetAsync(diner, $"/api/orders/{id}")).GetProperty("payment").GetProperty("refundDue").GetProperty("amount").GetInt64().ShouldBe(0);

        // A payment that lands after the cancellation is owed back at once.
        var late = Guid.CreateVersion7();
        await factory.PublishAsync(new PaymentCompleted(late, new PaymentPurpose("order", id), r.Id, diner.Id, 4000, "KRW", "card", DateTimeOffset.UtcNow));
        await OrderingFactory.EventuallyAsync(async () => (await factory.EventsAboutAsync(id)).Count(e => e.Type == "ordering.order.cancelled") == 2, "the late payment's refund request");
        var again = (await factory.EventsAboutAsync(id)).Last(e => e.Type == "ordering.order.cancelled").Payload;
        again.GetProperty("refundDue").GetInt64().ShouldBe(4000);
        again.GetProperty("stockWasCommitted").GetBoolean().ShouldBeFalse();
    }

    [Fact]
    public async Task A_cancelled_reservation_takes_its_pre_order_with_it()
    {
        var r = await factory.RestaurantAsync();
        var diner = Actor.Diner();
        var reservation = Guid.CreateVersion7();
        var start = DateTimeOffset.UtcNow.AddHours(3);
        await factory.PublishAsync(new ReservationConfirmed(reservation, r.Id, diner.Id, start, start.AddHours(2), 2, [r.TableId], DateTimeOffset.UtcNow));
        await OrderingFactory.EventuallyAsync(async () => await factory.CountAsync("SELECT count(*) FROM reservations WHERE id = @reservation", new { reservation }) == 1, "the reservation");
        await factory.SetPortionsAsync(r, r["김치찌개"], 5);
        var id = (await factory.PlacedAsync(diner, r, extra: new { reservationId = reservation, items = new[] { new { productId = r["김치찌개"], quantity = 2 } } })).Id();
        (await factory.PortionsAsync(r["김치찌개"])).ShouldBe(3);

        await factory.PublishAsync(new ReservationCancelled(reservation, r.Id, diner.Id, start, "diner", 100, DateTimeOffset.UtcNow));
        await OrderingFactory.EventuallyAsync(async () => (await factory.GetAsync(diner, $"/api/orders/{id}")).Status() == "cancelled", "the pre-order to be cancelled");
        var order = await factory.GetAsync(diner, $"/api/orders/{id}");
        order.GetProperty("cancellation").GetProperty("reason").GetString().ShouldBe("reservation_cancelled");
        order.GetProperty("cancellation").GetProperty("by").GetString().ShouldBe("system");
        (await factory.PortionsAsync(r["김치찌개"])).ShouldBe(5);
        await (await factory.OrderAsync(diner, new { reservationId = reservation, items = new[] { new { productId = r["김치찌개"], quantity = 1 } } })).ShouldBeInvalidAsync("reservationId");
    }
}

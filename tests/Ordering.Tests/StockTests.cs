using System.Net;
using Brigade.Contracts.Inventory;

namespace Brigade.Ordering.Tests;

/// <summary>The last portions under concurrent orders, the 86 at zero, and portions given back by a cancellation.</summary>
public sealed class StockTests(OrderingFactory factory) : IClassFixture<OrderingFactory>
{
    [Fact]
    public async Task Concurrent_orders_for_the_last_portions_never_oversell()
    {
        var r = await factory.RestaurantAsync();
        await factory.SetPortionsAsync(r, r["김치찌개"], 5);

        // 24 diners race for 5 portions, some ordering two at once.
        var responses = await Task.WhenAll(Enumerable.Range(0, 24).Select(i =>
            factory.OrderAsync(Actor.Diner($"racer {i}"), new { items = new[] { new { productId = r["김치찌개"], quantity = i % 3 == 0 ? 2 : 1 } } })));

        var created = responses.Where(x => x.StatusCode == HttpStatusCode.Created).ToList();
        responses.ShouldAllBe(x => x.StatusCode == HttpStatusCode.Created || x.StatusCode == HttpStatusCode.Conflict);
        foreach (var refused in responses.Where(x => x.StatusCode == HttpStatusCode.Conflict))
        {
            (await refused.ShouldBeAsync(HttpStatusCode.Conflict)).GetProperty("code").GetString().ShouldBeOneOf("out_of_stock", "item_unavailable");
        }

        var sold = await factory.CountAsync("""
            SELECT coalesce(sum(l.quantity), 0) FROM order_lines l JOIN orders o ON o.id = l.order_id WHERE o.restaurant_id = @id
            """, new { id = r.Id });
        sold.ShouldBe(5 - (await factory.PortionsAsync(r["김치찌개"]))!.Value);
        sold.ShouldBeLessThanOrEqualTo(5);
        created.Count.ShouldBeGreaterThan(0);
        (await factory.OrdersOfAsync(r.Id)).ShouldBe(created.Count);
    }

    [Fact]
    public async Task The_last_portion_86es_the_item_and_a_cancellation_brings_it_back()
    {
        var r = await factory.RestaurantAsync();
        await factory.SetPortionsAsync(r, r["김치찌개"], 2);
        var diner = Actor.Diner();

        var tooMany = await (await factory.OrderAsync(diner, new { items = new[] { new { productId = r["김치찌개"], quantity = 3 } } })).ShouldBeAsync(HttpStatusCode.Conflict);
        tooMany.GetProperty("code").GetString().ShouldBe("out_of_stock");
        tooMany.GetProperty("portionsLeft").GetInt32().ShouldBe(2);

        var order = await factory.PlacedAsync(diner, r, quantity: 2);
        (await factory.PortionsAsync(r["김치찌개"])).ShouldBe(0);
        (await factory.CountAsync("""
            SELECT count(*) FROM messaging_outbox WHERE type = 'notifications.notification.requested' AND payload->>'type' = 'ordering.item.sold_out'
               AND payload->'audience'->>'restaurantId' = @id
            """, new { id = r.Id.ToString() })).ShouldBe(1);
        var menu = await factory.GetAsync(Actor.Anonymous, $"/api/carts/qr/{r.TableToken}");
        var stew = menu.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("name").GetString() == "김치찌개");
        stew.GetProperty("available").GetBoolean().ShouldBeFalse();
        stew.GetProperty("reason").GetString().ShouldBe("no_portions_left");
        var gone = await (await factory.OrderAsync(Actor.Diner(), new { items = new[] { new { productId = r["김치찌개"], quantity = 1 } } })).ShouldBeAsync(HttpStatusCode.Conflict);
        gone.GetProperty("code").GetString().ShouldBe("item_unavailable");

        await factory.ActAsync(diner, order.Id(), "cancel", HttpStatusCode.OK);
        (await factory.PortionsAsync(r["김치찌개"])).ShouldBe(2);
        await factory.PlacedAsync(Actor.Diner(), r);
    }

    [Fact]
    public async Task A_void_after_the_kitchen_started_gives_no_portions_back()
    {
        var r = await factory.RestaurantAsync();
        await factory.SetPortionsAsync(r, r["김치찌개"], 3);
        var order = await factory.PlacedAsync(Actor.Diner(), r);
        await factory.ActAsync(r.Staff, order.Id(), "accept", HttpStatusCode.OK);
        await factory.ActAsync(r.Staff, order.Id(), "start", HttpStatusCode.OK);
        await factory.ActAsync(r.Manager, order.Id(), "void", HttpStatusCode.OK, new { reason = "wrong_order" });

        (await factory.PortionsAsync(r["김치찌개"])).ShouldBe(2);
        var cancelled = (await factory.EventsAboutAsync(order.Id())).Single(e => e.Type == "ordering.order.cancelled").Payload;
        cancelled.GetProperty("stockWasCommitted").GetBoolean().ShouldBeFalse();
        cancelled.GetProperty("reason").GetString().ShouldBe("wrong_order");
    }

    [Fact]
    public async Task Inventorys_count_arrives_as_an_event_and_an_older_count_changes_nothing()
    {
        var r = await factory.RestaurantAsync();
        var now = DateTimeOffset.UtcNow;
        await factory.PublishAsync(new MenuItemAvailabilityChanged(r.Id, r["생맥주"], true, 7, now));
        await OrderingFactory.EventuallyAsync(async () => await factory.PortionsAsync(r["생맥주"]) == 7, "inventory's count to arrive");

        await factory.PublishAsync(new MenuItemAvailabilityChanged(r.Id, r["생맥주"], true, 1, now.AddMinutes(-5)));
        await factory.PublishAsync(new MenuItemAvailabilityChanged(r.Id, r["생맥주"], true, 4, now.AddMinutes(1)));
        await OrderingFactory.EventuallyAsync(async () => await factory.CountAsync("SELECT count(*) FROM messaging_inbox") >= 3, "all three counts to be handled");
        (await factory.PortionsAsync(r["생맥주"])).ShouldBe(4);

        var order = await factory.PlacedAsync(Actor.Diner(), r, "생맥주", 4);
        order.Amount("total").ShouldBe(20000);
        (await factory.PortionsAsync(r["생맥주"])).ShouldBe(0);
    }
}

using System.Net;
using Brigade.Contracts.Ordering;

namespace Brigade.Inventory.Tests;

/// <summary>Ordering's events through the real broker: each accepted order takes stock once; cancellations and modifications follow.</summary>
public sealed class DepletionTests(InventoryFactory factory) : IClassFixture<InventoryFactory>
{
    [Fact]
    public async Task An_accepted_order_depletes_its_recipes_once_even_when_the_event_comes_twice()
    {
        var r = TestRestaurant.New();
        var noodles = await factory.ItemAsync(r, "면", 10_000);
        var sauce = await factory.ItemAsync(r, "춘장", 2_000);
        var egg = await factory.ItemAsync(r, "계란", 30, baseUnit: "ea", packSize: 30, packCost: 9000, packUnit: "tray");
        var jjajang = Guid.CreateVersion7();
        var extraEgg = Guid.CreateVersion7();
        await factory.RecipeAsync(r, jjajang, "짜장면", (noodles, 0.2m, "kg"), (sauce, 50, "g"));
        await factory.SendAsync(r.Manager, HttpMethod.Put, r.Path($"recipes/{extraEgg}"),
            new { kind = "modifier", name = "계란 추가", lines = new[] { new { stockItemId = egg, quantity = 1m, unit = "ea" } } }, HttpStatusCode.OK);

        var order = Guid.CreateVersion7();
        var accepted = Scenario.Accepted(r, order, Scenario.Line(jjajang, 2, extraEgg), Scenario.Line(jjajang, 1));
        var handled = await factory.CountAsync("SELECT count(*) FROM messaging_inbox");
        await factory.PublishAsync(accepted);
        await factory.PublishAsync(accepted); // the same fact again under another message id (a re-publish)
        await InventoryFactory.EventuallyAsync(async () => await factory.CountAsync("SELECT count(*) FROM messaging_inbox") >= handled + 2, "both deliveries to be handled");

        (await factory.OnHandAsync(noodles)).ShouldBe(10_000 - 600);
        (await factory.OnHandAsync(sauce)).ShouldBe(2_000 - 150);
        (await factory.OnHandAsync(egg)).ShouldBe(28);
        (await factory.CountAsync("SELECT count(*) FROM stock_movements WHERE order_id = @order", new { order })).ShouldBe(3);
        var moved = await factory.EventsAsync("inventory.stock.moved", order);
        moved.Count.ShouldBe(3);
        moved.Single(m => m.GetProperty("stockItemId").GetGuid() == noodles).GetProperty("cost").GetInt64().ShouldBe(-6000); // 600 g of 10,000 per kg
    }

    [Fact]
    public async Task A_cancelled_order_gives_back_what_it_took_and_a_void_after_cooking_does_not()
    {
        var r = TestRestaurant.New();
        var rice = await factory.ItemAsync(r, "쌀", 5_000);
        var bibimbap = Guid.CreateVersion7();
        await factory.RecipeAsync(r, bibimbap, "비빔밥", (rice, 250, "g"));

        var cancelled = Guid.CreateVersion7();
        var voided = Guid.CreateVersion7();
        await factory.PublishAsync(Scenario.Accepted(r, cancelled, Scenario.Line(bibimbap, 2)));
        await factory.PublishAsync(Scenario.Accepted(r, voided, Scenario.Line(bibimbap, 1)));
        await InventoryFactory.EventuallyAsync(async () => await factory.OnHandAsync(rice) == 5_000 - 750, "both orders to deplete");

        // A recipe change after acceptance does not change what the cancellation gives back.
        await factory.RecipeAsync(r, bibimbap, "비빔밥", (rice, 400, "g"));
        await factory.PublishAsync(Cancel(r, cancelled, stockWasCommitted: true));
        await factory.PublishAsync(Cancel(r, voided, stockWasCommitted: false));
        await InventoryFactory.EventuallyAsync(async () => await factory.CountAsync(
            "SELECT count(*) FROM order_depletions WHERE order_id = ANY(@ids) AND status = 'cancelled'", new { ids = new[] { cancelled, voided } }) == 2, "both cancellations");
        (await factory.OnHandAsync(rice)).ShouldBe(5_000 - 250);

        // The cancellation redelivered gives nothing back twice.
        var handled = await factory.CountAsync("SELECT count(*) FROM messaging_inbox");
        await factory.PublishAsync(Cancel(r, cancelled, stockWasCommitted: true));
        await InventoryFactory.EventuallyAsync(async () => await factory.CountAsync("SELECT count(*) FROM messaging_inbox") >= handled + 1, "the repeat");
        (await factory.OnHandAsync(rice)).ShouldBe(5_000 - 250);
    }

    [Fact]
    public async Task A_cancellation_that_arrives_before_the_acceptance_leaves_stock_alone()
    {
        var r = TestRestaurant.New();
        var beef = await factory.ItemAsync(r, "소고기", 3_000);
        var bulgogi = Guid.CreateVersion7();
        await factory.RecipeAsync(r, bulgogi, "불고기", (beef, 200, "g"));
        var order = Guid.CreateVersion7();

        await factory.PublishAsync(Cancel(r, order, stockWasCommitted: true));
        await InventoryFactory.EventuallyAsync(async () => await factory.CountAsync("SELECT count(*) FROM order_depletions WHERE order_id = @order", new { order }) == 1, "the cancellation");
        var handled = await factory.CountAsync("SELECT count(*) FROM messaging_inbox");
        await factory.PublishAsync(Scenario.Accepted(r, order, Scenario.Line(bulgogi, 3)));
        await InventoryFactory.EventuallyAsync(async () => await factory.CountAsync("SELECT count(*) FROM messaging_inbox") >= handled + 1, "the late acceptance");

        (await factory.OnHandAsync(beef)).ShouldBe(3_000);
    }

    [Fact]
    public async Task A_modified_accepted_order_takes_or_gives_back_the_difference()
    {
        var r = TestRestaurant.New();
        var pork = await factory.ItemAsync(r, "돼지고기", 4_000);
        var tonkatsu = Guid.CreateVersion7();
        await factory.RecipeAsync(r, tonkatsu, "돈가스", (pork, 150, "g"));
        var order = Guid.CreateVersion7();
        var accepted = Scenario.Accepted(r, order, Scenario.Line(tonkatsu, 2));
        await factory.PublishAsync(accepted);
        await InventoryFactory.EventuallyAsync(async () => await factory.OnHandAsync(pork) == 3_700, "the acceptance");

        var lines = new[] { Scenario.Line(tonkatsu, 5) };
        await factory.PublishAsync(new OrderModified(order, r.Id, null, "accepted", lines, 45_000, 45_000, "KRW", accepted.AcceptedAt.AddMinutes(1)));
        await InventoryFactory.EventuallyAsync(async () => await factory.OnHandAsync(pork) == 3_250, "the modification to take 3 more");

        // An older modification arriving late changes nothing.
        var handled = await factory.CountAsync("SELECT count(*) FROM messaging_inbox");
        await factory.PublishAsync(new OrderModified(order, r.Id, null, "accepted", [Scenario.Line(tonkatsu, 1)], 9_000, 9_000, "KRW", accepted.AcceptedAt.AddSeconds(30)));
        await InventoryFactory.EventuallyAsync(async () => await factory.CountAsync("SELECT count(*) FROM messaging_inbox") >= handled + 1, "the stale modification");
        (await factory.OnHandAsync(pork)).ShouldBe(3_250);

        await factory.PublishAsync(Cancel(r, order, stockWasCommitted: true));
        await InventoryFactory.EventuallyAsync(async () => await factory.OnHandAsync(pork) == 4_000, "the cancellation to give all 5 back");
    }

    [Fact]
    public async Task Concurrent_sales_crossing_the_reorder_point_raise_one_alert_and_one_purchase_order()
    {
        var r = TestRestaurant.New();
        var supplier = await factory.SupplierAsync(r);
        var kimchi = await factory.ItemAsync(r, "김치", 10_000, packSize: 5_000, packCost: 40_000, reorderPoint: 4_000, parLevel: 12_000, supplierId: supplier);
        var stew = Guid.CreateVersion7();
        await factory.RecipeAsync(r, stew, "김치찌개", (kimchi, 300, "g"));

        // 30 orders of one stew each, delivered concurrently: 10,000 → 1,000 g, crossing 4,000 g once.
        var orders = Enumerable.Range(0, 30).Select(_ => Scenario.Accepted(r, Guid.CreateVersion7(), Scenario.Line(stew, 1))).ToList();
        await Task.WhenAll(orders.Select(o => factory.PublishAsync(o)));
        await InventoryFactory.EventuallyAsync(async () => await factory.OnHandAsync(kimchi) == 1_000, "all 30 orders to deplete", 60);

        (await factory.EventsAsync("inventory.stock.low", kimchi)).Count.ShouldBe(1);
        (await factory.CountAsync("SELECT count(*) FROM messaging_outbox WHERE type = 'notifications.notification.requested' AND payload->>'type' = 'inventory.stock.low' AND payload->'audience'->>'restaurantId' = @id",
            new { id = r.Id.ToString() })).ShouldBe(1);
        var orders2 = await factory.GetAsync(r.Manager, r.Path("purchase-orders"));
        var po = orders2.GetProperty("items").EnumerateArray().ShouldHaveSingleItem();
        po.GetProperty("origin").GetString().ShouldBe("reorder_point");
        po.GetProperty("status").GetString().ShouldBe("draft");
        var line = po.GetProperty("lines").EnumerateArray().ShouldHaveSingleItem();
        line.GetProperty("stockItemId").GetGuid().ShouldBe(kimchi);
        // Filled to par at the moment of crossing (4,000 g left → 8,000 g missing → 2 packs of 5 kg).
        line.GetProperty("quantity").GetDecimal().ShouldBe(2);
        (await factory.GetAsync(r.Manager, r.Path($"items/{kimchi}"))).GetProperty("low").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task Running_out_86es_the_dish_for_ordering_and_tells_which_dishes()
    {
        var r = TestRestaurant.New();
        var tofu = await factory.ItemAsync(r, "두부", 1, baseUnit: "ea", packSize: 1, packCost: 2000, packUnit: "ea");
        var soup = Guid.CreateVersion7();
        await factory.RecipeAsync(r, soup, "순두부찌개", (tofu, 1, "ea"));
        var announced = await factory.EventsAsync("inventory.menu_item.availability_changed", soup);
        announced.Last().GetProperty("portionsLeft").GetInt32().ShouldBe(1);

        var order = Guid.CreateVersion7();
        await factory.PublishAsync(Scenario.Accepted(r, order, Scenario.Line(soup, 1)));
        await InventoryFactory.EventuallyAsync(async () => (await factory.EventsAsync("inventory.item.depleted", tofu)).Count == 1, "the depletion");

        var depleted = (await factory.EventsAsync("inventory.item.depleted", tofu)).Single();
        depleted.GetProperty("menuItemIds").EnumerateArray().Select(e => e.GetGuid()).ShouldBe([soup]);
        var last = (await factory.EventsAsync("inventory.menu_item.availability_changed", soup)).Last();
        last.GetProperty("available").GetBoolean().ShouldBeFalse();
        last.GetProperty("portionsLeft").GetInt32().ShouldBe(0);
        var availability = await factory.GetAsync(r.Staff, r.Path("availability"));
        availability.GetProperty("items")[0].GetProperty("available").GetBoolean().ShouldBeFalse();

        // Another restaurant's order naming this dish takes nothing from this restaurant's stock.
        var other = TestRestaurant.New();
        var handled = await factory.CountAsync("SELECT count(*) FROM messaging_inbox");
        await factory.PublishAsync(Scenario.Accepted(other, Guid.CreateVersion7(), Scenario.Line(soup, 3)));
        await InventoryFactory.EventuallyAsync(async () => await factory.CountAsync("SELECT count(*) FROM messaging_inbox") >= handled + 1, "the other restaurant's order");
        (await factory.OnHandAsync(tofu)).ShouldBe(0);
    }

    private static OrderCancelled Cancel(TestRestaurant r, Guid order, bool stockWasCommitted) =>
        new(order, r.Id, null, [], stockWasCommitted, "restaurant", "test", 0, "KRW", DateTimeOffset.UtcNow);
}

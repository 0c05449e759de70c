using System.Net;
using System.Net.Http.Json;
using System.Text;

namespace Brigade.Inventory.Tests;

/// <summary>Items, unit conversions, waste, counts; who may see and change them; bad input.</summary>
public sealed class StockTests(InventoryFactory factory) : IClassFixture<InventoryFactory>
{
    [Fact]
    public async Task Quantities_in_kg_litres_and_packs_become_base_units_and_other_kinds_are_refused()
    {
        var r = TestRestaurant.New();
        var flour = await factory.ItemAsync(r, "밀가루", 20_000, packSize: 20_000, packCost: 30_000, packUnit: "sack");
        var milk = await factory.ItemAsync(r, "우유", 10_000, baseUnit: "ml", packSize: 1_000, packCost: 2_500, packUnit: "carton");
        var pancake = Guid.CreateVersion7();

        var recipe = await factory.SendAsync(r.Manager, HttpMethod.Put, r.Path($"recipes/{pancake}"), new
        {
            kind = "menu_item", name = "팬케이크",
            lines = new object[] { new { stockItemId = flour, quantity = 0.15m, unit = "kg" }, new { stockItemId = milk, quantity = 0.2m, unit = "L" } },
        }, HttpStatusCode.OK);
        recipe.GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("quantity").GetDecimal()).OrderBy(q => q).ShouldBe([150m, 200m]);
        recipe.GetProperty("portionCost").GetProperty("amount").GetInt64().ShouldBe(225 + 500); // 150 g of 30,000/20 kg + 200 ml of 2,500/L
        recipe.GetProperty("portionsLeft").GetInt32().ShouldBe(50); // milk: 10 L / 200 ml

        await factory.PostAsync(r.Staff, r.Path("waste"), new { stockItemId = milk, quantity = 2, unit = "carton", reason = "expired" }, HttpStatusCode.Created);
        (await factory.OnHandAsync(milk)).ShouldBe(8_000);
        var sack = await factory.PostAsync(r.Staff, r.Path("waste"), new { stockItemId = flour, quantity = 0.5m, unit = "sack", reason = "spoiled" }, HttpStatusCode.Created);
        sack.GetProperty("quantity").GetDecimal().ShouldBe(10_000);
        sack.GetProperty("cost").GetProperty("amount").GetInt64().ShouldBe(15_000);

        using var staff = factory.ClientFor(r.Staff);
        await (await staff.PostAsJsonAsync(r.Path("waste"), new { stockItemId = flour, quantity = 1, unit = "L", reason = "spoiled" })).ShouldBeInvalidAsync("unit");
        await (await staff.PostAsJsonAsync(r.Path("waste"), new { stockItemId = milk, quantity = 1, unit = "kg", reason = "spoiled" })).ShouldBeInvalidAsync("unit");
        await (await staff.PutAsJsonAsync(r.Path($"recipes/{pancake}"), new { kind = "menu_item", name = "x", lines = new[] { new { stockItemId = milk, quantity = 1, unit = "ea" } } }))
            .ShouldBeAsync(HttpStatusCode.Forbidden);
        (await factory.OnHandAsync(flour)).ShouldBe(10_000);
    }

    [Fact]
    public async Task A_count_sets_stock_to_what_was_found_and_values_the_variance_and_a_full_count_must_name_every_item()
    {
        var r = TestRestaurant.New();
        var oil = await factory.ItemAsync(r, "식용유", 18_000, baseUnit: "ml", packSize: 18_000, packCost: 54_000, packUnit: "can");
        var salt = await factory.ItemAsync(r, "소금", 3_000);

        var missing = await factory.PostAsync(r.Staff, r.Path("counts"), new { kind = "full", lines = new[] { new { stockItemId = oil, quantity = 15, unit = "L" } } },
            HttpStatusCode.UnprocessableEntity);
        missing.GetProperty("code").GetString().ShouldBe("count_incomplete");
        missing.GetProperty("missing").EnumerateArray().Select(e => e.GetGuid()).ShouldBe([salt]);
        (await factory.OnHandAsync(oil)).ShouldBe(18_000);

        var count = await factory.PostAsync(r.Staff, r.Path("counts"), new
        {
            kind = "full",
            lines = new object[] { new { stockItemId = oil, quantity = 15, unit = "L" }, new { stockItemId = salt, quantity = 3.2m, unit = "kg" } },
        }, HttpStatusCode.Created);
        var oilLine = count.GetProperty("lines").EnumerateArray().Single(l => l.GetProperty("stockItemId").GetGuid() == oil);
        oilLine.GetProperty("expected").GetDecimal().ShouldBe(18_000);
        oilLine.GetProperty("variance").GetDecimal().ShouldBe(-3_000);
        oilLine.GetProperty("varianceCost").GetProperty("amount").GetInt64().ShouldBe(-9_000);
        count.GetProperty("varianceCost").GetProperty("amount").GetInt64().ShouldBe(-9_000 + 2_000);
        (await factory.OnHandAsync(oil)).ShouldBe(15_000);
        (await factory.OnHandAsync(salt)).ShouldBe(3_200);
        (await factory.GetAsync(r.Staff, r.Path($"counts/{count.Id()}"))).GetProperty("kind").GetString().ShouldBe("full");
        (await factory.GetAsync(r.Staff, r.Path("movements?kind=count"))).GetProperty("items").GetArrayLength().ShouldBe(2);
    }

    [Fact]
    public async Task Another_restaurants_people_get_404_and_staff_may_not_do_a_managers_work()
    {
        var r = TestRestaurant.New();
        var item = await factory.ItemAsync(r, "양파", 5_000);
        var outsider = TestRestaurant.New();

        await factory.GetAsync(outsider.Manager, r.Path("items"), HttpStatusCode.NotFound);
        await factory.GetAsync(outsider.Manager, r.Path($"items/{item}"), HttpStatusCode.NotFound);
        await factory.GetAsync(outsider.Manager, outsider.Path($"items/{item}"), HttpStatusCode.NotFound); // its own path, our item id
        await factory.PostAsync(outsider.Staff, r.Path("waste"), new { stockItemId = item, quantity = 1, unit = "kg", reason = "dropped" }, HttpStatusCode.NotFound);
        await factory.PostAsync(outsider.Staff, outsider.Path("waste"), new { stockItemId = item, quantity = 1, unit = "kg", reason = "dropped" }, HttpStatusCode.NotFound);
        await factory.PostAsync(outsider.Staff, outsider.Path("counts"), new { kind = "spot", lines = new[] { new { stockItemId = item, quantity = 0, unit = "g" } } },
            HttpStatusCode.BadRequest);
        await factory.SendAsync(outsider.Manager, HttpMethod.Put, outsider.Path($"recipes/{Guid.CreateVersion7()}"),
            new { kind = "menu_item", name = "훔친 레시피", lines = new[] { new { stockItemId = item, quantity = 1, unit = "g" } } }, HttpStatusCode.BadRequest);
        (await factory.OnHandAsync(item)).ShouldBe(5_000);

        // The same menu item id cannot be taken over by another restaurant's recipe.
        var dish = Guid.CreateVersion7();
        await factory.RecipeAsync(r, dish, "양파링", (item, 100, "g"));
        var theirs = await factory.ItemAsync(outsider, "양파", 1_000);
        await factory.SendAsync(outsider.Manager, HttpMethod.Put, outsider.Path($"recipes/{dish}"),
            new { kind = "menu_item", name = "양파링", lines = new[] { new { stockItemId = theirs, quantity = 1, unit = "g" } } }, HttpStatusCode.NotFound);
        (await factory.GetAsync(r.Staff, r.Path($"recipes/{dish}"))).GetProperty("lines")[0].GetProperty("stockItemId").GetGuid().ShouldBe(item);

        await factory.PostAsync(r.Staff, r.Path("items"), new { name = "마늘", baseUnit = "g", packCost = 1000 }, HttpStatusCode.Forbidden);
        await factory.SendAsync(r.Staff, HttpMethod.Patch, r.Path($"items/{item}"), new { reorderPoint = 1 }, HttpStatusCode.Forbidden);
        await factory.GetAsync(r.Staff, r.Path("purchase-orders"), HttpStatusCode.Forbidden);
        await factory.GetAsync(r.Staff, r.Path("reports/food-cost?from=2026-12-01&to=2026-12-31"), HttpStatusCode.Forbidden);
        await factory.GetAsync(Actor.Anonymous, r.Path("items"), HttpStatusCode.Unauthorized);
        (await factory.CountAsync("SELECT count(*) FROM stock_items WHERE restaurant_id = @id", new { id = r.Id })).ShouldBe(1);
    }

    [Fact]
    public async Task Stock_about_to_expire_alerts_the_managers_once_per_expiry_date()
    {
        var r = TestRestaurant.New();
        var cream = await factory.ItemAsync(r, "생크림", 2_000, baseUnit: "ml", packSize: 1_000, packCost: 6_000);
        var gone = await factory.ItemAsync(r, "딸기", 0);
        var today = NodaTime.SystemClock.Instance.GetCurrentInstant().InZone(NodaTime.DateTimeZoneProviders.Tzdb["Asia/Seoul"]).Date;
        var item = await factory.SendAsync(r.Manager, HttpMethod.Patch, r.Path($"items/{cream}"), new { expiresOn = $"{today.PlusDays(1):yyyy-MM-dd}" }, HttpStatusCode.OK);
        item.GetProperty("expiresOn").GetString().ShouldBe($"{today.PlusDays(1):yyyy-MM-dd}");
        await factory.SendAsync(r.Manager, HttpMethod.Patch, r.Path($"items/{gone}"), new { expiresOn = $"{today:yyyy-MM-dd}" }, HttpStatusCode.OK); // nothing on hand: no alert
        await factory.SendAsync(r.Manager, HttpMethod.Patch, r.Path($"items/{cream}"), new { expiresOn = "tomorrow" }, HttpStatusCode.BadRequest);

        const string alerts = """
            SELECT count(*) FROM messaging_outbox WHERE type = 'notifications.notification.requested' AND payload->>'type' = 'inventory.stock.expiring'
               AND payload->'audience'->>'restaurantId' = @id
            """;
        await InventoryFactory.EventuallyAsync(async () => await factory.CountAsync(alerts, new { id = r.Id.ToString() }) == 1, "the expiry alert");
        await InventoryFactory.EventuallyAsync(async () => await factory.CountAsync(
            "SELECT count(*) FROM stock_items WHERE id = @cream AND expiry_alerted_on = expires_on", new { cream }) == 1, "the alert to be remembered");

        // A new expiry date is news again; the same one is not.
        await factory.SendAsync(r.Manager, HttpMethod.Patch, r.Path($"items/{cream}"), new { expiresOn = $"{today:yyyy-MM-dd}" }, HttpStatusCode.OK);
        await InventoryFactory.EventuallyAsync(async () => await factory.CountAsync(alerts, new { id = r.Id.ToString() }) == 2, "the alert for the new date");
        (await factory.CountAsync("SELECT count(*) FROM stock_items WHERE id = @gone AND expiry_alerted_on IS NULL", new { gone })).ShouldBe(1);
    }

    [Fact]
    public async Task Bad_input_is_a_precise_400_and_writes_nothing()
    {
        var r = TestRestaurant.New();
        using var manager = factory.ClientFor(r.Manager);
        var path = r.Path("items");

        await (await manager.PostAsync(path, new StringContent("{\"name\": \"양파\",", Encoding.UTF8, "application/json"))).ShouldBeAsync(HttpStatusCode.BadRequest);
        await (await manager.PostAsync(path, new StringContent("{\"name\": \"양파\", \"baseUnit\": \"g\", \"packCost\": \"cheap\"}", Encoding.UTF8, "application/json")))
            .ShouldBeAsync(HttpStatusCode.BadRequest);
        await (await manager.PostAsJsonAsync(path, new { })).ShouldBeInvalidAsync("name", "baseUnit", "packCost");
        await (await manager.PostAsJsonAsync(path, new { name = "양파", baseUnit = "lb", packCost = 1 })).ShouldBeInvalidAsync("baseUnit");
        await (await manager.PostAsJsonAsync(path, new { name = "양파", baseUnit = "g", packCost = -1, onHand = 1e15m, packSize = 0 })).ShouldBeInvalidAsync("packCost", "onHand", "packSize");
        await (await manager.PostAsJsonAsync(path, new { name = "양파", baseUnit = "g", packCost = 1, onHand = 0.0001m })).ShouldBeInvalidAsync("onHand");
        await (await manager.PostAsJsonAsync(path, new { name = "양파", baseUnit = "g", packCost = 2_000_000_000_000L, packSize = 5_000_000 })).ShouldBeInvalidAsync("packCost", "packSize");
        await (await manager.PostAsJsonAsync(path, new { name = new string('양', 101), baseUnit = "g", packCost = 1 })).ShouldBeInvalidAsync("name");
        await (await manager.PostAsJsonAsync(path, new { name = "양파", baseUnit = "g", packCost = 1, reorderPoint = 500, parLevel = 100 })).ShouldBeInvalidAsync("reorderPoint");
        await (await manager.PostAsJsonAsync(path, new { name = "양파", baseUnit = "g", packCost = 1, supplierId = Guid.CreateVersion7() })).ShouldBeInvalidAsync("supplierId");
        await (await manager.PostAsJsonAsync(r.Path("counts"), new { kind = "weekly", lines = Array.Empty<object>() })).ShouldBeInvalidAsync("kind", "lines");
        await (await manager.PostAsJsonAsync(r.Path("waste"), new { stockItemId = Guid.Empty, quantity = -1, reason = "bored" })).ShouldBeInvalidAsync("stockItemId", "reason");
        await (await manager.PutAsJsonAsync(r.Path($"recipes/{Guid.CreateVersion7()}"), new { kind = "dish", lines = new object?[] { null } }))
            .ShouldBeInvalidAsync("kind", "name", "lines[0].stockItemId");
        await (await manager.PutAsJsonAsync(r.Path("settings"), new { currency = "₩1" })).ShouldBeInvalidAsync("currency");
        await (await manager.GetAsync(r.Path("reports/food-cost?from=2026-12-31&to=2026-12-01"))).ShouldBeInvalidAsync("to");
        await (await manager.GetAsync(r.Path("movements?kind=theft"))).ShouldBeInvalidAsync("kind");

        (await factory.CountAsync("SELECT count(*) FROM stock_items WHERE restaurant_id = @id", new { id = r.Id })).ShouldBe(0);
        (await factory.CountAsync("SELECT count(*) FROM stock_movements WHERE restaurant_id = @id", new { id = r.Id })).ShouldBe(0);

        var item = await factory.ItemAsync(r, "양파", 100);
        await (await manager.PostAsJsonAsync(path, new { name = "양파", baseUnit = "g", packCost = 1 })).ShouldBeAsync(HttpStatusCode.Conflict);
        var stale = new HttpRequestMessage(HttpMethod.Patch, r.Path($"items/{item}")) { Content = JsonContent.Create(new { parLevel = 1000 }) };
        stale.Headers.TryAddWithoutValidation("If-Match", "\"99\"");
        await (await manager.SendAsync(stale)).ShouldBeAsync(HttpStatusCode.PreconditionFailed);
    }
}

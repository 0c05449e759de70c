using System.Net;
using System.Net.Http.Json;

namespace Brigade.Inventory.Tests;

/// <summary>Fill to par, send, partial receipts with a changed price, automatic sending, idempotent creation.</summary>
public sealed class PurchaseOrderTests(InventoryFactory factory) : IClassFixture<InventoryFactory>
{
    [Fact]
    public async Task Fill_to_par_drafts_per_supplier_and_receiving_in_parts_raises_stock_and_flags_a_changed_price()
    {
        var r = TestRestaurant.New();
        var market = await factory.SupplierAsync(r, "가락시장", leadTimeDays: 1);
        var dairy = await factory.SupplierAsync(r, "서울우유", leadTimeDays: 3);
        var cabbage = await factory.ItemAsync(r, "배추", 2_000, packSize: 10_000, packCost: 20_000, packUnit: "box", parLevel: 25_000, supplierId: market);
        var milk = await factory.ItemAsync(r, "우유", 4_000, baseUnit: "ml", packSize: 1_000, packCost: 2_500, packUnit: "carton", parLevel: 10_000, supplierId: dairy);
        await factory.ItemAsync(r, "소금", 9_000, parLevel: 5_000, supplierId: market); // above par: not ordered

        var suggestions = await factory.GetAsync(r.Manager, r.Path("purchase-orders/suggestions"));
        suggestions.GetProperty("items").EnumerateArray().Select(s => (s.GetProperty("name").GetString(), s.GetProperty("packs").GetDecimal()))
            .OrderBy(s => s.Item1).ShouldBe([("배추", 3m), ("우유", 6m)]);

        var drafted = await factory.PostAsync(r.Manager, r.Path("purchase-orders/fill-to-par"), null, HttpStatusCode.OK, Guid.NewGuid().ToString());
        drafted.GetProperty("items").GetArrayLength().ShouldBe(2);
        // What is on order now counts: a second fill drafts nothing.
        (await factory.PostAsync(r.Manager, r.Path("purchase-orders/fill-to-par"), null, HttpStatusCode.OK, Guid.NewGuid().ToString()))
            .GetProperty("items").GetArrayLength().ShouldBe(0);

        var po = drafted.GetProperty("items").EnumerateArray().Single(p => p.GetProperty("supplierId").GetGuid() == market);
        po.GetProperty("total").GetProperty("amount").GetInt64().ShouldBe(60_000);
        var id = po.Id();
        // A draft is not received: it was never sent.
        await factory.PostAsync(r.Staff, r.Path($"purchase-orders/{id}/receive"), new { lines = new[] { new { stockItemId = cabbage, quantity = 1 } } },
            HttpStatusCode.Conflict, Guid.NewGuid().ToString());

        var sent = await factory.PostAsync(r.Manager, r.Path($"purchase-orders/{id}/send"), null, HttpStatusCode.OK);
        sent.GetProperty("status").GetString().ShouldBe("sent");
        (sent.GetProperty("expectedAt").GetDateTimeOffset() - sent.GetProperty("sentAt").GetDateTimeOffset()).ShouldBe(TimeSpan.FromDays(1));
        var sentEvent = (await factory.EventsAsync("inventory.purchase_order.sent", id)).ShouldHaveSingleItem();
        sentEvent.GetProperty("supplierName").GetString().ShouldBe("가락시장");
        sentEvent.GetProperty("total").GetInt64().ShouldBe(60_000);
        var mail = Path.Combine(factory.MailDirectory, $"po-{id:N}.eml");
        await InventoryFactory.EventuallyAsync(() => Task.FromResult(File.Exists(mail)), "the purchase order to be mailed to the supplier");
        var message = await MimeKit.MimeMessage.LoadAsync(mail);
        message.To.Mailboxes.Single().Address.ShouldBe("orders@hanbit.example");
        message.TextBody!.ShouldContain("배추: 3 box × 20,000 KRW");
        message.TextBody!.ShouldContain("60,000 KRW");

        var first = await factory.PostAsync(r.Staff, r.Path($"purchase-orders/{id}/receive"), new { lines = new[] { new { stockItemId = cabbage, quantity = 2, unitCost = 22_000L } } },
            HttpStatusCode.OK, Guid.NewGuid().ToString());
        first.GetProperty("status").GetString().ShouldBe("partially_received");
        var line = first.GetProperty("lines")[0];
        line.GetProperty("priceChanged").GetBoolean().ShouldBeTrue();
        line.GetProperty("received").GetDecimal().ShouldBe(2);
        (await factory.OnHandAsync(cabbage)).ShouldBe(22_000);
        (await factory.GetAsync(r.Manager, r.Path($"items/{cabbage}"))).GetProperty("packCost").GetProperty("amount").GetInt64().ShouldBe(22_000);

        var rest = await factory.PostAsync(r.Staff, r.Path($"purchase-orders/{id}/receive"), new { lines = new[] { new { stockItemId = cabbage, quantity = 1 } } },
            HttpStatusCode.OK, Guid.NewGuid().ToString());
        rest.GetProperty("status").GetString().ShouldBe("received");
        (await factory.OnHandAsync(cabbage)).ShouldBe(32_000);
        var received = await factory.EventsAsync("inventory.purchase_order.received", id);
        received.Select(e => e.GetProperty("complete").GetBoolean()).ShouldBe([false, true]);
        received[0].GetProperty("total").GetInt64().ShouldBe(44_000);
        await factory.PostAsync(r.Manager, r.Path($"purchase-orders/{id}/cancel"), null, HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_receipt_retried_with_its_idempotency_key_adds_stock_once()
    {
        var r = TestRestaurant.New();
        var supplier = await factory.SupplierAsync(r);
        var beans = await factory.ItemAsync(r, "원두", 0, packSize: 1_000, packCost: 25_000, supplierId: supplier);
        var key = Guid.NewGuid().ToString();
        var body = new { supplierId = supplier, lines = new[] { new { stockItemId = beans, quantity = 5 } } };
        var created = await factory.PostAsync(r.Manager, r.Path("purchase-orders"), body, HttpStatusCode.Created, key);
        var again = await factory.PostAsync(r.Manager, r.Path("purchase-orders"), body, HttpStatusCode.Created, key);
        again.Id().ShouldBe(created.Id());
        await factory.PostAsync(r.Manager, r.Path("purchase-orders"), new { supplierId = supplier, lines = new[] { new { stockItemId = beans, quantity = 6 } } },
            HttpStatusCode.UnprocessableEntity, key);
        await factory.PostAsync(r.Manager, r.Path("purchase-orders"), body, HttpStatusCode.BadRequest); // no key
        (await factory.CountAsync("SELECT count(*) FROM purchase_orders WHERE restaurant_id = @id", new { id = r.Id })).ShouldBe(1);

        var id = created.Id();
        await factory.PostAsync(r.Manager, r.Path($"purchase-orders/{id}/send"), null, HttpStatusCode.OK);
        var receiptKey = Guid.NewGuid().ToString();
        var receipt = new { lines = new[] { new { stockItemId = beans, quantity = 5 } } };
        await factory.PostAsync(r.Staff, r.Path($"purchase-orders/{id}/receive"), receipt, HttpStatusCode.OK, receiptKey);
        await factory.PostAsync(r.Staff, r.Path($"purchase-orders/{id}/receive"), receipt, HttpStatusCode.OK, receiptKey);
        (await factory.OnHandAsync(beans)).ShouldBe(5_000);

        // Another restaurant's supplier or order is not found.
        var outsider = TestRestaurant.New();
        await factory.GetAsync(outsider.Manager, outsider.Path($"purchase-orders/{id}"), HttpStatusCode.NotFound);
        await factory.PostAsync(outsider.Manager, outsider.Path($"purchase-orders/{id}/send"), null, HttpStatusCode.NotFound);
        await factory.PostAsync(outsider.Manager, outsider.Path("purchase-orders"), body, HttpStatusCode.NotFound, Guid.NewGuid().ToString());
    }

    [Fact]
    public async Task Concurrent_waste_and_fill_to_par_requests_neither_lose_stock_nor_order_twice()
    {
        var r = TestRestaurant.New();
        var supplier = await factory.SupplierAsync(r);
        var garlic = await factory.ItemAsync(r, "마늘", 5_000, packSize: 1_000, packCost: 12_000, parLevel: 10_000, supplierId: supplier);

        var wastes = await Task.WhenAll(Enumerable.Range(0, 20).Select(async _ =>
        {
            using var client = factory.ClientFor(r.Staff);
            return (await client.PostAsJsonAsync(r.Path("waste"), new { stockItemId = garlic, quantity = 50, unit = "g", reason = "spoiled" })).StatusCode;
        }));
        wastes.ShouldAllBe(s => s == HttpStatusCode.Created);
        (await factory.OnHandAsync(garlic)).ShouldBe(4_000);

        var fills = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            factory.PostAsync(r.Manager, r.Path("purchase-orders/fill-to-par"), null, HttpStatusCode.OK, Guid.NewGuid().ToString())));
        fills.Sum(f => f.GetProperty("items").GetArrayLength()).ShouldBe(1);
        var po = (await factory.GetAsync(r.Manager, r.Path("purchase-orders"))).GetProperty("items").EnumerateArray().ShouldHaveSingleItem();
        po.GetProperty("lines")[0].GetProperty("quantity").GetDecimal().ShouldBe(6);
    }

    [Fact]
    public async Task With_auto_send_the_reorder_point_sends_the_order_to_the_supplier_at_once()
    {
        var r = TestRestaurant.New();
        await factory.SendAsync(r.Manager, HttpMethod.Put, r.Path("settings"), new { currency = "KRW", autoSendPurchaseOrders = true }, HttpStatusCode.OK);
        var supplier = await factory.SupplierAsync(r, "수산시장", leadTimeDays: 0);
        var salmon = await factory.ItemAsync(r, "연어", 1_000, packSize: 1_000, packCost: 30_000, reorderPoint: 400, parLevel: 2_000, supplierId: supplier);
        var waste = new { stockItemId = salmon, quantity = 0.7m, unit = "kg", reason = "spoiled" };
        await factory.PostAsync(r.Staff, r.Path("waste"), waste, HttpStatusCode.Created);

        var po = (await factory.GetAsync(r.Manager, r.Path("purchase-orders"))).GetProperty("items").EnumerateArray().ShouldHaveSingleItem();
        po.GetProperty("status").GetString().ShouldBe("sent");
        po.GetProperty("lines")[0].GetProperty("quantity").GetDecimal().ShouldBe(2); // 300 g left → 1,700 g to par → 2 packs
        (await factory.EventsAsync("inventory.purchase_order.sent", po.Id())).Count.ShouldBe(1);
    }
}

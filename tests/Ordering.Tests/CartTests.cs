using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace Brigade.Ordering.Tests;

/// <summary>Carts in Redis: a table's cart shared live by everyone who scanned its QR code, a diner's own cart, checkout.</summary>
public sealed class CartTests(OrderingFactory factory) : IClassFixture<OrderingFactory>
{
    [Fact]
    public async Task The_qr_code_opens_the_menu_for_anyone_and_an_unknown_code_nothing()
    {
        var r = await factory.RestaurantAsync();
        var menu = await factory.GetAsync(Actor.Anonymous, $"/api/carts/qr/{r.TableToken}");
        menu.GetProperty("restaurant").GetProperty("name").GetString().ShouldBe("테스트 식당");
        menu.GetProperty("table").GetProperty("label").GetString().ShouldBe("T1");
        var items = menu.GetProperty("items").EnumerateArray().ToList();
        items.Count.ShouldBe(4);
        var jjajang = items.Single(i => i.GetProperty("name").GetString() == "짜장면");
        jjajang.GetProperty("modifierGroups")[0].GetProperty("options")[1].GetProperty("priceDelta").GetProperty("amount").GetInt64().ShouldBe(1000);
        items.Single(i => i.GetProperty("name").GetString() == "모닝세트").GetProperty("reason").GetString().ShouldBe("not_in_daypart");

        await factory.GetAsync(Actor.Anonymous, "/api/carts/qr/no-such-code", HttpStatusCode.NotFound);
        var draft = await factory.RestaurantAsync(status: "draft");
        await factory.GetAsync(Actor.Anonymous, $"/api/carts/qr/{draft.TableToken}", HttpStatusCode.NotFound);

        // A new code replaces the old one (a manager's move).
        using var manager = factory.ClientFor(r.Manager);
        var codes = await factory.GetAsync(r.Staff, $"/api/orders/tables?restaurantId={r.Id}");
        codes[0].GetProperty("link").GetString().ShouldBe($"/t/{r.TableToken}");
        await (await factory.ClientFor(r.Staff).PostAsync($"/api/orders/tables/{r.TableId}/new-code", null)).ShouldBeAsync(HttpStatusCode.Forbidden);
        var renewed = await (await manager.PostAsync($"/api/orders/tables/{r.TableId}/new-code", null)).ShouldBeAsync(HttpStatusCode.OK);
        renewed.GetProperty("token").GetString().ShouldNotBe(r.TableToken);
        await factory.GetAsync(Actor.Anonymous, $"/api/carts/qr/{r.TableToken}", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Everyone_at_the_table_sees_each_others_lines_live_and_one_checkout_orders_them_all()
    {
        var r = await factory.RestaurantAsync();
        var minji = Actor.Diner("민지");
        var junho = Actor.Diner("준호");
        using var a = factory.ClientFor(minji);
        using var b = factory.ClientFor(junho);
        await using var junhoScreen = await HubClient.ConnectAsync(factory.Server, "/hubs/carts", junho.Token, "cart", "ordered");
        await junhoScreen.Connection.InvokeAsync("Join", r.TableToken);
        (await Should.ThrowAsync<HubException>(() => junhoScreen.Connection.InvokeAsync("Join", "forged"))).Message.ShouldContain("No such table");

        var cart = $"/api/carts/table/{r.TableToken}";
        var afterA = await (await a.PostAsJsonAsync($"{cart}/items", new { menuItemId = r["짜장면"], quantity = 1, modifiers = new[] { Jjajang.Large } })).ShouldBeAsync(HttpStatusCode.OK);
        afterA.Amount("subtotal").ShouldBe(9000);
        var pushed = await junhoScreen.NextAsync("cart", c => c.GetProperty("lines").GetArrayLength() == 1);
        pushed.GetProperty("lines")[0].GetProperty("personName").GetString().ShouldBe("민지");

        await (await b.PostAsJsonAsync($"{cart}/items", new { menuItemId = r["생맥주"], quantity = 2 })).ShouldBeAsync(HttpStatusCode.OK);
        var shared = await (await a.GetAsync(cart)).ShouldBeAsync(HttpStatusCode.OK);
        shared.GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("personName").GetString()).ShouldBe(["민지", "준호"]);
        shared.Amount("subtotal").ShouldBe(19000);
        shared.GetProperty("expiresAt").GetDateTimeOffset().ShouldBeGreaterThan(DateTimeOffset.UtcNow.AddHours(2));

        var minjiLine = shared.GetProperty("lines")[0].GetProperty("lineId").GetGuid();
        await (await b.DeleteAsync($"{cart}/items/{minjiLine}")).ShouldBeAsync(HttpStatusCode.Forbidden);
        await (await a.PatchAsJsonAsync($"{cart}/items/{minjiLine}", new { quantity = 2 })).ShouldBeAsync(HttpStatusCode.OK);
        await (await a.PatchAsJsonAsync($"{cart}/items/{minjiLine}", new { quantity = 0 })).ShouldBeInvalidAsync("quantity");
        await (await a.PostAsJsonAsync($"{cart}/items", new { menuItemId = r["짜장면"], quantity = 1 })).ShouldBeInvalidAsync("items[0].modifiers");
        await (await a.PostAsJsonAsync($"{cart}/items", new { menuItemId = Guid.CreateVersion7(), quantity = 1 })).ShouldBeInvalidAsync("item.menuItemId");
        await (await a.PostAsJsonAsync($"{cart}/items", new { menuItemId = r["모닝세트"], quantity = 1 })).ShouldBeAsync(HttpStatusCode.Conflict);

        // The checkout needs an Idempotency-Key; two people pressing "order" at once make one order.
        await (await b.PostAsync($"{cart}/checkout", null)).ShouldBeAsync(HttpStatusCode.BadRequest);
        var checkouts = await Task.WhenAll(
            b.SendAsync(Scenario.Post($"{cart}/checkout", new { covers = 2 }, Guid.NewGuid().ToString())),
            a.SendAsync(Scenario.Post($"{cart}/checkout", new { covers = 2 }, Guid.NewGuid().ToString())));
        checkouts.Count(x => x.StatusCode == HttpStatusCode.Created).ShouldBe(1);
        checkouts.Single(x => x.StatusCode != HttpStatusCode.Created).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var order = await checkouts.Single(x => x.StatusCode == HttpStatusCode.Created).ShouldBeAsync(HttpStatusCode.Created);
        order.GetProperty("channel").GetString().ShouldBe("dine_in");
        order.Amount("total").ShouldBe(2 * 9000 + 2 * 5000);
        order.GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("addedByName").GetString()).ShouldBe(["민지", "준호"]);
        (await junhoScreen.NextAsync("ordered")).Id().ShouldBe(order.Id());
        (await (await a.GetAsync(cart)).ShouldBeAsync(HttpStatusCode.OK)).GetProperty("lines").GetArrayLength().ShouldBe(0);
        (await factory.OrdersOfAsync(r.Id)).ShouldBe(1);
    }

    [Fact]
    public async Task A_diners_own_cart_orders_takeout_or_delivery_and_is_theirs_alone()
    {
        var r = await factory.RestaurantAsync();
        var diner = Actor.Diner();
        using var client = factory.ClientFor(diner);
        var cart = $"/api/carts/restaurant/{r.Id}";
        await (await client.PostAsJsonAsync($"{cart}/items", new { productId = r["김치찌개"], quantity = 2 })).ShouldBeAsync(HttpStatusCode.OK);
        (await factory.GetAsync(Actor.Diner("other"), cart)).GetProperty("lines").GetArrayLength().ShouldBe(0);
        await factory.GetAsync(Actor.Anonymous, cart, HttpStatusCode.Unauthorized);
        await factory.GetAsync(diner, $"/api/carts/restaurant/{Guid.CreateVersion7()}", HttpStatusCode.NotFound);

        await (await client.SendAsync(Scenario.Post($"{cart}/checkout", new { channel = "delivery" }, Guid.NewGuid().ToString()))).ShouldBeInvalidAsync("shippingAddress");
        var order = await (await client.SendAsync(Scenario.Post($"{cart}/checkout",
            new { shippingAddress = new { street = "세종대로 110", city = "서울", zipCode = "04524", phone = "010-1234-5678" } }, Guid.NewGuid().ToString())))
            .ShouldBeAsync(HttpStatusCode.Created);
        order.GetProperty("channel").GetString().ShouldBe("delivery");
        order.Amount("total").ShouldBe(18000);
        order.GetProperty("dinerId").GetGuid().ShouldBe(diner.Id);
        await (await client.SendAsync(Scenario.Post($"{cart}/checkout", new { }, Guid.NewGuid().ToString()))).ShouldBeAsync(HttpStatusCode.Conflict); // empty now
    }
}

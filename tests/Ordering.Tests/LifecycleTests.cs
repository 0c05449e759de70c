using System.Net;
using System.Net.Http.Json;

namespace Brigade.Ordering.Tests;

/// <summary>Orders through the state machine over HTTP: who may do what, the events of each transition, modifications, reopening.</summary>
public sealed class LifecycleTests(OrderingFactory factory) : IClassFixture<OrderingFactory>
{
    [Fact]
    public async Task A_dine_in_order_goes_from_received_to_closed_with_an_event_for_every_transition()
    {
        var r = await factory.RestaurantAsync();
        var order = await factory.PlacedAsync(Actor.Diner(), r, extra: new
        {
            tableToken = r.TableToken,
            items = new object[] { new { productId = r["김치찌개"], quantity = 2 }, new { productId = r["생맥주"], quantity = 1 } },
        });
        var id = order.Id();

        var accepted = await factory.ActAsync(r.Staff, id, "accept", HttpStatusCode.OK);
        accepted.Status().ShouldBe("accepted");
        accepted.GetProperty("lines").EnumerateArray().Select(l => (l.GetProperty("station").GetString(), l.Status()))
            .ShouldBe([("kitchen", "fired"), ("bar", "fired")]);
        (await factory.ActAsync(r.Staff, id, "start", HttpStatusCode.OK)).Status().ShouldBe("in_preparation");
        await factory.ActAsync(r.Staff, id, "pick-up", HttpStatusCode.Conflict); // a table is served, not picked up
        (await factory.ActAsync(r.Staff, id, "ready", HttpStatusCode.OK)).Status().ShouldBe("ready");
        var served = await factory.ActAsync(r.Staff, id, "serve", HttpStatusCode.OK);
        served.Status().ShouldBe("served");
        served.GetProperty("lines").EnumerateArray().ShouldAllBe(l => l.GetProperty("status").GetString() == "served");

        var unpaid = await factory.ActAsync(r.Staff, id, "close", HttpStatusCode.Conflict);
        unpaid.GetProperty("code").GetString().ShouldBe("unpaid");
        var closed = await factory.ActAsync(r.Staff, id, "close", HttpStatusCode.OK, new { paidAtCounter = true });
        closed.Status().ShouldBe("closed");
        closed.GetProperty("payment").GetProperty("status").GetString().ShouldBe("paid");
        closed.Amount("total").ShouldBe(23000);

        (await factory.EventTypesAsync(id)).Where(t => t.StartsWith("ordering.", StringComparison.Ordinal))
            .ShouldBe(["ordering.order.placed", "ordering.order.accepted", "ordering.order.ready", "ordering.order.closed"]);
        var closedEvent = (await factory.EventsAboutAsync(id)).Single(e => e.Type == "ordering.order.closed").Payload;
        closedEvent.GetProperty("paid").GetInt64().ShouldBe(23000);
        closedEvent.GetProperty("source").GetProperty("tableLabel").GetString().ShouldBe("T1");
        closedEvent.GetProperty("lines").GetArrayLength().ShouldBe(2);
        // Dine-in: nobody is told to pick it up.
        (await factory.CountAsync("SELECT count(*) FROM messaging_outbox WHERE payload->>'type' = 'ordering.order.ready' AND strpos(payload::text, @id) > 0",
            new { id = id.ToString() })).ShouldBe(0);
    }

    [Fact]
    public async Task A_takeout_diner_is_told_when_it_is_ready_and_the_check_closes_once_paid()
    {
        var r = await factory.RestaurantAsync();
        var diner = Actor.Diner();
        var id = (await factory.PlacedAsync(diner, r)).Id();
        await factory.ActAsync(r.Staff, id, "accept", HttpStatusCode.OK);
        await factory.ActAsync(r.Staff, id, "ready", HttpStatusCode.OK);
        (await factory.ActAsync(r.Staff, id, "pick-up", HttpStatusCode.OK)).Status().ShouldBe("picked_up");

        var ready = (await factory.EventsAboutAsync(diner.Id)).Single(e => e.Type == "notifications.notification.requested").Payload;
        ready.GetProperty("type").GetString().ShouldBe("ordering.order.ready");
        ready.GetProperty("audience").GetProperty("userIds")[0].GetGuid().ShouldBe(diner.Id);
        ready.GetProperty("link").GetString().ShouldBe($"/orders/{id}");
        ready.GetProperty("title").GetString().ShouldBe("주문하신 음식이 준비되었습니다");
    }

    [Fact]
    public async Task The_diner_cancels_only_before_the_restaurant_accepts_and_staff_need_a_reason()
    {
        var r = await factory.RestaurantAsync();
        var diner = Actor.Diner();
        var first = (await factory.PlacedAsync(diner, r)).Id();
        var cancelled = await factory.ActAsync(diner, first, "cancel", HttpStatusCode.OK);
        cancelled.Status().ShouldBe("cancelled");
        cancelled.GetProperty("cancellation").GetProperty("reason").GetString().ShouldBe("customer_request");
        cancelled.GetProperty("cancellation").GetProperty("by").GetString().ShouldBe("diner");
        var cancelledEvent = (await factory.EventsAboutAsync(first)).Single(e => e.Type == "ordering.order.cancelled").Payload;
        cancelledEvent.GetProperty("stockWasCommitted").GetBoolean().ShouldBeFalse();
        cancelledEvent.GetProperty("cancelledBy").GetString().ShouldBe("diner");

        var second = (await factory.PlacedAsync(diner, r)).Id();
        await factory.ActAsync(diner, second, "accept", HttpStatusCode.Forbidden);
        await factory.ActAsync(r.Staff, second, "accept", HttpStatusCode.OK);
        (await factory.ActAsync(diner, second, "cancel", HttpStatusCode.Conflict)).GetProperty("code").GetString().ShouldBe("already_accepted");
        using (var staff = factory.ClientFor(r.Staff))
        {
            await (await staff.PostAsync($"/api/orders/{second}/cancel", null)).ShouldBeInvalidAsync("reason");
            await (await staff.PostAsJsonAsync($"/api/orders/{second}/cancel", new { reason = "bored" })).ShouldBeInvalidAsync("reason");
        }

        var byRestaurant = await factory.ActAsync(r.Staff, second, "cancel", HttpStatusCode.OK, new { reason = "out_of_stock", note = "재료 소진" });
        byRestaurant.GetProperty("cancellation").GetProperty("note").GetString().ShouldBe("재료 소진");
        var event2 = (await factory.EventsAboutAsync(second)).Single(e => e.Type == "ordering.order.cancelled").Payload;
        event2.GetProperty("stockWasCommitted").GetBoolean().ShouldBeTrue(); // accepted: inventory had depleted it
        event2.GetProperty("cancelledBy").GetString().ShouldBe("restaurant");
        (await factory.EventsAboutAsync(diner.Id)).Count(e => e.Type == "notifications.notification.requested"
            && e.Payload.GetProperty("type").GetString() == "ordering.order.cancelled").ShouldBe(1);
        await factory.ActAsync(r.Staff, second, "accept", HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Voids_and_reopening_are_for_managers_and_a_reopen_has_a_window()
    {
        var r = await factory.RestaurantAsync();
        var id = (await factory.PlacedAsync(r.Staff, r)).Id();
        await factory.ActAsync(r.Staff, id, "accept", HttpStatusCode.OK);
        await factory.ActAsync(r.Staff, id, "start", HttpStatusCode.OK);
        await factory.ActAsync(r.Staff, id, "cancel", HttpStatusCode.Conflict, new { reason = "other" }); // too late to cancel: void
        await factory.ActAsync(r.Staff, id, "void", HttpStatusCode.Forbidden, new { reason = "other" });
        await factory.ActAsync(r.Staff, id, "ready", HttpStatusCode.OK);
        await factory.ActAsync(r.Staff, id, "pick-up", HttpStatusCode.OK);
        await factory.ActAsync(r.Staff, id, "close", HttpStatusCode.OK, new { paidAtCounter = true });

        await factory.ActAsync(r.Staff, id, "reopen", HttpStatusCode.Forbidden, new { reason = "wrong card" });
        using (var manager = factory.ClientFor(r.Manager))
        {
            await (await manager.PostAsJsonAsync($"/api/orders/{id}/reopen", new { })).ShouldBeInvalidAsync("reason");
        }

        (await factory.ActAsync(r.Manager, id, "reopen", HttpStatusCode.OK, new { reason = "wrong card" })).Status().ShouldBe("picked_up");
        await factory.ActAsync(r.Staff, id, "close", HttpStatusCode.OK);
        (await factory.EventTypesAsync(id)).Count(t => t == "ordering.order.closed").ShouldBe(2);
        (await factory.EventTypesAsync(id)).ShouldContain("ordering.order.reopened");

        // Closed longer ago than the window: no reopening.
        await factory.ApplyAsync((c, tx) => Dapper.SqlMapper.ExecuteAsync(c, "UPDATE orders SET closed_at = now() - interval '13 hours' WHERE id = @id", new { id }, tx));
        (await factory.ActAsync(r.Manager, id, "reopen", HttpStatusCode.Conflict, new { reason = "late" })).GetProperty("code").GetString().ShouldBe("reopen_window_passed");
    }

    [Fact]
    public async Task Lines_change_before_the_kitchen_starts_with_portions_and_totals_following()
    {
        var r = await factory.RestaurantAsync();
        await factory.SetPortionsAsync(r, r["생맥주"], 3);
        var diner = Actor.Diner();
        var order = await factory.PlacedAsync(diner, r, extra: new { items = new[] { new { productId = r["김치찌개"], quantity = 1 } } });
        var id = order.Id();
        using var client = factory.ClientFor(diner);

        var added = await (await client.PostAsJsonAsync($"/api/orders/{id}/lines", new { items = new[] { new { productId = r["생맥주"], quantity = 2, price = 5000 } } }))
            .ShouldBeAsync(HttpStatusCode.OK);
        added.Amount("total").ShouldBe(19000);
        (await factory.PortionsAsync(r["생맥주"])).ShouldBe(1);
        var beer = added.GetProperty("lines").EnumerateArray().Single(l => l.GetProperty("name").GetString() == "생맥주").Id();
        await (await client.PostAsJsonAsync($"/api/orders/{id}/lines", new { items = new[] { new { productId = r["생맥주"], quantity = 2 } } }))
            .ShouldBeAsync(HttpStatusCode.Conflict);

        var fewer = await (await client.PatchAsJsonAsync($"/api/orders/{id}/lines/{beer}", new { quantity = 1 })).ShouldBeAsync(HttpStatusCode.OK);
        fewer.Amount("total").ShouldBe(14000);
        (await factory.PortionsAsync(r["생맥주"])).ShouldBe(2);

        // If-Match names the version read; a stale one is 412.
        var stale = new HttpRequestMessage(HttpMethod.Delete, $"/api/orders/{id}/lines/{beer}") { Headers = { { "If-Match", $"\"{order.GetProperty("version").GetInt32()}\"" } } };
        await (await client.SendAsync(stale)).ShouldBeAsync(HttpStatusCode.PreconditionFailed);
        var removed = await (await client.DeleteAsync($"/api/orders/{id}/lines/{beer}")).ShouldBeAsync(HttpStatusCode.OK);
        removed.Amount("total").ShouldBe(9000);
        (await factory.PortionsAsync(r["생맥주"])).ShouldBe(3);
        var last = removed.GetProperty("lines")[0].Id();
        (await (await client.DeleteAsync($"/api/orders/{id}/lines/{last}")).ShouldBeAsync(HttpStatusCode.Conflict)).GetProperty("code").GetString().ShouldBe("order_empty");
        (await factory.EventTypesAsync(id)).Count(t => t == "ordering.order.modified").ShouldBe(3);

        // Accepted: the restaurant may still add (the ticket follows); the diner no longer may; once started, nobody.
        await factory.ActAsync(r.Staff, id, "accept", HttpStatusCode.OK);
        await (await client.PostAsJsonAsync($"/api/orders/{id}/lines", new { items = new[] { new { productId = r["생맥주"], quantity = 1 } } })).ShouldBeAsync(HttpStatusCode.Conflict);
        using var staff = factory.ClientFor(r.Staff);
        var withBeer = await (await staff.PostAsJsonAsync($"/api/orders/{id}/lines", new { items = new[] { new { productId = r["생맥주"], quantity = 1 } } }))
            .ShouldBeAsync(HttpStatusCode.OK);
        withBeer.GetProperty("lines").EnumerateArray().Last(l => l.GetProperty("name").GetString() == "생맥주").Status().ShouldBe("fired");
        await factory.ActAsync(r.Staff, id, "start", HttpStatusCode.OK);
        (await (await staff.PatchAsJsonAsync($"/api/orders/{id}/lines/{last}", new { quantity = 2 })).ShouldBeAsync(HttpStatusCode.Conflict))
            .GetProperty("code").GetString().ShouldBe("not_modifiable");
    }

    [Fact]
    public async Task Another_restaurants_people_and_other_diners_find_nothing()
    {
        var r = await factory.RestaurantAsync();
        var other = await factory.RestaurantAsync();
        var diner = Actor.Diner();
        var id = (await factory.PlacedAsync(diner, r)).Id();
        foreach (var stranger in new[] { other.Staff, other.Owner, Actor.Diner("someone else") })
        {
            await factory.GetAsync(stranger, $"/api/orders/{id}", HttpStatusCode.NotFound);
            await factory.ActAsync(stranger, id, "accept", HttpStatusCode.NotFound);
            await factory.ActAsync(stranger, id, "cancel", HttpStatusCode.NotFound, new { reason = "other" });
            using var client = factory.ClientFor(stranger);
            await (await client.DeleteAsync($"/api/orders/{id}/lines/{Guid.CreateVersion7()}")).ShouldBeAsync(HttpStatusCode.NotFound);
        }

        await factory.GetAsync(other.Staff, $"/api/orders?restaurantId={r.Id}", HttpStatusCode.NotFound);
        await factory.GetAsync(other.Owner, $"/api/orders/stats?restaurantId={r.Id}", HttpStatusCode.NotFound);
        await factory.GetAsync(other.Staff, $"/api/orders/settings/{r.Id}", HttpStatusCode.NotFound);
        await factory.GetAsync(other.Staff, $"/api/orders/tables?restaurantId={r.Id}", HttpStatusCode.NotFound);
        await factory.GetAsync(other.Staff, $"/api/kitchen/tickets?restaurantId={r.Id}", HttpStatusCode.NotFound);
        await factory.GetAsync(other.Staff, $"/api/kitchen/all-day?restaurantId={r.Id}", HttpStatusCode.NotFound);

        // Its own: the diner, the restaurant's people, a service (payments reads the amount).
        await factory.GetAsync(diner, $"/api/orders/{id}");
        await factory.GetAsync(r.Staff, $"/api/orders/{id}");
        await factory.GetAsync(new Actor("payments", Guid.Empty, TestTokens.Service("payments")), $"/api/orders/{id}");
        (await factory.GetAsync(r.Staff, $"/api/orders?restaurantId={r.Id}&status=open")).GetProperty("items").GetArrayLength().ShouldBe(1);
        (await factory.GetAsync(diner, "/api/orders/mine")).GetProperty("items")[0].Id().ShouldBe(id);
        (await factory.GetAsync(Actor.Diner(), "/api/orders/mine")).GetProperty("items").GetArrayLength().ShouldBe(0);
        await factory.GetAsync(r.Staff, $"/api/orders?restaurantId={r.Id}&status=lost", HttpStatusCode.BadRequest);
        await factory.GetAsync(r.Staff, $"/api/orders?restaurantId={r.Id}&date=yesterday", HttpStatusCode.BadRequest);
        await factory.GetAsync(r.Staff, $"/api/orders/stats?restaurantId={r.Id}", HttpStatusCode.Forbidden);
    }
}

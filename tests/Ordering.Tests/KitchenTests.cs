using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace Brigade.Ordering.Tests;

/// <summary>The kitchen display: stations from settings, coursing, bump and recall, all-day counts, live on /hubs/kitchen; throttling; sales.</summary>
public sealed class KitchenTests(OrderingFactory factory) : IClassFixture<OrderingFactory>
{
    [Fact]
    public async Task Accepted_tickets_reach_the_kitchen_hub_routed_to_the_restaurants_stations()
    {
        var r = await factory.RestaurantAsync();
        using (var owner = factory.ClientFor(r.Owner))
        {
            var settings = await (await owner.PutAsJsonAsync($"/api/orders/settings/{r.Id}", new
            {
                stations = new[] { "hot", "noodle", "bar" },
                routes = new Dictionary<string, string> { ["찌개"] = "hot", ["면"] = "noodle", ["주류"] = "bar" },
                defaultStation = "hot",
                version = 0,
            })).ShouldBeAsync(HttpStatusCode.OK);
            settings.GetProperty("version").GetInt32().ShouldBe(1);
            await (await owner.PutAsJsonAsync($"/api/orders/settings/{r.Id}", new { stations = new[] { "hot" }, version = 0 })).ShouldBeAsync(HttpStatusCode.PreconditionFailed);
            await (await owner.PutAsJsonAsync($"/api/orders/settings/{r.Id}", new { stations = new[] { "Hot Line" }, routes = new Dictionary<string, string> { ["면"] = "wok" } }))
                .ShouldBeInvalidAsync("stations[0]", "routes.면");
        }

        using (var staff = factory.ClientFor(r.Staff))
        {
            await (await staff.PutAsJsonAsync($"/api/orders/settings/{r.Id}", new { stations = new[] { "hot" } })).ShouldBeAsync(HttpStatusCode.Forbidden);
        }

        await using var screen = await HubClient.ConnectAsync(factory.Server, "/hubs/kitchen", r.Staff.Token, "ticket", "order");
        await screen.Connection.InvokeAsync("Watch", r.Id);

        var id = (await factory.PlacedAsync(r.Staff, r, extra: new
        {
            tableId = r.TableId,
            items = new object[]
            {
                new { productId = r["김치찌개"], quantity = 2, notes = "덜 맵게" },
                new { productId = r["짜장면"], quantity = 1, modifiers = new[] { Jjajang.Large } },
                new { productId = r["생맥주"], quantity = 2 },
            },
        })).Id();
        (await screen.NextAsync("order", o => o.Id() == id)).Status().ShouldBe("received");
        await factory.ActAsync(r.Staff, id, "accept", HttpStatusCode.OK);

        var noodle = await screen.NextAsync("ticket", t => t.GetProperty("orderId").GetGuid() == id && t.GetProperty("station").GetString() == "noodle");
        noodle.Status().ShouldBe("fired");
        noodle.GetProperty("tableLabel").GetString().ShouldBe("T1");
        noodle.GetProperty("lines")[0].GetProperty("modifiers")[0].GetString().ShouldBe("곱빼기");
        var tickets = await factory.GetAsync(r.Staff, $"/api/kitchen/tickets?restaurantId={r.Id}");
        tickets.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("station").GetString()).Order().ShouldBe(["bar", "hot", "noodle"]);
        (await factory.GetAsync(r.Staff, $"/api/kitchen/tickets?restaurantId={r.Id}&station=hot")).GetProperty("items")[0]
            .GetProperty("lines")[0].GetProperty("notes").GetString().ShouldBe("덜 맵게");
        await factory.GetAsync(r.Staff, $"/api/kitchen/tickets?restaurantId={r.Id}&station=Not%20A%20Station", HttpStatusCode.BadRequest);

        var allDay = await factory.GetAsync(r.Staff, $"/api/kitchen/all-day?restaurantId={r.Id}");
        allDay.GetProperty("items").EnumerateArray().Single(a => a.GetProperty("name").GetString() == "김치찌개").GetProperty("firing").GetInt32().ShouldBe(2);

        // Each station bumps; the last bump makes the order ready.
        var all = tickets.GetProperty("items").EnumerateArray().ToList();
        await using var other = await HubClient.ConnectAsync(factory.Server, "/hubs/kitchen", Actor.Staff(Guid.CreateVersion7()).Token, "ticket");
        (await Should.ThrowAsync<HubException>(() => other.Connection.InvokeAsync("Watch", r.Id))).Message.ShouldContain("No such restaurant");
        using var kitchen = factory.ClientFor(r.Staff);
        (await (await kitchen.PostAsync($"/api/kitchen/tickets/{all[0].Id()}/start", null)).ShouldBeAsync(HttpStatusCode.OK)).Status().ShouldBe("started");
        (await factory.GetAsync(r.Staff, $"/api/orders/{id}")).Status().ShouldBe("in_preparation");
        foreach (var ticket in all)
        {
            await (await kitchen.PostAsync($"/api/kitchen/tickets/{ticket.Id()}/bump", null)).ShouldBeAsync(HttpStatusCode.OK);
        }

        (await screen.NextAsync("order", o => o.Id() == id && o.Status() == "ready")).GetProperty("lines").EnumerateArray()
            .ShouldAllBe(l => l.GetProperty("status").GetString() == "ready");
        await (await kitchen.PostAsync($"/api/kitchen/tickets/{all[0].Id()}/bump", null)).ShouldBeAsync(HttpStatusCode.Conflict);
        var recalled = await (await kitchen.PostAsync($"/api/kitchen/tickets/{all[1].Id()}/recall", null)).ShouldBeAsync(HttpStatusCode.OK);
        recalled.Status().ShouldBe("fired");
        (await factory.GetAsync(r.Staff, $"/api/orders/{id}")).Status().ShouldBe("in_preparation");
        await (await kitchen.PostAsync($"/api/kitchen/tickets/{all[1].Id()}/bump", null)).ShouldBeAsync(HttpStatusCode.OK);
        (await factory.GetAsync(r.Staff, $"/api/orders/{id}")).Status().ShouldBe("ready");
        (await factory.EventTypesAsync(id)).Count(t => t == "ordering.order.ready").ShouldBe(2);

        using var stranger = factory.ClientFor(Actor.Staff(Guid.CreateVersion7()));
        await (await stranger.PostAsync($"/api/kitchen/tickets/{all[0].Id()}/recall", null)).ShouldBeAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Later_courses_wait_until_the_server_fires_them_and_pre_orders_wait_for_the_party()
    {
        var r = await factory.RestaurantAsync();
        var id = (await factory.PlacedAsync(r.Staff, r, extra: new
        {
            tableId = r.TableId,
            items = new object[] { new { productId = r["생맥주"], quantity = 2, course = 1 }, new { productId = r["김치찌개"], quantity = 1, course = 2 } },
        })).Id();
        var accepted = await factory.ActAsync(r.Staff, id, "accept", HttpStatusCode.OK);
        accepted.GetProperty("lines").EnumerateArray().Select(l => l.Status()).ShouldBe(["fired", "held"]);
        var held = (await factory.GetAsync(r.Staff, $"/api/kitchen/all-day?restaurantId={r.Id}")).GetProperty("items").EnumerateArray()
            .Single(a => a.GetProperty("name").GetString() == "김치찌개");
        held.GetProperty("held").GetInt32().ShouldBe(1);
        held.GetProperty("firing").GetInt32().ShouldBe(0);

        using var server = factory.ClientFor(r.Staff);
        var beer = (await factory.GetAsync(r.Staff, $"/api/kitchen/tickets?restaurantId={r.Id}&station=bar")).GetProperty("items")[0].Id();
        await (await server.PostAsync($"/api/kitchen/tickets/{beer}/bump", null)).ShouldBeAsync(HttpStatusCode.OK);
        (await factory.GetAsync(r.Staff, $"/api/orders/{id}")).Status().ShouldBe("in_preparation"); // the mains are still held

        var fired = await (await server.PostAsJsonAsync($"/api/kitchen/orders/{id}/fire", new { course = 2 })).ShouldBeAsync(HttpStatusCode.OK);
        fired.GetProperty("lines").EnumerateArray().Select(l => l.Status()).ShouldBe(["ready", "fired"]);
        await (await server.PostAsJsonAsync($"/api/kitchen/orders/{id}/fire", new { course = 2 })).ShouldBeAsync(HttpStatusCode.Conflict);
        await (await server.PostAsJsonAsync($"/api/kitchen/orders/{id}/fire", new { course = 0 })).ShouldBeInvalidAsync("course");

        // A pre-order (for a confirmed reservation) holds everything until the party sits down and the server fires it.
        var diner = Actor.Diner();
        var reservationId = Guid.CreateVersion7();
        await factory.ApplyAsync((c, tx) => Data.MenuFacts.ApplyReservationAsync(c, tx, reservationId, r.Id, diner.Id, DateTimeOffset.UtcNow.AddHours(2), 4, [r.TableId],
            "confirmed", DateTimeOffset.UtcNow, default));
        var pre = await factory.PlacedAsync(diner, r, extra: new { reservationId, items = new[] { new { productId = r["김치찌개"], quantity = 2 } } });
        pre.GetProperty("channel").GetString().ShouldBe("dine_in");
        pre.GetProperty("covers").GetInt32().ShouldBe(4);
        pre.GetProperty("table").GetProperty("label").GetString().ShouldBe("T1");
        (await factory.ActAsync(r.Staff, pre.Id(), "accept", HttpStatusCode.OK)).GetProperty("lines")[0].Status().ShouldBe("held");
        (await (await server.PostAsJsonAsync($"/api/kitchen/orders/{pre.Id()}/fire", new { })).ShouldBeAsync(HttpStatusCode.OK))
            .GetProperty("lines")[0].Status().ShouldBe("fired");
        await (await factory.OrderAsync(Actor.Diner("not the booker"), new { reservationId, items = new[] { new { productId = r["김치찌개"], quantity = 1 } } }))
            .ShouldBeInvalidAsync("reservationId");
    }

    [Fact]
    public async Task Online_orders_are_throttled_per_quarter_hour_exactly_under_concurrency()
    {
        var r = await factory.RestaurantAsync();
        using (var manager = factory.ClientFor(r.Manager))
        {
            await (await manager.PutAsJsonAsync($"/api/orders/settings/{r.Id}", new { onlineOrdersPer15Minutes = 3 })).ShouldBeAsync(HttpStatusCode.OK);
        }

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(i =>
            factory.OrderAsync(Actor.Diner($"d{i}"), new { items = new[] { new { productId = r["김치찌개"], quantity = 1 } } })));
        responses.Count(x => x.StatusCode == HttpStatusCode.Created).ShouldBe(3);
        var refused = responses.First(x => x.StatusCode == HttpStatusCode.TooManyRequests);
        (await refused.ShouldBeAsync(HttpStatusCode.TooManyRequests)).GetProperty("code").GetString().ShouldBe("orders_throttled");
        int.Parse(refused.Headers.GetValues("Retry-After").Single()).ShouldBeInRange(1, 900);

        // In the restaurant and at its tables the throttle does not apply.
        await factory.PlacedAsync(r.Staff, r);
        await factory.PlacedAsync(Actor.Diner(), r, extra: new { tableToken = r.TableToken, items = new[] { new { productId = r["김치찌개"], quantity = 1 } } });
        (await factory.OrdersOfAsync(r.Id)).ShouldBe(5);
    }

    [Fact]
    public async Task Sales_count_closed_orders_by_the_restaurants_hour_with_the_item_mix_and_average_check()
    {
        var r = await factory.RestaurantAsync();
        async Task CloseAsync(params (string Item, int Quantity)[] lines)
        {
            var id = (await factory.PlacedAsync(r.Staff, r, extra: new { items = lines.Select(l => new { productId = r[l.Item], quantity = l.Quantity }).ToArray() })).Id();
            foreach (var action in new[] { "accept", "ready", "pick-up" })
            {
                await factory.ActAsync(r.Staff, id, action, HttpStatusCode.OK);
            }

            await factory.ActAsync(r.Staff, id, "close", HttpStatusCode.OK, new { paidAtCounter = true });
        }

        await CloseAsync(("김치찌개", 2), ("생맥주", 2)); // 28,000
        await CloseAsync(("김치찌개", 1));                // 9,000
        await factory.PlacedAsync(r.Staff, r); // stays open
        var cancelled = (await factory.PlacedAsync(r.Staff, r)).Id();
        await factory.ActAsync(r.Staff, cancelled, "cancel", HttpStatusCode.OK, new { reason = "duplicate" });

        var stats = await factory.GetAsync(r.Owner, $"/api/orders/stats?restaurantId={r.Id}");
        stats.GetProperty("orders").GetInt64().ShouldBe(2);
        stats.Amount("sales").ShouldBe(37000);
        stats.Amount("averageCheck").ShouldBe(18500);
        stats.GetProperty("timeZone").GetString().ShouldBe("Asia/Seoul");
        var hour = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(9)).Hour;
        var byHour = stats.GetProperty("byHour").EnumerateArray().ToList();
        byHour.Sum(h => h.GetProperty("orders").GetInt64()).ShouldBe(2);
        byHour.Select(h => h.GetProperty("hour").GetInt32()).ShouldAllBe(h => h == hour || h == (hour + 23) % 24);
        var mix = stats.GetProperty("itemMix").EnumerateArray().ToList();
        mix[0].GetProperty("name").GetString().ShouldBe("김치찌개");
        mix[0].GetProperty("quantity").GetInt64().ShouldBe(3);
        mix[0].GetProperty("share").GetDecimal().ShouldBe(73.0m);
        stats.GetProperty("open").GetProperty("count").GetInt64().ShouldBe(1);
        stats.GetProperty("cancelled").GetInt64().ShouldBe(1);
        await factory.GetAsync(r.Owner, $"/api/orders/stats?restaurantId={r.Id}&from=2026-02-01&to=2025-01-01", HttpStatusCode.BadRequest);
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Brigade.Ordering.Tests;

/// <summary>Placing orders: the seed's call, prices from menu facts only, idempotent replays, bad input.</summary>
public sealed class PlaceOrderTests(OrderingFactory factory) : IClassFixture<OrderingFactory>
{
    [Fact]
    public async Task The_seed_call_works_as_written_and_the_items_imply_the_restaurant()
    {
        var r = await factory.RestaurantAsync();
        var diner = Actor.Diner();
        using var client = factory.ClientFor(diner);
        var json = $$"""
            {
              "items": [
                {
                  "productId": "{{r["김치찌개"]}}",
                  "quantity": 2,
                  "price": 9000
                }
              ],
              "shippingAddress": {
                "street": "123 Main St",
                "city": "Seoul",
                "zipCode": "12345"
              }
            }
            """;
        var response = await client.PostAsync("/api/orders", new StringContent(json, Encoding.UTF8, "application/json"));

        var order = await response.ShouldBeAsync(HttpStatusCode.Created);
        response.Headers.Location!.ToString().ShouldBe($"/api/orders/{order.Id()}");
        order.GetProperty("restaurantId").GetGuid().ShouldBe(r.Id);
        order.GetProperty("channel").GetString().ShouldBe("delivery");
        order.Status().ShouldBe("received");
        order.GetProperty("dinerId").GetGuid().ShouldBe(diner.Id);
        order.Amount("total").ShouldBe(18000);
        order.GetProperty("total").GetProperty("currency").GetString().ShouldBe("KRW");
        order.GetProperty("shippingAddress").GetProperty("zipCode").GetString().ShouldBe("12345");
        order.GetProperty("lines")[0].GetProperty("name").GetString().ShouldBe("김치찌개");
        order.GetProperty("placedAt").GetDateTimeOffset().Offset.ShouldBe(TimeSpan.FromHours(9)); // the restaurant's clock
        order.GetProperty("actions").EnumerateArray().Select(a => a.GetString()).ShouldBe(["cancel"]);

        var placed = (await factory.EventsAboutAsync(order.Id())).Single(e => e.Type == "ordering.order.placed").Payload;
        placed.GetProperty("total").GetInt64().ShouldBe(18000);
        placed.GetProperty("source").GetProperty("channel").GetString().ShouldBe("delivery");
        placed.GetProperty("lines")[0].GetProperty("lineTotal").GetInt64().ShouldBe(18000);
        (await factory.CountAsync("""
            SELECT count(*) FROM messaging_outbox WHERE type = 'notifications.notification.requested'
               AND payload->'audience'->>'restaurantId' = @id AND payload->>'type' = 'ordering.order.placed'
            """, new { id = r.Id.ToString() })).ShouldBe(1);
    }

    [Fact]
    public async Task A_price_in_major_units_is_checked_in_the_restaurants_currency()
    {
        var r = await factory.RestaurantAsync(currency: "USD"); // 김치찌개 costs 9000 cents = 90.00 USD
        var ok = await factory.PlacedAsync(Actor.Diner(), r, extra: new { items = new[] { new { productId = r["김치찌개"], quantity = 1, price = 90.00m } } });
        ok.Amount("total").ShouldBe(9000);

        var response = await factory.OrderAsync(Actor.Diner(), new { items = new[] { new { productId = r["김치찌개"], quantity = 1, price = 9000m } } });
        (await response.ShouldBeAsync(HttpStatusCode.Conflict)).GetProperty("code").GetString().ShouldBe("price_mismatch");
    }

    [Fact]
    public async Task A_tampered_price_never_reaches_a_total()
    {
        var r = await factory.RestaurantAsync();
        var before = await factory.CountAsync("SELECT count(*) FROM messaging_outbox");

        var response = await factory.OrderAsync(Actor.Diner(), new
        {
            items = new object[]
            {
                new { productId = r["김치찌개"], quantity = 1, price = 9000 },
                new { productId = r["짜장면"], quantity = 1, price = 1, modifiers = new[] { Jjajang.Large } },
            },
        });

        var problem = await response.ShouldBeAsync(HttpStatusCode.Conflict);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        problem.GetProperty("code").GetString().ShouldBe("price_mismatch");
        var line = problem.GetProperty("lines").EnumerateArray().Single();
        line.GetProperty("index").GetInt32().ShouldBe(1);
        line.GetProperty("menuPrice").GetProperty("amount").GetInt64().ShouldBe(9000); // 짜장면 8,000 + 곱빼기 1,000
        (await factory.OrdersOfAsync(r.Id)).ShouldBe(0);
        (await factory.CountAsync("SELECT count(*) FROM messaging_outbox")).ShouldBe(before);

        // Without a price the menu's applies; with the right one too.
        var order = await factory.PlacedAsync(Actor.Diner(), r, extra: new
        {
            items = new object[]
            {
                new { productId = r["짜장면"], quantity = 2, modifiers = new[] { Jjajang.Large, Jjajang.Egg } },
                new { productId = r["생맥주"], quantity = 1, price = 5000 },
            },
        });
        order.Amount("total").ShouldBe(2 * 9500 + 5000);
        order.GetProperty("lines")[0].GetProperty("modifiers").GetArrayLength().ShouldBe(2);
    }

    [Fact]
    public async Task Five_concurrent_replays_of_one_key_make_one_order()
    {
        var r = await factory.RestaurantAsync();
        var diner = Actor.Diner();
        var key = Guid.NewGuid().ToString();
        var body = new { items = new[] { new { productId = r["김치찌개"], quantity = 1 } } };
        var responses = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => factory.OrderAsync(diner, body, key)));

        // The one that ran answered 201; the others replayed it or were told it is still running (409) — never a second order.
        responses.Count(x => x.StatusCode == HttpStatusCode.Created).ShouldBeGreaterThanOrEqualTo(1);
        responses.ShouldAllBe(x => x.StatusCode == HttpStatusCode.Created || x.StatusCode == HttpStatusCode.Conflict);
        var ids = new HashSet<Guid>();
        foreach (var response in responses.Where(x => x.StatusCode == HttpStatusCode.Created))
        {
            ids.Add((await response.ShouldBeAsync(HttpStatusCode.Created)).Id());
        }

        ids.Count.ShouldBe(1);
        var replay = await factory.OrderAsync(diner, body, key);
        (await replay.ShouldBeAsync(HttpStatusCode.Created)).Id().ShouldBe(ids.Single());
        replay.Headers.GetValues("Idempotent-Replayed").Single().ShouldBe("true");
        (await factory.OrdersOfAsync(r.Id)).ShouldBe(1);

        var other = await factory.OrderAsync(diner, new { items = new[] { new { productId = r["김치찌개"], quantity = 2 } } }, key);
        await other.ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        (await factory.OrdersOfAsync(r.Id)).ShouldBe(1);
    }

    public static TheoryData<string, string> BadBodies => new()
    {
        { "{", "body" },
        { "[]", "body" },
        { """{"items":"many"}""", "items" },
        { """{}""", "items" },
        { """{"items":[]}""", "items" },
        { """{"items":[null]}""", "items[0]" },
        { """{"items":[{"productId":"product-1","quantity":2,"price":29.99}]}""", "items[0].productId" },
        { """{"items":[{"quantity":1}]}""", "items[0].productId" },
        { """{"items":[{"productId":"00000000-0000-0000-0000-000000000000","quantity":1}]}""", "items[0].productId" },
        { """{"items":[{"productId":"PRODUCT","quantity":0}]}""", "items[0].quantity" },
        { """{"items":[{"productId":"PRODUCT","quantity":100}]}""", "items[0].quantity" },
        { """{"items":[{"productId":"PRODUCT","quantity":"two"}]}""", "items[0].quantity" },
        { """{"items":[{"productId":"PRODUCT","quantity":99999999999}]}""", "items[0].quantity" },
        { """{"items":[{"productId":"PRODUCT","quantity":1,"price":-1}]}""", "items[0].price" },
        { """{"items":[{"productId":"PRODUCT","quantity":1,"price":"cheap"}]}""", "items[0].price" },
        { """{"items":[{"productId":"PRODUCT","quantity":1,"course":9}]}""", "items[0].course" },
        { """{"items":[{"productId":"PRODUCT","quantity":1}],"channel":"drone"}""", "channel" },
        { """{"items":[{"productId":"PRODUCT","quantity":1}],"channel":"delivery"}""", "shippingAddress" },
        { """{"items":[{"productId":"PRODUCT","quantity":1}],"shippingAddress":{"city":"Seoul"}}""", "shippingAddress.street" },
        { """{"items":[{"productId":"PRODUCT","quantity":1}],"channel":"takeout","shippingAddress":{"street":"x"}}""", "shippingAddress" },
        { """{"items":[{"productId":"PRODUCT","quantity":1}],"notes":"NOTES"}""", "notes" },
        { """{"items":[{"productId":"PRODUCT","quantity":1}],"channel":"dine_in"}""", "tableToken" },
        { """{"items":[{"productId":"UNKNOWN","quantity":1}]}""", "items[0].productId" },
        { """{"items":[{"productId":"PRODUCT","quantity":1,"modifiers":["UNKNOWN"]}]}""", "items[0].modifiers" },
        { """{"items":[{"productId":"JJAJANG","quantity":1}]}""", "items[0].modifiers" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Bad_input_is_a_precise_400_and_writes_nothing(string body, string field)
    {
        var r = await factory.RestaurantAsync();
        var json = body.Replace("PRODUCT", r["김치찌개"].ToString()).Replace("JJAJANG", r["짜장면"].ToString())
            .Replace("UNKNOWN", Guid.CreateVersion7().ToString()).Replace("NOTES", new string('x', 501));
        using var client = factory.ClientFor(Actor.Diner());
        var response = await client.PostAsync("/api/orders", new StringContent(json, Encoding.UTF8, "application/json"));

        await response.ShouldBeInvalidAsync(field);
        (await factory.OrdersOfAsync(r.Id)).ShouldBe(0);
    }

    [Fact]
    public async Task Items_of_two_restaurants_or_of_another_than_named_are_refused()
    {
        var a = await factory.RestaurantAsync();
        var b = await factory.RestaurantAsync();
        await (await factory.OrderAsync(Actor.Diner(), new { items = new[] { new { productId = a["김치찌개"], quantity = 1 }, new { productId = b["김치찌개"], quantity = 1 } } }))
            .ShouldBeInvalidAsync("items");
        await (await factory.OrderAsync(Actor.Diner(), new { restaurantId = a.Id, items = new[] { new { productId = b["김치찌개"], quantity = 1 } } }))
            .ShouldBeInvalidAsync("items[0].productId");
    }

    [Fact]
    public async Task Only_what_can_be_made_now_is_ordered()
    {
        var r = await factory.RestaurantAsync();
        var breakfast = await factory.OrderAsync(Actor.Diner(), new { items = new[] { new { productId = r["모닝세트"], quantity = 1 } } });
        var problem = await breakfast.ShouldBeAsync(HttpStatusCode.Conflict);
        problem.GetProperty("code").GetString().ShouldBe("item_unavailable");
        problem.GetProperty("items")[0].GetProperty("reason").GetString().ShouldBe("not_in_daypart");

        await factory.SetPortionsAsync(r, r["생맥주"], null, available: false);
        var beer = await (await factory.OrderAsync(Actor.Diner(), new { items = new[] { new { productId = r["생맥주"], quantity = 1 } } })).ShouldBeAsync(HttpStatusCode.Conflict);
        beer.GetProperty("items")[0].GetProperty("reason").GetString().ShouldBe("sold_out");

        await factory.ApplyAsync((c, tx) => Data.MenuFacts.ApplyMenuItemAsync(c, tx, Scenario.Item(r.Id, r["김치찌개"], "김치찌개", "찌개", 9000, version: 2) with { SoldOut = true }, default));
        await (await factory.OrderAsync(Actor.Diner(), new { items = new[] { new { productId = r["김치찌개"], quantity = 1 } } })).ShouldBeAsync(HttpStatusCode.Conflict);
        (await factory.OrdersOfAsync(r.Id)).ShouldBe(0);
    }

    [Fact]
    public async Task Diners_order_only_from_published_restaurants_and_anonymous_callers_not_at_all()
    {
        var draft = await factory.RestaurantAsync(status: "draft");
        var body = new { items = new[] { new { productId = draft["김치찌개"], quantity = 1 } } };
        await (await factory.OrderAsync(Actor.Diner(), body)).ShouldBeAsync(HttpStatusCode.NotFound);
        await (await factory.OrderAsync(Actor.Anonymous, body)).ShouldBeAsync(HttpStatusCode.Unauthorized);

        // The restaurant's own people ring up orders before it is published (a POS order: no diner, not throttled).
        var pos = await factory.PlacedAsync(draft.Staff, draft);
        pos.GetProperty("dinerId").ValueKind.ShouldBe(JsonValueKind.Null);
        pos.GetProperty("actions").EnumerateArray().Select(a => a.GetString()).ShouldBe(["accept", "cancel"]);
    }

    [Fact]
    public async Task A_table_is_named_by_its_qr_token_by_diners_and_by_id_by_staff()
    {
        var r = await factory.RestaurantAsync();
        var dineIn = await factory.PlacedAsync(Actor.Diner(), r, extra: new { tableToken = r.TableToken, items = new[] { new { productId = r["김치찌개"], quantity = 1 } } });
        dineIn.GetProperty("channel").GetString().ShouldBe("dine_in");
        dineIn.GetProperty("table").GetProperty("label").GetString().ShouldBe("T1");

        await (await factory.OrderAsync(Actor.Diner(), new { tableId = r.TableId, items = new[] { new { productId = r["김치찌개"], quantity = 1 } } }))
            .ShouldBeAsync(HttpStatusCode.NotFound);
        await (await factory.OrderAsync(Actor.Diner(), new { tableToken = "not-a-token", items = new[] { new { productId = r["김치찌개"], quantity = 1 } } }))
            .ShouldBeAsync(HttpStatusCode.NotFound);
        var pos = await factory.PlacedAsync(r.Staff, r, extra: new { tableId = r.TableId, covers = 3, items = new[] { new { productId = r["김치찌개"], quantity = 1 } } });
        pos.GetProperty("covers").GetInt32().ShouldBe(3);
    }
}

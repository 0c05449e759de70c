using System.Net;
using Brigade.Contracts.Inventory;
using Brigade.Contracts.Ordering;
using Brigade.Contracts.Reservations;
using Brigade.Contracts.Restaurants;

namespace Brigade.Forecasting.Tests;

/// <summary>Recommendations from real events: similar diners' choices, never what the diner cannot book or order, popularity for newcomers.</summary>
public sealed class RecommendationTests(ForecastingFactory factory) : IClassFixture<ForecastingFactory>
{
    private sealed record Place(Guid Id, Guid Dish, Guid Side);

    private async Task<Place> PlaceAsync(string name)
    {
        var id = Guid.CreateVersion7();
        var snapshot = new RestaurantSnapshot(id, name, name, "korean", 2, null, "서울", new GeoPoint(37.5, 127), "Asia/Seoul", "KRW", "published", 1);
        await factory.PublishAsync(new RestaurantCreated(snapshot, Guid.NewGuid(), DateTimeOffset.UtcNow.AddMinutes(-10)));
        var place = new Place(id, Guid.CreateVersion7(), Guid.CreateVersion7());
        await factory.PublishAsync(Item(place.Dish, id, $"{name} 대표메뉴", soldOut: false));
        await factory.PublishAsync(Item(place.Side, id, $"{name} 사이드", soldOut: false));
        return place;
    }

    private static MenuItemChanged Item(Guid item, Guid restaurant, string name, bool soldOut, int version = 1) =>
        new(restaurant, item, name, "main", new MoneyAmount(12_000, "KRW"), soldOut, [], false, version, DateTimeOffset.UtcNow);

    private Task OrderAsync(Guid diner, Place place, params Guid[] items) =>
        factory.PublishAsync(new OrderClosed(Guid.CreateVersion7(), place.Id, diner, new OrderSource("dine_in", null, null, null, 2),
            items.Select(i => new OrderLine(Guid.NewGuid(), i, "dish", null, 1, 12_000, 12_000, [], null)).ToList(),
            12_000, 12_000, 12_000, "KRW", DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddMinutes(-5)));

    [Fact]
    public async Task A_diner_is_offered_what_similar_diners_chose_but_never_a_closed_restaurant_one_they_did_not_show_up_at_or_a_sold_out_dish()
    {
        var (a, b, closed, noShow) = (await PlaceAsync("가온"), await PlaceAsync("바다"), await PlaceAsync("닫힘"), await PlaceAsync("노쇼"));
        var me = Actor.Diner();
        var peers = Enumerable.Range(0, 3).Select(_ => Guid.CreateVersion7()).ToList();
        await OrderAsync(me.Id, a, a.Dish);
        foreach (var peer in peers)
        {
            await OrderAsync(peer, a, a.Dish);
            await OrderAsync(peer, b, b.Dish, b.Side);
            await OrderAsync(peer, closed, closed.Dish);
            await OrderAsync(peer, noShow, noShow.Dish);
        }

        await factory.PublishAsync(new RestaurantClosed(closed.Id, DateTimeOffset.UtcNow));
        var start = DateTimeOffset.UtcNow.AddDays(-3);
        await factory.PublishAsync(new ReservationNoShow(Guid.CreateVersion7(), noShow.Id, me.Id, start, 0, "KRW", start.AddMinutes(30)));
        await factory.PublishAsync(Item(b.Side, b.Id, "바다 사이드", soldOut: true, version: 2));
        await ForecastingFactory.EventuallyAsync(async () =>
            await factory.CountAsync("SELECT count(*) FROM closed_orders WHERE restaurant_id IN (@A, @B, @C, @D)", new { A = a.Id, B = b.Id, C = closed.Id, D = noShow.Id }) == 13
            && await factory.CountAsync("SELECT count(*) FROM restaurants WHERE id = @Id AND status = 'closed'", new { closed.Id }) == 1
            && await factory.CountAsync("SELECT count(*) FROM bookings WHERE restaurant_id = @Id AND status = 'no_show'", new { noShow.Id }) == 1
            && await factory.CountAsync("SELECT count(*) FROM menu_items WHERE id = @Side AND sold_out", new { b.Side }) == 1, "events handled");

        var result = await factory.GetAsync(me, "/api/recommendations/me?take=20");
        var restaurants = result.GetProperty("restaurants").EnumerateArray().ToList();
        restaurants[0].GetProperty("restaurantId").GetGuid().ShouldBe(b.Id);
        restaurants[0].GetProperty("reason").GetString().ShouldBe("similar");
        var offered = restaurants.Select(x => x.GetProperty("restaurantId").GetGuid()).ToList();
        offered.ShouldNotContain(closed.Id);
        offered.ShouldNotContain(noShow.Id);
        offered.ShouldNotContain(a.Id); // already theirs
        var dishes = result.GetProperty("dishes").EnumerateArray().Select(x => x.GetProperty("menuItemId").GetGuid()).ToList();
        dishes[0].ShouldBe(b.Dish);
        dishes.ShouldNotContain(b.Side);
        dishes.ShouldNotContain(closed.Dish);
        dishes.ShouldNotContain(noShow.Dish);

        // A new diner gets the popular restaurants they can book.
        var newcomer = await factory.GetAsync(Actor.Diner(), "/api/recommendations/me?take=50");
        var popular = newcomer.GetProperty("restaurants").EnumerateArray().ToList();
        popular.ShouldAllBe(x => x.GetProperty("reason").GetString() == "popular");
        popular.Select(x => x.GetProperty("restaurantId").GetGuid()).ShouldContain(b.Id);
        popular.Select(x => x.GetProperty("restaurantId").GetGuid()).ShouldNotContain(closed.Id);

        await factory.GetAsync(Actor.Anonymous, "/api/recommendations/me", HttpStatusCode.Unauthorized);
        await (await factory.ClientFor(me).GetAsync("/api/recommendations/me?take=0")).ShouldBeInvalidAsync("take");
    }

    [Fact]
    public async Task Guests_who_ordered_this_also_ordered_is_public_and_leaves_out_what_cannot_be_ordered()
    {
        var place = await PlaceAsync("함께");
        var drink = Guid.CreateVersion7();
        await factory.PublishAsync(Item(drink, place.Id, "식혜", soldOut: false));
        for (var i = 0; i < 3; i++)
        {
            await OrderAsync(Guid.CreateVersion7(), place, place.Dish, place.Side);
        }

        await OrderAsync(Guid.CreateVersion7(), place, place.Dish, drink);
        await factory.PublishAsync(new MenuItemAvailabilityChanged(place.Id, drink, false, 0, DateTimeOffset.UtcNow));
        await ForecastingFactory.EventuallyAsync(async () =>
            await factory.CountAsync("SELECT count(*) FROM closed_orders WHERE restaurant_id = @Id", new { place.Id }) == 4
            && await factory.CountAsync("SELECT count(*) FROM menu_items WHERE id = @drink AND NOT in_stock AND name <> ''", new { drink }) == 1, "orders and availability");

        var also = await factory.GetAsync(Actor.Anonymous, $"/api/recommendations/menu-items/{place.Dish}/also-ordered");
        also.GetProperty("items").EnumerateArray().Select(x => x.GetProperty("menuItemId").GetGuid()).ShouldBe([place.Side]);

        await factory.PublishAsync(new MenuItemAvailabilityChanged(place.Id, drink, true, 10, DateTimeOffset.UtcNow));
        await ForecastingFactory.EventuallyAsync(async () => await factory.CountAsync("SELECT count(*) FROM menu_items WHERE id = @drink AND in_stock", new { drink }) == 1, "back in stock");
        also = await factory.GetAsync(Actor.Anonymous, $"/api/recommendations/menu-items/{place.Dish}/also-ordered");
        also.GetProperty("items").EnumerateArray().Select(x => x.GetProperty("menuItemId").GetGuid()).ShouldBe([place.Side, drink]);

        await factory.GetAsync(Actor.Anonymous, $"/api/recommendations/menu-items/{Guid.CreateVersion7()}/also-ordered", HttpStatusCode.NotFound);
    }
}

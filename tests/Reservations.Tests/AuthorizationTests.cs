using System.Net;
using System.Net.Http.Json;

namespace Brigade.Reservations.Tests;

/// <summary>Who may do what: a restaurant's data is never visible to another restaurant's people or other diners.</summary>
public sealed class AuthorizationTests(ReservationsFactory factory) : IClassFixture<ReservationsFactory>
{
    [Fact]
    public async Task Only_the_diner_and_the_restaurants_people_see_a_reservation()
    {
        var r = await factory.RestaurantAsync();
        var other = await factory.RestaurantAsync();
        var diner = Actor.Diner();
        var id = (await factory.BookedAsync(diner, r.Id, TestRestaurant.At(19))).GetProperty("id").GetGuid();

        foreach (var allowed in new[] { diner, r.Owner, r.Staff, Actor.Manager(r.Id), Actor.Person("admin", ["admin"]) })
        {
            using var client = factory.ClientFor(allowed);
            (await client.GetAsync($"/api/reservations/{id}")).StatusCode.ShouldBe(HttpStatusCode.OK, allowed.Name);
        }

        foreach (var denied in new[] { Actor.Diner("stranger"), other.Owner, other.Staff, Actor.Person("concierge", ["concierge"]) })
        {
            using var client = factory.ClientFor(denied);
            (await client.GetAsync($"/api/reservations/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound, denied.Name);
            (await client.PostAsync($"/api/reservations/{id}/cancel", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound, denied.Name);
            (await client.PostAsync($"/api/reservations/{id}/arrive", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound, denied.Name);
            (await client.PatchAsJsonAsync($"/api/reservations/{id}", new { partySize = 1 })).StatusCode.ShouldBe(HttpStatusCode.NotFound, denied.Name);
            (await client.GetAsync($"/api/reservations?restaurantId={r.Id}&date={TestRestaurant.Day:yyyy-MM-dd}")).StatusCode.ShouldBe(HttpStatusCode.NotFound, denied.Name);
        }

        using var anonymous = factory.CreateClient();
        (await anonymous.GetAsync($"/api/reservations/{id}")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await anonymous.SendAsync(Scenario.Booking(new { restaurantId = r.Id, partySize = 2, start = TestRestaurant.At(12) }))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await factory.CountAsync("SELECT count(*) FROM reservations WHERE id = @id AND status = 'confirmed' AND version = 1", new { id })).ShouldBe(1);
    }

    [Fact]
    public async Task Staff_see_the_day_sheet_and_diners_see_their_own_list()
    {
        var r = await factory.RestaurantAsync((1, 4), (1, 4));
        var diner = Actor.Diner();
        var late = await factory.BookedAsync(diner, r.Id, TestRestaurant.At(20));
        var early = await factory.BookedAsync(diner, r.Id, TestRestaurant.At(12));
        using (var staff = factory.ClientFor(r.Staff))
        {
            // A phone booking taken by staff belongs to no diner account and needs the guest's name.
            await (await staff.SendAsync(Scenario.Booking(new { restaurantId = r.Id, partySize = 2, start = TestRestaurant.At(13) }))).ShouldBeInvalidAsync("guest.name");
            await (await staff.SendAsync(Scenario.Booking(new { restaurantId = r.Id, partySize = 2, start = TestRestaurant.At(13), guest = new { name = "이서연" } }))).ShouldBeAsync(HttpStatusCode.Created);

            var page1 = await (await staff.GetAsync($"/api/reservations?restaurantId={r.Id}&date={TestRestaurant.Day:yyyy-MM-dd}&limit=2")).ShouldBeAsync(HttpStatusCode.OK);
            page1.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("start").GetDateTimeOffset()).ShouldBe([TestRestaurant.At(12), TestRestaurant.At(13)]);
            var cursor = page1.GetProperty("nextCursor").GetString();
            var page2 = await (await staff.GetAsync($"/api/reservations?restaurantId={r.Id}&date={TestRestaurant.Day:yyyy-MM-dd}&limit=2&cursor={cursor}")).ShouldBeAsync(HttpStatusCode.OK);
            page2.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).ShouldBe([late.GetProperty("id").GetGuid()]);
            page2.GetProperty("nextCursor").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
            await (await staff.GetAsync($"/api/reservations?restaurantId={r.Id}")).ShouldBeInvalidAsync("date");
        }

        using var client = factory.ClientFor(diner);
        var mine = await (await client.GetAsync("/api/reservations/mine")).ShouldBeAsync(HttpStatusCode.OK);
        mine.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid())
            .ShouldBe([late.GetProperty("id").GetGuid(), early.GetProperty("id").GetGuid()]);
        using var stranger = factory.ClientFor(Actor.Diner("stranger"));
        (await (await stranger.GetAsync("/api/reservations/mine")).ShouldBeAsync(HttpStatusCode.OK)).GetProperty("items").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task Only_owners_and_managers_of_the_restaurant_change_its_settings()
    {
        var r = await factory.RestaurantAsync();
        var other = await factory.RestaurantAsync();
        var body = new { slotMinutes = 30, turnTimes = new[] { new { maxPartySize = 2, minutes = 60 }, new { maxPartySize = 8, minutes = 150 } }, coversPerSlot = 10, minAdvanceMinutes = 30, maxAdvanceDays = 90 };

        foreach (var denied in new[] { r.Staff, other.Owner, other.Staff, Actor.Diner() })
        {
            using var client = factory.ClientFor(denied);
            (await client.PutAsJsonAsync($"/api/reservations/settings/{r.Id}", body)).StatusCode.ShouldBe(HttpStatusCode.Forbidden, denied.Name);
        }

        (await factory.CountAsync("SELECT count(*) FROM booking_settings WHERE restaurant_id = @Id", new { r.Id })).ShouldBe(0);

        using var manager = factory.ClientFor(Actor.Manager(r.Id));
        var saved = await (await manager.PutAsJsonAsync($"/api/reservations/settings/{r.Id}", body)).ShouldBeAsync(HttpStatusCode.OK);
        saved.GetProperty("slotMinutes").GetInt32().ShouldBe(30);
        saved.GetProperty("bufferMinutes").GetInt32().ShouldBe(0);

        using var anyone = factory.CreateClient();
        var read = await (await anyone.GetAsync($"/api/reservations/settings/{r.Id}")).ShouldBeAsync(HttpStatusCode.OK);
        read.GetProperty("turnTimes")[1].GetProperty("minutes").GetInt32().ShouldBe(150);
        var slots = await (await anyone.GetAsync($"/api/reservations/availability?restaurantId={r.Id}&date={TestRestaurant.Day:yyyy-MM-dd}&partySize=2")).ShouldBeAsync(HttpStatusCode.OK);
        slots.GetProperty("slots").EnumerateArray().Select(s => s.GetProperty("start").GetDateTimeOffset().Minute).Distinct().ShouldBe([0, 30], ignoreOrder: true);
    }

    [Fact]
    public async Task Invalid_settings_are_a_400_naming_the_fields_and_change_nothing()
    {
        var r = await factory.RestaurantAsync();
        await factory.PutSettingsAsync(r, new { coversPerSlot = 12 });
        using var client = factory.ClientFor(r.Owner);
        await (await client.PutAsJsonAsync($"/api/reservations/settings/{r.Id}", new { coversPerSlot = -1, turnTimes = Array.Empty<object>(), blockedDates = new[] { "tomorrow" } }))
            .ShouldBeInvalidAsync("coversPerSlot", "turnTimes", "blockedDates[0]");
        await (await client.PutAsJsonAsync($"/api/reservations/settings/{r.Id}", new { noShow = new { feePercent = 10, expectedSpendPerCover = new { amount = 10, currency = "USD" } } }))
            .ShouldBeInvalidAsync("noShow.expectedSpendPerCover");
        (await client.PutAsync($"/api/reservations/settings/{r.Id}", new StringContent("{\"slotMinutes\":", System.Text.Encoding.UTF8, "application/json"))).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        var read = await (await client.GetAsync($"/api/reservations/settings/{r.Id}")).ShouldBeAsync(HttpStatusCode.OK);
        read.GetProperty("coversPerSlot").GetInt32().ShouldBe(12);
    }
}

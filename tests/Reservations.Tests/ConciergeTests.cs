using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Brigade.Reservations.Tests;

public sealed class ConciergeTests(ReservationsFactory factory) : IClassFixture<ReservationsFactory>
{
    private static Actor Concierge() => Actor.Person("concierge", ["concierge"]);

    private async Task<JsonElement> RequestAsync(Actor concierge, TestRestaurant r, DateTimeOffset start, int partySize = 2)
    {
        using var client = factory.ClientFor(concierge);
        return await (await client.PostAsJsonAsync("/api/concierge/requests",
            new { restaurantId = r.Id, partySize, start, guest = new { name = "Ms. Kim (VIP)", phone = "010-1111-2222" }, preferences = "quiet corner, no shellfish" }))
            .ShouldBeAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task A_concierge_request_accepted_by_the_restaurant_becomes_a_reservation()
    {
        var r = await factory.RestaurantAsync();
        var concierge = Concierge();
        var request = await RequestAsync(concierge, r, TestRestaurant.At(19));
        request.GetProperty("status").GetString().ShouldBe("pending");
        var id = request.GetProperty("id").GetGuid();

        var accepted = await factory.PostAsync(r.Staff, $"/api/concierge/requests/{id}/accept", HttpStatusCode.OK);
        accepted.GetProperty("status").GetString().ShouldBe("accepted");
        var reservationId = accepted.GetProperty("reservationId").GetGuid();
        await factory.PostAsync(r.Staff, $"/api/concierge/requests/{id}/accept", HttpStatusCode.Conflict);
        await factory.PostAsync(r.Staff, $"/api/concierge/requests/{id}/decline", HttpStatusCode.Conflict);

        using var staff = factory.ClientFor(r.Staff);
        var reservation = await (await staff.GetAsync($"/api/reservations/{reservationId}")).ShouldBeAsync(HttpStatusCode.OK);
        reservation.GetProperty("status").GetString().ShouldBe("confirmed");
        reservation.GetProperty("guest").GetProperty("name").GetString().ShouldBe("Ms. Kim (VIP)");
        (await factory.CountAsync("SELECT count(*) FROM reservations WHERE restaurant_id = @Id", new { r.Id })).ShouldBe(1);

        using var mine = factory.ClientFor(concierge);
        var list = await (await mine.GetAsync("/api/concierge/requests")).ShouldBeAsync(HttpStatusCode.OK);
        list.GetProperty("items").EnumerateArray().ShouldHaveSingleItem().GetProperty("status").GetString().ShouldBe("accepted");
        var restaurantList = await (await staff.GetAsync($"/api/concierge/requests?restaurantId={r.Id}")).ShouldBeAsync(HttpStatusCode.OK);
        restaurantList.GetProperty("items").GetArrayLength().ShouldBe(1);
    }

    [Fact]
    public async Task Accepting_honours_pacing_unless_the_restaurant_bypasses_it_and_tables_are_never_shared()
    {
        var r = await factory.RestaurantAsync((1, 4), (1, 4));
        await factory.PutSettingsAsync(r, new { coversPerSlot = 2 });
        await factory.BookedAsync(Actor.Diner(), r.Id, TestRestaurant.At(19), partySize: 2);
        var id = (await RequestAsync(Concierge(), r, TestRestaurant.At(19))).GetProperty("id").GetGuid();

        var refused = await factory.PostAsync(r.Staff, $"/api/concierge/requests/{id}/accept", HttpStatusCode.Conflict);
        refused.GetProperty("alternatives").ValueKind.ShouldBe(JsonValueKind.Array);
        using var staff = factory.ClientFor(r.Staff);
        (await (await staff.PostAsJsonAsync($"/api/concierge/requests/{id}/accept", new { bypassPacing = true })).ShouldBeAsync(HttpStatusCode.OK))
            .GetProperty("status").GetString().ShouldBe("accepted");
        (await factory.CountAsync("SELECT used FROM slot_covers WHERE restaurant_id = @Id", new { r.Id })).ShouldBe(4);

        var third = (await RequestAsync(Concierge(), r, TestRestaurant.At(19))).GetProperty("id").GetGuid();
        await (await staff.PostAsJsonAsync($"/api/concierge/requests/{third}/accept", new { bypassPacing = true })).ShouldBeAsync(HttpStatusCode.Conflict); // no table left
        (await factory.CountAsync("SELECT count(*) FROM concierge_requests WHERE id = @third AND status = 'pending'", new { third })).ShouldBe(1);
    }

    [Fact]
    public async Task Requests_are_private_to_their_concierge_and_the_restaurant()
    {
        var r = await factory.RestaurantAsync();
        var other = await factory.RestaurantAsync();
        var concierge = Concierge();
        var id = (await RequestAsync(concierge, r, TestRestaurant.At(19))).GetProperty("id").GetGuid();

        foreach (var denied in new[] { Concierge(), other.Staff, other.Owner, Actor.Diner() })
        {
            using var client = factory.ClientFor(denied);
            (await client.GetAsync($"/api/concierge/requests/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound, denied.Name);
            (await client.PostAsync($"/api/concierge/requests/{id}/accept", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound, denied.Name);
            (await client.PostAsync($"/api/concierge/requests/{id}/decline", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound, denied.Name);
        }

        await factory.PostAsync(concierge, $"/api/concierge/requests/{id}/accept", HttpStatusCode.NotFound); // the concierge cannot accept its own request
        using (var diner = factory.ClientFor(Actor.Diner()))
        {
            (await diner.PostAsJsonAsync("/api/concierge/requests", new { restaurantId = r.Id, partySize = 2, start = TestRestaurant.At(19), guest = new { name = "x" } }))
                .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        }

        using var staff = factory.ClientFor(r.Staff);
        var declined = await (await staff.PostAsJsonAsync($"/api/concierge/requests/{id}/decline", new { reason = "fully booked for a private event" })).ShouldBeAsync(HttpStatusCode.OK);
        declined.GetProperty("status").GetString().ShouldBe("declined");
        using var mine = factory.ClientFor(concierge);
        (await (await mine.GetAsync($"/api/concierge/requests/{id}")).ShouldBeAsync(HttpStatusCode.OK)).GetProperty("declineReason").GetString().ShouldBe("fully booked for a private event");
        (await factory.CountAsync("SELECT count(*) FROM reservations WHERE restaurant_id = @Id", new { r.Id })).ShouldBe(0);
    }

    [Fact]
    public async Task Bad_requests_are_400s_and_write_nothing()
    {
        var r = await factory.RestaurantAsync();
        using var client = factory.ClientFor(Concierge());
        await (await client.PostAsJsonAsync("/api/concierge/requests", new { restaurantId = r.Id, partySize = 0, start = TestRestaurant.At(19) })).ShouldBeInvalidAsync("partySize", "guest.name");
        await (await client.PostAsJsonAsync("/api/concierge/requests", new { restaurantId = r.Id, partySize = 2, start = DateTimeOffset.UtcNow.AddHours(-1), guest = new { name = "x" } })).ShouldBeInvalidAsync("start");
        (await client.PostAsJsonAsync("/api/concierge/requests", new { restaurantId = Guid.NewGuid(), partySize = 2, start = TestRestaurant.At(19), guest = new { name = "x" } })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await factory.CountAsync("SELECT count(*) FROM concierge_requests WHERE restaurant_id = @Id", new { r.Id })).ShouldBe(0);
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Brigade.Reservations.Tests;

public sealed class GuestBookTests(ReservationsFactory factory) : IClassFixture<ReservationsFactory>
{
    private async Task<Guid> BookWithPhoneAsync(TestRestaurant r, DateTimeOffset start, string name, string phone)
    {
        using var client = factory.ClientFor(Actor.Diner());
        var booked = await (await client.SendAsync(Scenario.Booking(new { restaurantId = r.Id, partySize = 2, start, guest = new { name, phone } }))).ShouldBeAsync(HttpStatusCode.Created);
        return booked.GetProperty("id").GetGuid();
    }

    private async Task StartedAsync(Guid id)
    {
        await using var c = await factory.Db.OpenConnectionAsync();
        await Dapper.SqlMapper.ExecuteAsync(c, "UPDATE reservations SET starts_at = now() - interval '1 hour', ends_at = now() + interval '30 minutes' WHERE id = @id", new { id });
    }

    [Fact]
    public async Task Bookings_fill_the_guest_book_by_phone_and_outcomes_are_counted()
    {
        var r = await factory.RestaurantAsync((1, 4), (1, 4));
        var first = await BookWithPhoneAsync(r, TestRestaurant.At(12), "박지훈", "010-9876-5432");
        var second = await BookWithPhoneAsync(r, TestRestaurant.At(19), "박지훈", "01098765432");
        await BookWithPhoneAsync(r, TestRestaurant.At(19), "최유나", "+82 10 5555 1234");

        using var staff = factory.ClientFor(r.Staff);
        var list = await (await staff.GetAsync($"/api/reservations/guests?restaurantId={r.Id}")).ShouldBeAsync(HttpStatusCode.OK);
        list.GetProperty("items").EnumerateArray().Select(g => g.GetProperty("name").GetString()).ShouldBe(["박지훈", "최유나"]);

        await factory.StartsInAsync(first, 30);
        foreach (var step in new[] { "arrive", "seat", "complete" })
        {
            await factory.PostAsync(r.Staff, $"/api/reservations/{first}/{step}", HttpStatusCode.OK);
        }

        await StartedAsync(second);
        await factory.PostAsync(r.Staff, $"/api/reservations/{second}/no-show", HttpStatusCode.OK);

        var found = await (await staff.GetAsync($"/api/reservations/guests?restaurantId={r.Id}&phone=010-9876-5432")).ShouldBeAsync(HttpStatusCode.OK);
        var guest = found.GetProperty("items").EnumerateArray().ShouldHaveSingleItem();
        guest.GetProperty("visits").GetInt32().ShouldBe(1);
        guest.GetProperty("noShows").GetInt32().ShouldBe(1);
        guest.GetProperty("phone").GetString().ShouldBe("01098765432");
        guest.GetProperty("lastVisitAt").ValueKind.ShouldBe(JsonValueKind.String);
    }

    [Fact]
    public async Task Staff_tag_and_note_guests_and_nobody_else_sees_them()
    {
        var r = await factory.RestaurantAsync();
        var reservation = await BookWithPhoneAsync(r, TestRestaurant.At(19), "정하은", "010-2222-3333");
        using var staff = factory.ClientFor(r.Staff);
        var guestId = (await (await staff.GetAsync($"/api/reservations/{reservation}")).ShouldBeAsync(HttpStatusCode.OK)).GetProperty("guestId").GetGuid();

        var updated = await (await staff.PatchAsJsonAsync($"/api/reservations/guests/{guestId}", new { tags = new[] { "VIP", "allergy-shellfish", "vip" }, notes = "창가 자리 선호" }))
            .ShouldBeAsync(HttpStatusCode.OK);
        updated.GetProperty("tags").EnumerateArray().Select(t => t.GetString()).ShouldBe(["vip", "allergy-shellfish"]);
        updated.GetProperty("notes").GetString().ShouldBe("창가 자리 선호");
        await (await staff.PatchAsJsonAsync($"/api/reservations/guests/{guestId}", new { tags = Enumerable.Range(0, 11).Select(i => $"t{i}") })).ShouldBeInvalidAsync("tags");
        await (await staff.PatchAsJsonAsync($"/api/reservations/guests/{guestId}", new { tags = new[] { "" } })).ShouldBeInvalidAsync("tags[0]");

        var other = await factory.RestaurantAsync();
        foreach (var denied in new[] { other.Owner, other.Staff, Actor.Diner() })
        {
            using var client = factory.ClientFor(denied);
            (await client.GetAsync($"/api/reservations/guests/{guestId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound, denied.Name);
            (await client.PatchAsJsonAsync($"/api/reservations/guests/{guestId}", new { notes = "mine" })).StatusCode.ShouldBe(HttpStatusCode.NotFound, denied.Name);
            (await client.GetAsync($"/api/reservations/guests?restaurantId={r.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound, denied.Name);
        }

        (await (await staff.GetAsync($"/api/reservations/guests/{guestId}")).ShouldBeAsync(HttpStatusCode.OK)).GetProperty("notes").GetString().ShouldBe("창가 자리 선호");
    }

    [Fact]
    public async Task A_booking_with_an_unusable_phone_number_is_refused()
    {
        var r = await factory.RestaurantAsync();
        using var client = factory.ClientFor(Actor.Diner());
        await (await client.SendAsync(Scenario.Booking(new { restaurantId = r.Id, partySize = 2, start = TestRestaurant.At(19), guest = new { name = "x", phone = "call me" } })))
            .ShouldBeInvalidAsync("guest.phone");
        (await factory.CountAsync("SELECT count(*) FROM guests WHERE restaurant_id = @Id", new { r.Id })).ShouldBe(0);
    }
}

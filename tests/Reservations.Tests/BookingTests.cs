using System.Net;
using System.Net.Http.Json;
using Brigade.Contracts.Restaurants;
using Brigade.Reservations.Data;

namespace Brigade.Reservations.Tests;

public sealed class BookingTests(ReservationsFactory factory) : IClassFixture<ReservationsFactory>
{
    [Fact]
    public async Task A_diner_books_the_best_fitting_table_and_the_slot_is_announced()
    {
        var r = await factory.RestaurantAsync((5, 8), (1, 2), (2, 4));
        var diner = Actor.Diner();
        var booked = await factory.BookedAsync(diner, r.Id, TestRestaurant.At(19), partySize: 2);

        booked.GetProperty("status").GetString().ShouldBe("confirmed");
        booked.GetProperty("tableIds").EnumerateArray().Select(t => t.GetGuid()).ShouldBe([r.Tables[1]]);
        booked.GetProperty("start").GetString()!.ShouldEndWith("+09:00");
        booked.GetProperty("dinerId").GetGuid().ShouldBe(diner.Id);
        var id = booked.GetProperty("id").GetGuid();

        var confirmed = (await factory.EventsAboutAsync(id)).ShouldHaveSingleItem();
        confirmed.Type.ShouldBe("reservations.reservation.confirmed");
        confirmed.Payload.GetProperty("dinerId").GetGuid().ShouldBe(diner.Id);

        using var client = factory.ClientFor(Actor.Diner());
        var availability = await (await client.GetAsync($"/api/reservations/availability?restaurantId={r.Id}&date={TestRestaurant.Day:yyyy-MM-dd}&partySize=2"))
            .ShouldBeAsync(HttpStatusCode.OK);
        var starts = availability.GetProperty("slots").EnumerateArray().Select(s => s.GetProperty("start").GetDateTimeOffset()).ToList();
        starts.ShouldContain(TestRestaurant.At(19)); // the 2–4 table still seats two
        starts[0].ShouldBe(TestRestaurant.At(11));
    }

    [Fact]
    public async Task The_same_idempotency_key_books_once_and_replays_the_answer()
    {
        var r = await factory.RestaurantAsync();
        var diner = Actor.Diner();
        var key = Guid.NewGuid().ToString();
        var first = await (await factory.BookAsync(diner, r.Id, TestRestaurant.At(12), key: key)).ShouldBeAsync(HttpStatusCode.Created);
        var again = await factory.BookAsync(diner, r.Id, TestRestaurant.At(12), key: key);
        (await again.ShouldBeAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid().ShouldBe(first.GetProperty("id").GetGuid());
        again.Headers.GetValues("Idempotent-Replayed").ShouldBe(["true"]);

        (await factory.BookAsync(diner, r.Id, TestRestaurant.At(18), key: key)).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await factory.CountAsync("SELECT count(*) FROM reservations WHERE restaurant_id = @Id", new { r.Id })).ShouldBe(1);

        using var client = factory.ClientFor(diner);
        var noKey = new HttpRequestMessage(HttpMethod.Post, "/api/reservations") { Content = JsonContent.Create(new { restaurantId = r.Id, partySize = 2, start = TestRestaurant.At(13) }) };
        (await client.SendAsync(noKey)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Bad_bookings_are_precise_400s_and_write_nothing()
    {
        var r = await factory.RestaurantAsync();
        using var client = factory.ClientFor(Actor.Diner());
        await (await client.SendAsync(Scenario.Booking(new { restaurantId = r.Id, partySize = 0, start = TestRestaurant.At(12) }))).ShouldBeInvalidAsync("partySize");
        await (await client.SendAsync(Scenario.Booking(new { restaurantId = r.Id, partySize = 2 }))).ShouldBeInvalidAsync("start");
        await (await client.SendAsync(Scenario.Booking(new { partySize = 2, start = TestRestaurant.At(12) }))).ShouldBeInvalidAsync("restaurantId");
        await (await client.SendAsync(Scenario.Booking(new { restaurantId = r.Id, partySize = 2, start = TestRestaurant.At(12), notes = new string('x', 501) }))).ShouldBeInvalidAsync("notes");
        await (await client.SendAsync(Scenario.Booking(new { restaurantId = r.Id, partySize = 2, start = TestRestaurant.At(12), guest = new { name = "a\u0001b" } }))).ShouldBeInvalidAsync("guest.name");
        await (await client.SendAsync(Scenario.Booking(new { restaurantId = r.Id, partySize = 50, start = TestRestaurant.At(12) }))).ShouldBeInvalidAsync("partySize");
        var malformed = new HttpRequestMessage(HttpMethod.Post, "/api/reservations") { Content = new StringContent("{\"partySize\": \"two\"", System.Text.Encoding.UTF8, "application/json") };
        malformed.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        (await client.SendAsync(malformed)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        (await factory.CountAsync("SELECT count(*) FROM reservations WHERE restaurant_id = @Id", new { r.Id })).ShouldBe(0);
        (await factory.CountAsync("SELECT count(*) FROM slot_covers WHERE restaurant_id = @Id", new { r.Id })).ShouldBe(0);
    }

    [Fact]
    public async Task A_start_outside_hours_or_off_the_grid_is_a_409_with_the_nearest_alternatives()
    {
        var r = await factory.RestaurantAsync();
        var problem = await (await factory.BookAsync(Actor.Diner(), r.Id, TestRestaurant.At(19, 7))).ShouldBeAsync(HttpStatusCode.Conflict);
        var alternatives = problem.GetProperty("alternatives").EnumerateArray().Select(a => a.GetProperty("start").GetDateTimeOffset()).ToList();
        alternatives.ShouldBe([TestRestaurant.At(18, 45), TestRestaurant.At(19), TestRestaurant.At(19, 15)]);
        await (await factory.BookAsync(Actor.Diner(), r.Id, TestRestaurant.At(22))).ShouldBeAsync(HttpStatusCode.Conflict); // the turn would end after closing
        (await factory.CountAsync("SELECT count(*) FROM reservations WHERE restaurant_id = @Id", new { r.Id })).ShouldBe(0);
    }

    [Fact]
    public async Task A_taken_table_is_not_offered_nor_booked_again_for_an_overlapping_turn()
    {
        var r = await factory.RestaurantAsync();
        await factory.BookedAsync(Actor.Diner(), r.Id, TestRestaurant.At(19));
        await (await factory.BookAsync(Actor.Diner(), r.Id, TestRestaurant.At(20))).ShouldBeAsync(HttpStatusCode.Conflict);
        await (await factory.BookAsync(Actor.Diner(), r.Id, TestRestaurant.At(17, 45))).ShouldBeAsync(HttpStatusCode.Conflict);
        await factory.BookedAsync(Actor.Diner(), r.Id, TestRestaurant.At(20, 30)); // 19:00 + 90 minutes
    }

    [Fact]
    public async Task Restaurants_unknown_or_not_published_cannot_be_booked()
    {
        var r = await factory.RestaurantAsync();
        await factory.ApplyAsync((c, tx) => RestaurantFacts.ApplyClosedAsync(c, tx, r.Id, DateTimeOffset.UtcNow.AddSeconds(1), default));
        await (await factory.BookAsync(Actor.Diner(), r.Id, TestRestaurant.At(19))).ShouldBeAsync(HttpStatusCode.NotFound);
        await (await factory.BookAsync(Actor.Diner(), Guid.NewGuid(), TestRestaurant.At(19))).ShouldBeAsync(HttpStatusCode.NotFound);
        using var client = factory.CreateClient();
        (await client.GetAsync($"/api/reservations/availability?restaurantId={r.Id}&date={TestRestaurant.Day:yyyy-MM-dd}&partySize=2")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        await (await client.GetAsync($"/api/reservations/availability?restaurantId={r.Id}&date=2026-13-01&partySize=2")).ShouldBeAsync(HttpStatusCode.BadRequest);
        await (await client.GetAsync($"/api/reservations/availability?restaurantId={r.Id}&date={TestRestaurant.Day:yyyy-MM-dd}&partySize=0")).ShouldBeInvalidAsync("partySize");
    }

    [Fact]
    public async Task Restaurant_facts_arrive_through_the_broker()
    {
        var id = Guid.CreateVersion7();
        var tableId = Guid.CreateVersion7();
        var now = DateTimeOffset.UtcNow;
        await factory.PublishAsync(new RestaurantPublished(Scenario.Snapshot(id, "published"), now));
        await factory.PublishAsync(new HoursChanged(id, "Asia/Seoul", Scenario.AllDays.Select(d => new WeeklyHours(d, "17:00", "22:00", null)).ToList(), [], now));
        await factory.PublishAsync(new TableChanged(id, tableId, "A1", 1, 4, null, true, 0, true, 1, now));
        await factory.PublishAsync(new TableChanged(id, tableId, "A1", 1, 4, null, true, 0, true, 1, now)); // redelivered version: no effect

        using var client = factory.CreateClient();
        await ReservationsFactory.EventuallyAsync(async () =>
        {
            var response = await client.GetAsync($"/api/reservations/availability?restaurantId={id}&date={TestRestaurant.Day:yyyy-MM-dd}&partySize=2");
            return response.IsSuccessStatusCode && (await response.ShouldBeAsync(HttpStatusCode.OK)).GetProperty("slots").GetArrayLength() == 15;
        }, "the restaurant's facts to make it bookable");

        await factory.PublishAsync(new TableChanged(id, tableId, "A1", 1, 4, null, true, 0, false, 2, now));
        await ReservationsFactory.EventuallyAsync(async () =>
            (await (await client.GetAsync($"/api/reservations/availability?restaurantId={id}&date={TestRestaurant.Day:yyyy-MM-dd}&partySize=2"))
                .ShouldBeAsync(HttpStatusCode.OK)).GetProperty("slots").GetArrayLength() == 0, "the deactivated table to leave availability");
    }
}

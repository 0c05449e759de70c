using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Brigade.Reservations.Tests;

public sealed class WaitlistTests(ReservationsFactory factory) : IClassFixture<ReservationsFactory>
{
    private async Task<JsonElement> JoinAsync(TestRestaurant r, string name, int partySize, string? phone = null)
    {
        using var client = factory.ClientFor(r.Staff);
        return await (await client.PostAsJsonAsync("/api/waitlist", new { restaurantId = r.Id, partySize, name, phone })).ShouldBeAsync(HttpStatusCode.Created);
    }

    private async Task<IReadOnlyList<string?>> QueueNamesAsync(TestRestaurant r)
    {
        using var client = factory.ClientFor(r.Staff);
        var list = await (await client.GetAsync($"/api/waitlist?restaurantId={r.Id}")).ShouldBeAsync(HttpStatusCode.OK);
        return list.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("name").GetString()).ToList();
    }

    [Fact]
    public async Task Walk_ins_queue_in_order_with_quoted_waits_by_turn_time_and_fitting_tables()
    {
        // Default turns: 90 min up to 2 guests, 120 min up to 6. Two tables seat 2, one seats 6.
        var r = await factory.RestaurantAsync((1, 4), (1, 4), (5, 8));
        var first = await JoinAsync(r, "김민준", 2, "010-1111-2222");
        var second = await JoinAsync(r, "이서연", 2);
        var third = await JoinAsync(r, "박지훈", 2);
        var big = await JoinAsync(r, "최유나", 6);

        first.GetProperty("position").GetInt32().ShouldBe(1);
        first.GetProperty("quotedWaitMinutes").GetInt32().ShouldBe(0);
        first.GetProperty("phone").GetString().ShouldBe("01011112222");
        second.GetProperty("position").GetInt32().ShouldBe(2);
        second.GetProperty("quotedWaitMinutes").GetInt32().ShouldBe(45);
        third.GetProperty("quotedWaitMinutes").GetInt32().ShouldBe(90);
        big.GetProperty("position").GetInt32().ShouldBe(4);
        big.GetProperty("quotedWaitMinutes").GetInt32().ShouldBe(360);
        big.GetProperty("status").GetString().ShouldBe("waiting");

        (await QueueNamesAsync(r)).ShouldBe(["김민준", "이서연", "박지훈", "최유나"]);

        var seated = await factory.PostAsync(r.Staff, $"/api/waitlist/{first.GetProperty("id").GetGuid()}/seat", HttpStatusCode.OK);
        seated.GetProperty("status").GetString().ShouldBe("seated");
        await factory.PostAsync(r.Staff, $"/api/waitlist/{third.GetProperty("id").GetGuid()}/leave", HttpStatusCode.OK);
        (await QueueNamesAsync(r)).ShouldBe(["이서연", "최유나"]);

        using var staff = factory.ClientFor(r.Staff);
        var list = await (await staff.GetAsync($"/api/waitlist?restaurantId={r.Id}")).ShouldBeAsync(HttpStatusCode.OK);
        var items = list.GetProperty("items").EnumerateArray().ToList();
        items[1].GetProperty("position").GetInt32().ShouldBe(2);
        items[1].GetProperty("quotedWaitMinutes").GetInt32().ShouldBe(120);

        // Seated and gone parties move no further.
        await factory.PostAsync(r.Staff, $"/api/waitlist/{first.GetProperty("id").GetGuid()}/ready", HttpStatusCode.Conflict);
        await factory.PostAsync(r.Staff, $"/api/waitlist/{third.GetProperty("id").GetGuid()}/seat", HttpStatusCode.Conflict);
        await factory.PostAsync(r.Staff, $"/api/waitlist/{third.GetProperty("id").GetGuid()}/postpone", HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_party_postpones_behind_the_next_party_at_most_twice()
    {
        var r = await factory.RestaurantAsync((1, 4));
        var a = (await JoinAsync(r, "A", 2)).GetProperty("id").GetGuid();
        await JoinAsync(r, "B", 2);
        await JoinAsync(r, "C", 2);

        await factory.PostAsync(r.Staff, $"/api/waitlist/{a}/ready", HttpStatusCode.OK);
        var once = await factory.PostAsync(r.Staff, $"/api/waitlist/{a}/postpone", HttpStatusCode.OK);
        once.GetProperty("status").GetString().ShouldBe("waiting");
        once.GetProperty("position").GetInt32().ShouldBe(2);
        once.GetProperty("postponements").GetInt32().ShouldBe(1);
        (await QueueNamesAsync(r)).ShouldBe(["B", "A", "C"]);

        var twice = await factory.PostAsync(r.Staff, $"/api/waitlist/{a}/postpone", HttpStatusCode.OK);
        twice.GetProperty("position").GetInt32().ShouldBe(3);
        (await QueueNamesAsync(r)).ShouldBe(["B", "C", "A"]);

        var third = await factory.PostAsync(r.Staff, $"/api/waitlist/{a}/postpone", HttpStatusCode.Conflict);
        third.GetProperty("status").GetInt32().ShouldBe(409);
        (await QueueNamesAsync(r)).ShouldBe(["B", "C", "A"]);
        (await factory.CountAsync("SELECT postponements FROM waitlist_entries WHERE id = @a", new { a })).ShouldBe(2);
    }

    [Fact]
    public async Task Only_the_restaurants_people_see_and_move_its_queue()
    {
        var r = await factory.RestaurantAsync();
        var other = await factory.RestaurantAsync();
        var entry = (await JoinAsync(r, "김민준", 2)).GetProperty("id").GetGuid();

        foreach (var outsider in new[] { other.Staff, other.Owner, Actor.Diner() })
        {
            using var client = factory.ClientFor(outsider);
            await (await client.GetAsync($"/api/waitlist?restaurantId={r.Id}")).ShouldBeAsync(HttpStatusCode.NotFound);
            await (await client.PostAsJsonAsync("/api/waitlist", new { restaurantId = r.Id, partySize = 2, name = "x" })).ShouldBeAsync(HttpStatusCode.NotFound);
            foreach (var step in new[] { "ready", "seat", "postpone", "leave" })
            {
                await factory.PostAsync(outsider, $"/api/waitlist/{entry}/{step}", HttpStatusCode.NotFound);
            }
        }

        using var anonymous = factory.ClientFor(Actor.Anonymous);
        await (await anonymous.GetAsync($"/api/waitlist?restaurantId={r.Id}")).ShouldBeAsync(HttpStatusCode.Unauthorized);

        await factory.PostAsync(r.Owner, $"/api/waitlist/{entry}/seat", HttpStatusCode.OK);
        (await factory.CountAsync("SELECT count(*) FROM waitlist_entries WHERE restaurant_id = @id", new { id = r.Id })).ShouldBe(1);
    }

    [Fact]
    public async Task Bad_input_is_400_and_nothing_is_written()
    {
        var r = await factory.RestaurantAsync();
        using var staff = factory.ClientFor(r.Staff);
        await (await staff.PostAsJsonAsync("/api/waitlist", new { restaurantId = r.Id, partySize = 0, name = "김민준" })).ShouldBeInvalidAsync("partySize");
        await (await staff.PostAsJsonAsync("/api/waitlist", new { restaurantId = r.Id, partySize = 2, name = "  " })).ShouldBeInvalidAsync("name");
        await (await staff.PostAsJsonAsync("/api/waitlist", new { restaurantId = r.Id, partySize = 2, name = "김민준", phone = "call me" })).ShouldBeInvalidAsync("phone");
        await (await staff.PostAsJsonAsync("/api/waitlist", new { partySize = 2, name = "김민준" })).ShouldBeInvalidAsync("restaurantId");
        await (await staff.GetAsync("/api/waitlist")).ShouldBeInvalidAsync("restaurantId");
        (await factory.CountAsync("SELECT count(*) FROM waitlist_entries WHERE restaurant_id = @id", new { id = r.Id })).ShouldBe(0);

        using var diner = factory.ClientFor(Actor.Diner());
        await (await diner.PostAsJsonAsync("/api/waitlist/notify-me", new { restaurantId = r.Id, partySize = 2, start = DateTimeOffset.UtcNow.AddHours(-1) })).ShouldBeInvalidAsync("start");
        await (await diner.PostAsJsonAsync("/api/waitlist/notify-me", new { restaurantId = r.Id, partySize = 0, start = TestRestaurant.At(19) })).ShouldBeInvalidAsync("partySize");
        (await factory.CountAsync("SELECT count(*) FROM slot_watches WHERE restaurant_id = @id", new { id = r.Id })).ShouldBe(0);
    }

    [Fact]
    public async Task Table_ready_is_announced_through_the_outbox()
    {
        var r = await factory.RestaurantAsync();
        var id = (await JoinAsync(r, "김민준", 3, "010-3333-4444")).GetProperty("id").GetGuid();
        var ready = await factory.PostAsync(r.Staff, $"/api/waitlist/{id}/ready", HttpStatusCode.OK);
        ready.GetProperty("status").GetString().ShouldBe("ready");
        await factory.PostAsync(r.Staff, $"/api/waitlist/{id}/ready", HttpStatusCode.Conflict);

        var (type, payload) = (await factory.EventsAboutAsync(id)).ShouldHaveSingleItem();
        type.ShouldBe("reservations.waitlist.ready");
        payload.GetProperty("restaurantId").GetGuid().ShouldBe(r.Id);
        payload.GetProperty("partySize").GetInt32().ShouldBe(3);
        payload.GetProperty("phone").GetString().ShouldBe("01033334444");

        await factory.PostAsync(r.Staff, $"/api/waitlist/{id}/seat", HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_cancellation_offers_the_slot_to_the_earliest_matching_notify_me_request_only()
    {
        var r = await factory.RestaurantAsync();
        var booker = Actor.Diner("booker");
        var reservation = (await factory.BookedAsync(booker, r.Id, TestRestaurant.At(19), partySize: 4)).GetProperty("id").GetGuid();

        var tooLate = Actor.Diner("too late");
        var tooBig = Actor.Diner("too big");
        var otherDay = Actor.Diner("other day");
        var first = Actor.Diner("first");
        var second = Actor.Diner("second");
        var watches = new List<Guid>();
        foreach (var (who, start, party) in new[]
        {
            (tooLate, TestRestaurant.At(19, 45), 2),
            (tooBig, TestRestaurant.At(19), 5),
            (otherDay, TestRestaurant.At(19, days: 1), 2),
            (first, TestRestaurant.At(19, 30), 2),
            (second, TestRestaurant.At(18, 30), 4),
        })
        {
            using var client = factory.ClientFor(who);
            var watch = await (await client.PostAsJsonAsync("/api/waitlist/notify-me", new { restaurantId = r.Id, start, partySize = party })).ShouldBeAsync(HttpStatusCode.Created);
            watch.GetProperty("status").GetString().ShouldBe("open");
            watches.Add(watch.GetProperty("id").GetGuid());
        }

        await factory.PostAsync(booker, $"/api/reservations/{reservation}/cancel", HttpStatusCode.OK);

        var events = await factory.EventsAboutAsync(reservation);
        events.Select(e => e.Type).ShouldBe(["reservations.reservation.confirmed", "reservations.reservation.cancelled", "reservations.slot.offered"]);
        var offer = events[^1].Payload;
        offer.GetProperty("dinerId").GetGuid().ShouldBe(first.Id);
        offer.GetProperty("requestId").GetGuid().ShouldBe(watches[3]);
        offer.GetProperty("restaurantId").GetGuid().ShouldBe(r.Id);
        (await factory.CountAsync("SELECT count(*) FROM slot_watches WHERE restaurant_id = @id AND status = 'offered'", new { id = r.Id })).ShouldBe(1);

        // A second cancellation offers the next matching request; the non-matching ones are never offered.
        var again = (await factory.BookedAsync(booker, r.Id, TestRestaurant.At(19), partySize: 4)).GetProperty("id").GetGuid();
        await factory.PostAsync(r.Staff, $"/api/reservations/{again}/cancel", HttpStatusCode.OK);
        (await factory.EventsAboutAsync(again))[^1].Payload.GetProperty("dinerId").GetGuid().ShouldBe(second.Id);
        foreach (var who in new[] { tooLate, tooBig, otherDay })
        {
            (await factory.EventsAboutAsync(who.Id)).ShouldBeEmpty();
        }
    }

    [Fact]
    public async Task A_cancellation_with_no_matching_request_offers_nothing()
    {
        var r = await factory.RestaurantAsync();
        var booker = Actor.Diner("booker");
        var reservation = (await factory.BookedAsync(booker, r.Id, TestRestaurant.At(13), partySize: 2)).GetProperty("id").GetGuid();
        var watcher = Actor.Diner("watcher");
        using (var client = factory.ClientFor(watcher))
        {
            await (await client.PostAsJsonAsync("/api/waitlist/notify-me", new { restaurantId = r.Id, start = TestRestaurant.At(20), partySize = 2 })).ShouldBeAsync(HttpStatusCode.Created);
        }

        await factory.PostAsync(booker, $"/api/reservations/{reservation}/cancel", HttpStatusCode.OK);
        (await factory.EventsAboutAsync(reservation)).Select(e => e.Type).ShouldBe(["reservations.reservation.confirmed", "reservations.reservation.cancelled"]);
        (await factory.EventsAboutAsync(watcher.Id)).ShouldBeEmpty();
        (await factory.CountAsync("SELECT count(*) FROM slot_watches WHERE restaurant_id = @id AND status = 'open'", new { id = r.Id })).ShouldBe(1);
    }
}

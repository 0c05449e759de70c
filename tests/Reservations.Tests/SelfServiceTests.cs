using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Brigade.Reservations.Tests;

/// <summary>What a diner does for themselves: queue remotely, keep and withdraw "notify me" requests, see the refund before cancelling.</summary>
public sealed class SelfServiceTests(ReservationsFactory factory) : IClassFixture<ReservationsFactory>
{
    private static async Task<HttpResponseMessage> JoinAsync(HttpClient client, Guid restaurantId, int partySize = 2, string? name = null) =>
        await client.PostAsJsonAsync("/api/waitlist/remote", new { restaurantId, partySize, name, phone = "010-2222-3333" });

    [Fact]
    public async Task A_diner_joins_a_queue_remotely_sees_their_place_is_told_when_ready_and_may_leave()
    {
        var r = await factory.AlwaysOpenRestaurantAsync();
        using (var staff = factory.ClientFor(r.Staff))
        {
            await (await staff.PostAsJsonAsync("/api/waitlist", new { restaurantId = r.Id, partySize = 2, name = "워크인" })).ShouldBeAsync(HttpStatusCode.Created);
        }

        var diner = Actor.Diner("이서연");
        using var client = factory.ClientFor(diner);
        var joined = await (await JoinAsync(client, r.Id)).ShouldBeAsync(HttpStatusCode.Created);
        joined.GetProperty("position").GetInt32().ShouldBe(2);
        joined.GetProperty("remote").GetBoolean().ShouldBeTrue();
        joined.GetProperty("name").GetString().ShouldBe("이서연"); // the account's name when none is given
        var entry = joined.GetProperty("id").GetGuid();

        var again = await (await JoinAsync(client, r.Id)).ShouldBeAsync(HttpStatusCode.Conflict);
        again.GetProperty("code").GetString().ShouldBe("already_waiting");
        (await factory.CountAsync("SELECT count(*) FROM waitlist_entries WHERE restaurant_id = @Id", new { r.Id })).ShouldBe(2);

        var mine = await (await client.GetAsync("/api/waitlist/mine")).ShouldBeAsync(HttpStatusCode.OK);
        var place = mine.GetProperty("items").EnumerateArray().ShouldHaveSingleItem();
        place.GetProperty("id").GetGuid().ShouldBe(entry);
        place.GetProperty("position").GetInt32().ShouldBe(2);
        place.GetProperty("quotedWaitMinutes").GetInt32().ShouldBeGreaterThan(0);

        using (var staff = factory.ClientFor(r.Staff))
        {
            var queue = await (await staff.GetAsync($"/api/waitlist?restaurantId={r.Id}")).ShouldBeAsync(HttpStatusCode.OK);
            queue.GetProperty("items")[1].GetProperty("remote").GetBoolean().ShouldBeTrue();
        }

        await factory.PostAsync(r.Staff, $"/api/waitlist/{entry}/ready", HttpStatusCode.OK);
        var ready = (await factory.EventsAboutAsync(entry)).Single(e => e.Type == "reservations.waitlist.ready").Payload;
        ready.GetProperty("dinerId").GetGuid().ShouldBe(diner.Id);
        var told = (await factory.NoticesAboutAsync(diner.Id)).ShouldHaveSingleItem();
        told.GetProperty("type").GetString().ShouldBe("reservations.waitlist.ready");
        told.GetProperty("audience").GetProperty("userIds").EnumerateArray().Select(u => u.GetGuid()).ShouldBe([diner.Id]);
        told.GetProperty("urgent").GetBoolean().ShouldBeTrue();
        told.GetProperty("title").GetString().ShouldBe("입장하실 차례입니다");
        told.GetProperty("body").GetString()!.ShouldContain("테스트 식당");
        told.GetProperty("link").GetString().ShouldBe("/waitlist");

        await factory.PostAsync(Actor.Diner("someone else"), $"/api/waitlist/{entry}/leave", HttpStatusCode.NotFound);
        await factory.PostAsync(diner, $"/api/waitlist/{entry}/seat", HttpStatusCode.NotFound); // only their own leaving is theirs
        (await factory.PostAsync(diner, $"/api/waitlist/{entry}/leave", HttpStatusCode.OK)).GetProperty("status").GetString().ShouldBe("left");
        (await (await client.GetAsync("/api/waitlist/mine")).ShouldBeAsync(HttpStatusCode.OK)).GetProperty("items").GetArrayLength().ShouldBe(0);
        await (await JoinAsync(client, r.Id)).ShouldBeAsync(HttpStatusCode.Created); // and may queue again
    }

    [Fact]
    public async Task Remote_queueing_needs_an_open_published_restaurant_and_a_party_it_takes()
    {
        using var client = factory.ClientFor(Actor.Diner());
        var closed = await factory.RestaurantAsync(); // open 11:00–23:00: closed some of the time, so give it no hours at all
        await factory.ApplyAsync((c, tx) => Data.RestaurantFacts.ApplyHoursAsync(c, tx,
            new Contracts.Restaurants.HoursChanged(closed.Id, "Asia/Seoul", [], [], DateTimeOffset.UtcNow.AddSeconds(1)), default));
        (await (await JoinAsync(client, closed.Id)).ShouldBeAsync(HttpStatusCode.Conflict)).GetProperty("code").GetString().ShouldBe("closed");

        var open = await factory.AlwaysOpenRestaurantAsync();
        await (await JoinAsync(client, open.Id, partySize: 50)).ShouldBeInvalidAsync("partySize");
        await (await JoinAsync(client, Guid.NewGuid())).ShouldBeAsync(HttpStatusCode.NotFound);
        await factory.ApplyAsync((c, tx) => Data.RestaurantFacts.ApplyClosedAsync(c, tx, open.Id, DateTimeOffset.UtcNow.AddSeconds(2), default));
        await (await JoinAsync(client, open.Id)).ShouldBeAsync(HttpStatusCode.NotFound);
        (await factory.CountAsync("SELECT count(*) FROM waitlist_entries WHERE restaurant_id IN (@a, @b)", new { a = closed.Id, b = open.Id })).ShouldBe(0);

        using var anonymous = factory.ClientFor(Actor.Anonymous);
        (await JoinAsync(anonymous, open.Id)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_diner_lists_and_withdraws_their_notify_me_requests_and_a_withdrawn_one_is_never_offered()
    {
        var r = await factory.RestaurantAsync();
        var diner = Actor.Diner();
        using var client = factory.ClientFor(diner);
        var early = (await (await client.PostAsJsonAsync("/api/waitlist/notify-me", new { restaurantId = r.Id, start = TestRestaurant.At(19), partySize = 2 }))
            .ShouldBeAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var later = (await (await client.PostAsJsonAsync("/api/waitlist/notify-me", new { restaurantId = r.Id, start = TestRestaurant.At(20), partySize = 2 }))
            .ShouldBeAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();

        var list = await (await client.GetAsync("/api/waitlist/notify-me")).ShouldBeAsync(HttpStatusCode.OK);
        var items = list.GetProperty("items").EnumerateArray().ToList();
        items.Select(i => i.GetProperty("id").GetGuid()).ShouldBe([early, later]);
        items[0].GetProperty("start").GetString()!.ShouldEndWith("+09:00");
        items[0].GetProperty("start").GetDateTimeOffset().ShouldBe(TestRestaurant.At(19));

        using (var stranger = factory.ClientFor(Actor.Diner("stranger")))
        {
            (await stranger.DeleteAsync($"/api/waitlist/notify-me/{early}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
            (await (await stranger.GetAsync("/api/waitlist/notify-me")).ShouldBeAsync(HttpStatusCode.OK)).GetProperty("items").GetArrayLength().ShouldBe(0);
        }

        (await client.DeleteAsync($"/api/waitlist/notify-me/{early}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await client.DeleteAsync($"/api/waitlist/notify-me/{early}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await (await client.GetAsync("/api/waitlist/notify-me")).ShouldBeAsync(HttpStatusCode.OK))
            .GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).ShouldBe([later]);

        // A 19:00 cancellation would have been offered to the withdrawn 19:00 request; the 20:00 one is outside the 30-minute
        // window, so nobody is offered it.
        var booker = Actor.Diner("booker");
        var booking = (await factory.BookedAsync(booker, r.Id, TestRestaurant.At(19))).GetProperty("id").GetGuid();
        await factory.PostAsync(booker, $"/api/reservations/{booking}/cancel", HttpStatusCode.OK);
        (await factory.EventsAboutAsync(booking)).Select(e => e.Type).ShouldNotContain("reservations.slot.offered");
        (await factory.CountAsync("SELECT count(*) FROM slot_watches WHERE id = @early AND status = 'withdrawn'", new { early })).ShouldBe(1);
    }

    [Fact]
    public async Task Staff_cannot_mark_guests_arrived_long_before_their_start()
    {
        var r = await factory.RestaurantAsync();
        var id = (await factory.BookedAsync(Actor.Diner(), r.Id, TestRestaurant.At(19))).GetProperty("id").GetGuid(); // a week ahead
        var early = await factory.PostAsync(r.Staff, $"/api/reservations/{id}/arrive", HttpStatusCode.Conflict);
        early.GetProperty("code").GetString().ShouldBe("too_early");
        await factory.PostAsync(r.Staff, $"/api/reservations/{id}/seat", HttpStatusCode.Conflict);
        await factory.StartsInAsync(id, 90);
        await factory.PostAsync(r.Staff, $"/api/reservations/{id}/arrive", HttpStatusCode.Conflict);
        (await factory.CountAsync("SELECT count(*) FROM reservations WHERE id = @id AND status = 'confirmed'", new { id })).ShouldBe(1);

        await factory.StartsInAsync(id, 45);
        (await factory.PostAsync(r.Staff, $"/api/reservations/{id}/arrive", HttpStatusCode.OK)).GetProperty("status").GetString().ShouldBe("arrived");
    }

    [Fact]
    public async Task The_refund_is_quoted_before_cancelling_and_the_cancellation_applies_the_same_rule()
    {
        var r = await factory.RestaurantAsync((1, 8));
        await factory.PutSettingsAsync(r, new
        {
            deposit = new { minPartySize = 1, amount = new { amount = 10_000 }, perCover = true },
            cancellation = new { windows = new[] { new { minutesBefore = 30 * 24 * 60, refundPercent = 100 }, new { minutesBefore = 60, refundPercent = 50 } } },
        });
        var diner = Actor.Diner();
        var id = (await factory.BookedAsync(diner, r.Id, TestRestaurant.At(19), partySize: 3)).GetProperty("id").GetGuid();
        using var client = factory.ClientFor(diner);

        var unpaid = await (await client.GetAsync($"/api/reservations/{id}/cancellation")).ShouldBeAsync(HttpStatusCode.OK);
        unpaid.GetProperty("refundPercent").GetInt32().ShouldBe(100);
        unpaid.GetProperty("paid").GetProperty("amount").GetInt64().ShouldBe(0);
        unpaid.GetProperty("deposit").GetProperty("amount").GetInt64().ShouldBe(30_000);

        await factory.PostAsync(r.Staff, $"/api/reservations/{id}/confirm", HttpStatusCode.OK); // deposit collected at the counter
        var quote = await (await client.GetAsync($"/api/reservations/{id}/cancellation")).ShouldBeAsync(HttpStatusCode.OK);
        quote.GetProperty("cancellable").GetBoolean().ShouldBeTrue();
        quote.GetProperty("cancelledBy").GetString().ShouldBe("diner");
        quote.GetProperty("refundPercent").GetInt32().ShouldBe(50);
        quote.GetProperty("refund").GetProperty("amount").GetInt64().ShouldBe(15_000);
        quote.GetProperty("refund").GetProperty("currency").GetString().ShouldBe("KRW");
        quote.GetProperty("paid").GetProperty("amount").GetInt64().ShouldBe(30_000);

        using (var staff = factory.ClientFor(r.Staff))
        {
            var forStaff = await (await staff.GetAsync($"/api/reservations/{id}/cancellation")).ShouldBeAsync(HttpStatusCode.OK);
            forStaff.GetProperty("refundPercent").GetInt32().ShouldBe(100);
            forStaff.GetProperty("cancelledBy").GetString().ShouldBe("restaurant");
        }

        using (var stranger = factory.ClientFor(Actor.Diner("stranger")))
        {
            (await stranger.GetAsync($"/api/reservations/{id}/cancellation")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        }

        var cancelled = await factory.PostAsync(diner, $"/api/reservations/{id}/cancel", HttpStatusCode.OK);
        cancelled.GetProperty("refundPercent").GetInt32().ShouldBe(quote.GetProperty("refundPercent").GetInt32());
        var after = await (await client.GetAsync($"/api/reservations/{id}/cancellation")).ShouldBeAsync(HttpStatusCode.OK);
        after.GetProperty("cancellable").GetBoolean().ShouldBeFalse();
        after.GetProperty("reason").GetString().ShouldBe("status");
    }
}

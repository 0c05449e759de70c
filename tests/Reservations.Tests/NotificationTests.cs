using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Brigade.Reservations.Tests;

/// <summary>
/// What reservations asks notifications to tell people (<c>notifications.notification.requested</c>, in the transaction of the
/// change): who, in Korean and English, with the restaurant, the guest, local times with the zone and a link into the web app.
/// </summary>
public sealed class NotificationTests(ReservationsFactory factory) : IClassFixture<ReservationsFactory>
{
    private static Actor Concierge() => Actor.Person("concierge", ["concierge"]);

    private async Task<Guid> RequestAsync(Actor concierge, TestRestaurant r)
    {
        using var client = factory.ClientFor(concierge);
        return (await (await client.PostAsJsonAsync("/api/concierge/requests",
            new { restaurantId = r.Id, partySize = 3, start = TestRestaurant.At(19), guest = new { name = "Ms. Kim" } })).ShouldBeAsync(HttpStatusCode.Created))
            .GetProperty("id").GetGuid();
    }

    private static IEnumerable<Guid> Users(JsonElement notice) => notice.GetProperty("audience").GetProperty("userIds").EnumerateArray().Select(u => u.GetGuid());

    [Fact]
    public async Task A_concierge_request_tells_the_restaurants_managers_and_the_decision_tells_the_concierge()
    {
        var r = await factory.RestaurantAsync((1, 4), (1, 4));
        var concierge = Concierge();
        var accepted = await RequestAsync(concierge, r);

        var asked = (await factory.NoticesAboutAsync(accepted)).ShouldHaveSingleItem();
        asked.GetProperty("type").GetString().ShouldBe("reservations.concierge.requested");
        Users(asked).ShouldBeEmpty();
        asked.GetProperty("audience").GetProperty("restaurantId").GetGuid().ShouldBe(r.Id);
        asked.GetProperty("audience").GetProperty("restaurantRoles").EnumerateArray().Select(x => x.GetString()).ShouldBe(["owner", "manager"]);
        asked.GetProperty("link").GetString().ShouldBe($"/manage/{r.Id}/requests?request={accepted}");
        asked.GetProperty("body").GetString()!.ShouldContain("Ms. Kim 손님 3명");
        asked.GetProperty("body").GetString()!.ShouldContain("19:00 KST");
        asked.GetProperty("bodyEn").GetString()!.ShouldContain("19:00 KST");

        await factory.PostAsync(r.Staff, $"/api/concierge/requests/{accepted}/accept", HttpStatusCode.OK);
        var yes = (await factory.NoticesAboutAsync(accepted)).Last();
        yes.GetProperty("type").GetString().ShouldBe("reservations.concierge.accepted");
        Users(yes).ShouldBe([concierge.Id]);
        yes.GetProperty("link").GetString().ShouldBe($"/concierge?request={accepted}");

        var declined = await RequestAsync(concierge, r);
        using var staff = factory.ClientFor(r.Staff);
        await (await staff.PostAsJsonAsync($"/api/concierge/requests/{declined}/decline", new { reason = "private event" })).ShouldBeAsync(HttpStatusCode.OK);
        var no = (await factory.NoticesAboutAsync(declined)).Last();
        no.GetProperty("type").GetString().ShouldBe("reservations.concierge.declined");
        Users(no).ShouldBe([concierge.Id]);
        no.GetProperty("bodyEn").GetString()!.ShouldContain("Reason: private event");
    }

    [Fact]
    public async Task A_freed_slot_offer_tells_the_diner_with_a_link_to_book_it()
    {
        var r = await factory.RestaurantAsync();
        var watcher = Actor.Diner("watcher");
        using (var client = factory.ClientFor(watcher))
        {
            await (await client.PostAsJsonAsync("/api/waitlist/notify-me", new { restaurantId = r.Id, start = TestRestaurant.At(19), partySize = 2 })).ShouldBeAsync(HttpStatusCode.Created);
        }

        var booker = Actor.Diner("booker");
        var booking = (await factory.BookedAsync(booker, r.Id, TestRestaurant.At(19))).GetProperty("id").GetGuid();
        await factory.PostAsync(booker, $"/api/reservations/{booking}/cancel", HttpStatusCode.OK);

        var offer = (await factory.NoticesAboutAsync(watcher.Id)).ShouldHaveSingleItem();
        offer.GetProperty("type").GetString().ShouldBe("reservations.slot.offered");
        Users(offer).ShouldBe([watcher.Id]);
        offer.GetProperty("link").GetString().ShouldBe($"/restaurants/{r.Id}?date={TestRestaurant.Day:yyyy-MM-dd}&time=19:00&party=2");
        offer.GetProperty("body").GetString()!.ShouldContain("테스트 식당");
        offer.GetProperty("body").GetString()!.ShouldContain("19:00 KST");
        var offered = (await factory.EventsAboutAsync(booking)).Single(e => e.Type == "reservations.slot.offered").Payload;
        offered.GetProperty("start").GetString()!.ShouldEndWith("+09:00");
        (await factory.NoticesAboutAsync(booker.Id)).ShouldBeEmpty();
    }
}

using System.Net;
using System.Net.Http.Json;

namespace Brigade.Reservations.Tests;

/// <summary>Optimistic concurrency: a reservation's version is its ETag; a change computed from an older version is 412 and changes nothing.</summary>
public sealed class ETagTests(ReservationsFactory factory) : IClassFixture<ReservationsFactory>
{
    private static HttpRequestMessage Patch(Guid id, object body, string ifMatch)
    {
        var request = new HttpRequestMessage(HttpMethod.Patch, $"/api/reservations/{id}") { Content = JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return request;
    }

    [Fact]
    public async Task A_stale_if_match_is_412_and_the_newer_change_stands()
    {
        var r = await factory.RestaurantAsync((1, 4), (1, 4));
        var diner = Actor.Diner();
        var id = (await factory.BookedAsync(diner, r.Id, TestRestaurant.At(19))).GetProperty("id").GetGuid();
        using var dinerClient = factory.ClientFor(diner);
        using var staffClient = factory.ClientFor(r.Staff);

        var read = await dinerClient.GetAsync($"/api/reservations/{id}");
        read.Headers.ETag!.Tag.ShouldBe("\"1\"");
        var staffRead = await staffClient.GetAsync($"/api/reservations/{id}");
        var etag = staffRead.Headers.ETag!.Tag;

        // Staff and the diner both read version 1; the staff change lands first.
        var staffChange = await staffClient.SendAsync(Patch(id, new { partySize = 4 }, etag));
        (await staffChange.ShouldBeAsync(HttpStatusCode.OK)).GetProperty("version").GetInt32().ShouldBe(2);
        staffChange.Headers.ETag!.Tag.ShouldBe("\"2\"");

        var dinerChange = await (await dinerClient.SendAsync(Patch(id, new { start = TestRestaurant.At(20) }, etag))).ShouldBeAsync(HttpStatusCode.PreconditionFailed);
        dinerChange.GetProperty("code").GetString().ShouldBe("stale_version");
        await (await dinerClient.PatchAsJsonAsync($"/api/reservations/{id}", new { start = TestRestaurant.At(20), version = 1 })).ShouldBeAsync(HttpStatusCode.PreconditionFailed);
        await (await dinerClient.SendAsync(Patch(id, new { partySize = 3 }, "not-a-version"))).ShouldBeAsync(HttpStatusCode.PreconditionFailed);
        await factory.PostWithIfMatchAsync(diner, $"/api/reservations/{id}/cancel", etag, HttpStatusCode.PreconditionFailed);

        var kept = await (await dinerClient.GetAsync($"/api/reservations/{id}")).ShouldBeAsync(HttpStatusCode.OK);
        kept.GetProperty("partySize").GetInt32().ShouldBe(4);
        kept.GetProperty("start").GetDateTimeOffset().ShouldBe(TestRestaurant.At(19));
        kept.GetProperty("status").GetString().ShouldBe("confirmed");
        (await factory.EventsAboutAsync(id)).Count(e => e.Type == "reservations.reservation.modified").ShouldBe(1);

        // With the current version (or any, *) the change applies.
        await (await dinerClient.SendAsync(Patch(id, new { start = TestRestaurant.At(20) }, "\"2\""))).ShouldBeAsync(HttpStatusCode.OK);
        await (await dinerClient.SendAsync(Patch(id, new { partySize = 3 }, "*"))).ShouldBeAsync(HttpStatusCode.OK);
        await factory.PostWithIfMatchAsync(diner, $"/api/reservations/{id}/cancel", "\"4\"", HttpStatusCode.OK);
    }
}

using System.Net;
using System.Net.Http.Json;
using NodaTime;

namespace Brigade.Reservations.Tests;

/// <summary>Every time a person reads is on the restaurant's clock and names the service day it belongs to; a start needs its offset.</summary>
public sealed class TimeTests(ReservationsFactory factory) : IClassFixture<ReservationsFactory>
{
    private static string Date(LocalDate d) => d.ToString("yyyy-MM-dd", null);

    [Fact]
    public async Task Events_carry_the_local_time_the_zone_the_service_date_the_restaurant_the_guest_and_links()
    {
        var r = await factory.RestaurantAsync();
        var diner = Actor.Diner();
        var id = (await factory.BookedAsync(diner, r.Id, TestRestaurant.At(19))).GetProperty("id").GetGuid();

        var confirmed = (await factory.EventsAboutAsync(id)).ShouldHaveSingleItem().Payload;
        confirmed.GetProperty("start").GetString()!.ShouldEndWith("+09:00");
        confirmed.GetProperty("start").GetDateTimeOffset().ShouldBe(TestRestaurant.At(19));
        confirmed.GetProperty("start").GetDateTimeOffset().Hour.ShouldBe(19); // the restaurant's wall clock, not UTC's 10:00
        confirmed.GetProperty("timeZone").GetString().ShouldBe("Asia/Seoul");
        confirmed.GetProperty("serviceDate").GetString().ShouldBe(Date(TestRestaurant.Day));
        confirmed.GetProperty("restaurantName").GetString().ShouldBe("테스트 식당");
        confirmed.GetProperty("guestName").GetString().ShouldBe("김민준");
        confirmed.GetProperty("staffLink").GetString().ShouldBe($"/manage/{r.Id}?date={Date(TestRestaurant.Day)}&reservation={id}");
        confirmed.GetProperty("dinerLink").GetString().ShouldBe($"/reservations?reservation={id}");

        await factory.PostAsync(diner, $"/api/reservations/{id}/cancel", HttpStatusCode.OK);
        var cancelled = (await factory.EventsAboutAsync(id)).Single(e => e.Type == "reservations.reservation.cancelled").Payload;
        cancelled.GetProperty("start").GetString()!.ShouldEndWith("+09:00");
        cancelled.GetProperty("partySize").GetInt32().ShouldBe(2);
    }

    [Fact]
    public async Task A_booking_after_midnight_belongs_to_the_evenings_service_on_the_day_sheet_the_csv_covers_and_events()
    {
        var r = await factory.LateRestaurantAsync();
        var lateStart = TestRestaurant.At(0, 30, days: 1); // 00:30 the next calendar day: the tail of the 18:00–02:00 service
        var booked = await factory.BookedAsync(Actor.Diner(), r.Id, lateStart);
        var id = booked.GetProperty("id").GetGuid();
        booked.GetProperty("serviceDate").GetString().ShouldBe(Date(TestRestaurant.Day));
        booked.GetProperty("start").GetDateTimeOffset().ShouldBe(lateStart);

        using var staff = factory.ClientFor(r.Staff);
        var evening = await (await staff.GetAsync($"/api/reservations?restaurantId={r.Id}&date={Date(TestRestaurant.Day)}")).ShouldBeAsync(HttpStatusCode.OK);
        evening.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).ShouldBe([id]);
        var nextDay = await (await staff.GetAsync($"/api/reservations?restaurantId={r.Id}&date={Date(TestRestaurant.Day.PlusDays(1))}")).ShouldBeAsync(HttpStatusCode.OK);
        nextDay.GetProperty("items").GetArrayLength().ShouldBe(0);

        var covers = await (await staff.GetAsync($"/api/reservations/covers?restaurantId={r.Id}&date={Date(TestRestaurant.Day)}")).ShouldBeAsync(HttpStatusCode.OK);
        covers.GetProperty("slots").EnumerateArray().Select(s => s.GetProperty("start").GetDateTimeOffset()).ShouldBe([lateStart]);

        var csv = await staff.GetAsync($"/api/reservations/day-sheet.csv?restaurantId={r.Id}&date={Date(TestRestaurant.Day)}");
        csv.StatusCode.ShouldBe(HttpStatusCode.OK);
        csv.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        var lines = (await csv.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldStartWith("service_date,local_date,local_time,time_zone");
        lines[1].ShouldStartWith($"{Date(TestRestaurant.Day)},{Date(TestRestaurant.Day.PlusDays(1))},00:30,Asia/Seoul,2,김민준,");

        var confirmed = (await factory.EventsAboutAsync(id)).ShouldHaveSingleItem().Payload;
        confirmed.GetProperty("serviceDate").GetString().ShouldBe(Date(TestRestaurant.Day));
        confirmed.GetProperty("start").GetDateTimeOffset().ShouldBe(lateStart);
    }

    [Fact]
    public async Task A_start_without_an_offset_is_refused_and_one_in_utc_is_read_as_the_instant_it_is()
    {
        var r = await factory.RestaurantAsync();
        var diner = Actor.Diner();
        using var client = factory.ClientFor(diner);
        var local = TestRestaurant.At(19).ToString("yyyy-MM-ddTHH:mm:ss", null); // 19:00 without saying whose 19:00
        var refused = await (await client.SendAsync(Scenario.Booking(new { restaurantId = r.Id, partySize = 2, start = local }))).ShouldBeAsync(HttpStatusCode.BadRequest);
        refused.GetProperty("errors").GetProperty("start")[0].GetString()!.ShouldContain("offset");
        (await factory.CountAsync("SELECT count(*) FROM reservations WHERE restaurant_id = @Id", new { r.Id })).ShouldBe(0);
        await (await client.PostAsJsonAsync("/api/waitlist/notify-me", new { restaurantId = r.Id, partySize = 2, start = local })).ShouldBeInvalidAsync("start");
        await (await client.SendAsync(Scenario.Booking(new { restaurantId = r.Id, partySize = 2, start = "next friday" }))).ShouldBeInvalidAsync("start");

        var utc = TestRestaurant.At(19).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", null);
        var booked = await (await client.SendAsync(Scenario.Booking(new { restaurantId = r.Id, partySize = 2, start = utc }))).ShouldBeAsync(HttpStatusCode.Created);
        booked.GetProperty("start").GetDateTimeOffset().ShouldBe(TestRestaurant.At(19));
        booked.GetProperty("start").GetString()!.ShouldEndWith("+09:00");

        var id = booked.GetProperty("id").GetGuid();
        await (await client.PatchAsJsonAsync($"/api/reservations/{id}", new { start = TestRestaurant.At(20).ToString("yyyy-MM-ddTHH:mm", null) })).ShouldBeInvalidAsync("start");
    }
}

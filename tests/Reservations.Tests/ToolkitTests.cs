using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Options;

namespace Brigade.Reservations.Tests;

/// <summary>What the shared endpoint toolkit gives this service: messages in the caller's language and settings checked at start.</summary>
public sealed class ToolkitTests(ReservationsFactory factory) : IClassFixture<ReservationsFactory>
{
    [Fact]
    public async Task Problems_speak_korean_to_a_korean_client_and_english_otherwise()
    {
        var r = await factory.RestaurantAsync();
        using var client = factory.ClientFor(Actor.Diner());
        var booking = Scenario.Booking(new { restaurantId = r.Id, partySize = 0, start = TestRestaurant.At(12) });
        booking.Headers.AcceptLanguage.ParseAdd("ko-KR");
        var korean = await (await client.SendAsync(booking)).ShouldBeAsync(HttpStatusCode.BadRequest);
        korean.GetProperty("errors").GetProperty("partySize")[0].GetString().ShouldBe("partySize은(는) 1에서 100 사이여야 합니다.");

        var missing = new HttpRequestMessage(HttpMethod.Get, $"/api/reservations/{Guid.NewGuid()}");
        missing.Headers.AcceptLanguage.ParseAdd("ko");
        (await (await client.SendAsync(missing)).ShouldBeAsync(HttpStatusCode.NotFound)).GetProperty("detail").GetString().ShouldBe("해당 예약을(를) 찾을 수 없습니다.");
        (await (await client.GetAsync($"/api/reservations/{Guid.NewGuid()}")).ShouldBeAsync(HttpStatusCode.NotFound)).GetProperty("detail").GetString().ShouldBe("No such reservation.");
    }

    [Fact]
    public void A_bad_setting_stops_the_service_at_start_naming_the_setting()
    {
        using var broken = factory.WithWebHostBuilder(b => b.UseSetting("Reservations:HoldExpiryInterval", "00:00:00"));
        var failure = Should.Throw<OptionsValidationException>(() => broken.Services);
        failure.Message.ShouldContain(nameof(ReservationsOptions.HoldExpiryInterval));
    }

    [Fact]
    public async Task A_nul_character_in_a_body_or_a_query_is_a_400_naming_the_field_never_a_500()
    {
        var r = await factory.RestaurantAsync();
        using var diner = factory.ClientFor(Actor.Diner());
        var booking = Scenario.Booking(new { restaurantId = r.Id, partySize = 2, start = TestRestaurant.At(12), notes = "창가\u0000자리" });
        await (await diner.SendAsync(booking)).ShouldBeInvalidAsync("notes");

        using var owner = factory.ClientFor(r.Owner);
        await (await owner.GetAsync($"/api/guests?restaurantId={r.Id}&phone=010%001234")).ShouldBeInvalidAsync("phone");
    }

    [Fact]
    public async Task A_wrong_type_names_the_field_and_the_shape_never_an_internal_type()
    {
        var r = await factory.RestaurantAsync();
        using var owner = factory.ClientFor(r.Owner);
        var cases = new (HttpMethod Method, string Path, string Json, string Field)[]
        {
            (HttpMethod.Post, "/api/reservations", $$"""{"restaurantId":"{{r.Id}}","partySize":"two"}""", "partySize"),
            (HttpMethod.Post, "/api/reservations", """{"restaurantId":"tomorrow","partySize":2}""", "restaurantId"),
            (HttpMethod.Post, "/api/waitlist", $$"""{"restaurantId":"{{r.Id}}","partySize":[2]}""", "partySize"),
            (HttpMethod.Put, $"/api/reservations/settings/{r.Id}", """{"slotMinutes":"half an hour"}""", "slotMinutes"),
        };
        foreach (var (method, path, json, field) in cases)
        {
            using var request = new HttpRequestMessage(method, path) { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") };
            request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
            var response = await owner.SendAsync(request);
            await response.ShouldBeInvalidAsync(field);
            var problem = await response.Content.ReadAsStringAsync();
            problem.ShouldNotContain("Brigade.", customMessage: path);
            problem.ShouldNotContain("System.", customMessage: path);
        }
    }
}

using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Options;

namespace Brigade.Restaurants.Tests;

/// <summary>What the shared endpoint toolkit gives this service: messages in the caller's language and settings checked at start.</summary>
public sealed class ToolkitTests(RestaurantsFactory factory) : IClassFixture<RestaurantsFactory>
{
    [Fact]
    public async Task Problems_speak_korean_to_a_korean_client_and_english_otherwise()
    {
        using var client = factory.ClientFor(Actor.Owner());
        var create = new HttpRequestMessage(HttpMethod.Post, "/api/restaurants") { Content = JsonContent.Create(new { name = "", cuisine = "korean", address = "서울", location = new { lat = 37.5, lng = 127.0 }, priceRange = 9 }) };
        create.Headers.AcceptLanguage.ParseAdd("ko-KR,en;q=0.5");
        var korean = await (await client.SendAsync(create)).ShouldBeAsync(HttpStatusCode.BadRequest);
        korean.GetProperty("errors").GetProperty("priceRange")[0].GetString().ShouldBe("priceRange는 1(₩)에서 4(₩₩₩₩) 사이여야 합니다.");
        korean.GetProperty("title").GetString().ShouldBe("입력값을 확인해 주세요.");

        var english = await (await client.PostAsJsonAsync("/api/restaurants", new { name = "x", cuisine = "korean", address = "서울", location = new { lat = 37.5, lng = 127.0 }, priceRange = 9 }))
            .ShouldBeAsync(HttpStatusCode.BadRequest);
        english.GetProperty("errors").GetProperty("priceRange")[0].GetString().ShouldBe("priceRange must be 1 (₩) to 4 (₩₩₩₩).");

        var missing = new HttpRequestMessage(HttpMethod.Get, $"/api/restaurants/{Guid.NewGuid()}");
        missing.Headers.AcceptLanguage.ParseAdd("ko");
        (await (await client.SendAsync(missing)).ShouldBeAsync(HttpStatusCode.NotFound)).GetProperty("detail").GetString().ShouldBe("해당 식당을(를) 찾을 수 없습니다.");
    }

    [Fact]
    public void A_bad_setting_stops_the_service_at_start_naming_the_setting()
    {
        using var broken = factory.WithWebHostBuilder(b => b.UseSetting("Restaurants:IdentityUrl", "not a url"));
        var failure = Should.Throw<OptionsValidationException>(() => broken.Services);
        failure.Message.ShouldContain(nameof(RestaurantsOptions.IdentityUrl));
    }

    [Fact]
    public async Task A_nul_character_in_a_query_or_a_body_is_a_400_naming_the_field_never_a_500()
    {
        var owner = Actor.Owner();
        var id = await factory.CreateRestaurantAsync(owner);
        using var client = factory.ClientFor(owner);
        await (await client.GetAsync($"/api/restaurants/{id}/menu/items?category=main%00course")).ShouldBeInvalidAsync("category");
        await (await client.GetAsync("/api/restaurants?query=kim%00chi")).ShouldBeInvalidAsync("query");
        await (await client.PatchAsync($"/api/restaurants/{id}", new StringContent("""{"description":"a\u0000b"}""", System.Text.Encoding.UTF8, "application/json")))
            .ShouldBeInvalidAsync("description");
    }
}

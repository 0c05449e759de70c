using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Brigade.Restaurants.Tests;

public sealed class HoursApiTests(RestaurantsFactory factory) : IClassFixture<RestaurantsFactory>
{
    private readonly Actor _owner = Actor.Owner();

    private static IEnumerable<(string Start, string End)> Periods(JsonElement hours) =>
        hours.GetProperty("periods").EnumerateArray().Select(p => (p.GetProperty("start").GetString()!, p.GetProperty("end").GetString()!));

    [Fact]
    public async Task Seoul_hours_expand_with_offset_and_past_midnight()
    {
        var id = await factory.CreateRestaurantAsync(_owner);
        using var client = factory.ClientFor(_owner);
        await (await client.PutAsJsonAsync($"/api/restaurants/{id}/hours", new
        {
            weekly = new object[]
            {
                new { day = "friday", open = "11:30", close = "15:00", name = "lunch" },
                new { day = "friday", open = "17:30", close = "02:00", name = "dinner" },
            },
            exceptions = new object[] { new { date = "2026-03-13", closed = true, note = "쉬는 날" } },
        })).ShouldBeAsync(HttpStatusCode.OK);

        using var anonymous = factory.ClientFor(Actor.Anonymous);
        var hours = await (await anonymous.GetAsync($"/api/restaurants/{id}/hours?from=2026-03-06&to=2026-03-14")).ShouldBeAsync(HttpStatusCode.OK);

        hours.GetProperty("timeZone").GetString().ShouldBe("Asia/Seoul");
        Periods(hours).ShouldBe([
            ("2026-03-06T11:30:00+09:00", "2026-03-06T15:00:00+09:00"),
            ("2026-03-06T17:30:00+09:00", "2026-03-07T02:00:00+09:00"),
        ]); // the 13th is closed
        hours.GetProperty("exceptions")[0].GetProperty("date").GetString().ShouldBe("2026-03-13");
    }

    [Fact]
    public async Task New_york_hours_follow_the_clock_change()
    {
        var id = await factory.CreateRestaurantAsync(_owner, body: Scenario.RestaurantBody(timeZone: "America/New_York", lat: 40.7128, lng: -74.006));
        using var client = factory.ClientFor(_owner);
        await (await client.PutAsJsonAsync($"/api/restaurants/{id}/hours", new
        {
            weekly = new[] { new { day = "saturday", open = "18:00", close = "02:00" }, new { day = "sunday", open = "18:00", close = "23:00" } },
        })).ShouldBeAsync(HttpStatusCode.OK);

        var hours = await (await client.GetAsync($"/api/restaurants/{id}/hours?from=2026-03-07&to=2026-03-08")).ShouldBeAsync(HttpStatusCode.OK);

        Periods(hours).ShouldBe([
            ("2026-03-07T18:00:00-05:00", "2026-03-08T03:00:00-04:00"),
            ("2026-03-08T18:00:00-04:00", "2026-03-08T23:00:00-04:00"),
        ]);
    }

    [Fact]
    public async Task Changing_the_time_zone_keeps_the_local_hours()
    {
        var id = await factory.CreateRestaurantAsync(_owner);
        using var client = factory.ClientFor(_owner);
        await (await client.PutAsJsonAsync($"/api/restaurants/{id}/hours", new { weekly = new[] { new { day = "sunday", open = "12:00", close = "14:00" } } }))
            .ShouldBeAsync(HttpStatusCode.OK);
        await (await client.PatchAsJsonAsync($"/api/restaurants/{id}", new { timeZone = "Europe/Berlin" })).ShouldBeAsync(HttpStatusCode.OK);

        var hours = await (await client.GetAsync($"/api/restaurants/{id}/hours?from=2026-03-22&to=2026-03-29")).ShouldBeAsync(HttpStatusCode.OK);

        Periods(hours).Select(p => p.Start).ShouldBe(["2026-03-22T12:00:00+01:00", "2026-03-29T12:00:00+02:00"]);
    }

    [Fact]
    public async Task Without_a_range_the_next_seven_local_days_are_expanded()
    {
        var id = await factory.CreateRestaurantAsync(_owner);
        using var client = factory.ClientFor(_owner);
        var everyDay = new[] { "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday" }
            .Select(day => new { day, open = "10:00", close = "20:00" }).ToArray();
        await (await client.PutAsJsonAsync($"/api/restaurants/{id}/hours", new { weekly = everyDay })).ShouldBeAsync(HttpStatusCode.OK);

        var hours = await (await client.GetAsync($"/api/restaurants/{id}/hours")).ShouldBeAsync(HttpStatusCode.OK);

        hours.GetProperty("periods").GetArrayLength().ShouldBe(7);
    }
}

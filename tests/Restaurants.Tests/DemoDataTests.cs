using System.Net;
using Brigade.Restaurants.DemoData;
using Microsoft.Extensions.DependencyInjection;

namespace Brigade.Restaurants.Tests;

/// <summary>The local demo data: about thirty Seoul restaurants, loaded at start and idempotent.</summary>
public sealed class DemoDataTests(DemoDataTests.DemoFactory factory) : IClassFixture<DemoDataTests.DemoFactory>
{
    public sealed class DemoFactory : RestaurantsFactory
    {
        public Guid DemoOwner { get; } = Guid.CreateVersion7();

        protected override void ConfigureSettings(IDictionary<string, string?> settings)
        {
            base.ConfigureSettings(settings);
            settings["Restaurants:LoadDemoData"] = "true";
            settings["Restaurants:DemoOwnerUserId"] = DemoOwner.ToString();
        }
    }

    private async Task<long[]> CountsAsync() =>
    [
        await factory.CountAsync("SELECT count(*) FROM restaurants"),
        await factory.CountAsync("SELECT count(*) FROM menu_items"),
        await factory.CountAsync("SELECT count(*) FROM menu_categories"),
        await factory.CountAsync("SELECT count(*) FROM restaurant_tables"),
        await factory.CountAsync("SELECT count(*) FROM table_groups"),
        await factory.CountAsync("SELECT count(*) FROM weekly_hours"),
        await factory.CountAsync("SELECT count(*) FROM restaurant_members"),
        await factory.OutboxCountAsync(),
    ];

    [Fact]
    public async Task Loading_twice_changes_nothing()
    {
        _ = factory.Services; // started: loaded once (and once more into the template copy)
        var before = await CountsAsync();

        var inserted = await factory.Services.GetRequiredService<DemoDataLoader>().LoadAsync(CancellationToken.None);

        inserted.ShouldBe(0);
        (await CountsAsync()).ShouldBe(before);
        before[0].ShouldBe(30);
        before[1].ShouldBeGreaterThan(100);
        before[6].ShouldBe(30); // the demo owner of each
    }

    [Fact]
    public async Task The_demo_restaurants_are_published_searchable_and_complete()
    {
        using var client = factory.ClientFor(Actor.Anonymous);

        var noodles = await (await client.GetAsync("/api/restaurants?query=%ED%8F%89%EC%96%91")).ShouldBeAsync(HttpStatusCode.OK); // 평양
        var restaurant = noodles.GetProperty("items")[0];
        restaurant.GetProperty("nameEn").GetString().ShouldBe("Euljiro Pyongyang Noodle House");
        restaurant.GetProperty("currency").GetString().ShouldBe("KRW");
        var id = restaurant.GetProperty("id").GetGuid();

        var menu = await (await client.GetAsync($"/api/restaurants/{id}/menu")).ShouldBeAsync(HttpStatusCode.OK);
        menu.GetProperty("items").GetArrayLength().ShouldBeGreaterThan(3);
        menu.GetProperty("items")[0].GetProperty("price").GetProperty("currency").GetString().ShouldBe("KRW");
        var hours = await (await client.GetAsync($"/api/restaurants/{id}/hours?from=2026-02-16&to=2026-02-18")).ShouldBeAsync(HttpStatusCode.OK);
        hours.GetProperty("periods").GetArrayLength().ShouldBe(2); // closed on Seollal, 2026-02-17

        using var service = factory.ClientFor(Actor.Service());
        var floor = await (await service.GetAsync($"/api/restaurants/{id}/floor")).ShouldBeAsync(HttpStatusCode.OK);
        floor.GetProperty("tables").GetArrayLength().ShouldBeGreaterThan(5);
        floor.GetProperty("groups").GetArrayLength().ShouldBeGreaterThan(0);

        var near = await (await client.GetAsync("/api/restaurants?near=37.5172,127.0473&radiusKm=3&limit=100")).ShouldBeAsync(HttpStatusCode.OK); // Gangnam
        near.GetProperty("items").GetArrayLength().ShouldBeGreaterThan(2);
    }

    [Fact]
    public void Every_demo_record_passes_the_same_rules_as_the_api()
    {
        // Read() parses; LoadAsync checks every record with the domain rules and would have failed start-up otherwise.
        var document = DemoDataLoader.Read();

        document.Restaurants.Count.ShouldBe(30);
        document.Restaurants.Select(r => r.Key).Distinct().Count().ShouldBe(30);
        document.Restaurants.ShouldAllBe(r => r.Name.Any(c => c >= '가' && c <= '힣') && r.NameEn.Length > 0);
        document.Restaurants.ShouldAllBe(r => r.Lat > 37.4 && r.Lat < 37.7 && r.Lng > 126.8 && r.Lng < 127.2);
    }
}

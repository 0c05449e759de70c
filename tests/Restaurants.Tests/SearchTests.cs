using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Brigade.Restaurants.Tests;

/// <summary>The public list: published only, Korean and English text, cuisine, distance, cursor paging.</summary>
public sealed class SearchTests(SearchTests.World world) : IClassFixture<SearchTests.World>
{
    public sealed class World : RestaurantsFactory
    {
        public Dictionary<string, Guid> Ids { get; } = [];

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            var owner = Actor.Owner();
            async Task Add(string key, string name, string nameEn, string cuisine, double lat, double lng, bool publish = true) =>
                Ids[key] = await this.CreateRestaurantAsync(owner, publish, new
                {
                    name, nameEn, cuisine, address = "서울", location = new { lat, lng },
                });

            await Add("naengmyeon", "을지로 평양냉면", "Euljiro Pyongyang Naengmyeon", "korean", 37.5663, 126.9910);
            await Add("ramen", "연남 라멘", "Yeonnam Ramen", "japanese", 37.5622, 126.9255);
            await Add("sushi", "압구정 스시", "Apgujeong Sushi", "japanese", 37.5271, 127.0286);
            await Add("galbi", "마포 돼지갈비", "Mapo Pork Galbi", "korean-bbq", 37.5445, 126.9515);
            await Add("busan", "해운대 밀면", "Haeundae Milmyeon", "korean", 35.1631, 129.1635);
            await Add("draft", "을지로 비밀 냉면", "Secret Naengmyeon", "korean", 37.5660, 126.9900, publish: false);
        }
    }

    private async Task<List<Guid>> IdsAsync(string query)
    {
        using var client = world.ClientFor(Actor.Anonymous);
        var page = await (await client.GetAsync($"/api/restaurants?{query}")).ShouldBeAsync(HttpStatusCode.OK);
        return page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).ToList();
    }

    [Theory]
    [InlineData("query=%EB%83%89%EB%A9%B4", "naengmyeon")] // 냉면
    [InlineData("query=pyongyang", "naengmyeon")]
    [InlineData("query=RAMEN", "ramen")]
    [InlineData("query=%EB%8F%BC%EC%A7%80%EA%B0%88%EB%B9%84", "galbi")] // 돼지갈비
    [InlineData("query=pyongyan%20naengmyon", "naengmyeon")] // a misspelling, by trigram similarity
    public async Task Text_finds_korean_and_english_names(string query, string expected)
    {
        var ids = await IdsAsync(query);

        ids.ShouldContain(world.Ids[expected]);
        ids.ShouldNotContain(world.Ids["draft"]);
    }

    [Fact]
    public async Task Cuisine_filters_and_drafts_are_never_listed()
    {
        (await IdsAsync("cuisine=Japanese")).ShouldBe([world.Ids["ramen"], world.Ids["sushi"]], ignoreOrder: true);
        (await IdsAsync("limit=100")).ShouldNotContain(world.Ids["draft"]);
    }

    [Fact]
    public async Task Near_sorts_by_distance_and_radius_cuts_off()
    {
        // From Seoul City Hall.
        var within10 = await IdsAsync("near=37.5665,126.9780&radiusKm=10");

        within10.ShouldNotContain(world.Ids["busan"]);
        within10.First().ShouldBe(world.Ids["naengmyeon"]); // about 1.2 km away
        within10.ShouldBe([world.Ids["naengmyeon"], world.Ids["galbi"], world.Ids["ramen"], world.Ids["sushi"]]);

        using var client = world.ClientFor(Actor.Anonymous);
        var page = await (await client.GetAsync("/api/restaurants?near=37.5665,126.9780&limit=1")).ShouldBeAsync(HttpStatusCode.OK);
        page.GetProperty("items")[0].GetProperty("distanceKm").GetDouble().ShouldBe(1.2, tolerance: 0.2);
    }

    [Fact]
    public async Task Cursor_paging_walks_every_restaurant_once()
    {
        using var client = world.ClientFor(Actor.Anonymous);
        var seen = new List<Guid>();
        string? cursor = null;
        do
        {
            var page = await (await client.GetAsync($"/api/restaurants?near=37.5665,126.9780&limit=2{(cursor is null ? "" : "&cursor=" + cursor)}"))
                .ShouldBeAsync(HttpStatusCode.OK);
            page.GetProperty("items").GetArrayLength().ShouldBeLessThanOrEqualTo(2);
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()));
            cursor = page.GetProperty("nextCursor").ValueKind == JsonValueKind.Null ? null : page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);

        seen.Count.ShouldBe(5);
        seen.Distinct().Count().ShouldBe(5);
        seen.Last().ShouldBe(world.Ids["busan"]);
    }

    [Fact]
    public async Task Mine_lists_my_restaurants_in_any_status_with_my_role()
    {
        var owner = Actor.Owner();
        var draft = await world.CreateRestaurantAsync(owner, publish: false);
        var staff = Actor.Person("staff", "staff");
        await world.AddMemberAsync(draft, owner, staff, "staff");
        using var client = world.ClientFor(staff);

        var page = await (await client.GetAsync("/api/restaurants/mine")).ShouldBeAsync(HttpStatusCode.OK);

        page.GetProperty("items").GetArrayLength().ShouldBe(1);
        page.GetProperty("items")[0].GetProperty("status").GetString().ShouldBe("draft");
        page.GetProperty("items")[0].GetProperty("myRole").GetString().ShouldBe("staff");
    }
}

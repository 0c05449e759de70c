using System.Net;
using System.Net.Http.Json;
using System.Text;

namespace Brigade.Restaurants.Tests;

/// <summary>Bad input gets a precise 400 problem naming the field, and nothing is written (no row, no event).</summary>
public sealed class ValidationTests(RestaurantsFactory factory) : IClassFixture<RestaurantsFactory>
{
    private readonly Actor _owner = Actor.Owner();

    private async Task<(long Restaurants, long Items, long Tables, long Hours, long Events)> SnapshotAsync() => (
        await factory.CountAsync("SELECT count(*) FROM restaurants"),
        await factory.CountAsync("SELECT count(*) FROM menu_items"),
        await factory.CountAsync("SELECT count(*) FROM restaurant_tables"),
        await factory.CountAsync("SELECT count(*) FROM weekly_hours"),
        await factory.OutboxCountAsync());

    public static TheoryData<string, string> BadRestaurants => new()
    {
        { """{"name":"밍글","cuisine":"korean","address":"서울","location":{"lat":91,"lng":127}}""", "location.lat" },
        { """{"name":"밍글","cuisine":"korean","address":"서울","location":{"lat":37,"lng":-180.5}}""", "location.lng" },
        { """{"name":"밍글","cuisine":"korean","address":"서울"}""", "location" },
        { """{"name":"밍글","cuisine":"korean","address":"서울","location":{"lat":37,"lng":127},"timeZone":"Asia/Busan"}""", "timeZone" },
        { """{"name":"   ","cuisine":"korean","address":"서울","location":{"lat":37,"lng":127}}""", "name" },
        { """{"cuisine":"korean","address":"서울","location":{"lat":37,"lng":127}}""", "name" },
        { """{"name":"밍글","cuisine":"","address":"서울","location":{"lat":37,"lng":127}}""", "cuisine" },
        { """{"name":"밍글","cuisine":"korean","address":"서울","location":{"lat":37,"lng":127},"currency":"WON"}""", "currency" },
        { """{"name":"밍글","cuisine":"korean","address":"서울","location":{"lat":37,"lng":127},"priceRange":9}""", "priceRange" },
        { """{"name":"밍글","cuisine":"korean","address":"서울","location":{"lat":37,"lng":127},"distinction":"five_stars"}""", "distinction" },
        { """{"name":"밍글","cuisine":"korean","address":"서울","location":{"lat":37,"lng":127},"phone":"call me"}""", "phone" },
        { """{"name":"밍글","cuisine":"korean","address":"서울","location":{"lat":37,"lng":127},"photoUrls":["javascript:alert(1)"]}""", "photoUrls[0]" },
        { "{\"name\":\"" + new string('가', 10_000) + "\",\"cuisine\":\"korean\",\"address\":\"서울\",\"location\":{\"lat\":37,\"lng\":127}}", "name" },
    };

    [Fact]
    public async Task The_snapshot_sees_a_good_restaurant_and_its_event()
    {
        var before = await SnapshotAsync();

        await factory.CreateRestaurantAsync(_owner, publish: false);

        var after = await SnapshotAsync();
        after.Restaurants.ShouldBe(before.Restaurants + 1);
        after.Events.ShouldBeGreaterThan(before.Events);
    }

    [Theory]
    [MemberData(nameof(BadRestaurants))]
    public async Task A_bad_restaurant_is_refused_with_the_field_named(string json, string field)
    {
        var before = await SnapshotAsync();
        using var client = factory.ClientFor(_owner);

        var response = await client.PostAsync("/api/restaurants", new StringContent(json, Encoding.UTF8, "application/json"));

        await response.ShouldBeInvalidAsync(field);
        (await SnapshotAsync()).ShouldBe(before);
    }

    [Theory]
    [InlineData("""{"name":"밍글","cuisine":"korean","address":"서울","location":{"lat":"north","lng":127}}""")]
    [InlineData("""{"name":"밍글","cuisine":"korean",""")]
    [InlineData("""{"name":"밍글","cuisine":"korean","address":"서울","location":{"lat":37,"lng":127},"priceRange":1e40}""")]
    [InlineData("[]")]
    public async Task Malformed_json_and_wrong_types_are_a_400_not_a_500(string json)
    {
        var before = await SnapshotAsync();
        using var client = factory.ClientFor(_owner);

        var response = await client.PostAsync("/api/restaurants", new StringContent(json, Encoding.UTF8, "application/json"));

        var problem = (await response.ShouldBeAsync(HttpStatusCode.BadRequest)).ToString();
        problem.ShouldNotContain("Brigade.");  // the field and the shape it needs, never "could not be converted to Brigade.…RestaurantDraft"
        problem.ShouldNotContain("System.");
        (await SnapshotAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task A_bad_patch_changes_nothing()
    {
        var id = await factory.CreateRestaurantAsync(_owner);
        var before = await SnapshotAsync();
        using var client = factory.ClientFor(_owner);

        await (await client.PatchAsJsonAsync($"/api/restaurants/{id}", new { name = "", location = new { lat = 200, lng = 0 }, timeZone = "Nowhere/Else" }))
            .ShouldBeInvalidAsync("name", "location.lat", "timeZone");

        (await SnapshotAsync()).ShouldBe(before);
        var restaurant = await (await client.GetAsync($"/api/restaurants/{id}")).ShouldBeAsync(HttpStatusCode.OK);
        restaurant.GetProperty("version").GetInt32().ShouldBe(2); // created 1, published 2
    }

    [Theory]
    [InlineData("""{"name":"김밥","price":{"amount":-1000,"currency":"KRW"}}""", "price.amount")]
    [InlineData("""{"name":"김밥","price":{"amount":1000,"currency":"XXY"}}""", "price.currency")]
    [InlineData("""{"name":"김밥","price":{"amount":1000,"currency":"USD"}}""", "price.currency")]
    [InlineData("""{"name":"김밥"}""", "price.amount")]
    [InlineData("""{"name":"","price":{"amount":1000}}""", "name")]
    [InlineData("""{"name":"김밥","price":{"amount":1000},"dayparts":["brunch"]}""", "dayparts")]
    [InlineData("""{"name":"김밥","price":{"amount":1000},"modifierGroups":[{"name":"맵기","required":true,"minChoices":2,"maxChoices":1,"options":[{"name":"a"},{"name":"b"}]}]}""", "modifierGroups[0].minChoices")]
    [InlineData("""{"name":"김밥","price":{"amount":1000},"modifierGroups":[{"name":"맵기","options":[]}]}""", "modifierGroups[0].options")]
    [InlineData("""{"name":"김밥","price":{"amount":1000},"photoUrl":"not a url"}""", "photoUrl")]
    public async Task A_bad_menu_item_is_refused_and_nothing_is_written(string json, string field)
    {
        var id = await factory.CreateRestaurantAsync(_owner);
        var before = await SnapshotAsync();
        using var client = factory.ClientFor(_owner);

        var response = await client.PostAsync($"/api/restaurants/{id}/menu/items", new StringContent(json, Encoding.UTF8, "application/json"));

        await response.ShouldBeInvalidAsync(field);
        (await SnapshotAsync()).ShouldBe(before);
        (await factory.CountAsync("SELECT count(*) FROM menu_categories WHERE restaurant_id = @id", new { id })).ShouldBe(0);
    }

    [Theory]
    [InlineData("""{"weekly":[{"day":"monday","open":"11:00","close":"15:00"},{"day":"monday","open":"14:30","close":"22:00"}]}""", "weekly[1]")]
    [InlineData("""{"weekly":[{"day":"saturday","open":"18:00","close":"03:00"},{"day":"sunday","open":"02:00","close":"10:00"}]}""", "weekly[1]")]
    [InlineData("""{"weekly":[{"day":"someday","open":"11:00","close":"15:00"}]}""", "weekly[0].day")]
    [InlineData("""{"weekly":[{"day":"monday","open":"24:30","close":"15:00"}]}""", "weekly[0].open")]
    [InlineData("""{"exceptions":[{"date":"2026-13-01","closed":true}]}""", "exceptions[0].date")]
    [InlineData("""{"exceptions":[{"date":"2026-12-24","closed":false}]}""", "exceptions[0].periods")]
    public async Task Bad_hours_are_refused_and_the_old_hours_stay(string json, string field)
    {
        var id = await factory.CreateRestaurantAsync(_owner);
        using var client = factory.ClientFor(_owner);
        await (await client.PutAsJsonAsync($"/api/restaurants/{id}/hours", new { weekly = new[] { new { day = "friday", open = "11:00", close = "21:00" } } }))
            .ShouldBeAsync(HttpStatusCode.OK);
        var before = await SnapshotAsync();

        var response = await client.PutAsync($"/api/restaurants/{id}/hours", new StringContent(json, Encoding.UTF8, "application/json"));

        await response.ShouldBeInvalidAsync(field);
        (await SnapshotAsync()).ShouldBe(before);
        var hours = await (await client.GetAsync($"/api/restaurants/{id}/hours")).ShouldBeAsync(HttpStatusCode.OK);
        hours.GetProperty("weekly").GetArrayLength().ShouldBe(1);
    }

    [Theory]
    [InlineData("""{"label":"T1","minCapacity":6,"maxCapacity":4}""", "minCapacity")]
    [InlineData("""{"label":"","minCapacity":1,"maxCapacity":4}""", "label")]
    [InlineData("""{"label":"T1","minCapacity":0,"maxCapacity":4}""", "minCapacity")]
    [InlineData("""{"label":"T1","minCapacity":1}""", "maxCapacity")]
    [InlineData("""{"label":"T1","minCapacity":1,"maxCapacity":4,"priority":-5}""", "priority")]
    public async Task A_bad_table_is_refused_and_nothing_is_written(string json, string field)
    {
        var id = await factory.CreateRestaurantAsync(_owner);
        var before = await SnapshotAsync();
        using var client = factory.ClientFor(_owner);

        var response = await client.PostAsync($"/api/restaurants/{id}/tables", new StringContent(json, Encoding.UTF8, "application/json"));

        await response.ShouldBeInvalidAsync(field);
        (await SnapshotAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task A_duplicate_table_label_is_a_conflict()
    {
        var id = await factory.CreateRestaurantAsync(_owner);
        using var client = factory.ClientFor(_owner);
        await (await client.PostAsJsonAsync($"/api/restaurants/{id}/tables", new { label = "A1", minCapacity = 1, maxCapacity = 2 })).ShouldBeAsync(HttpStatusCode.Created);
        var before = await SnapshotAsync();

        await (await client.PostAsJsonAsync($"/api/restaurants/{id}/tables", new { label = "a1", minCapacity = 1, maxCapacity = 2 })).ShouldBeAsync(HttpStatusCode.Conflict);

        (await SnapshotAsync()).ShouldBe(before);
    }

    [Theory]
    [InlineData("near=91,127", "near")]
    [InlineData("near=seoul", "near")]
    [InlineData("radiusKm=5", "radiusKm")]
    [InlineData("near=37.5,127&radiusKm=-1", "radiusKm")]
    [InlineData("limit=1000", "limit")]
    [InlineData("cursor=garbage!", "cursor")]
    public async Task Bad_list_filters_are_a_400(string query, string field)
    {
        using var client = factory.ClientFor(Actor.Anonymous);

        await (await client.GetAsync($"/api/restaurants?{query}")).ShouldBeInvalidAsync(field);
    }

    [Fact]
    public async Task A_bad_hours_range_is_a_400()
    {
        var id = await factory.CreateRestaurantAsync(_owner);
        using var client = factory.ClientFor(Actor.Anonymous);

        await (await client.GetAsync($"/api/restaurants/{id}/hours?from=2026-03-10&to=2026-03-01")).ShouldBeInvalidAsync("to");
        await (await client.GetAsync($"/api/restaurants/{id}/hours?from=2026-01-01&to=2028-01-01")).ShouldBeInvalidAsync("to");
        await (await client.GetAsync($"/api/restaurants/{id}/hours?from=yesterday")).ShouldBeAsync(HttpStatusCode.BadRequest);
    }
}

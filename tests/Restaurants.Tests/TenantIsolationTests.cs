using System.Net;
using System.Net.Http.Json;

namespace Brigade.Restaurants.Tests;

/// <summary>One restaurant's people never see or touch another restaurant's private data, even with its ids.</summary>
public sealed class TenantIsolationTests(RestaurantsFactory factory) : IClassFixture<RestaurantsFactory>
{
    [Fact]
    public async Task Another_restaurants_ids_in_my_own_paths_are_not_found()
    {
        var alice = Actor.Owner("alice");
        var bob = Actor.Owner("bob");
        var aliceRestaurant = await factory.CreateRestaurantAsync(alice);
        var bobRestaurant = await factory.CreateRestaurantAsync(bob);
        var aliceItem = (await factory.CreateItemAsync(aliceRestaurant, alice)).GetProperty("id").GetGuid();
        var aliceTable = await factory.CreateTableAsync(aliceRestaurant, alice);
        using var client = factory.ClientFor(bob);

        await (await client.GetAsync($"/api/restaurants/{bobRestaurant}/menu/items/{aliceItem}")).ShouldBeAsync(HttpStatusCode.NotFound);
        await (await client.PatchAsJsonAsync($"/api/restaurants/{bobRestaurant}/menu/items/{aliceItem}", new { name = "stolen" })).ShouldBeAsync(HttpStatusCode.NotFound);
        await (await client.DeleteAsync($"/api/restaurants/{bobRestaurant}/menu/items/{aliceItem}")).ShouldBeAsync(HttpStatusCode.NotFound);
        await (await client.PutAsJsonAsync($"/api/restaurants/{bobRestaurant}/menu/items/{aliceItem}/sold-out", new { soldOut = true })).ShouldBeAsync(HttpStatusCode.NotFound);
        await (await client.GetAsync($"/api/restaurants/{bobRestaurant}/tables/{aliceTable}")).ShouldBeAsync(HttpStatusCode.NotFound);
        await (await client.PatchAsJsonAsync($"/api/restaurants/{bobRestaurant}/tables/{aliceTable}", new { active = false })).ShouldBeAsync(HttpStatusCode.NotFound);

        var bobTable = await factory.CreateTableAsync(bobRestaurant, bob);
        await (await client.PostAsJsonAsync($"/api/restaurants/{bobRestaurant}/table-groups",
            new { name = "mixed", tableIds = new[] { bobTable, aliceTable }, minCapacity = 2, maxCapacity = 6 })).ShouldBeInvalidAsync("tableIds[1]");

        var item = await (await factory.ClientFor(alice).GetAsync($"/api/restaurants/{aliceRestaurant}/menu/items/{aliceItem}")).ShouldBeAsync(HttpStatusCode.OK);
        item.GetProperty("name").GetString()!.ShouldStartWith("김치찌개");
        item.GetProperty("soldOut").GetBoolean().ShouldBeFalse();
        (await factory.CountAsync("SELECT count(*) FROM restaurant_tables WHERE id = @aliceTable AND active", new { aliceTable })).ShouldBe(1);
    }

    [Fact]
    public async Task Staff_of_one_restaurant_see_nothing_private_of_another()
    {
        var alice = Actor.Owner("alice");
        var bob = Actor.Owner("bob");
        var aliceRestaurant = await factory.CreateRestaurantAsync(alice);
        var aliceDraft = await factory.CreateRestaurantAsync(alice, publish: false);
        var bobRestaurant = await factory.CreateRestaurantAsync(bob);
        var bobStaff = Actor.Person("bob-staff", "staff");
        await factory.AddMemberAsync(bobRestaurant, bob, bobStaff, "staff");
        using var client = factory.ClientFor(bobStaff);

        await (await client.GetAsync($"/api/restaurants/{bobRestaurant}/floor")).ShouldBeAsync(HttpStatusCode.OK);
        await (await client.GetAsync($"/api/restaurants/{aliceRestaurant}/floor")).ShouldBeAsync(HttpStatusCode.NotFound);
        await (await client.GetAsync($"/api/restaurants/{aliceRestaurant}/tables")).ShouldBeAsync(HttpStatusCode.NotFound);
        await (await client.GetAsync($"/api/restaurants/{aliceRestaurant}/members")).ShouldBeAsync(HttpStatusCode.NotFound);
        await (await client.GetAsync($"/api/restaurants/{aliceDraft}")).ShouldBeAsync(HttpStatusCode.NotFound);
        await (await client.GetAsync($"/api/restaurants/{aliceDraft}/menu")).ShouldBeAsync(HttpStatusCode.NotFound);
        (await (await client.GetAsync("/api/restaurants/mine")).ShouldBeAsync(HttpStatusCode.OK)).GetProperty("items").GetArrayLength().ShouldBe(1);
    }

    [Fact]
    public async Task Membership_comes_from_this_services_table_not_from_claims_in_the_token()
    {
        var alice = Actor.Owner("alice");
        var aliceDraft = await factory.CreateRestaurantAsync(alice, publish: false);
        var intruderId = Guid.CreateVersion7();
        var forged = new Actor("intruder", intruderId,
            Testing.TestTokens.For(intruderId, ["owner"], (aliceDraft, "owner")));
        using var client = factory.ClientFor(forged);

        await (await client.GetAsync($"/api/restaurants/{aliceDraft}")).ShouldBeAsync(HttpStatusCode.NotFound);
        await (await client.PatchAsJsonAsync($"/api/restaurants/{aliceDraft}", new { name = "mine" })).ShouldBeAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Owners_stay_owners_unless_an_admin_says_otherwise_and_the_last_owner_stays()
    {
        var alice = Actor.Owner("alice");
        var id = await factory.CreateRestaurantAsync(alice);
        var manager = Actor.Person("manager", "manager");
        await factory.AddMemberAsync(id, alice, manager, "manager");
        using var owner = factory.ClientFor(alice);
        using var admin = factory.ClientFor(Actor.Admin());

        await (await owner.PostAsJsonAsync($"/api/restaurants/{id}/members", new { userId = manager.Id, role = "owner" })).ShouldBeInvalidAsync("role");
        await (await owner.DeleteAsync($"/api/restaurants/{id}/members/{alice.Id}")).ShouldBeAsync(HttpStatusCode.Forbidden);
        await (await admin.DeleteAsync($"/api/restaurants/{id}/members/{alice.Id}")).ShouldBeAsync(HttpStatusCode.Conflict);
        await (await admin.PostAsJsonAsync($"/api/restaurants/{id}/members", new { userId = alice.Id, role = "staff" })).ShouldBeAsync(HttpStatusCode.Conflict);

        await (await admin.PostAsJsonAsync($"/api/restaurants/{id}/members", new { userId = manager.Id, role = "owner" })).ShouldBeAsync(HttpStatusCode.OK);
        await (await admin.DeleteAsync($"/api/restaurants/{id}/members/{alice.Id}")).ShouldBeAsync(HttpStatusCode.NoContent);
        await (await owner.GetAsync($"/api/restaurants/{id}/members")).ShouldBeAsync(HttpStatusCode.NotFound);
    }
}

using System.Net;
using System.Net.Http.Json;
using Brigade.Contracts.Identity;
using Brigade.Testing;

namespace Brigade.Restaurants.Tests;

/// <summary>Rights that must not lag behind the token (issue 28): this service's members table and identity's role events win over an older token.</summary>
public sealed class RightsTests(RestaurantsFactory factory) : IClassFixture<RestaurantsFactory>
{
    /// <summary>A person whose token was issued a minute ago, with these platform roles and memberships.</summary>
    private static Actor Earlier(string name, string[] roles, params (Guid RestaurantId, string Role)[] memberships)
    {
        var id = Guid.CreateVersion7();
        return new Actor(name, id, TestTokens.Create(id.ToString(), roles, memberships, issuedAt: DateTimeOffset.UtcNow.AddMinutes(-1), name: name, email: $"{name}-{id:N}@test.brigade"));
    }

    [Fact]
    public async Task The_creator_configures_the_restaurant_with_the_token_that_created_it_and_a_removed_member_loses_access_at_once()
    {
        var owner = Actor.Owner();
        var id = await factory.CreateRestaurantAsync(owner, publish: false);
        using var client = factory.ClientFor(owner);
        await (await client.PatchAsJsonAsync($"/api/restaurants/{id}", new { description = "바로" })).ShouldBeAsync(HttpStatusCode.OK);
        await (await client.GetAsync($"/api/restaurants/{id}/members")).ShouldBeAsync(HttpStatusCode.OK);

        // The staff member's token still names the restaurant after they are removed.
        var staff = Earlier("staff", ["diner"], (id, "staff"));
        await factory.AddMemberAsync(id, owner, staff, "staff");
        using var staffClient = factory.ClientFor(staff);
        await (await staffClient.GetAsync($"/api/restaurants/{id}/floor")).ShouldBeAsync(HttpStatusCode.OK);
        await (await client.DeleteAsync($"/api/restaurants/{id}/members/{staff.Id}")).ShouldBeAsync(HttpStatusCode.NoContent);
        (await staffClient.GetAsync($"/api/restaurants/{id}/floor")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_owner_role_granted_after_the_token_asks_for_a_refresh_and_one_taken_away_is_refused_at_once()
    {
        var person = Earlier("new owner", ["diner"]);
        using (var client = factory.ClientFor(person))
        {
            var plain = await (await client.PostAsJsonAsync("/api/restaurants", Scenario.RestaurantBody())).ShouldBeAsync(HttpStatusCode.Forbidden);
            plain.TryGetProperty("code", out _).ShouldBeFalse();

            await factory.PublishAsync(new UserRolesChanged(person.Id, ["diner", "owner"], DateTimeOffset.UtcNow));
            await RestaurantsFactory.EventuallyAsync(async () =>
            {
                var response = await client.PostAsJsonAsync("/api/restaurants", Scenario.RestaurantBody());
                return response.StatusCode == HttpStatusCode.Forbidden
                    && (await response.ReadJsonAsync()).TryGetProperty("code", out var code) && code.GetString() == "token_refresh_required";
            }, "the new role to ask for a token refresh");
        }

        // The refreshed token carries the role.
        var refreshed = new Actor("new owner", person.Id, TestTokens.Create(person.Id.ToString(), ["diner", "owner"], [], issuedAt: DateTimeOffset.UtcNow.AddSeconds(1)));
        await factory.CreateRestaurantAsync(refreshed, publish: false);

        var former = Earlier("former owner", ["owner"]);
        await factory.CreateRestaurantAsync(former, publish: false);
        await factory.PublishAsync(new UserRolesChanged(former.Id, ["diner"], DateTimeOffset.UtcNow));
        using var formerClient = factory.ClientFor(former);
        await RestaurantsFactory.EventuallyAsync(
            async () => (await formerClient.PostAsJsonAsync("/api/restaurants", Scenario.RestaurantBody())).StatusCode == HttpStatusCode.Forbidden,
            "the removed role to be refused");
    }
}

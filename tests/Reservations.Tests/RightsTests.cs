using System.Net;
using System.Net.Http.Json;
using Brigade.Contracts.Identity;
using Brigade.Contracts.Restaurants;

namespace Brigade.Reservations.Tests;

/// <summary>
/// Rights do not lag behind the token: a restaurant's creator configures it with the token they created it with, a removed
/// member loses access within seconds, and a new platform role says, machine-readably, that the token must be refreshed.
/// </summary>
public sealed class RightsTests(ReservationsFactory factory) : IClassFixture<ReservationsFactory>
{
    /// <summary>A person whose token was issued a while ago (before the events the test then publishes).</summary>
    private static Actor Earlier(string name, string[] roles, params (Guid, string)[] memberships)
    {
        var id = Guid.CreateVersion7();
        return new Actor(name, id, TestTokens.Create(id.ToString(), roles, memberships, issuedAt: DateTimeOffset.UtcNow.AddSeconds(-30), name: name));
    }

    private static readonly object Settings = new { coversPerSlot = 20 };

    private async Task<HttpStatusCode> PutSettingsAsync(Actor who, Guid restaurantId)
    {
        using var client = factory.ClientFor(who);
        return (await client.PutAsJsonAsync($"/api/reservations/settings/{restaurantId}", Settings)).StatusCode;
    }

    private async Task<HttpStatusCode> DaySheetAsync(Actor who, Guid restaurantId)
    {
        using var client = factory.ClientFor(who);
        return (await client.GetAsync($"/api/reservations?restaurantId={restaurantId}&date={TestRestaurant.Day:yyyy-MM-dd}")).StatusCode;
    }

    [Fact]
    public async Task The_creator_of_a_restaurant_configures_it_with_the_token_they_created_it_with()
    {
        var r = await factory.RestaurantAsync();
        var creator = Earlier("creator", ["owner"]); // a business account; the token has no membership of the new restaurant
        (await PutSettingsAsync(creator, r.Id)).ShouldBe(HttpStatusCode.Forbidden);

        await factory.PublishAsync(new RestaurantCreated(Scenario.Snapshot(r.Id, "published"), creator.Id, DateTimeOffset.UtcNow));

        await ReservationsFactory.EventuallyAsync(async () => await PutSettingsAsync(creator, r.Id) == HttpStatusCode.OK, "the creator to be the owner here");
        (await DaySheetAsync(creator, r.Id)).ShouldBe(HttpStatusCode.OK);
        (await PutSettingsAsync(Earlier("someone else", ["owner"]), r.Id)).ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_removed_member_loses_access_at_once_whatever_their_token_says_and_a_new_grant_gives_it_back()
    {
        var r = await factory.RestaurantAsync();
        var staff = Earlier("staff", ["staff"], (r.Id, "staff"));
        (await DaySheetAsync(staff, r.Id)).ShouldBe(HttpStatusCode.OK);

        await factory.PublishAsync(new MemberRemoved(r.Id, staff.Id, "staff", DateTimeOffset.UtcNow));
        await ReservationsFactory.EventuallyAsync(async () => await DaySheetAsync(staff, r.Id) == HttpStatusCode.NotFound, "the removed member to lose access");
        var booking = (await factory.BookedAsync(Actor.Diner(), r.Id, TestRestaurant.At(19))).GetProperty("id").GetGuid();
        await factory.PostAsync(staff, $"/api/reservations/{booking}/cancel", HttpStatusCode.NotFound);
        using (var client = factory.ClientFor(staff))
        {
            await (await client.PostAsJsonAsync("/api/waitlist", new { restaurantId = r.Id, partySize = 2, name = "x" })).ShouldBeAsync(HttpStatusCode.NotFound);
        }

        (await DaySheetAsync(r.Staff, r.Id)).ShouldBe(HttpStatusCode.OK); // others keep theirs

        await factory.PublishAsync(new MemberAdded(r.Id, staff.Id, "staff", DateTimeOffset.UtcNow.AddSeconds(1)));
        await ReservationsFactory.EventuallyAsync(async () => await DaySheetAsync(staff, r.Id) == HttpStatusCode.OK, "the member added again to get access back");
    }

    [Fact]
    public async Task A_demoted_manager_loses_what_only_managers_may_do_and_keeps_what_staff_may()
    {
        var r = await factory.RestaurantAsync();
        var manager = Earlier("manager", ["manager"], (r.Id, "manager"));
        (await PutSettingsAsync(manager, r.Id)).ShouldBe(HttpStatusCode.OK);

        await factory.PublishAsync(new MemberAdded(r.Id, manager.Id, "staff", DateTimeOffset.UtcNow));
        await ReservationsFactory.EventuallyAsync(async () => await PutSettingsAsync(manager, r.Id) == HttpStatusCode.Forbidden, "the demotion to apply");
        (await DaySheetAsync(manager, r.Id)).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_concierge_role_granted_after_the_token_asks_for_a_refresh_and_one_removed_is_refused_at_once()
    {
        var r = await factory.RestaurantAsync();
        var body = new { restaurantId = r.Id, partySize = 2, start = TestRestaurant.At(19), guest = new { name = "VIP" } };
        var desk = Earlier("desk", ["diner"]);
        using (var client = factory.ClientFor(desk))
        {
            var plain = await (await client.PostAsJsonAsync("/api/concierge/requests", body)).ShouldBeAsync(HttpStatusCode.Forbidden);
            plain.TryGetProperty("code", out _).ShouldBeFalse();

            await factory.PublishAsync(new UserRolesChanged(desk.Id, ["diner", "concierge"], DateTimeOffset.UtcNow));
            await ReservationsFactory.EventuallyAsync(async () =>
            {
                var response = await client.PostAsJsonAsync("/api/concierge/requests", body);
                return response.StatusCode == HttpStatusCode.Forbidden
                    && (await response.ShouldBeAsync(HttpStatusCode.Forbidden)).TryGetProperty("code", out var code) && code.GetString() == "token_refresh_required";
            }, "the new role to ask for a token refresh");
        }

        // The refreshed token carries the role.
        using (var refreshed = factory.ClientFor(new Actor("desk", desk.Id, TestTokens.Create(desk.Id.ToString(), ["diner", "concierge"], [], issuedAt: DateTimeOffset.UtcNow.AddSeconds(1)))))
        {
            await (await refreshed.PostAsJsonAsync("/api/concierge/requests", body)).ShouldBeAsync(HttpStatusCode.Created);
        }

        var former = Earlier("former desk", ["concierge"]);
        using var formerClient = factory.ClientFor(former);
        await (await formerClient.PostAsJsonAsync("/api/concierge/requests", body)).ShouldBeAsync(HttpStatusCode.Created);
        await factory.PublishAsync(new UserRolesChanged(former.Id, ["diner"], DateTimeOffset.UtcNow));
        await ReservationsFactory.EventuallyAsync(
            async () => (await formerClient.PostAsJsonAsync("/api/concierge/requests", body)).StatusCode == HttpStatusCode.Forbidden, "the removed role to be refused");
        (await formerClient.GetAsync("/api/concierge/requests")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_late_copy_of_an_older_fact_does_not_undo_a_newer_one()
    {
        var r = await factory.RestaurantAsync();
        var staff = Earlier("staff", ["staff"], (r.Id, "staff"));
        var now = DateTimeOffset.UtcNow;
        await factory.PublishHandledAsync(new MemberRemoved(r.Id, staff.Id, "staff", now), staff.Id);
        await factory.PublishHandledAsync(new MemberAdded(r.Id, staff.Id, "staff", now.AddSeconds(-5)), staff.Id);
        (await DaySheetAsync(staff, r.Id)).ShouldBe(HttpStatusCode.NotFound);
    }
}

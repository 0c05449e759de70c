using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Brigade.Contracts.Restaurants;
using Brigade.Messaging;
using Brigade.Security;
using Microsoft.Extensions.DependencyInjection;

namespace Brigade.Identity.Tests;

public class MembershipTests(IdentityFactory factory) : IClassFixture<IdentityFactory>
{
    [Fact]
    public async Task A_membership_set_by_the_restaurants_service_reaches_the_token_at_the_next_refresh()
    {
        var user = await factory.SignUpAsync("business");
        var restaurant = Guid.CreateVersion7();

        var set = await (await ServiceAsync()).PutAsJsonAsync($"/api/users/{user.Id}/memberships/{restaurant}", new { role = "owner" });

        set.StatusCode.ShouldBe(HttpStatusCode.OK);
        Memberships(user.AccessToken).ShouldBeEmpty();
        var refreshed = (await (await factory.CreateClient().PostAsJsonAsync("/api/auth/refresh", new { refreshToken = user.RefreshToken })).Content.ReadFromJsonAsync<Tokens>())!;
        Memberships(refreshed.AccessToken).ShouldBe([new Membership(restaurant, "owner")]);
        var changed = await factory.OutboxAsync("identity.membership.changed", "userId", user.Id.ToString());
        changed.Single().GetProperty("role").GetString().ShouldBe("owner");
    }

    [Fact]
    public async Task An_owner_manages_managers_and_staff_of_their_own_restaurant_only()
    {
        var owner = await factory.SignUpAsync("business");
        var cook = await factory.SignUpAsync("worker");
        var mine = Guid.CreateVersion7();
        var theirs = Guid.CreateVersion7();
        (await (await ServiceAsync()).PutAsJsonAsync($"/api/users/{owner.Id}/memberships/{mine}", new { role = "owner" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var asOwner = factory.ClientWith(owner.AccessToken);

        (await asOwner.PutAsJsonAsync($"/api/users/{cook.Id}/memberships/{mine}", new { role = "staff" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await asOwner.PutAsJsonAsync($"/api/users/{cook.Id}/memberships/{mine}", new { role = "manager" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        await (await asOwner.PutAsJsonAsync($"/api/users/{cook.Id}/memberships/{mine}", new { role = "owner" })).ShouldBeProblemAsync(403);
        await (await asOwner.PutAsJsonAsync($"/api/users/{cook.Id}/memberships/{theirs}", new { role = "staff" })).ShouldBeProblemAsync(403);
        await (await asOwner.DeleteAsync($"/api/users/{owner.Id}/memberships/{mine}")).ShouldBeProblemAsync(403);
        await (await factory.ClientWith(cook.AccessToken).PutAsJsonAsync($"/api/users/{cook.Id}/memberships/{theirs}", new { role = "owner" })).ShouldBeProblemAsync(403);

        (await asOwner.DeleteAsync($"/api/users/{cook.Id}/memberships/{mine}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await asOwner.DeleteAsync($"/api/users/{cook.Id}/memberships/{mine}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_removed_owner_loses_the_right_at_once_whatever_the_token_says()
    {
        var owner = await factory.SignUpAsync("business");
        var cook = await factory.SignUpAsync("worker");
        var restaurant = Guid.CreateVersion7();
        await (await ServiceAsync()).PutAsJsonAsync($"/api/users/{owner.Id}/memberships/{restaurant}", new { role = "owner" });

        (await (await ServiceAsync()).DeleteAsync($"/api/users/{owner.Id}/memberships/{restaurant}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        await (await factory.ClientWith(owner.AccessToken).PutAsJsonAsync($"/api/users/{cook.Id}/memberships/{restaurant}", new { role = "staff" })).ShouldBeProblemAsync(403);
    }

    [Theory]
    [InlineData("""{"role":"chef"}""")]
    [InlineData("""{"role":"admin"}""")]
    [InlineData("""{}""")]
    public async Task A_bad_role_is_a_400_and_writes_nothing(string json)
    {
        var user = await factory.SignUpAsync();

        var response = await (await ServiceAsync()).PutAsync($"/api/users/{user.Id}/memberships/{Guid.CreateVersion7()}", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        (await response.ShouldBeProblemAsync(400)).ErrorFields().ShouldBe(["role"]);
        (await factory.ScalarAsync<long>("SELECT count(*) FROM memberships WHERE user_id = @Id", new { user.Id })).ShouldBe(0);
    }

    [Fact]
    public async Task Memberships_of_an_unknown_user_are_404()
    {
        (await (await ServiceAsync()).PutAsJsonAsync($"/api/users/{Guid.CreateVersion7()}/memberships/{Guid.CreateVersion7()}", new { role = "staff" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Restaurant_member_events_arrive_through_the_broker()
    {
        var user = await factory.SignUpAsync("worker");
        var restaurant = Guid.CreateVersion7();
        var now = factory.Clock.GetUtcNow();

        // Published the way the restaurants service does: through an outbox, relayed to the broker, consumed by identity.
        await Publish(new MemberAdded(restaurant, user.Id, "staff", now));
        await Eventually(async () => (await MembershipsOf(user)).Count == 1);

        // An older "added" arriving after a newer "removed" does not bring the membership back.
        await Publish(new MemberRemoved(restaurant, user.Id, "staff", now.AddSeconds(2)));
        await Eventually(async () => (await MembershipsOf(user)).Count == 0);
        await Publish(new MemberAdded(restaurant, user.Id, "manager", now.AddSeconds(1)));
        await Eventually(async () => await factory.ScalarAsync<long>("SELECT count(*) FROM messaging_inbox WHERE type = 'restaurants.member.added'") >= 2);
        (await MembershipsOf(user)).ShouldBeEmpty();
    }

    private async Task<List<Membership>> MembershipsOf(TestUser user) =>
        (await factory.ClientWith(user.AccessToken).GetFromJsonAsync<List<Membership>>($"/api/users/{user.Id}/memberships"))!;

    private async Task Publish<TEvent>(TEvent @event) where TEvent : Brigade.Contracts.IIntegrationEvent
    {
        var outbox = factory.Services.GetRequiredService<IOutbox>();
        await using var connection = await factory.Database.DataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await outbox.AddAsync(connection, transaction, @event);
        await transaction.CommitAsync();
    }

    private static async Task Eventually(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 100; i++)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("The condition did not become true within 10 s.");
    }

    private async Task<HttpClient> ServiceAsync()
    {
        var response = await factory.CreateClient().PostAsJsonAsync("/api/auth/token", new { clientId = "restaurants", clientSecret = IdentityFactory.ClientSecret });
        return factory.ClientWith((await response.JsonAsync()).GetProperty("accessToken").GetString());
    }

    private static IReadOnlyList<Membership> Memberships(string token)
    {
        var parts = JwtParts.Of(token);
        return JsonDocument.Parse(parts.Payload).RootElement.GetProperty("memberships").EnumerateArray()
            .Select(m => new Membership(m.GetProperty("restaurantId").GetGuid(), m.GetProperty("role").GetString()!)).ToList();
    }
}

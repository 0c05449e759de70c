using System.Net;
using System.Net.Http.Json;
using Brigade.Restaurants.Clients;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Brigade.Restaurants.Tests;

/// <summary>
/// Adding a member by email asks identity (with a service token) who that is. Identity is another
/// service; here its two endpoints are played by a recording handler.
/// </summary>
public sealed class MembersTests(MembersTests.Factory factory) : IClassFixture<MembersTests.Factory>
{
    public sealed class FakeIdentity : HttpMessageHandler
    {
        public Dictionary<string, Guid> Users { get; } = new(StringComparer.OrdinalIgnoreCase);

        public List<string> Calls { get; } = [];

        public bool Down { get; set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            lock (Calls)
            {
                Calls.Add($"{request.Method} {request.RequestUri!.PathAndQuery} {request.Headers.Authorization}");
            }

            if (Down)
            {
                return new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
            }

            if (request.RequestUri!.AbsolutePath == "/api/auth/token")
            {
                var body = await request.Content!.ReadAsStringAsync(cancellationToken);
                return body.Contains("\"clientSecret\":\"s3cret\"", StringComparison.Ordinal)
                    ? new HttpResponseMessage(HttpStatusCode.OK) { Content = JsonContent.Create(new { accessToken = "service-token", tokenType = "Bearer", expiresIn = 900 }) }
                    : new HttpResponseMessage(HttpStatusCode.Unauthorized);
            }

            if (request.RequestUri.AbsolutePath == "/api/users" && request.Headers.Authorization?.Parameter == "service-token")
            {
                var email = Uri.UnescapeDataString(request.RequestUri.Query.Split("email=")[1].Split('&')[0]);
                var items = Users.TryGetValue(email, out var id) ? new[] { new { id, email } } : [];
                return new HttpResponseMessage(HttpStatusCode.OK) { Content = JsonContent.Create(new { items, nextCursor = (string?)null }) };
            }

            return new HttpResponseMessage(HttpStatusCode.NotFound);
        }
    }

    public class Factory : RestaurantsFactory
    {
        public FakeIdentity Identity { get; } = new();

        protected override void ConfigureSettings(IDictionary<string, string?> settings)
        {
            base.ConfigureSettings(settings);
            settings["Restaurants:IdentityUrl"] = "http://identity.test";
            settings["ServiceAuth:ClientSecret"] = "s3cret";
        }

        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services =>
                services.AddHttpClient<IdentityClient>().ConfigurePrimaryHttpMessageHandler(() => Identity));
        }
    }

    [Fact]
    public async Task An_owner_adds_staff_by_email_and_identity_learns_it_from_the_event()
    {
        var owner = Actor.Owner();
        var id = await factory.CreateRestaurantAsync(owner);
        var staffId = Guid.CreateVersion7();
        factory.Identity.Users["jiwoo@example.kr"] = staffId;
        using var client = factory.ClientFor(owner);

        var member = await (await client.PostAsJsonAsync($"/api/restaurants/{id}/members", new { email = "JiWoo@example.kr", role = "staff" }))
            .ShouldBeAsync(HttpStatusCode.Created);

        member.GetProperty("userId").GetGuid().ShouldBe(staffId);
        factory.Identity.Calls.ShouldContain(c => c.StartsWith("GET /api/users?email=JiWoo%40example.kr", StringComparison.Ordinal) && c.EndsWith("Bearer service-token", StringComparison.Ordinal));
        var added = (await factory.EventsAboutAsync(staffId)).Single();
        added.Type.ShouldBe("restaurants.member.added");
        added.Payload.GetProperty("restaurantId").GetGuid().ShouldBe(id);

        var staff = new Actor("staff", staffId, Testing.TestTokens.For(staffId, ["staff"]));
        using var staffClient = factory.ClientFor(staff);
        await (await staffClient.GetAsync($"/api/restaurants/{id}/floor")).ShouldBeAsync(HttpStatusCode.OK); // at once, before any token refresh
    }

    [Fact]
    public async Task An_unknown_email_is_a_400_with_nothing_written()
    {
        var owner = Actor.Owner();
        var id = await factory.CreateRestaurantAsync(owner);
        using var client = factory.ClientFor(owner);
        var before = await factory.CountAsync("SELECT count(*) FROM restaurant_members");

        await (await client.PostAsJsonAsync($"/api/restaurants/{id}/members", new { email = "nobody@example.kr", role = "staff" })).ShouldBeInvalidAsync("email");

        (await factory.CountAsync("SELECT count(*) FROM restaurant_members")).ShouldBe(before);
    }

    [Theory]
    [InlineData("""{"role":"staff"}""", "userId")]
    [InlineData("""{"userId":"0197a5e0-0000-7000-8000-000000000001","role":"chef"}""", "role")]
    [InlineData("""{"userId":"0197a5e0-0000-7000-8000-000000000001","email":"a@b.c","role":"staff"}""", "email")]
    [InlineData("""{"email":"not-an-email","role":"staff"}""", "email")]
    public async Task Bad_member_requests_are_named(string json, string field)
    {
        var owner = Actor.Owner();
        var id = await factory.CreateRestaurantAsync(owner);
        using var client = factory.ClientFor(owner);

        await (await client.PostAsync($"/api/restaurants/{id}/members", new StringContent(json, System.Text.Encoding.UTF8, "application/json")))
            .ShouldBeInvalidAsync(field);
    }

    [Fact]
    public async Task A_membership_changed_in_identity_is_mirrored_here()
    {
        var owner = Actor.Owner();
        var id = await factory.CreateRestaurantAsync(owner, publish: false);
        var person = Actor.Person("manager", "manager");

        await factory.PublishAsync(new Contracts.Identity.MembershipChanged(person.Id, id, "manager", DateTimeOffset.UtcNow));
        await RestaurantsFactory.EventuallyAsync(async () =>
            await factory.CountAsync("SELECT count(*) FROM restaurant_members WHERE user_id = @u", new { u = person.Id }) == 1, "the mirrored membership");

        using var client = factory.ClientFor(person);
        await (await client.GetAsync($"/api/restaurants/{id}/members")).ShouldBeAsync(HttpStatusCode.OK);
    }
}

/// <summary>Identity down: the lookup is retried, then refused with a 503 (and the circuit opens), nothing written. A host of its own, since the open circuit outlives the test.</summary>
public sealed class IdentityOutageTests(IdentityOutageTests.Factory factory) : IClassFixture<IdentityOutageTests.Factory>
{
    public sealed class Factory : MembersTests.Factory
    {
        public Factory() => Identity.Down = true;
    }

    [Fact]
    public async Task Identity_down_is_a_503_with_nothing_written()
    {
        var owner = Actor.Owner();
        var id = await factory.CreateRestaurantAsync(owner);
        using var client = factory.ClientFor(owner);
        var before = await factory.CountAsync("SELECT count(*) FROM restaurant_members");

        await (await client.PostAsJsonAsync($"/api/restaurants/{id}/members", new { email = "someone@example.kr", role = "staff" }))
            .ShouldBeAsync(HttpStatusCode.ServiceUnavailable);

        (await factory.CountAsync("SELECT count(*) FROM restaurant_members")).ShouldBe(before);
        factory.Identity.Calls.Count(c => c.StartsWith("POST /api/auth/token", StringComparison.Ordinal)).ShouldBe(3); // first try and two retries
    }
}

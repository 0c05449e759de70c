using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.Extensions.DependencyInjection;

namespace Brigade.Restaurants.Tests;

/// <summary>
/// A published restaurant with an owner, a manager and a staff member; a diner; the owner of another
/// restaurant; an administrator; and one posted review. Built once for the whole matrix.
/// </summary>
public sealed class MatrixWorld : RestaurantsFactory
{
    public Actor Owner { get; } = Actor.Owner("owner");
    public Actor Manager { get; } = Actor.Person("manager", "manager");
    public Actor Staff { get; } = Actor.Person("staff", "staff");
    public Actor Diner { get; } = Actor.Diner("diner");
    public Actor OtherOwner { get; } = Actor.Owner("other-owner");
    public Actor Admin { get; } = Actor.Admin();
    public Actor Reviewer { get; } = Actor.Diner("reviewer");

    public IReadOnlyList<Actor> Callers => [Actor.Anonymous, Diner, Owner, Manager, Staff, OtherOwner, Admin];

    public Guid Restaurant { get; private set; }
    public Guid Draft { get; private set; }
    public Guid OtherRestaurant { get; private set; }
    public Guid Item { get; private set; }
    public Guid Category { get; private set; }
    public Guid Table { get; private set; }
    public Guid Group { get; private set; }
    public Guid Review { get; private set; }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Restaurant = await NewRestaurantAsync();
        Draft = await NewRestaurantAsync(publish: false);
        OtherRestaurant = await this.CreateRestaurantAsync(OtherOwner);
        var item = await this.CreateItemAsync(Restaurant, Owner);
        Item = item.GetProperty("id").GetGuid();
        Category = item.GetProperty("categoryId").GetGuid();
        Table = await this.CreateTableAsync(Restaurant, Owner);
        Group = await NewGroupAsync();

        await this.CompleteReservationAsync(Restaurant, Reviewer);
        using var reviewer = ClientFor(Reviewer);
        var review = await (await reviewer.PostAsJsonAsync($"/api/restaurants/{Restaurant}/reviews", new { rating = 5, text = "최고의 냉면" })).ShouldBeAsync(HttpStatusCode.Created);
        Review = review.GetProperty("id").GetGuid();
    }

    /// <summary>A restaurant owned by <see cref="Owner"/> with <see cref="Manager"/> and <see cref="Staff"/> on board.</summary>
    public async Task<Guid> NewRestaurantAsync(bool publish = true)
    {
        var id = await this.CreateRestaurantAsync(Owner, publish);
        await this.AddMemberAsync(id, Owner, Manager, "manager");
        await this.AddMemberAsync(id, Owner, Staff, "staff");
        return id;
    }

    public async Task<Guid> NewGroupAsync()
    {
        var a = await this.CreateTableAsync(Restaurant, Owner);
        var b = await this.CreateTableAsync(Restaurant, Owner);
        using var owner = ClientFor(Owner);
        var group = await (await owner.PostAsJsonAsync($"/api/restaurants/{Restaurant}/table-groups",
            new { name = "G-" + Guid.NewGuid().ToString("N")[..6], tableIds = new[] { a, b }, minCapacity = 4, maxCapacity = 8 })).ShouldBeAsync(HttpStatusCode.Created);
        return group.GetProperty("id").GetGuid();
    }

    public async Task<Guid> NewEmptyCategoryAsync()
    {
        var item = await this.CreateItemAsync(Restaurant, Owner, new { name = "Temp", price = new { amount = 1000 }, category = "Cat-" + Guid.NewGuid().ToString("N")[..6] });
        using var owner = ClientFor(Owner);
        await (await owner.DeleteAsync($"/api/restaurants/{Restaurant}/menu/items/{item.GetProperty("id").GetGuid()}")).ShouldBeAsync(HttpStatusCode.NoContent);
        return item.GetProperty("categoryId").GetGuid();
    }

    public async Task<Guid> NewStaffMemberAsync()
    {
        var person = Actor.Person("temp-staff", "staff");
        await this.AddMemberAsync(Restaurant, Owner, person, "staff");
        return person.Id;
    }
}

/// <summary>Who may call what: every endpoint, every kind of caller, the status each must get.</summary>
public sealed class AuthorizationMatrixTests(MatrixWorld world) : IClassFixture<MatrixWorld>
{
    private delegate Task<HttpRequestMessage> Build(MatrixWorld w);

    /// <summary>Expected statuses in the order anonymous, diner, owner, manager, staff, other restaurant's owner, admin.</summary>
    private sealed record Case(string Expected, Build Request);

    private static HttpRequestMessage Req(HttpMethod method, string path, object? body = null) =>
        new(method, path) { Content = body is null ? null : JsonContent.Create(body) };

    private static Build Get(Func<MatrixWorld, string> path) => w => Task.FromResult(Req(HttpMethod.Get, path(w)));

    private static Build Send(HttpMethod method, Func<MatrixWorld, string> path, Func<object>? body = null) =>
        w => Task.FromResult(Req(method, path(w), body?.Invoke()));

    private static Build Fresh<T>(Func<MatrixWorld, Task<T>> setup, Func<MatrixWorld, T, HttpRequestMessage> request) =>
        async w => request(w, await setup(w));

    private static readonly HttpMethod Patch = HttpMethod.Patch;

    private static readonly Dictionary<string, Case> Cases = new()
    {
        // Profiles
        ["list restaurants"] = new("200 200 200 200 200 200 200", Get(_ => "/api/restaurants")),
        ["list my restaurants"] = new("401 200 200 200 200 200 200", Get(_ => "/api/restaurants/mine")),
        ["index feed (service tokens only)"] = new("401 403 403 403 403 403 403", Get(_ => "/api/restaurants/index-feed?limit=1")),
        ["create restaurant"] = new("401 403 201 403 403 201 201", Send(HttpMethod.Post, _ => "/api/restaurants", () => Scenario.RestaurantBody())),
        ["get restaurant"] = new("200 200 200 200 200 200 200", Get(w => $"/api/restaurants/{w.Restaurant}")),
        ["get draft restaurant"] = new("404 404 200 200 200 404 200", Get(w => $"/api/restaurants/{w.Draft}")),
        ["update restaurant"] = new("401 403 200 200 403 403 200", Send(Patch, w => $"/api/restaurants/{w.Restaurant}", () => new { description = "Updated " + Guid.NewGuid() })),
        ["update draft restaurant"] = new("401 404 200 200 403 404 200", Send(Patch, w => $"/api/restaurants/{w.Draft}", () => new { description = "Draft " + Guid.NewGuid() })),
        ["publish restaurant"] = new("401 403 200 403 403 403 200", Send(HttpMethod.Post, w => $"/api/restaurants/{w.Restaurant}/publish")),
        ["close restaurant"] = new("401 403 200 403 403 403 200",
            Fresh(w => w.NewRestaurantAsync(), (_, id) => Req(HttpMethod.Post, $"/api/restaurants/{id}/close"))),

        // Hours
        ["get hours"] = new("200 200 200 200 200 200 200", Get(w => $"/api/restaurants/{w.Restaurant}/hours")),
        ["get draft hours"] = new("404 404 200 200 200 404 200", Get(w => $"/api/restaurants/{w.Draft}/hours")),
        ["replace hours"] = new("401 403 200 200 403 403 200", Send(HttpMethod.Put, w => $"/api/restaurants/{w.Restaurant}/hours",
            () => new { weekly = new[] { new { day = "monday", open = "11:30", close = "22:00" } } })),

        // Menu
        ["get menu"] = new("200 200 200 200 200 200 200", Get(w => $"/api/restaurants/{w.Restaurant}/menu")),
        ["get draft menu"] = new("404 404 200 200 200 404 200", Get(w => $"/api/restaurants/{w.Draft}/menu")),
        ["list menu items"] = new("200 200 200 200 200 200 200", Get(w => $"/api/restaurants/{w.Restaurant}/menu/items")),
        ["get menu item"] = new("200 200 200 200 200 200 200", Get(w => $"/api/restaurants/{w.Restaurant}/menu/items/{w.Item}")),
        ["create menu item"] = new("401 403 201 201 403 403 201", Send(HttpMethod.Post, w => $"/api/restaurants/{w.Restaurant}/menu/items",
            () => new { name = "떡볶이", price = new { amount = 5000, currency = "KRW" } })),
        ["update menu item"] = new("401 403 200 200 403 403 200", Send(Patch, w => $"/api/restaurants/{w.Restaurant}/menu/items/{w.Item}",
            () => new { description = "Spicy " + Guid.NewGuid() })),
        ["delete menu item"] = new("401 403 204 204 403 403 204", Fresh(
            async w => (await w.CreateItemAsync(w.Restaurant, w.Owner)).GetProperty("id").GetGuid(),
            (w, id) => Req(HttpMethod.Delete, $"/api/restaurants/{w.Restaurant}/menu/items/{id}"))),
        ["switch sold out"] = new("401 403 200 200 200 403 200", Send(HttpMethod.Put, w => $"/api/restaurants/{w.Restaurant}/menu/items/{w.Item}/sold-out",
            () => new { soldOut = true })),
        ["list categories"] = new("200 200 200 200 200 200 200", Get(w => $"/api/restaurants/{w.Restaurant}/menu/categories")),
        ["update category"] = new("401 403 200 200 403 403 200", Send(Patch, w => $"/api/restaurants/{w.Restaurant}/menu/categories/{w.Category}",
            () => new { sortOrder = 3 })),
        ["delete category"] = new("401 403 204 204 403 403 204", Fresh(w => w.NewEmptyCategoryAsync(),
            (w, id) => Req(HttpMethod.Delete, $"/api/restaurants/{w.Restaurant}/menu/categories/{id}"))),
        ["get dayparts"] = new("200 200 200 200 200 200 200", Get(w => $"/api/restaurants/{w.Restaurant}/menu/dayparts")),
        ["replace dayparts"] = new("401 403 200 200 403 403 200", Send(HttpMethod.Put, w => $"/api/restaurants/{w.Restaurant}/menu/dayparts",
            () => new { dayparts = new[] { new { name = "lunch", start = "11:30", end = "15:00" } } })),

        // Floor
        ["get floor"] = new("401 404 200 200 200 404 200", Get(w => $"/api/restaurants/{w.Restaurant}/floor")),
        ["list tables"] = new("401 404 200 200 200 404 200", Get(w => $"/api/restaurants/{w.Restaurant}/tables")),
        ["get table"] = new("401 404 200 200 200 404 200", Get(w => $"/api/restaurants/{w.Restaurant}/tables/{w.Table}")),
        ["create table"] = new("401 403 201 201 403 403 201", Send(HttpMethod.Post, w => $"/api/restaurants/{w.Restaurant}/tables",
            () => new { label = "M-" + Guid.NewGuid().ToString("N")[..8], minCapacity = 1, maxCapacity = 2 })),
        ["update table"] = new("401 403 200 200 403 403 200", Send(Patch, w => $"/api/restaurants/{w.Restaurant}/tables/{w.Table}",
            () => new { priority = Random.Shared.Next(0, 100) })),
        ["create table group"] = new("401 403 201 201 403 403 201", Fresh(
            async w => (await w.CreateTableAsync(w.Restaurant, w.Owner), await w.CreateTableAsync(w.Restaurant, w.Owner)),
            (w, t) => Req(HttpMethod.Post, $"/api/restaurants/{w.Restaurant}/table-groups",
                new { name = "G-" + Guid.NewGuid().ToString("N")[..8], tableIds = new[] { t.Item1, t.Item2 }, minCapacity = 3, maxCapacity = 8 }))),
        ["update table group"] = new("401 403 200 200 403 403 200", Send(Patch, w => $"/api/restaurants/{w.Restaurant}/table-groups/{w.Group}",
            () => new { minCapacity = Random.Shared.Next(3, 6) })),
        ["delete table group"] = new("401 403 204 204 403 403 204", Fresh(w => w.NewGroupAsync(),
            (w, id) => Req(HttpMethod.Delete, $"/api/restaurants/{w.Restaurant}/table-groups/{id}"))),

        // Members
        ["list members"] = new("401 404 200 200 403 404 200", Get(w => $"/api/restaurants/{w.Restaurant}/members")),
        ["add member"] = new("401 403 201 403 403 403 201", Send(HttpMethod.Post, w => $"/api/restaurants/{w.Restaurant}/members",
            () => new { userId = Guid.CreateVersion7(), role = "staff" })),
        ["remove member"] = new("401 403 204 403 403 403 204", Fresh(w => w.NewStaffMemberAsync(),
            (w, id) => Req(HttpMethod.Delete, $"/api/restaurants/{w.Restaurant}/members/{id}"))),

        // Reviews
        ["list reviews"] = new("200 200 200 200 200 200 200", Get(w => $"/api/restaurants/{w.Restaurant}/reviews")),
        ["get draft reviews"] = new("404 404 200 200 200 404 200", Get(w => $"/api/restaurants/{w.Draft}/reviews")),
        ["review eligibility"] = new("401 200 200 200 200 200 200", Get(w => $"/api/restaurants/{w.Restaurant}/reviews/eligibility")),
        ["post review without a visit"] = new("401 403 403 403 403 403 403", Send(HttpMethod.Post, w => $"/api/restaurants/{w.Restaurant}/reviews",
            () => new { rating = 4, text = "좋아요" })),
        ["reply to review"] = new("401 403 200 200 403 403 200", Send(HttpMethod.Put, w => $"/api/restaurants/{w.Restaurant}/reviews/{w.Review}/reply",
            () => new { text = "감사합니다!" })),
        ["hide review"] = new("401 403 403 403 403 403 200", Send(HttpMethod.Post, w => $"/api/restaurants/{w.Restaurant}/reviews/{w.Review}/hide",
            () => new { reason = "test" })),
        ["unhide review"] = new("401 403 403 403 403 403 200", Send(HttpMethod.Post, w => $"/api/restaurants/{w.Restaurant}/reviews/{w.Review}/unhide")),
    };

    public static TheoryData<string> Endpoints => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Every_caller_gets_the_status_the_matrix_states(string endpoint)
    {
        var @case = Cases[endpoint];
        var expected = @case.Expected.Split(' ').Select(int.Parse).ToArray();
        var mismatches = new StringBuilder();
        for (var i = 0; i < world.Callers.Count; i++)
        {
            var caller = world.Callers[i];
            using var client = world.ClientFor(caller);
            using var request = await @case.Request(world);
            using var response = await client.SendAsync(request);
            if ((int)response.StatusCode != expected[i])
            {
                mismatches.AppendLine($"{caller}: expected {expected[i]}, got {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
            else if (expected[i] >= 400)
            {
                response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json", $"{caller} on {endpoint}");
            }
        }

        mismatches.ToString().ShouldBeEmpty();
    }

    [Fact]
    public void The_matrix_covers_every_endpoint_of_the_service()
    {
        var endpoints = world.Services.GetServices<Microsoft.AspNetCore.Routing.EndpointDataSource>()
            .SelectMany(s => s.Endpoints).OfType<Microsoft.AspNetCore.Routing.RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/restaurants", StringComparison.Ordinal) == true)
            .Select(e => $"{string.Join(",", e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? [])} {e.RoutePattern.RawText}")
            .Distinct()
            .ToList();

        // One case per endpoint at least (some endpoints have extra cases for drafts).
        endpoints.Count.ShouldBeLessThanOrEqualTo(Cases.Count);
        endpoints.Count.ShouldBe(39, string.Join("\n", endpoints.Order()));
    }

    [Fact]
    public async Task A_service_token_reads_private_parts_but_changes_nothing()
    {
        using var service = world.ClientFor(Actor.Service());

        (await service.GetAsync($"/api/restaurants/{world.Restaurant}/tables")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await service.GetAsync($"/api/restaurants/{world.Draft}/floor")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await service.PatchAsJsonAsync($"/api/restaurants/{world.Restaurant}", new { description = "service" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await service.PostAsJsonAsync($"/api/restaurants/{world.Restaurant}/reviews", new { rating = 5, text = "x" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await service.PostAsJsonAsync("/api/restaurants", Scenario.RestaurantBody())).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}

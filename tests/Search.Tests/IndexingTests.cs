using System.Net;
using Brigade.Contracts.Jobs;
using Brigade.Contracts.Restaurants;

namespace Brigade.Search.Tests;

/// <summary>Documents follow the source services' events: real events through the broker, polled until they show.</summary>
public sealed class IndexingTests(SearchFactory app) : IClassFixture<SearchFactory>, IAsyncLifetime
{
    public Task InitializeAsync() => app.BuiltAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private static string Unique(string prefix) => $"{prefix}{Guid.NewGuid().ToString("N")[..6]}";

    private Task Shows(string q, string name, string type = "restaurant") => ServiceFactory<Program>.EventuallyAsync(
        async () => (await app.NamesAsync($"q={Uri.EscapeDataString(q)}&type={type}")).Contains(name), $"{name} to be found by {q}");

    private Task Gone(string q, string name, string type = "restaurant") => ServiceFactory<Program>.EventuallyAsync(
        async () => !(await app.NamesAsync($"q={Uri.EscapeDataString(q)}&type={type}")).Contains(name), $"{name} to be gone for {q}");

    [Fact]
    public async Task A_published_restaurant_is_indexed_from_its_events_and_follows_its_menu()
    {
        var tag = Unique("t");
        var name = "평양면옥 " + tag;
        var draft = Build.Restaurant(name, status: "draft");
        var dish = Build.Dish("물냉면");
        await app.PublishAllAsync(new RestaurantCreated(draft, null, DateTimeOffset.UtcNow), Build.DishChanged(draft.RestaurantId, dish));
        await app.PublishAsync(new RestaurantPublished(draft with { Status = "published", Version = 2 }, DateTimeOffset.UtcNow));
        await Shows(tag, name);
        await Shows("물냉면 " + tag, name);

        // The dish is renamed, then removed; an old copy of the first event arriving late changes nothing.
        var renamed = dish with { Name = "비빔냉면", Version = 2 };
        await app.PublishAsync(Build.DishChanged(draft.RestaurantId, renamed));
        await Shows("비빔냉면 " + tag, name);
        await app.PublishAsync(Build.DishChanged(draft.RestaurantId, renamed with { Version = 3 }, removed: true));
        await Gone("비빔냉면 " + tag, name);
        await app.PublishAsync(Build.DishChanged(draft.RestaurantId, dish));
        await app.PublishAsync(new RestaurantUpdated(draft with { Status = "published", Version = 3, Description = "숯불 향" }, DateTimeOffset.UtcNow));
        await Shows("숯불 " + tag, name);
        (await app.NamesAsync($"q={Uri.EscapeDataString("물냉면 " + tag)}&type=restaurant")).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_closed_restaurant_disappears_and_comes_back_when_published_again()
    {
        var tag = Unique("휴업식당");
        var restaurant = Build.Restaurant(tag);
        await app.PublishAsync(new RestaurantPublished(restaurant, DateTimeOffset.UtcNow.AddSeconds(-10)));
        await Shows(tag, tag);
        await app.PublishAsync(new RestaurantClosed(restaurant.RestaurantId, DateTimeOffset.UtcNow.AddSeconds(-5)));
        await Gone(tag, tag);

        // A late copy of an older profile event does not reopen it; a new publication does.
        await app.PublishAsync(new RestaurantUpdated(restaurant, DateTimeOffset.UtcNow.AddSeconds(-8)));
        await app.PublishAsync(new RestaurantPublished(restaurant with { Version = 3 }, DateTimeOffset.UtcNow));
        await Shows(tag, tag);
    }

    [Fact]
    public async Task Hours_from_events_decide_open_now()
    {
        var tag = Unique("새벽식당");
        var restaurant = Build.Restaurant(tag);
        await app.PublishAllAsync(new RestaurantPublished(restaurant, DateTimeOffset.UtcNow), Build.HoursChanged(restaurant.RestaurantId, Build.ClosedAllWeek()));
        await Shows(tag, tag);
        (await app.NamesAsync($"q={Uri.EscapeDataString(tag)}&openNow=true")).ShouldBeEmpty();
        await app.PublishAsync(Build.HoursChanged(restaurant.RestaurantId, Build.Hours()));
        await ServiceFactory<Program>.EventuallyAsync(
            async () => (await app.NamesAsync($"q={Uri.EscapeDataString(tag)}&openNow=true")).Contains(tag), "the restaurant to be open now");
    }

    [Fact]
    public async Task A_job_is_found_once_posted_and_disappears_when_deleted_or_filled()
    {
        var title = Unique("바리스타");
        var job = Build.Job(title, "barista");
        await app.PublishAsync(new JobCreated(job, DateTimeOffset.UtcNow));
        using var client = app.Client();
        await ServiceFactory<Program>.EventuallyAsync(async () =>
            (await (await client.GetAsync($"/api/search/jobs?q={Uri.EscapeDataString(title)}")).ShouldBeAsync(HttpStatusCode.OK))
            .GetProperty("items").EnumerateArray().Any(i => i.GetProperty("id").GetGuid() == job.JobId), "the job to be found");

        await app.PublishAsync(new JobDeleted(job.JobId, job.RestaurantId, DateTimeOffset.UtcNow));
        await Gone(title, title, "job");
        // A late update of a deleted posting does not bring it back.
        await app.PublishAsync(new JobUpdated(job with { Version = 5, Title = title + " 수정" }, DateTimeOffset.UtcNow));

        var other = Build.Job(Unique("홀서빙"));
        await app.PublishAsync(new JobCreated(other, DateTimeOffset.UtcNow));
        await Shows(other.Title, other.Title, "job");
        await app.PublishAsync(new JobUpdated(other with { Status = "filled", Filled = 2, Version = 2 }, DateTimeOffset.UtcNow));
        await Gone(other.Title, other.Title, "job");
        (await app.NamesAsync($"q={Uri.EscapeDataString(title)}&type=job")).ShouldBeEmpty();
    }
}

/// <summary>Two replicas, each with its own queue and index: both learn every event.</summary>
public sealed class ReplicaTests : IAsyncLifetime
{
    private readonly SearchFactory _first = new();
    private readonly SearchFactory _second = new() { Instance = "search-2" };

    public async Task InitializeAsync()
    {
        await _first.InitializeAsync();
        _second.ReplicaOf(_first);
        await _second.InitializeAsync();
        await Task.WhenAll(_first.BuiltAsync(), _second.BuiltAsync());
    }

    public async Task DisposeAsync()
    {
        await _second.DisposeAsync();
        await _first.DisposeAsync();
    }

    [Fact]
    public async Task Every_replica_indexes_every_event()
    {
        var name = $"복제식당{Guid.NewGuid().ToString("N")[..6]}";
        await _first.PublishAsync(new RestaurantPublished(Build.Restaurant(name), DateTimeOffset.UtcNow));
        foreach (var replica in new[] { _first, _second })
        {
            await ServiceFactory<Program>.EventuallyAsync(
                async () => (await replica.NamesAsync("q=" + Uri.EscapeDataString(name))).Contains(name), $"{replica.Instance} to index the restaurant");
        }

        (await _first.CountAsync("SELECT count(*) FROM search_2.messaging_inbox")).ShouldBeGreaterThan(0);
        (await _first.CountAsync("SELECT count(*) FROM search.messaging_inbox")).ShouldBeGreaterThan(0);
    }
}

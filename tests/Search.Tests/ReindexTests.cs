using System.Net.Http.Json;
using System.Collections.Concurrent;
using System.Net;
using Brigade.Contracts.Restaurants;

namespace Brigade.Search.Tests;

public sealed class ReindexFactory : SearchFactory
{
    public const int Initial = 300;

    protected override void Seed()
    {
        for (var i = 0; i < Initial; i++)
        {
            var r = Build.Restaurant($"재색인 식당 {i:D4}", description: "재색인 테스트");
            Sources.Restaurants[r.RestaurantId] = Build.Feed(r, Build.Hours(), Build.Dish("국밥"));
        }
    }
}

/// <summary>A rebuild builds aside and swaps: searches keep answering, and nothing written meanwhile is lost.</summary>
public sealed class ReindexTests(ReindexFactory app) : IClassFixture<ReindexFactory>, IAsyncLifetime
{
    public Task InitializeAsync() => app.BuiltAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<int> CountAsync()
    {
        var body = await app.SearchAsync("q=" + Uri.EscapeDataString("재색인") + "&type=restaurant&limit=1");
        return body.GetProperty("total").GetInt32();
    }

    [Fact]
    public async Task Reindex_under_load_loses_no_document()
    {
        (await CountAsync()).ShouldBe(ReindexFactory.Initial);
        using var stop = new CancellationTokenSource();
        var seen = new ConcurrentBag<int>();
        var failures = new ConcurrentBag<string>();

        // Readers: every answer during the rebuilds is a 200 with at least what was there before.
        var readers = Enumerable.Range(0, 3).Select(_ => Task.Run(async () =>
        {
            using var client = app.Client();
            while (!stop.IsCancellationRequested)
            {
                var response = await client.GetAsync("/api/search?q=" + Uri.EscapeDataString("재색인") + "&type=restaurant&limit=5");
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    failures.Add($"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                    continue;
                }

                seen.Add((await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("total").GetInt32());
            }
        })).ToList();

        // A writer: new restaurants committed at the source, then announced by event, while the index is rebuilt twice.
        var added = 0;
        var writer = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var r = Build.Restaurant($"재색인 신규 {Guid.NewGuid():N}", description: "재색인 테스트");
                app.Sources.Restaurants[r.RestaurantId] = Build.Feed(r);
                await app.PublishAsync(new RestaurantPublished(r, DateTimeOffset.UtcNow));
                Interlocked.Increment(ref added);
                await Task.Delay(20);
            }
        });

        var pagesBefore = app.Sources.PagesServed;
        (await app.ReindexAsync()).GetProperty("state").GetString().ShouldBe("done");
        (await app.ReindexAsync()).GetProperty("state").GetString().ShouldBe("done");
        await stop.CancelAsync();
        await Task.WhenAll(readers.Append(writer));

        app.Sources.PagesServed.ShouldBeGreaterThan(pagesBefore);
        failures.ShouldBeEmpty();
        seen.Min().ShouldBeGreaterThanOrEqualTo(ReindexFactory.Initial);
        added.ShouldBeGreaterThan(0);
        await ServiceFactory<Program>.EventuallyAsync(async () => await CountAsync() == ReindexFactory.Initial + added, "every restaurant to be indexed");
    }

    [Fact]
    public async Task A_source_that_is_down_fails_the_rebuild_and_keeps_the_index()
    {
        var before = await CountAsync();
        app.Sources.RestaurantsDown = true;
        try
        {
            var run = await app.ReindexAsync();
            run.GetProperty("state").GetString().ShouldBe("failed");
            run.GetProperty("error").GetString()!.ShouldContain("503");
        }
        finally
        {
            app.Sources.RestaurantsDown = false;
        }

        (await CountAsync()).ShouldBeGreaterThanOrEqualTo(before);
    }
}

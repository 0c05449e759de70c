using System.Collections.Concurrent;
using Brigade.Contracts.Jobs;
using Brigade.Contracts.Search;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Brigade.Search.Tests;

/// <summary>
/// The HTTP side of the services search rebuilds from — identity's token endpoint and the restaurants and jobs index
/// feeds — on a real port, answering from what a test put in (the restaurants service's own feed is tested in
/// Restaurants.Tests). A test "commits" a change here first and then publishes its event, as a real service would.
/// </summary>
public sealed class SourceStub : IAsyncDisposable
{
    public const string ClientSecret = "search-tests-secret";

    private WebApplication? _app;

    public ConcurrentDictionary<Guid, RestaurantFeedItem> Restaurants { get; } = new();

    public ConcurrentDictionary<Guid, JobSnapshot> Jobs { get; } = new();

    /// <summary>Feed pages served (a rebuild reads at least one).</summary>
    public int PagesServed;

    /// <summary>When set, the restaurants feed answers 503 (a source that is down).</summary>
    public volatile bool RestaurantsDown;

    public string Url { get; private set; } = "";

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapPost("/api/auth/token", () => Results.Ok(new { accessToken = TestTokens.Service("search"), tokenType = "Bearer", expiresIn = 900 }));
        app.MapGet("/api/restaurants/index-feed", (HttpRequest request, Guid? after, int? limit) =>
        {
            if (!request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.Ordinal))
            {
                return Results.Unauthorized();
            }

            if (RestaurantsDown)
            {
                return Results.StatusCode(503);
            }

            Interlocked.Increment(ref PagesServed);
            var readAt = DateTimeOffset.UtcNow;
            var page = Restaurants.Values.OrderBy(r => r.Restaurant.RestaurantId).Where(r => after is null || r.Restaurant.RestaurantId.CompareTo(after.Value) > 0).Take((limit ?? 200) + 1).ToList();
            var more = page.Count > (limit ?? 200);
            var items = page.Take(limit ?? 200).ToList();
            return Results.Ok(new RestaurantFeedPage(items, more ? items[^1].Restaurant.RestaurantId : null, readAt));
        });
        app.MapGet("/api/jobs/index-feed", (HttpRequest request, Guid? after, int? limit) =>
        {
            var readAt = DateTimeOffset.UtcNow;
            var page = Jobs.Values.OrderBy(j => j.JobId).Where(j => after is null || j.JobId.CompareTo(after.Value) > 0).Take((limit ?? 200) + 1).ToList();
            var more = page.Count > (limit ?? 200);
            var items = page.Take(limit ?? 200).ToList();
            return Results.Ok(new JobFeedPage(items, more ? items[^1].JobId : null, readAt));
        });
        await app.StartAsync();
        _app = app;
        Url = app.Urls.First();
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}

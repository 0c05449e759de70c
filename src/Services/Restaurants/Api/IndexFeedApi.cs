using Brigade.Contracts.Search;
using Brigade.Restaurants.Data;
using Brigade.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Brigade.Restaurants.Api;

/// <summary>The feed the search service builds its index from (service tokens only; not part of the public API).</summary>
public static class IndexFeedApi
{
    public static RouteGroupBuilder MapIndexFeed(this RouteGroupBuilder api)
    {
        api.MapGet("/index-feed", PageAsync).RequireAuthorization(Policies.Service)
            .WithName("RestaurantIndexFeed")
            .WithSummary("Every restaurant in any status with its hours and menu, in id order (service tokens: the search index)")
            .WithTags("Index feed");
        return api;
    }

    public static async Task<Results<Ok<RestaurantFeedPage>, ValidationProblem>> PageAsync(Guid? after, int? limit, IndexFeedStore feed, CancellationToken ct)
    {
        if (limit is < 1 or > 1000)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["limit"] = ["limit must be between 1 and 1000."] });
        }

        return TypedResults.Ok(await feed.PageAsync(after, limit ?? 200, ct));
    }
}

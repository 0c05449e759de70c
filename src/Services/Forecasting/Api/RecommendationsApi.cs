using Brigade.Api;
using Brigade.Forecasting.Data;
using Brigade.Forecasting.Domain;
using Brigade.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Brigade.Forecasting.Api;

public sealed record RecommendationServices(RecommendationStore Store, IOptions<ForecastingOptions> Options, TimeProvider Clock, HttpContext Http) : IApiRequest;

/// <summary>A recommended restaurant; <c>reason</c> <c>similar</c> (diners with your taste chose it) or <c>popular</c>.</summary>
public sealed record RecommendedRestaurant(Guid RestaurantId, string Name, string? NameEn, double Score, string Reason);

public sealed record RecommendedDish(Guid MenuItemId, Guid RestaurantId, string Name, string? Category, Money Price, double Score, string Reason);

public sealed record RecommendationsResponse(IReadOnlyList<RecommendedRestaurant> Restaurants, IReadOnlyList<RecommendedDish> Dishes);

public sealed record AlsoOrderedResponse(Guid MenuItemId, IReadOnlyList<RecommendedDish> Items);

public static class RecommendationsApi
{
    public const string Tag = "Recommendations";

    public static WebApplication MapRecommendations(this WebApplication app)
    {
        var api = app.MapGroup("/api/recommendations");
        api.MapGet("/me", ForMeAsync).RequireAuthorization()
            .WithName("GetMyRecommendations")
            .WithSummary("Restaurants and dishes for the signed-in diner: liked by diners who chose what you chose, else popular; only what you can book and order now (?take=)")
            .WithTags(Tag);
        api.MapGet("/menu-items/{menuItemId:guid}/also-ordered", AlsoOrderedAsync).AllowAnonymous()
            .WithName("GetAlsoOrdered").WithSummary("Guests who ordered this also ordered: items of the same restaurant often in the same order, orderable now (?take=; public)")
            .WithTags(Tag).ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    /// <summary>
    /// What the diner cannot book or order is never offered: closed or unpublished restaurants, restaurants the diner did not
    /// show up at within <c>Forecasting:NoShowExclusionDays</c> (offering them again invites another no-show and the restaurant
    /// may well refuse the booking), and dishes removed, sold out or out of stock.
    /// </summary>
    public static async Task<Results<Ok<RecommendationsResponse>, ValidationProblem>> ForMeAsync(int? take, [AsParameters] RecommendationServices s)
    {
        var errors = new FieldErrors();
        var wanted = errors.Range("take", take, 1, 50, 10);
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        var diner = s.User.UserId();
        var now = s.Now.ToDateTimeOffset();
        var o = s.Options.Value;
        var noShowSince = now.AddDays(-o.NoShowExclusionDays);
        var since = now.AddDays(-o.PopularityDays);

        var restaurants = await s.Store.OfferableRestaurantsAsync(diner, noShowSince, since, s.Ct);
        var byId = restaurants.ToDictionary(r => r.Id);
        var (restaurantPairs, restaurantChoosers) = await s.Store.RestaurantNeighbourhoodAsync(diner, s.Ct);
        var restaurantPicks = Recommender.ForDiner(diner, restaurantPairs, restaurantChoosers, restaurants.Select(r => r.Id).ToList(), byId.ContainsKey, wanted);

        var dishes = await s.Store.OfferableDishesAsync(diner, noShowSince, since, s.Ct);
        var dishById = dishes.ToDictionary(d => d.Id);
        var (dishPairs, dishChoosers) = await s.Store.DishNeighbourhoodAsync(diner, s.Ct);
        var dishPicks = Recommender.ForDiner(diner, dishPairs, dishChoosers, dishes.Select(d => d.Id).ToList(), dishById.ContainsKey, wanted);

        return TypedResults.Ok(new RecommendationsResponse(
            restaurantPicks.Select(p => new RecommendedRestaurant(p.Id, byId[p.Id].Name, byId[p.Id].NameEn, Math.Round(p.Score, 4), p.Reason)).ToList(),
            dishPicks.Select(p => Dish(dishById[p.Id], p)).ToList()));
    }

    public static async Task<Results<Ok<AlsoOrderedResponse>, ValidationProblem, ProblemHttpResult>> AlsoOrderedAsync(Guid menuItemId, int? take, [AsParameters] RecommendationServices s)
    {
        var errors = new FieldErrors();
        var wanted = errors.Range("take", take, 1, 20, 5);
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        if (await s.Store.AlsoOrderedAsync(menuItemId, s.Ct) is not { } found)
        {
            return Problems.NotFound("menu item", "메뉴");
        }

        var orderable = found.Orderable.ToDictionary(d => d.Id);
        var picks = Recommender.AlsoOrdered(menuItemId, found.Together, found.Orders, orderable.ContainsKey, wanted);
        return TypedResults.Ok(new AlsoOrderedResponse(menuItemId, picks.Select(p => Dish(orderable[p.Id], p)).ToList()));
    }

    private static RecommendedDish Dish(DishCard d, Recommendation p) =>
        new(d.Id, d.RestaurantId, d.Name, d.Category, new Money(d.Price, d.Currency), Math.Round(p.Score, 4), p.Reason);
}

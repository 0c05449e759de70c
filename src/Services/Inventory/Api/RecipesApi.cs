using Brigade.Api;
using Brigade.Inventory.Data;
using Brigade.Inventory.Domain;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Brigade.Inventory.Api;

/// <summary>One ingredient: <c>quantity</c> of <c>unit</c> (the item's base unit, kg/g, L/ml, or its pack) per portion.</summary>
public sealed record RecipeLineBody(Guid? StockItemId, decimal? Quantity, string? Unit);

/// <summary>The recipe of a menu item (<c>kind: menu_item</c>) or of a modifier option (<c>kind: modifier</c>, what it adds), all ingredients at once.</summary>
public sealed record RecipeBody(string? Kind, string? Name, IReadOnlyList<RecipeLineBody?>? Lines);

public sealed record RecipeLineResponse(Guid StockItemId, string Name, decimal Quantity, string Unit, Money Cost);

/// <summary>A recipe with its cost per portion and the portions stock allows now (menu items).</summary>
public sealed record RecipeResponse(Guid Id, string Kind, string Name, IReadOnlyList<RecipeLineResponse> Lines, Money PortionCost, int PortionsLeft, DateTimeOffset UpdatedAt, int Version)
{
    public static RecipeResponse From(RecipeRow r, string currency) => new(r.SellableId, r.Kind, r.Name,
        r.Lines.Select(l => new RecipeLineResponse(l.StockItemId, l.Name, l.Quantity, l.BaseUnit, new Money(l.Cost, currency))).ToList(),
        new Money(r.Lines.Sum(l => l.Cost), currency),
        Portions.Left(r.Lines.Select(l => new RecipeLine(l.StockItemId, l.Quantity)), id => r.Lines.First(l => l.StockItemId == id).OnHand),
        r.UpdatedAt, r.Version);
}

public sealed record RecipesResponse(IReadOnlyList<RecipeResponse> Items);

public sealed record AvailabilityItem(Guid MenuItemId, string Name, bool Available, int PortionsLeft);

public sealed record AvailabilityResponse(IReadOnlyList<AvailabilityItem> Items);

public static class RecipesApi
{
    public const string Tag = "Recipes";

    public static RouteGroupBuilder MapRecipes(this RouteGroupBuilder api)
    {
        api.MapGet("/recipes", ListAsync).RequireAuthorization()
            .WithName("ListRecipes").WithSummary("Recipes with cost per portion and portions left (its people)").WithTags(Tag);
        api.MapGet("/recipes/{id:guid}", GetAsync).RequireAuthorization()
            .WithName("GetRecipe").WithSummary("The recipe of a menu item or modifier option (its people)").WithTags(Tag).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPut("/recipes/{id:guid}", PutAsync).RequireAuthorization()
            .WithName("PutRecipe").WithSummary("Set the recipe of a menu item or modifier option (id = the menu item's or option's id); ordering hears the portions it allows (owner, manager)")
            .WithTags(Tag).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapDelete("/recipes/{id:guid}", DeleteAsync).RequireAuthorization()
            .WithName("DeleteRecipe").WithSummary("Remove a recipe: the item stops taking stock (owner, manager)").WithTags(Tag).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/availability", AvailabilityAsync).RequireAuthorization()
            .WithName("MenuAvailability").WithSummary("Portions each menu item's scarcest ingredient allows; 0 = 86'd (its people)").WithTags(Tag);
        return api;
    }

    public static async Task<Results<Ok<RecipesResponse>, ProblemHttpResult>> ListAsync(Guid restaurantId, [AsParameters] InventoryServices s)
    {
        if (s.Refusal(restaurantId, managers: false) is { } refused)
        {
            return refused;
        }

        var currency = (await s.Settings.GetAsync(restaurantId, s.Ct)).Currency;
        return TypedResults.Ok(new RecipesResponse((await s.Recipes.ListAsync(restaurantId, s.Ct)).Select(r => RecipeResponse.From(r, currency)).ToList()));
    }

    public static async Task<Results<Ok<RecipeResponse>, ProblemHttpResult>> GetAsync(Guid restaurantId, Guid id, [AsParameters] InventoryServices s)
    {
        if (s.Refusal(restaurantId, managers: false) is { } refused)
        {
            return refused;
        }

        var recipe = await s.Recipes.FindAsync(id, s.Ct);
        return recipe is null || recipe.RestaurantId != restaurantId
            ? NoRecipe()
            : TypedResults.Ok(RecipeResponse.From(recipe, (await s.Settings.GetAsync(restaurantId, s.Ct)).Currency));
    }

    public static async Task<Results<Ok<RecipeResponse>, ValidationProblem, ProblemHttpResult>> PutAsync(
        Guid restaurantId, Guid id, RecipeBody body, [AsParameters] InventoryServices s)
    {
        if (s.Refusal(restaurantId, managers: true) is { } refused)
        {
            return refused;
        }

        var errors = new FieldErrors();
        var kind = errors.OneOf("kind", body.Kind, ["menu_item", "modifier"]);
        var name = errors.RequiredText("name", body.Name, 100);
        var max = s.Options.Value.MaxRecipeLines;
        var lines = new List<RecipeLine>();
        if (body.Lines is null || body.Lines.Count == 0 || body.Lines.Count > max)
        {
            errors.Add("lines", $"lines must hold 1 to {max} ingredients.", $"lines에는 1~{max}개의 재료를 넣어야 합니다.");
        }
        else
        {
            var items = await s.Stock.FindManyAsync(restaurantId, body.Lines.Select(l => l?.StockItemId ?? Guid.Empty), s.Ct);
            for (var i = 0; i < body.Lines.Count; i++)
            {
                var line = body.Lines[i];
                if (errors.RequiredId($"lines[{i}].stockItemId", line?.StockItemId) is not { } itemId)
                {
                    continue;
                }

                if (!items.TryGetValue(itemId, out var item))
                {
                    errors.Add($"lines[{i}].stockItemId", "No stock item of this restaurant has this id.", "이 식당의 재고 품목이 아닙니다.");
                }
                else if (lines.Any(l => l.StockItemId == itemId))
                {
                    errors.Add($"lines[{i}].stockItemId", "An ingredient may appear once per recipe.", "재료는 한 레시피에 한 번만 넣을 수 있습니다.");
                }
                else if (errors.InBase($"lines[{i}].quantity", $"lines[{i}].unit", line!.Quantity, line.Unit, item.Unit) is { } q)
                {
                    if (q == 0)
                    {
                        errors.Add($"lines[{i}].quantity", "The quantity is too small for the item's unit (under 0.001).", "품목 단위로 0.001보다 작습니다.");
                    }
                    else
                    {
                        lines.Add(new RecipeLine(itemId, q));
                    }
                }
            }
        }

        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        var (outcome, recipe) = await s.Recipes.PutAsync(restaurantId, id, kind!, name!, lines, s.Clock.GetUtcNow(), s.Ct);
        if (outcome != RecipeOutcome.Done)
        {
            return NoRecipe();
        }

        return TypedResults.Ok(RecipeResponse.From(recipe!, (await s.Settings.GetAsync(restaurantId, s.Ct)).Currency));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(Guid restaurantId, Guid id, [AsParameters] InventoryServices s)
    {
        if (s.Refusal(restaurantId, managers: true) is { } refused)
        {
            return refused;
        }

        return await s.Recipes.DeleteAsync(restaurantId, id, s.Clock.GetUtcNow(), s.Ct) == RecipeOutcome.Done ? TypedResults.NoContent() : NoRecipe();
    }

    public static async Task<Results<Ok<AvailabilityResponse>, ProblemHttpResult>> AvailabilityAsync(Guid restaurantId, [AsParameters] InventoryServices s)
    {
        if (s.Refusal(restaurantId, managers: false) is { } refused)
        {
            return refused;
        }

        var recipes = await s.Recipes.ListAsync(restaurantId, s.Ct);
        return TypedResults.Ok(new AvailabilityResponse(recipes.Where(r => r.Kind == "menu_item").Select(r =>
        {
            var left = Portions.Left(r.Lines.Select(l => new RecipeLine(l.StockItemId, l.Quantity)), id => r.Lines.First(l => l.StockItemId == id).OnHand);
            return new AvailabilityItem(r.SellableId, r.Name, left > 0, left);
        }).ToList()));
    }

    private static ProblemHttpResult NoRecipe() => Problems.NotFound("recipe", "레시피");
}

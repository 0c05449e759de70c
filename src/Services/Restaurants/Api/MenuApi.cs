using System.Security.Claims;
using Brigade.Api;
using Brigade.Data;
using Brigade.Restaurants.Data;
using Brigade.Restaurants.Domain;
using Brigade.ServiceDefaults;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;

namespace Brigade.Restaurants.Api;

public sealed record MenuItemResponse(
    Guid Id,
    string Name,
    Money Price,
    Guid? CategoryId,
    string? Category,
    string? Description,
    IReadOnlyList<string> Allergens,
    IReadOnlyList<string> DietaryTags,
    string? PhotoUrl,
    IReadOnlyList<string> Dayparts,
    bool SoldOut,
    int SortOrder,
    IReadOnlyList<ModifierGroup> ModifierGroups,
    int Version,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static MenuItemResponse From(MenuItemRow i) => new(
        i.Id, i.Name, new Money(i.PriceAmount, i.Currency), i.CategoryId, i.Category, i.Description, i.Allergens, i.DietaryTags,
        i.PhotoUrl, i.Dayparts, i.SoldOut, i.SortOrder, i.Modifiers(), i.Version, i.CreatedAt, i.UpdatedAt);
}

public sealed record CategoryResponse(Guid Id, string Name, int SortOrder, long Items)
{
    public static CategoryResponse From(CategoryRow c) => new(c.Id, c.Name, c.SortOrder, c.Items);
}

public sealed record DaypartResponse(string Name, string Start, string End)
{
    public static DaypartResponse From(Daypart d) => new(d.Name, OpeningHoursRules.FormatTime(d.Start), OpeningHoursRules.FormatTime(d.End));
}

/// <summary>The whole menu: dayparts, categories in order, and every item in menu order. Cached as it is (never changed once made).</summary>
[System.ComponentModel.ImmutableObject(true)]
public sealed record MenuResponse(string Currency, IReadOnlyList<DaypartResponse> Dayparts, IReadOnlyList<CategoryResponse> Categories, IReadOnlyList<MenuItemResponse> Items);

public sealed record SoldOutRequest(bool? SoldOut);

public sealed record CategoryPatch(string? Name, int? SortOrder);

public sealed record DaypartsRequest(IReadOnlyList<DaypartDraft?>? Dayparts);

/// <summary>
/// <c>availableAt</c>: keep items that can be ordered then (not sold out, in a daypart then): an instant with its offset
/// (<c>2026-12-24T19:00:00+09:00</c>), or a local date-time without one, read on the restaurant's clock (never as UTC).
/// </summary>
public sealed record MenuItemsQuery(string? Category, string? AvailableAt, int? Limit, string? Cursor);

/// <summary>
/// The endpoints' dependencies and the request. Only the request's <see cref="HttpContext"/> is a public member:
/// the validation generator walks public members of <c>[AsParameters]</c> types, and would descend into a
/// <see cref="System.Security.Claims.ClaimsPrincipal"/> forever.
/// </summary>
public sealed record MenuServices(RestaurantStore Restaurants, MenuStore Menu, RestaurantCache Cache, TimeProvider Clock, HttpContext Http) : IApiRequest;

public static class MenuApi
{
    public const string Tag = "Menu";

    public static RouteGroupBuilder MapMenu(this RouteGroupBuilder api)
    {
        api.MapGet("/{restaurantId:guid}/menu", GetMenuAsync).AllowAnonymous()
            .WithName("GetMenu").WithSummary("The whole menu: dayparts, categories and items in menu order").WithTags(Tag).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/{restaurantId:guid}/menu/items", ListItemsAsync).AllowAnonymous()
            .WithName("ListMenuItems").WithSummary("Menu items in menu order, by category or orderable at an instant; paged").WithTags(Tag).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/{restaurantId:guid}/menu/items", CreateItemAsync).RequireAuthorization().WithIdempotency()
            .WithName("CreateMenuItem").WithSummary("Add an item (owner, manager); its category is created on first use").WithTags(Tag).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/{restaurantId:guid}/menu/items/{itemId:guid}", GetItemAsync).AllowAnonymous()
            .WithName("GetMenuItem").WithSummary("One menu item with its modifier groups").WithTags(Tag).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPatch("/{restaurantId:guid}/menu/items/{itemId:guid}", UpdateItemAsync).RequireAuthorization()
            .WithName("UpdateMenuItem").WithSummary("Change an item (owner, manager); If-Match or version guards against lost updates").WithTags(Tag).ProducesProblem(StatusCodes.Status404NotFound).WithIfMatch();
        api.MapDelete("/{restaurantId:guid}/menu/items/{itemId:guid}", DeleteItemAsync).RequireAuthorization()
            .WithName("DeleteMenuItem").WithSummary("Remove an item from the menu (owner, manager)").WithTags(Tag).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPut("/{restaurantId:guid}/menu/items/{itemId:guid}/sold-out", SetSoldOutAsync).RequireAuthorization()
            .WithName("SetMenuItemSoldOut").WithSummary("The \"86\" switch: mark an item sold out or back (owner, manager, staff)").WithTags(Tag).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/{restaurantId:guid}/menu/categories", ListCategoriesAsync).AllowAnonymous()
            .WithName("ListMenuCategories").WithSummary("Menu categories in order, with their item counts").WithTags(Tag).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPatch("/{restaurantId:guid}/menu/categories/{categoryId:guid}", UpdateCategoryAsync).RequireAuthorization()
            .WithName("UpdateMenuCategory").WithSummary("Rename or reorder a category (owner, manager)").WithTags(Tag).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapDelete("/{restaurantId:guid}/menu/categories/{categoryId:guid}", DeleteCategoryAsync).RequireAuthorization()
            .WithName("DeleteMenuCategory").WithSummary("Delete an empty category (owner, manager)").WithTags(Tag).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/{restaurantId:guid}/menu/dayparts", GetDaypartsAsync).AllowAnonymous()
            .WithName("GetDayparts").WithSummary("The restaurant's dayparts (breakfast, lunch, dinner, …)").WithTags(Tag).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPut("/{restaurantId:guid}/menu/dayparts", ReplaceDaypartsAsync).RequireAuthorization()
            .WithName("ReplaceDayparts").WithSummary("Replace the dayparts items can be limited to (owner, manager)").WithTags(Tag).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }

    public static async Task<Results<Ok<MenuResponse>, ProblemHttpResult>> GetMenuAsync(Guid restaurantId, [AsParameters] MenuServices s)
    {
        var (scope, denied) = await s.Restaurants.AuthorizeAsync(restaurantId, s.User, Capability.ReadPublic, s.Ct);
        if (denied is not null)
        {
            return denied;
        }

        var currency = scope!.Restaurant.Currency;
        return TypedResults.Ok(await s.Cache.MenuAsync(restaurantId, async ct =>
        {
            var dayparts = await s.Menu.GetDaypartsAsync(restaurantId, ct);
            var categories = await s.Menu.ListCategoriesAsync(restaurantId, ct);
            var items = await s.Menu.ListAllItemsAsync(restaurantId, ct);
            return new MenuResponse(
                currency,
                dayparts.Select(DaypartResponse.From).ToList(),
                categories.Select(CategoryResponse.From).ToList(),
                items.Select(MenuItemResponse.From).ToList());
        }, s.Ct));
    }

    public static async Task<Results<Ok<Page<MenuItemResponse>>, ValidationProblem, ProblemHttpResult>> ListItemsAsync(
        Guid restaurantId, [AsParameters] MenuItemsQuery query, [AsParameters] MenuServices s)
    {
        var (scope, denied) = await s.Restaurants.AuthorizeAsync(restaurantId, s.User, Capability.ReadPublic, s.Ct);
        if (denied is not null)
        {
            return denied;
        }

        var take = Paging.Limit(query.Limit);
        var after = Paging.Decode<MenuCursor>(query.Cursor);
        var errors = new FieldErrors();
        var availableAt = MenuRules.LocalTimeAt(errors, "availableAt", query.AvailableAt, RestaurantTime.Zone(scope!.Restaurant.TimeZone));
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        string[]? orderableIn = null;
        if (availableAt is { } local)
        {
            var dayparts = await s.Menu.GetDaypartsAsync(restaurantId, s.Ct);
            orderableIn = dayparts.Where(d => d.Contains(local)).Select(d => d.Name).ToArray();
        }

        var rows = await s.Menu.ListItemsAsync(restaurantId, query.Category?.Trim(), orderableIn, take, after, s.Ct);
        var page = Paging.ToPage(rows, take, i => new MenuCursor(i.CategorySort, i.CategoryId ?? Guid.Empty, i.SortOrder, i.Id));
        return TypedResults.Ok(new Page<MenuItemResponse>(page.Items.Select(MenuItemResponse.From).ToList(), page.NextCursor));
    }

    public static async Task<Results<Created<MenuItemResponse>, ValidationProblem, ProblemHttpResult>> CreateItemAsync(
        Guid restaurantId, MenuItemDraft body, [AsParameters] MenuServices s)
    {
        var (scope, denied) = await s.Restaurants.AuthorizeAsync(restaurantId, s.User, Capability.EditMenu, s.Ct);
        if (denied is not null)
        {
            return denied;
        }

        var dayparts = await s.Menu.GetDaypartsAsync(restaurantId, s.Ct);
        var errors = new FieldErrors();
        var spec = MenuRules.ForCreate(body, scope!.Restaurant.Currency, dayparts.Select(d => d.Name).ToList(), errors);
        if (spec is null)
        {
            return Problems.Invalid(errors);
        }

        var row = await s.Menu.CreateItemAsync(restaurantId, spec, s.Ct);
        s.Http.SetETag(row.Version);
        return TypedResults.Created($"/api/restaurants/{restaurantId}/menu/items/{row.Id}", MenuItemResponse.From(row));
    }

    public static async Task<Results<Ok<MenuItemResponse>, ProblemHttpResult>> GetItemAsync(Guid restaurantId, Guid itemId, [AsParameters] MenuServices s)
    {
        var (_, denied) = await s.Restaurants.AuthorizeAsync(restaurantId, s.User, Capability.ReadPublic, s.Ct);
        if (denied is not null)
        {
            return denied;
        }

        var row = await s.Menu.FindItemAsync(restaurantId, itemId, s.Ct);
        if (row is null)
        {
            return Problems.NotFound("menu item", "메뉴");
        }

        s.Http.SetETag(row.Version);
        return TypedResults.Ok(MenuItemResponse.From(row));
    }

    public static async Task<Results<Ok<MenuItemResponse>, ValidationProblem, ProblemHttpResult>> UpdateItemAsync(
        Guid restaurantId, Guid itemId, MenuItemDraft body, [AsParameters] MenuServices s)
    {
        var (scope, denied) = await s.Restaurants.AuthorizeAsync(restaurantId, s.User, Capability.EditMenu, s.Ct);
        if (denied is not null)
        {
            return denied;
        }

        var current = await s.Menu.FindItemAsync(restaurantId, itemId, s.Ct);
        if (current is null)
        {
            return Problems.NotFound("menu item", "메뉴");
        }

        var dayparts = await s.Menu.GetDaypartsAsync(restaurantId, s.Ct);
        var errors = new FieldErrors();
        var spec = MenuRules.Apply(current.ToSpec(), body, scope!.Restaurant.Currency, dayparts.Select(d => d.Name).ToList(), errors);
        if (spec is null)
        {
            return Problems.Invalid(errors);
        }

        // Without a precondition the update applies to the version just read, so a change in between is still caught.
        var expected = Versions.Expected(s.Http.Request, body.Version) ?? current.Version;
        var (outcome, row) = await s.Menu.UpdateItemAsync(restaurantId, itemId, spec, expected, s.Ct);
        return outcome switch
        {
            ChangeOutcome.Changed => Ok(s.Http, row!),
            ChangeOutcome.NotFound => Problems.NotFound("menu item", "메뉴"),
            _ => Problems.Stale("menu item", "메뉴"),
        };
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteItemAsync(Guid restaurantId, Guid itemId, [AsParameters] MenuServices s)
    {
        var (_, denied) = await s.Restaurants.AuthorizeAsync(restaurantId, s.User, Capability.EditMenu, s.Ct);
        if (denied is not null)
        {
            return denied;
        }

        return await s.Menu.DeleteItemAsync(restaurantId, itemId, s.Ct) ? TypedResults.NoContent() : Problems.NotFound("menu item", "메뉴");
    }

    public static async Task<Results<Ok<MenuItemResponse>, ValidationProblem, ProblemHttpResult>> SetSoldOutAsync(
        Guid restaurantId, Guid itemId, SoldOutRequest body, [AsParameters] MenuServices s)
    {
        var (_, denied) = await s.Restaurants.AuthorizeAsync(restaurantId, s.User, Capability.SwitchSoldOut, s.Ct);
        if (denied is not null)
        {
            return denied;
        }

        if (body.SoldOut is not { } soldOut)
        {
            return Problems.Invalid("soldOut", "soldOut (true or false) is required.", "soldOut(true 또는 false)은(는) 필수입니다.");
        }

        var (outcome, row) = await s.Menu.SetSoldOutAsync(restaurantId, itemId, soldOut, s.Ct);
        return outcome == ChangeOutcome.NotFound ? Problems.NotFound("menu item", "메뉴") : Ok(s.Http, row!);
    }

    public static async Task<Results<Ok<IReadOnlyList<CategoryResponse>>, ProblemHttpResult>> ListCategoriesAsync(Guid restaurantId, [AsParameters] MenuServices s)
    {
        var (_, denied) = await s.Restaurants.AuthorizeAsync(restaurantId, s.User, Capability.ReadPublic, s.Ct);
        if (denied is not null)
        {
            return denied;
        }

        var categories = await s.Menu.ListCategoriesAsync(restaurantId, s.Ct);
        return TypedResults.Ok<IReadOnlyList<CategoryResponse>>(categories.Select(CategoryResponse.From).ToList());
    }

    public static async Task<Results<Ok<CategoryResponse>, ValidationProblem, ProblemHttpResult>> UpdateCategoryAsync(
        Guid restaurantId, Guid categoryId, CategoryPatch body, [AsParameters] MenuServices s)
    {
        var (_, denied) = await s.Restaurants.AuthorizeAsync(restaurantId, s.User, Capability.EditMenu, s.Ct);
        if (denied is not null)
        {
            return denied;
        }

        var errors = new FieldErrors();
        var name = body.Name is null ? null : errors.RequiredText("name", body.Name, 100);
        if (body.SortOrder is < 0 or > 1_000_000)
        {
            errors.Add("sortOrder", "sortOrder must be between 0 and 1000000.", "sortOrder는 0에서 1000000 사이여야 합니다.");
        }

        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        try
        {
            var row = await s.Menu.UpdateCategoryAsync(restaurantId, categoryId, name, body.SortOrder, s.Ct);
            return row is null ? Problems.NotFound("menu category", "메뉴 분류") : TypedResults.Ok(CategoryResponse.From(row));
        }
        catch (Npgsql.PostgresException e) when (e.SqlState == Npgsql.PostgresErrorCodes.UniqueViolation)
        {
            return Problems.Conflict($"The menu already has a category named '{name}'.", $"이미 '{name}' 분류가 있습니다.");
        }
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteCategoryAsync(Guid restaurantId, Guid categoryId, [AsParameters] MenuServices s)
    {
        var (_, denied) = await s.Restaurants.AuthorizeAsync(restaurantId, s.User, Capability.EditMenu, s.Ct);
        if (denied is not null)
        {
            return denied;
        }

        return await s.Menu.DeleteCategoryAsync(restaurantId, categoryId, s.Ct) switch
        {
            MenuStore.DeleteCategoryOutcome.Deleted => TypedResults.NoContent(),
            MenuStore.DeleteCategoryOutcome.NotEmpty => Problems.Conflict("The category still has items; move or delete them first.", "분류에 아직 메뉴가 있습니다. 먼저 옮기거나 지워 주세요."),
            _ => Problems.NotFound("menu category", "메뉴 분류"),
        };
    }

    public static async Task<Results<Ok<IReadOnlyList<DaypartResponse>>, ProblemHttpResult>> GetDaypartsAsync(Guid restaurantId, [AsParameters] MenuServices s)
    {
        var (_, denied) = await s.Restaurants.AuthorizeAsync(restaurantId, s.User, Capability.ReadPublic, s.Ct);
        if (denied is not null)
        {
            return denied;
        }

        var dayparts = await s.Menu.GetDaypartsAsync(restaurantId, s.Ct);
        return TypedResults.Ok<IReadOnlyList<DaypartResponse>>(dayparts.Select(DaypartResponse.From).ToList());
    }

    public static async Task<Results<Ok<IReadOnlyList<DaypartResponse>>, ValidationProblem, ProblemHttpResult>> ReplaceDaypartsAsync(
        Guid restaurantId, DaypartsRequest body, [AsParameters] MenuServices s)
    {
        var (_, denied) = await s.Restaurants.AuthorizeAsync(restaurantId, s.User, Capability.EditMenu, s.Ct);
        if (denied is not null)
        {
            return denied;
        }

        var errors = new FieldErrors();
        var dayparts = MenuRules.Dayparts(body.Dayparts, errors);
        if (dayparts is null)
        {
            return Problems.Invalid(errors);
        }

        var stillUsed = await s.Menu.ReplaceDaypartsAsync(restaurantId, dayparts, s.Ct);
        if (stillUsed.Count > 0)
        {
            return Problems.Conflict($"Items are still served in {string.Join(", ", stillUsed)}; change those items first.", $"아직 {string.Join(", ", stillUsed)} 시간대에 나가는 메뉴가 있습니다. 그 메뉴를 먼저 바꿔 주세요.");
        }

        return TypedResults.Ok<IReadOnlyList<DaypartResponse>>(dayparts.Select(DaypartResponse.From).ToList());
    }

    private static Ok<MenuItemResponse> Ok(HttpContext http, MenuItemRow row)
    {
        http.SetETag(row.Version);
        return TypedResults.Ok(MenuItemResponse.From(row));
    }
}

using System.Globalization;
using System.Security.Claims;
using Brigade.Api;
using Brigade.Data;
using Brigade.Restaurants.Data;
using Brigade.Restaurants.Domain;
using Brigade.Security;
using Brigade.ServiceDefaults;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Brigade.Restaurants.Api;

public sealed record Location(double Lat, double Lng);

public sealed record Rating(double Average, int Count);

/// <summary>A restaurant as the API shows it. <see cref="DistanceKm"/> only in searches near a point; <see cref="MyRole"/> only in "mine".</summary>
public sealed record RestaurantResponse(
    Guid Id,
    string Name,
    string? NameEn,
    string Cuisine,
    int? PriceRange,
    string? Distinction,
    string Address,
    Location Location,
    string? Phone,
    string? Description,
    IReadOnlyList<string> PhotoUrls,
    string TimeZone,
    string Currency,
    string Status,
    Rating Rating,
    int Version,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? PublishedAt,
    double? DistanceKm = null,
    string? MyRole = null)
{
    public static RestaurantResponse From(RestaurantRow r) => new(
        r.Id, r.Name, r.NameEn, r.Cuisine, r.PriceRange, r.Distinction, r.Address, new Location(r.Lat, r.Lng), r.Phone, r.Description,
        r.PhotoUrls, r.TimeZone, r.Currency, r.Status, new Rating(ReviewRules.Average(r.RatingSum, r.RatingCount), r.RatingCount),
        r.Version, r.CreatedAt, r.UpdatedAt, r.PublishedAt,
        r.DistanceKm is { } d ? Math.Round(d, 3) : null, r.MemberRole);
}

/// <summary><c>GET /api/restaurants</c> filters: <c>near=lat,lng</c> and <c>radiusKm</c> (km) for distance.</summary>
public sealed record RestaurantListQuery(string? Query, string? Cuisine, string? Near, double? RadiusKm, int? Limit, string? Cursor);

internal sealed record ListCursor(double K, Guid I);

/// <summary>
/// The endpoints' dependencies and the request. Only the request's <see cref="HttpContext"/> is a public member:
/// the validation generator walks public members of <c>[AsParameters]</c> types, and would descend into a
/// <see cref="System.Security.Claims.ClaimsPrincipal"/> forever.
/// </summary>
public sealed record RestaurantServices(RestaurantStore Restaurants, TimeProvider Clock, HttpContext Http) : IApiRequest;

public static class RestaurantsApi
{
    public const string Tag = "Restaurants";

    public static RouteGroupBuilder MapRestaurantProfiles(this RouteGroupBuilder api)
    {
        api.MapGet("", ListAsync).AllowAnonymous()
            .WithName("ListRestaurants").WithSummary("Search published restaurants by text (Korean or English), cuisine and distance").WithTags(Tag);
        api.MapGet("/mine", ListMineAsync).RequireAuthorization(Policies.User)
            .WithName("ListMyRestaurants").WithSummary("The restaurants the caller works at, in any status, with the caller's role").WithTags(Tag);
        api.MapPost("", CreateAsync).RequireAuthorization(Policies.User).WithIdempotency()
            .WithName("CreateRestaurant").WithSummary("Open a restaurant as a draft (owners); the caller becomes its owner").WithTags(Tag);
        api.MapGet("/{restaurantId:guid}", GetAsync).AllowAnonymous()
            .WithName("GetRestaurant").WithSummary("A restaurant's profile (published, or any status for its people and admins)").WithTags(Tag).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPatch("/{restaurantId:guid}", UpdateAsync).RequireAuthorization()
            .WithName("UpdateRestaurant").WithSummary("Change the profile (owner, manager); If-Match or version guards against lost updates").WithTags(Tag).ProducesProblem(StatusCodes.Status404NotFound).WithIfMatch();
        api.MapPost("/{restaurantId:guid}/publish", PublishAsync).RequireAuthorization()
            .WithName("PublishRestaurant").WithSummary("List the restaurant publicly and make it bookable (owner)").WithTags(Tag).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/{restaurantId:guid}/close", CloseAsync).RequireAuthorization()
            .WithName("CloseRestaurant").WithSummary("Close the restaurant: no longer listed nor bookable (owner)").WithTags(Tag).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }

    public static async Task<Results<Ok<Page<RestaurantResponse>>, ValidationProblem>> ListAsync(
        [AsParameters] RestaurantListQuery query, RestaurantStore restaurants, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var take = Paging.Limit(query.Limit);
        var text = errors.OptionalText("query", query.Query, 100);
        var cuisine = errors.OptionalText("cuisine", query.Cuisine, 50);
        var near = ParseNear(query.Near, errors);
        if (query.RadiusKm is { } radius && (!double.IsFinite(radius) || radius <= 0 || radius > 20_000))
        {
            errors.Add("radiusKm", "radiusKm must be more than 0 and at most 20000.", "radiusKm은(는) 0보다 크고 20000 이하여야 합니다.");
        }
        else if (query.RadiusKm is not null && query.Near is null)
        {
            errors.Add("radiusKm", "radiusKm needs near=lat,lng.", "radiusKm에는 near=lat,lng가 필요합니다.");
        }

        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        var after = Paging.Decode<ListCursor>(query.Cursor);
        var rows = await restaurants.SearchAsync(
            new RestaurantSearch(text, cuisine, near, query.RadiusKm, take, after is null ? null : (after.K, after.I)), ct);
        var page = Paging.ToPage(rows, take, r => new ListCursor(r.SortKey, r.Id));
        return TypedResults.Ok(new Page<RestaurantResponse>(page.Items.Select(RestaurantResponse.From).ToList(), page.NextCursor));
    }

    public static async Task<Ok<Page<RestaurantResponse>>> ListMineAsync(RestaurantStore restaurants, ClaimsPrincipal user, int? limit, string? cursor, CancellationToken ct)
    {
        var take = Paging.Limit(limit);
        var rows = await restaurants.ListForMemberAsync(user.UserId(), take, Paging.Decode<Guid?>(cursor), ct);
        var page = Paging.ToPage(rows, take, r => (Guid?)r.Id);
        return TypedResults.Ok(new Page<RestaurantResponse>(page.Items.Select(RestaurantResponse.From).ToList(), page.NextCursor));
    }

    public static async Task<Results<Created<RestaurantResponse>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        RestaurantDraft body, PlatformRoleStore roles, [AsParameters] RestaurantServices s)
    {
        var caller = s.User.ToCaller();
        var learned = caller.UserId is { } userId && !caller.IsAdmin ? await roles.FindAsync(userId, s.Ct) : null;
        switch (AccessPolicy.CheckOpenRestaurant(caller, PlatformRoleStore.IssuedAt(s.User), learned))
        {
            case OpenVerdict.RefreshRequired:
                return Problems.Forbidden(
                    "You became a restaurant owner after signing in: refresh your access token and try again.",
                    "로그인한 뒤에 식당 사업자가 되었습니다. 액세스 토큰을 새로 받은 뒤 다시 시도하세요.",
                    "token_refresh_required");
            case OpenVerdict.Forbidden:
                return Problems.Forbidden("Only restaurant owners (business accounts) can open a restaurant.", "식당 사업자 계정만 식당을 열 수 있습니다.");
        }

        var errors = new FieldErrors();
        var profile = ProfileRules.ForCreate(body, errors);
        if (profile is null)
        {
            return Problems.Invalid(errors);
        }

        var row = await s.Restaurants.CreateAsync(profile, caller.UserId!.Value, s.User.Email(), s.Ct);
        row.MemberRole = MemberRole.Owner.ToText();
        s.Http.SetETag(row.Version);
        return TypedResults.Created($"/api/restaurants/{row.Id}", RestaurantResponse.From(row));
    }

    public static async Task<Results<Ok<RestaurantResponse>, ProblemHttpResult>> GetAsync(Guid restaurantId, [AsParameters] RestaurantServices s)
    {
        var (scope, denied) = await s.Restaurants.AuthorizeAsync(restaurantId, s.User, Capability.ReadPublic, s.Ct);
        if (denied is not null)
        {
            return denied;
        }

        s.Http.SetETag(scope!.Restaurant.Version);
        return TypedResults.Ok(RestaurantResponse.From(scope.Restaurant));
    }

    public static async Task<Results<Ok<RestaurantResponse>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        Guid restaurantId, RestaurantDraft body, [AsParameters] RestaurantServices s)
    {
        var (scope, denied) = await s.Restaurants.AuthorizeAsync(restaurantId, s.User, Capability.EditProfile, s.Ct);
        if (denied is not null)
        {
            return denied;
        }

        var errors = new FieldErrors();
        var profile = ProfileRules.Apply(scope!.Restaurant.ToProfile(), body, errors);
        if (profile is null)
        {
            return Problems.Invalid(errors);
        }

        // Without a precondition the change applies to the version just read, so a concurrent change is not overwritten silently.
        var expected = Versions.Expected(s.Http.Request, body.Version) ?? scope.Restaurant.Version;
        var (outcome, row) = await s.Restaurants.UpdateProfileAsync(restaurantId, profile, expected, s.Ct);
        if (outcome != ChangeOutcome.Changed)
        {
            return Problems.Stale("restaurant", "식당");
        }

        s.Http.SetETag(row!.Version);
        return TypedResults.Ok(RestaurantResponse.From(row));
    }

    public static Task<Results<Ok<RestaurantResponse>, ProblemHttpResult>> PublishAsync(Guid restaurantId, [AsParameters] RestaurantServices s) =>
        TransitionAsync(restaurantId, publish: true, s);

    public static Task<Results<Ok<RestaurantResponse>, ProblemHttpResult>> CloseAsync(Guid restaurantId, [AsParameters] RestaurantServices s) =>
        TransitionAsync(restaurantId, publish: false, s);

    private static async Task<Results<Ok<RestaurantResponse>, ProblemHttpResult>> TransitionAsync(Guid restaurantId, bool publish, RestaurantServices s)
    {
        var (_, denied) = await s.Restaurants.AuthorizeAsync(restaurantId, s.User, Capability.PublishOrClose, s.Ct);
        if (denied is not null)
        {
            return denied;
        }

        var (outcome, row) = await s.Restaurants.TransitionAsync(restaurantId, publish, s.Ct);
        switch (outcome)
        {
            case ChangeOutcome.NotFound:
                return Problems.NotFound("restaurant", "식당");
            case ChangeOutcome.NotAllowed:
                return Problems.Conflict($"A {row!.Status} restaurant cannot be closed; publish it first.", $"{row!.Status} 상태의 식당은 닫을 수 없습니다. 먼저 공개해 주세요.");
        }

        s.Http.SetETag(row!.Version);
        return TypedResults.Ok(RestaurantResponse.From(row));
    }

    private static (double Lat, double Lng)? ParseNear(string? near, FieldErrors errors)
    {
        if (string.IsNullOrWhiteSpace(near))
        {
            return null;
        }

        var parts = near.Split(',');
        if (parts.Length == 2
            && double.TryParse(parts[0].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var lat)
            && double.TryParse(parts[1].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var lng))
        {
            return ProfileRules.Location(new FieldErrors(), new LocationDraft(lat, lng), required: true) is { } point
                ? point
                : Fail();
        }

        return Fail();

        (double, double)? Fail()
        {
            errors.Add("near", "near must be lat,lng with a latitude between -90 and 90 and a longitude between -180 and 180, e.g. near=37.5665,126.9780.", "near는 위도(-90~90),경도(-180~180) 형식이어야 합니다. 예: near=37.5665,126.9780");
            return null;
        }
    }
}

using System.Globalization;
using Brigade.Api;
using Brigade.Data;
using Brigade.Search.Data;
using Brigade.Search.Domain;
using Brigade.Search.Index;
using Brigade.Search.Jobs;
using Brigade.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Brigade.Search.Api;

public sealed record Money(long Amount, string Currency);

public sealed record GeoLocation(double Lat, double Lng);

/// <summary>A dish of the restaurant that matched, its name marked up (<c>&lt;em&gt;</c> around what matched, the rest HTML-escaped).</summary>
public sealed record MenuMatch(Guid Id, string Name, string Highlight, Money Price, bool SoldOut);

public sealed record RestaurantHit(
    Guid Id, string Name, string? NameEn, string Cuisine, int? PriceRange, string? Distinction, string Address, GeoLocation Location,
    string TimeZone, bool OpenNow, IReadOnlyList<MenuMatch> MatchedMenu);

public sealed record JobHit(
    Guid Id, Guid RestaurantId, string RestaurantName, string Title, string Category, string Date, DateTimeOffset Start, DateTimeOffset End,
    Money HourlyWage, int Headcount, int Filled, string Address, GeoLocation Location);

/// <summary>
/// One result. <see cref="Highlights"/> maps a field (<c>name</c>, <c>nameEn</c>, <c>description</c>, <c>address</c>, <c>title</c>,
/// <c>restaurantName</c>) to its text with what matched in <c>&lt;em&gt;…&lt;/em&gt;</c> (the rest HTML-escaped); fields that did not match are absent.
/// </summary>
public sealed record SearchHit(string Type, Guid Id, double Score, double? DistanceKm, IReadOnlyDictionary<string, string> Highlights, RestaurantHit? Restaurant, JobHit? Job);

/// <summary>
/// A page of results. <see cref="Facets"/> counts every match (not just this page) by <c>type</c>, <c>cuisine</c>, <c>priceRange</c> and
/// <c>category</c>. <see cref="Relaxed"/>: too little matched every word exactly, so typos and a missing word were allowed.
/// </summary>
public sealed record SearchResponse(
    IReadOnlyList<SearchHit> Items, int Total, IReadOnlyDictionary<string, Dictionary<string, int>> Facets, bool Relaxed, string? NextCursor);

public sealed record Suggestion(string Text, string Kind, int Weight, Guid? Id);

public sealed record SuggestionsResponse(IReadOnlyList<Suggestion> Items);

/// <summary>
/// Query string of <c>GET /api/search</c> and <c>GET /api/search/jobs</c>. The members are named as in the query string
/// (camelCase): binding errors and the OpenAPI document name the parameter by its C# name.
/// </summary>
public sealed record SearchParameters(
    string? q,
    string? type,
    string? near,
    double? radiusKm,
    string? cuisine,
    int? priceMin,
    int? priceMax,
    bool? openNow,
    string? category,
    long? minWage,
    long? maxWage,
    string? date,
    string? dateFrom,
    string? dateTo,
    string? sort,
    int? limit,
    string? cursor);

public sealed record SearchServices(SearchEngine Engine, PopularQueries Popular, TimeProvider Clock, HttpContext Http) : IApiRequest;

internal sealed record OffsetCursor(int O);

public static class SearchApi
{
    public const string Tag = "Search";
    public const int MaxQueryLength = 100;

    /// <summary>How deep paging goes: ranking past the first few hundred results helps nobody.</summary>
    public const int MaxOffset = 1000;

    private static readonly string[] Types = ["all", "restaurant", "job"];
    private static readonly string[] Sorts = ["relevance", "distance", "wage", "date"];

    public static RouteGroupBuilder MapSearchEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("", SearchAsync).AllowAnonymous()
            .WithName("Search")
            .WithSummary("Search restaurants (with their menus) and jobs in Korean or English: typos, 초성 (ㄱㅂ), romanisation (galbi), synonyms; filters, distance, facets, highlights")
            .WithTags(Tag);
        api.MapGet("/jobs", SearchJobsAsync).AllowAnonymous()
            .WithName("SearchJobs")
            .WithSummary("Search open shift postings (as GET /api/search?type=job): category, wage, date, distance")
            .WithTags(Tag);
        api.MapGet("/suggestions", Suggest).AllowAnonymous()
            .WithName("Suggest")
            .WithSummary("Autocomplete as a person types (prefix, 초성, romanised), and popular queries when q is empty")
            .WithTags(Tag);
        api.MapPost("/reindex", Reindex).RequireAuthorization(Policies.Admin)
            .WithName("Reindex")
            .WithSummary("Rebuild this replica's index from the restaurants and jobs services, aside, then swap it in (admin)")
            .WithTags(Tag);
        api.MapGet("/reindex", ReindexStatus).RequireAuthorization(Policies.Admin)
            .WithName("ReindexStatus")
            .WithSummary("The latest rebuild of this replica's index (admin)")
            .WithTags(Tag);
        return api;
    }

    public static Results<Ok<SearchResponse>, ValidationProblem> SearchAsync([AsParameters] SearchParameters p, [AsParameters] SearchServices s) =>
        Run(p, s, jobsOnly: false);

    public static Results<Ok<SearchResponse>, ValidationProblem> SearchJobsAsync([AsParameters] SearchParameters p, [AsParameters] SearchServices s) =>
        Run(p, s, jobsOnly: true);

    public static Results<Ok<SuggestionsResponse>, ValidationProblem> Suggest(string? q, int? limit, Suggestions suggestions)
    {
        var errors = new FieldErrors();
        var text = errors.OptionalText("q", q, MaxQueryLength);
        var take = errors.Range("limit", limit, 1, 20, 8);
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        var items = suggestions.Current.Suggest(text ?? "", take).Select(e => new Suggestion(e.Text, e.Kind, e.Weight, e.Id)).ToList();
        return TypedResults.Ok(new SuggestionsResponse(items));
    }

    public static Accepted<ReindexRun> Reindex(IndexBuilder builder) => TypedResults.Accepted("/api/search/reindex", builder.Request("admin"));

    public static Results<Ok<ReindexRun>, ProblemHttpResult> ReindexStatus(IndexBuilder builder) =>
        builder.Latest is { } run ? TypedResults.Ok(run) : Problems.NotFound("rebuild", "재색인 기록");

    private static Results<Ok<SearchResponse>, ValidationProblem> Run(SearchParameters p, SearchServices s, bool jobsOnly)
    {
        var errors = new FieldErrors();
        var query = Parse(p, s, jobsOnly, errors);
        if (query is null)
        {
            return Problems.Invalid(errors);
        }

        var outcome = s.Engine.Search(query);
        if (query.Text is not null && outcome.Total > 0 && query.Offset == 0)
        {
            s.Popular.Record(query.Text);
        }

        var items = outcome.Hits.Select(h => ToResponse(h, query)).ToList();
        var more = query.Offset + query.Limit < Math.Min(outcome.Total, MaxOffset + query.Limit) && items.Count == query.Limit;
        return TypedResults.Ok(new SearchResponse(items, outcome.Total, outcome.Facets, outcome.Relaxed,
            more ? Paging.Encode(new OffsetCursor(query.Offset + query.Limit)) : null));
    }

    /// <summary>Checks every parameter; null (with errors) when one is not acceptable.</summary>
    internal static SearchQuery? Parse(SearchParameters p, SearchServices s, bool jobsOnly, FieldErrors errors)
    {
        var text = errors.OptionalText("q", p.q, MaxQueryLength);
        var type = jobsOnly ? "job" : errors.OneOf("type", p.type, Types, required: false) ?? "all";
        if (jobsOnly && p.type is not null && p.type.Trim().ToLowerInvariant() != "job")
        {
            errors.Add("type", "GET /api/search/jobs searches jobs only; leave type out or use GET /api/search.",
                "GET /api/search/jobs는 일자리만 검색합니다. type을 빼거나 GET /api/search를 쓰세요.");
        }

        var near = Near(p.near, p.radiusKm, errors);
        var cuisines = List("cuisine", p.cuisine, 10, 50, errors);
        var categories = List("category", p.category, 10, 50, errors);
        int? priceMin = p.priceMin is null ? null : errors.Range("priceMin", p.priceMin, 1, 4, 1);
        int? priceMax = p.priceMax is null ? null : errors.Range("priceMax", p.priceMax, 1, 4, 4);
        if (priceMin > priceMax)
        {
            errors.Add("priceMax", "priceMax must not be below priceMin.", "priceMax는 priceMin보다 작을 수 없습니다.");
        }

        if (p.minWage is < 0 or > 1_000_000_000_000 || p.maxWage is < 0 or > 1_000_000_000_000)
        {
            errors.Add(p.minWage is < 0 or > 1_000_000_000_000 ? "minWage" : "maxWage",
                "Wages are minor units between 0 and 1000000000000.", "시급은 0에서 1000000000000 사이의 최소 단위 금액입니다.");
        }
        else if (p.minWage > p.maxWage)
        {
            errors.Add("maxWage", "maxWage must not be below minWage.", "maxWage는 minWage보다 작을 수 없습니다.");
        }

        var date = errors.Date("date", p.date, required: false);
        var from = date ?? errors.Date("dateFrom", p.dateFrom, required: false);
        var to = date ?? errors.Date("dateTo", p.dateTo, required: false);
        if (date is not null && (p.dateFrom is not null || p.dateTo is not null))
        {
            errors.Add("date", "Give either date or dateFrom/dateTo.", "date 또는 dateFrom/dateTo 중 하나만 주세요.");
        }
        else if (from > to)
        {
            errors.Add("dateTo", "dateTo must not be before dateFrom.", "dateTo는 dateFrom보다 앞설 수 없습니다.");
        }

        var sort = errors.OneOf("sort", p.sort, Sorts, required: false);
        if (sort == "distance" && near is null)
        {
            errors.Add("sort", "sort=distance needs near=lat,lng.", "sort=distance에는 near=위도,경도가 필요합니다.");
        }

        if (type == "restaurant" && (p.minWage is not null || p.maxWage is not null || categories.Count > 0 || p.dateFrom is not null || p.dateTo is not null || p.date is not null))
        {
            errors.Add("type", "Wage, category and date filters apply to jobs, not restaurants.", "시급·직종·날짜 필터는 음식점이 아니라 일자리에 씁니다.");
        }

        if (type == "job" && (cuisines.Count > 0 || p.priceMin is not null || p.priceMax is not null || p.openNow == true))
        {
            errors.Add("type", "Cuisine, price and open-now filters apply to restaurants, not jobs.", "요리·가격대·영업 중 필터는 일자리가 아니라 음식점에 씁니다.");
        }

        var limit = errors.Range("limit", p.limit, 1, Paging.MaxLimit, Paging.DefaultLimit);
        var offset = 0;
        if (p.cursor is not null)
        {
            offset = Paging.Decode<OffsetCursor>(p.cursor)?.O ?? -1;
            if (offset is < 0 or > MaxOffset)
            {
                errors.Add("cursor", "cursor is not valid; use the nextCursor of a previous page.", "cursor가 올바르지 않습니다. 이전 페이지의 nextCursor를 쓰세요.");
            }
        }

        if (!errors.IsEmpty)
        {
            return null;
        }

        var order = sort switch
        {
            "distance" => SortOrder.Distance,
            "wage" => SortOrder.Wage,
            "date" => SortOrder.Date,
            "relevance" => SortOrder.Relevance,
            _ => text is null && near is not null ? SortOrder.Distance : text is null && type == "job" ? SortOrder.Date : SortOrder.Relevance,
        };
        return new SearchQuery(text, type == "all" ? [] : [type], near, cuisines, priceMin, priceMax, p.openNow == true, categories,
            p.minWage, p.maxWage, from, to, order, offset, limit, s.Now);
    }

    private static SearchHit ToResponse(FoundHit hit, SearchQuery query)
    {
        var distance = hit.DistanceKm is { } d ? Math.Round(d, 3) : (double?)null;
        var score = Math.Round(hit.Score, 4);
        if (hit.Restaurant is { } r)
        {
            var p = r.Profile!;
            var menu = hit.MatchedMenu.Select(m => new MenuMatch(m.Item.Id, m.Item.Name, m.Highlight, new Money(m.Item.Price, m.Item.Currency), m.Item.SoldOut)).ToList();
            var restaurant = new RestaurantHit(p.RestaurantId, p.Name, p.NameEn, p.Cuisine, p.PriceRange, p.Distinction, p.Address,
                new GeoLocation(p.Location.Lat, p.Location.Lng), p.TimeZone, r.IsOpenAt(query.Now), menu);
            return new SearchHit("restaurant", p.RestaurantId, score, distance, hit.Highlights, restaurant, null);
        }

        var j = hit.Job!.Job;
        var job = new JobHit(j.JobId, j.RestaurantId, j.RestaurantName, j.Title, j.Category, j.Date, j.Start, j.End, new Money(j.HourlyWage, j.Currency),
            j.Headcount, j.Filled, j.Address, new GeoLocation(j.Location.Lat, j.Location.Lng));
        return new SearchHit("job", j.JobId, score, distance, hit.Highlights, null, job);
    }

    private static Nearby? Near(string? near, double? radiusKm, FieldErrors errors)
    {
        if (radiusKm is { } radius && (!double.IsFinite(radius) || radius <= 0 || radius > 20_000))
        {
            errors.Add("radiusKm", "radiusKm must be more than 0 and at most 20000.", "radiusKm은 0보다 크고 20000 이하여야 합니다.");
        }

        if (string.IsNullOrWhiteSpace(near))
        {
            if (radiusKm is not null)
            {
                errors.Add("radiusKm", "radiusKm needs near=lat,lng.", "radiusKm에는 near=위도,경도가 필요합니다.");
            }

            return null;
        }

        var parts = near.Split(',');
        if (parts.Length == 2
            && double.TryParse(parts[0].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var lat)
            && double.TryParse(parts[1].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var lng)
            && lat is >= -90 and <= 90 && lng is >= -180 and <= 180)
        {
            return new Nearby(lat, lng, radiusKm);
        }

        errors.Add("near", "near must be lat,lng with a latitude between -90 and 90 and a longitude between -180 and 180, e.g. near=37.5665,126.9780.",
            "near는 위도,경도 형식이어야 합니다(위도 -90~90, 경도 -180~180). 예: near=37.5665,126.9780");
        return null;
    }

    /// <summary>A comma-separated list of short codes, lower-cased.</summary>
    private static List<string> List(string field, string? value, int maxCount, int maxLength, FieldErrors errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return [];
        }

        var items = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(v => v.ToLowerInvariant()).Distinct().ToList();
        if (items.Count > maxCount || items.Any(i => i.Length > maxLength || i.Any(char.IsControl)))
        {
            errors.Add(field, $"{field} must be at most {maxCount} comma-separated codes of at most {maxLength} characters.",
                $"{field}에는 {maxLength}자 이하의 코드를 쉼표로 구분해 최대 {maxCount}개까지 넣을 수 있습니다.");
            return [];
        }

        return items;
    }
}

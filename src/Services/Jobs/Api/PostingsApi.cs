using System.Globalization;
using Brigade.Api;
using Brigade.Data;
using Brigade.Jobs.Data;
using Brigade.Jobs.Domain;
using Brigade.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;

namespace Brigade.Jobs.Api;

public sealed record CancelBody(string? Reason);

public static class PostingsApi
{
    public const string Tag = "Jobs";
    private const double DefaultRadiusKm = 10;
    private static readonly IReadOnlyList<string> Sorts = ["start", "distance", "wage"];

    public static RouteGroupBuilder MapPostings(this RouteGroupBuilder api)
    {
        api.MapGet("/", FeedAsync).AllowAnonymous()
            .WithName("JobFeed").WithSummary("Open shifts: category, date or from/to, minWage, near=lat,lng with radiusKm, sort=start|distance|wage; cursor paging").WithTags(Tag);
        api.MapGet("/catalog", Catalog).AllowAnonymous()
            .WithName("JobCatalog").WithSummary("Position categories, requirement codes and this year's minimum hourly wage").WithTags(Tag);
        api.MapGet("/{id:guid}", GetAsync).AllowAnonymous()
            .WithName("GetJob").WithSummary("One posting (drafts only for the restaurant's people; hidden from blocked workers and, during the favourites' head start, from others)").WithTags(Tag);
        api.MapPost("/", CreateAsync).RequireAuthorization(Policies.User).WithIdempotency()
            .WithName("CreateJob").WithSummary("Post a shift (the restaurant's owners and managers); open unless draft: true").WithTags(Tag);
        api.MapPost("/series", CreateSeriesAsync).RequireAuthorization(Policies.User).WithIdempotency()
            .WithName("CreateJobSeries").WithSummary("Post the same shift on several dates (one posting per date)").WithTags(Tag);
        api.MapPut("/{id:guid}", UpdateAsync).RequireAuthorization(Policies.User).WithIfMatch()
            .WithName("UpdateJob").WithSummary("Replace a posting's details (If-Match: its version); with workers booked, their time, place and terms stay").WithTags(Tag);
        api.MapDelete("/{id:guid}", DeleteAsync).RequireAuthorization(Policies.User).WithIfMatch()
            .WithName("DeleteJob").WithSummary("Delete a posting nobody is booked on").WithTags(Tag);
        api.MapPost("/{id:guid}/publish", PublishAsync).RequireAuthorization(Policies.User).WithIfMatch()
            .WithName("PublishJob").WithSummary("Open a draft").WithTags(Tag);
        api.MapPost("/{id:guid}/cancel", CancelAsync).RequireAuthorization(Policies.User)
            .WithName("CancelJob").WithSummary("Cancel a posting before it starts; booked workers are told, and paid compensation when it is late").WithTags(Tag);
        api.MapGet("/manage", ManageAsync).RequireAuthorization(Policies.User)
            .WithName("RestaurantJobs").WithSummary("A restaurant's postings in every status, by start (its people)").WithTags(Tag);
        api.MapGet("/{id:guid}/attendance-code", AttendanceCodeAsync).RequireAuthorization(Policies.User)
            .WithName("AttendanceCode").WithSummary("The rotating check-in code to show on the restaurant's screen (its people)").WithTags(Tag);
        return api;
    }

    /// <summary>The feed; <c>near=lat,lng</c> with <c>radiusKm</c> (default 10 km).</summary>
    public static async Task<Results<Ok<Page<JobResponse>>, ValidationProblem>> FeedAsync(
        string? category, string? date, string? from, string? to, long? minWage, string? near, double? radiusKm, Guid? restaurantId,
        string? sort, int? limit, string? cursor, [AsParameters] JobServices s)
    {
        var errors = new FieldErrors();
        var categories = Categories(category, errors);
        var day = errors.Date("date", date, required: false);
        var fromDate = day ?? errors.Date("from", from, required: false);
        var toDate = day ?? errors.Date("to", to, required: false);
        var point = Near(near, errors);
        var order = sort is null ? "start" : errors.OneOf("sort", sort, Sorts.ToList()) ?? "start";
        double? radius = null;
        if (point is not null)
        {
            radius = radiusKm ?? DefaultRadiusKm;
            if (radius is not (> 0 and <= 100))
            {
                errors.Add("radiusKm", "radiusKm must be more than 0 and at most 100.", "radiusKm은(는) 0보다 크고 100 이하여야 합니다.");
            }
        }
        else if (radiusKm is not null)
        {
            errors.Add("radiusKm", "radiusKm needs near=lat,lng.", "radiusKm에는 near=위도,경도가 필요합니다.");
        }

        if (order == "distance" && point is null)
        {
            errors.Add("sort", "sort=distance needs near=lat,lng.", "sort=distance에는 near=위도,경도가 필요합니다.");
        }

        if (minWage is < 0 or > PostingRules.MaxHourlyWage)
        {
            errors.Add("minWage", $"minWage must be between 0 and {PostingRules.MaxHourlyWage}.", $"minWage은(는) 0에서 {PostingRules.MaxHourlyWage} 사이여야 합니다.");
        }

        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        var take = Paging.Limit(limit);
        var rows = await s.Jobs.FeedAsync(
            new FeedQuery(s.User.FindUserId(), categories, fromDate, toDate, minWage, point, radius, restaurantId, order, Paging.Decode<FeedCursor>(cursor), take),
            s.Now, s.Ct);
        var page = Paging.ToPage(rows, take, r => new FeedCursor(r.StartsAt, r.DistanceKm, r.HourlyWage, r.Id));
        return TypedResults.Ok(new Page<JobResponse>(page.Items.Select(r => JobResponse.From(r, showContact: false)).ToList(), page.NextCursor));
    }

    public static Ok<CatalogResponse> Catalog(TimeProvider clock)
    {
        var year = Instant.FromDateTimeOffset(clock.GetUtcNow()).InZone(RestaurantTime.DefaultZone).Year;
        return TypedResults.Ok(new CatalogResponse(
            Domain.Categories.All.Select(c => new CatalogEntryResponse(c.Code, c.Ko, c.En)).ToList(),
            Requirements.All.Select(c => new CatalogEntryResponse(c.Code, c.Ko, c.En)).ToList(),
            new MoneyResponse(MinimumWage.HourlyFor(year), MinimumWage.Currency), year));
    }

    public static async Task<Results<Ok<JobResponse>, ProblemHttpResult>> GetAsync(Guid id, [AsParameters] JobServices s)
    {
        var job = await s.Jobs.FindAsync(id, s.Ct);
        if (job is null || !await VisibleAsync(job, s))
        {
            return JobProblems.JobNotFound();
        }

        var mine = s.User.FindUserId() is { } me ? await s.Bookings.FindForWorkerAsync(id, me, s.Ct) : null;
        var booked = mine?.Status is BookingStatus.Accepted or BookingStatus.CheckedIn or BookingStatus.CheckedOut;
        s.Http.SetETag(job.Version);
        return TypedResults.Ok(JobResponse.From(job, s.User.WorksAt(job.RestaurantId) || booked, mine));
    }

    public static async Task<Results<Created<JobResponse>, ValidationProblem, ProblemHttpResult>> CreateAsync(PostingDraft body, [AsParameters] JobServices s)
    {
        var (specs, venue, problem) = await CheckAsync(body, series: false, s);
        if (problem is not null)
        {
            return problem.Value.Match<Results<Created<JobResponse>, ValidationProblem, ProblemHttpResult>>(v => v, p => p);
        }

        var rows = await s.Jobs.CreateAsync(venue!.Id, specs!, body.Draft == true, null, s.User.UserId(), s.Now, s.Ct);
        s.Http.SetETag(rows[0].Version);
        return TypedResults.Created($"/api/jobs/{rows[0].Id}", JobResponse.From(rows[0], showContact: true));
    }

    public static async Task<Results<Created<SeriesResponse>, ValidationProblem, ProblemHttpResult>> CreateSeriesAsync(PostingDraft body, [AsParameters] JobServices s)
    {
        var (specs, venue, problem) = await CheckAsync(body, series: true, s);
        if (problem is not null)
        {
            return problem.Value.Match<Results<Created<SeriesResponse>, ValidationProblem, ProblemHttpResult>>(v => v, p => p);
        }

        var seriesId = Guid.CreateVersion7();
        var rows = await s.Jobs.CreateAsync(venue!.Id, specs!, body.Draft == true, seriesId, s.User.UserId(), s.Now, s.Ct);
        return TypedResults.Created($"/api/jobs?restaurantId={venue.Id}", new SeriesResponse(seriesId, rows.Select(r => JobResponse.From(r, showContact: true)).ToList()));
    }

    public static async Task<Results<Ok<JobResponse>, ValidationProblem, ProblemHttpResult>> UpdateAsync(Guid id, PostingDraft body, [AsParameters] JobServices s)
    {
        var job = await s.Jobs.FindAsync(id, s.Ct);
        if (job is null || !s.User.WorksAt(job.RestaurantId))
        {
            return JobProblems.JobNotFound();
        }

        if (!s.User.Manages(job.RestaurantId))
        {
            return JobProblems.OnlyManagers();
        }

        if (body.RestaurantId is { } other && other != job.RestaurantId)
        {
            return Problems.Invalid("restaurantId", "A posting cannot move to another restaurant.", "일자리를 다른 레스토랑으로 옮길 수 없습니다.");
        }

        var venue = await s.Venues.FindAsync(job.RestaurantId, s.Ct);
        var errors = new FieldErrors();
        var specs = PostingRules.Check(body with { Draft = null }, venue!, s.Now, s.Settings.FavouritesFirstMinutes, series: false, errors);
        if (specs is null)
        {
            return Problems.Invalid(errors);
        }

        var (outcome, row) = await s.Jobs.UpdateAsync(id, specs[0], Versions.Expected(s.Http.Request), s.Now, s.Ct);
        switch (outcome)
        {
            case ChangeOutcome.Changed:
                s.Http.SetETag(row!.Version);
                return TypedResults.Ok(JobResponse.From(row, showContact: true));
            case ChangeOutcome.Stale:
                return Problems.Stale("job", "일자리");
            case ChangeOutcome.HasBookings:
                return Problems.Conflict(
                    "Workers are booked on this shift: its date, times, place, break and requirements stay, the wage may only rise and the headcount not drop below the booked workers.",
                    "이미 확정된 근무자가 있어 날짜·시간·장소·휴게·자격 요건은 바꿀 수 없고, 시급은 올리기만, 모집 인원은 확정 인원 이상으로만 바꿀 수 있습니다.", "has_bookings");
            case ChangeOutcome.WrongStatus:
                return JobProblems.Moved("job", "일자리", row!.Status);
            default:
                return JobProblems.JobNotFound();
        }
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(Guid id, [AsParameters] JobServices s)
    {
        var job = await s.Jobs.FindAsync(id, s.Ct);
        if (job is null || !s.User.WorksAt(job.RestaurantId))
        {
            return JobProblems.JobNotFound();
        }

        if (!s.User.Manages(job.RestaurantId))
        {
            return JobProblems.OnlyManagers();
        }

        return await s.Jobs.DeleteAsync(id, Versions.Expected(s.Http.Request), s.Now, s.Ct) switch
        {
            ChangeOutcome.Changed => TypedResults.NoContent(),
            ChangeOutcome.Stale => Problems.Stale("job", "일자리"),
            ChangeOutcome.HasBookings => Problems.Conflict("Workers are booked on this shift (or it has started): cancel it instead.",
                "확정된 근무자가 있거나 이미 시작된 근무입니다. 삭제 대신 취소해 주세요.", "has_bookings"),
            _ => JobProblems.JobNotFound(),
        };
    }

    public static async Task<Results<Ok<JobResponse>, ProblemHttpResult>> PublishAsync(Guid id, [AsParameters] JobServices s)
    {
        var job = await s.Jobs.FindAsync(id, s.Ct);
        if (job is null || !s.User.WorksAt(job.RestaurantId))
        {
            return JobProblems.JobNotFound();
        }

        if (!s.User.Manages(job.RestaurantId))
        {
            return JobProblems.OnlyManagers();
        }

        var (outcome, row) = await s.Jobs.PublishAsync(id, Versions.Expected(s.Http.Request), s.Now, s.Ct);
        return outcome == ChangeOutcome.Changed
            ? TypedResults.Ok(JobResponse.From(row!, showContact: true))
            : Problems.Conflict("Only a draft whose shift is still ahead can be opened (at the version you read).",
                "시작 전인 임시 저장 공고만 (읽은 버전 그대로일 때) 게시할 수 있습니다.", "wrong_status");
    }

    public static async Task<Results<Ok<JobResponse>, ValidationProblem, ProblemHttpResult>> CancelAsync(Guid id, CancelBody? body, [AsParameters] JobServices s)
    {
        var errors = new FieldErrors();
        var reason = errors.OptionalText("reason", body?.Reason, 500);
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        var job = await s.Jobs.FindAsync(id, s.Ct);
        if (job is null || !s.User.WorksAt(job.RestaurantId))
        {
            return JobProblems.JobNotFound();
        }

        if (!s.User.Manages(job.RestaurantId))
        {
            return JobProblems.OnlyManagers();
        }

        var now = s.Now;
        var p = s.Penalties;
        var (outcome, row) = await s.Jobs.CancelAsync(id, reason,
            current => CancellationPolicy.Terms(Party.Restaurant, now, current.Start, current.ScheduledPay, current.HourlyWage, p.FreeHours, p.PayPercent, p.MinimumPayMinutes, p.WorkerSuspension),
            now, s.Ct);
        return outcome switch
        {
            ChangeOutcome.Changed => TypedResults.Ok(JobResponse.From(row!, showContact: true)),
            ChangeOutcome.WrongStatus => JobProblems.Moved("job", "일자리", row!.Status),
            _ => JobProblems.JobNotFound(),
        };
    }

    public static async Task<Results<Ok<Page<JobResponse>>, ValidationProblem, ProblemHttpResult>> ManageAsync(
        Guid? restaurantId, string? status, string? from, string? to, int? limit, string? cursor, [AsParameters] JobServices s)
    {
        var errors = new FieldErrors();
        var restaurant = errors.RequiredId("restaurantId", restaurantId);
        var wanted = status is null ? null : errors.OneOf("status", status, JobStatus.All.ToList());
        var fromDate = errors.Date("from", from, required: false);
        var toDate = errors.Date("to", to, required: false);
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        if (!s.User.WorksAt(restaurant!.Value))
        {
            return Problems.NotFound("restaurant", "레스토랑");
        }

        var take = Paging.Limit(limit);
        var after = Paging.Decode<StartCursor>(cursor);
        var rows = await s.Jobs.ListForRestaurantAsync(restaurant.Value, wanted, fromDate, toDate, after is null ? null : (after.Start, after.Id), take + 1, s.Ct);
        var page = Paging.ToPage(rows, take, r => new StartCursor(r.StartsAt, r.Id));
        return TypedResults.Ok(new Page<JobResponse>(page.Items.Select(r => JobResponse.From(r, showContact: true)).ToList(), page.NextCursor));
    }

    public static async Task<Results<Ok<AttendanceCodeResponse>, ProblemHttpResult>> AttendanceCodeAsync(Guid id, [AsParameters] JobServices s)
    {
        var job = await s.Jobs.FindAsync(id, s.Ct);
        if (job is null || !s.User.WorksAt(job.RestaurantId))
        {
            return JobProblems.JobNotFound();
        }

        var step = AttendanceCode.StepAt(s.Now);
        var code = AttendanceCode.At(job.AttendanceSecret, step);
        s.Http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(new AttendanceCodeResponse(code, RestaurantTime.Local(AttendanceCode.StepEnds(step).ToDateTimeOffset(), job.TimeZone),
            AttendanceCode.StepSeconds, $"brigade-attendance:{job.Id}:{code}"));
    }

    internal sealed record StartCursor(DateTimeOffset Start, Guid Id);

    /// <summary>
    /// Who sees a posting: its restaurant's people always; nobody else a draft; a blocked worker never; during the
    /// favourites' head start only the favourites.
    /// </summary>
    internal static async Task<bool> VisibleAsync(JobRow job, JobServices s) =>
        Visible(job, s.User.FindUserId() is { } me && !s.User.WorksAt(job.RestaurantId) ? await s.Roster.KindAsync(job.RestaurantId, me, s.Ct) : null, s);

    internal static bool Visible(JobRow job, string? rosterKind, JobServices s) =>
        s.User.WorksAt(job.RestaurantId)
        || (job.Status != JobStatus.Draft && rosterKind != RosterStore.Blocked
            && (job.PublicAt is not { } at || at <= s.Now.ToDateTimeOffset() || rosterKind == RosterStore.Favourite));

    private static async Task<(IReadOnlyList<PostingSpec>? Specs, Venue? Venue, Refusal? Problem)> CheckAsync(PostingDraft body, bool series, JobServices s)
    {
        var errors = new FieldErrors();
        var restaurantId = errors.RequiredId("restaurantId", body.RestaurantId);
        if (restaurantId is null)
        {
            return (null, null, new Refusal(Problems.Invalid(errors), null));
        }

        if (!s.User.WorksAt(restaurantId.Value))
        {
            return (null, null, new Refusal(null, Problems.NotFound("restaurant", "레스토랑")));
        }

        if (!s.User.Manages(restaurantId.Value))
        {
            return (null, null, new Refusal(null, JobProblems.OnlyManagers()));
        }

        var venue = await s.Venues.FindAsync(restaurantId.Value, s.Ct);
        if (venue is null || venue.Status == "closed")
        {
            return (null, null, new Refusal(null, Problems.Conflict(
                "This restaurant cannot post shifts (closed, or not known to the jobs service yet: try again in a moment).",
                "이 레스토랑은 일자리를 올릴 수 없습니다(폐업했거나 아직 반영되지 않았습니다. 잠시 후 다시 시도해 주세요).", "restaurant_unavailable")));
        }

        var specs = PostingRules.Check(body, venue, s.Now, s.Settings.FavouritesFirstMinutes, series, errors);
        return specs is null ? (null, null, new Refusal(Problems.Invalid(errors), null)) : (specs, venue, null);
    }

    /// <summary>A 400 or another problem.</summary>
    private readonly record struct Refusal(ValidationProblem? Invalid, ProblemHttpResult? Other)
    {
        public T Match<T>(Func<ValidationProblem, T> invalid, Func<ProblemHttpResult, T> other) => Invalid is not null ? invalid(Invalid) : other(Other!);
    }

    private static List<string>? Categories(string? value, FieldErrors errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var codes = new List<string>();
        foreach (var part in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (errors.OneOf("category", part, Domain.Categories.Codes.ToList()) is { } code)
            {
                codes.Add(code);
            }
        }

        return codes;
    }

    internal static (double Lat, double Lng)? Near(string? near, FieldErrors errors)
    {
        if (string.IsNullOrWhiteSpace(near))
        {
            return null;
        }

        var parts = near.Split(',');
        if (parts.Length == 2
            && double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var lat) && lat is >= -90 and <= 90
            && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var lng) && lng is >= -180 and <= 180)
        {
            return (lat, lng);
        }

        errors.Add("near", "near must be lat,lng (e.g. 37.5665,126.9780).", "near은(는) 위도,경도 형식이어야 합니다(예: 37.5665,126.9780).");
        return null;
    }
}

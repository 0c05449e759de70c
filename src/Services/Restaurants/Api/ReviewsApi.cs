using System.Security.Claims;
using Brigade.Api;
using Brigade.Data;
using Brigade.Restaurants.Data;
using Brigade.Restaurants.Domain;
using Brigade.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Brigade.Restaurants.Api;

/// <summary>The reviewer as the public sees them: a masked display name (김*수), never their account.</summary>
public sealed record ReviewAuthor(string? DisplayName);

/// <summary>What the review is of: a <c>reservation</c> or an <c>order</c> (never its id, which is the diner's).</summary>
public sealed record ReviewVisit(string Source);

public sealed record ReviewReply(string Text, DateTimeOffset RepliedAt);

public sealed record ReviewResponse(
    Guid Id,
    Guid RestaurantId,
    int Rating,
    string Text,
    IReadOnlyList<string> PhotoUrls,
    ReviewAuthor Author,
    ReviewVisit Visit,
    ReviewReply? Reply,
    bool Hidden,
    string? HiddenReason,
    DateTimeOffset CreatedAt,
    bool Mine)
{
    /// <summary>The review as anyone may see it; <see cref="Mine"/> tells its author it is theirs.</summary>
    public static ReviewResponse From(ReviewRow r, Guid? caller) => new(
        r.Id, r.RestaurantId, r.Rating, r.Text, r.PhotoUrls, new ReviewAuthor(ReviewRules.DisplayName(r.AuthorName)), new ReviewVisit(r.VisitSource),
        r.Reply is null ? null : new ReviewReply(r.Reply, r.RepliedAt!.Value), r.Hidden, r.HiddenReason, r.CreatedAt, caller is { } me && me == r.DinerId);
}

public sealed record VisitResponse(string Source, Guid Id, DateTimeOffset CompletedAt, bool Reviewed);

/// <summary>Whether the caller may review now, why not (<c>no_visit</c>, <c>already_reviewed</c>, <c>own_restaurant</c>), and their visits.</summary>
public sealed record EligibilityResponse(bool Eligible, string? Reason, IReadOnlyList<VisitResponse> Visits);

public sealed record ReplyRequest(string? Text);

public sealed record HideRequest(string? Reason);

/// <summary>
/// The endpoints' dependencies and the request. Only the request's <see cref="HttpContext"/> is a public member:
/// the validation generator walks public members of <c>[AsParameters]</c> types, and would descend into a
/// <see cref="System.Security.Claims.ClaimsPrincipal"/> forever.
/// </summary>
public sealed record ReviewServices(RestaurantStore Restaurants, ReviewStore Reviews, TimeProvider Clock, HttpContext Http) : IApiRequest;

public static class ReviewsApi
{
    public const string Tag = "Reviews";

    public static RouteGroupBuilder MapReviews(this RouteGroupBuilder api)
    {
        api.MapGet("/{restaurantId:guid}/reviews", ListAsync).AllowAnonymous()
            .WithName("ListReviews").WithSummary("Reviews, newest first (hidden ones only for admins)").WithTags(Tag).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/{restaurantId:guid}/reviews/eligibility", EligibilityAsync).RequireAuthorization(Policies.User)
            .WithName("GetReviewEligibility").WithSummary("Whether the caller has a completed visit left to review, and their visits").WithTags(Tag).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/{restaurantId:guid}/reviews", PostAsync).RequireAuthorization(Policies.User).WithIdempotency()
            .WithName("PostReview").WithSummary("Review a completed visit (reservation or order): 1–5 stars, text, photos; once per visit").WithTags(Tag).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPut("/{restaurantId:guid}/reviews/{reviewId:guid}/reply", ReplyAsync).RequireAuthorization()
            .WithName("ReplyToReview").WithSummary("The restaurant's public reply to a review (owner, manager)").WithTags(Tag).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/{restaurantId:guid}/reviews/{reviewId:guid}/hide", HideAsync).RequireAuthorization()
            .WithName("HideReview").WithSummary("Hide an abusive review; it leaves the rating (admin)").WithTags(Tag).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/{restaurantId:guid}/reviews/{reviewId:guid}/unhide", UnhideAsync).RequireAuthorization()
            .WithName("UnhideReview").WithSummary("Show a hidden review again (admin)").WithTags(Tag).ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    public static async Task<Results<Ok<Page<ReviewResponse>>, ProblemHttpResult>> ListAsync(
        Guid restaurantId, int? limit, string? cursor, [AsParameters] ReviewServices s)
    {
        var (scope, denied) = await s.Restaurants.AuthorizeAsync(restaurantId, s.User, Capability.ReadPublic, s.Ct);
        if (denied is not null)
        {
            return denied;
        }

        var take = Paging.Limit(limit);
        var rows = await s.Reviews.ListAsync(restaurantId, includeHidden: scope!.Caller.IsAdmin, take, Paging.Decode<Guid?>(cursor), s.Ct);
        var page = Paging.ToPage(rows, take, r => (Guid?)r.Id);
        return TypedResults.Ok(new Page<ReviewResponse>(page.Items.Select(r => ReviewResponse.From(r, scope.Caller.UserId)).ToList(), page.NextCursor));
    }

    public static async Task<Results<Ok<EligibilityResponse>, ProblemHttpResult>> EligibilityAsync(Guid restaurantId, [AsParameters] ReviewServices s)
    {
        var (scope, denied) = await s.Restaurants.AuthorizeAsync(restaurantId, s.User, Capability.ReadPublic, s.Ct);
        if (denied is not null)
        {
            return denied;
        }

        var visits = await s.Reviews.VisitsAsync(restaurantId, scope!.Caller.UserId!.Value, s.Ct);
        var eligibility = ReviewRules.Decide(visits, null, null, scope.Role is not null);
        return TypedResults.Ok(new EligibilityResponse(
            eligibility.Outcome == EligibilityOutcome.Eligible,
            Reason(eligibility.Outcome),
            visits.Select(v => new VisitResponse(v.Source, v.SourceId, v.CompletedAt, v.Reviewed)).ToList()));
    }

    public static async Task<Results<Created<ReviewResponse>, ValidationProblem, ProblemHttpResult>> PostAsync(
        Guid restaurantId, ReviewDraft body, [AsParameters] ReviewServices s)
    {
        var (scope, denied) = await s.Restaurants.AuthorizeAsync(restaurantId, s.User, Capability.ReadPublic, s.Ct);
        if (denied is not null)
        {
            return denied;
        }

        var errors = new FieldErrors();
        var spec = ReviewRules.Check(body, errors);
        if (spec is null)
        {
            return Problems.Invalid(errors);
        }

        var dinerId = scope!.Caller.UserId!.Value;
        var visits = await s.Reviews.VisitsAsync(restaurantId, dinerId, s.Ct);
        var source = body.ReservationId is not null ? VisitSources.Reservation : body.OrderId is not null ? VisitSources.Order : null;
        var sourceId = body.ReservationId ?? body.OrderId;
        var eligibility = ReviewRules.Decide(visits, source, sourceId, scope.Role is not null);
        switch (eligibility.Outcome)
        {
            case EligibilityOutcome.OwnRestaurant:
                return Problems.Forbidden("The restaurant's own people cannot review it.", "식당 직원은 자기 식당을 리뷰할 수 없습니다.");
            case EligibilityOutcome.NoVisit:
                return sourceId is null
                    ? Problems.Forbidden("Only diners whose reservation or order here was completed can review this restaurant.", "이 식당에서 예약이나 주문을 마친 손님만 리뷰할 수 있습니다.")
                    : Problems.Forbidden("That reservation or order is not a completed visit of yours at this restaurant.", "그 예약이나 주문은 이 식당에서 마친 방문이 아닙니다.");
            case EligibilityOutcome.AlreadyReviewed:
                return Problems.Conflict("You have already reviewed this visit; one review per visit.", "이 방문은 이미 리뷰하셨습니다. 방문 한 번에 리뷰 하나입니다.");
        }

        var (outcome, row) = await s.Reviews.PostAsync(restaurantId, dinerId, s.User.FindFirstValue(ClaimNames.Name), eligibility.Visit!, spec, s.Ct);
        return outcome == PostOutcome.Posted
            ? TypedResults.Created($"/api/restaurants/{restaurantId}/reviews/{row!.Id}", ReviewResponse.From(row, dinerId))
            : Problems.Conflict("You have already reviewed this visit; one review per visit.", "이 방문은 이미 리뷰하셨습니다. 방문 한 번에 리뷰 하나입니다.");
    }

    public static async Task<Results<Ok<ReviewResponse>, ValidationProblem, ProblemHttpResult>> ReplyAsync(
        Guid restaurantId, Guid reviewId, ReplyRequest body, [AsParameters] ReviewServices s)
    {
        var (scope, denied) = await s.Restaurants.AuthorizeAsync(restaurantId, s.User, Capability.ReplyToReviews, s.Ct);
        if (denied is not null)
        {
            return denied;
        }

        var errors = new FieldErrors();
        var text = errors.RequiredText("text", body.Text, 5000);
        if (text is null)
        {
            return Problems.Invalid(errors);
        }

        var row = await s.Reviews.ReplyAsync(restaurantId, reviewId, text, scope!.Caller.UserId ?? Guid.Empty, s.Ct);
        return row is null ? Problems.NotFound("review", "리뷰") : TypedResults.Ok(ReviewResponse.From(row, scope!.Caller.UserId));
    }

    public static Task<Results<Ok<ReviewResponse>, ValidationProblem, ProblemHttpResult>> HideAsync(
        Guid restaurantId, Guid reviewId, HideRequest? body, [AsParameters] ReviewServices s) =>
        SetHiddenAsync(restaurantId, reviewId, true, body?.Reason, s);

    public static Task<Results<Ok<ReviewResponse>, ValidationProblem, ProblemHttpResult>> UnhideAsync(
        Guid restaurantId, Guid reviewId, [AsParameters] ReviewServices s) =>
        SetHiddenAsync(restaurantId, reviewId, false, null, s);

    private static async Task<Results<Ok<ReviewResponse>, ValidationProblem, ProblemHttpResult>> SetHiddenAsync(
        Guid restaurantId, Guid reviewId, bool hidden, string? reason, ReviewServices s)
    {
        var (scope, denied) = await s.Restaurants.AuthorizeAsync(restaurantId, s.User, Capability.ModerateReviews, s.Ct);
        if (denied is not null)
        {
            return denied;
        }

        var errors = new FieldErrors();
        var why = errors.OptionalText("reason", reason, 500);
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        var row = await s.Reviews.SetHiddenAsync(restaurantId, reviewId, hidden, why, scope!.Caller.UserId, s.Ct);
        return row is null ? Problems.NotFound("review", "리뷰") : TypedResults.Ok(ReviewResponse.From(row, scope!.Caller.UserId));
    }

    private static string? Reason(EligibilityOutcome outcome) => outcome switch
    {
        EligibilityOutcome.NoVisit => "no_visit",
        EligibilityOutcome.AlreadyReviewed => "already_reviewed",
        EligibilityOutcome.OwnRestaurant => "own_restaurant",
        _ => null,
    };
}

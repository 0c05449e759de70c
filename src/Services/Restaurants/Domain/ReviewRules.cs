using Brigade.Api;
namespace Brigade.Restaurants.Domain;

/// <summary>
/// The body of "post a review". <paramref name="ReservationId"/> or <paramref name="OrderId"/> names the
/// visit being reviewed; with neither, the diner's oldest visit not yet reviewed is used.
/// </summary>
public sealed record ReviewDraft(int? Rating, string? Text, IReadOnlyList<string?>? PhotoUrls, Guid? ReservationId, Guid? OrderId);

public sealed record ReviewSpec(int Rating, string Text, IReadOnlyList<string> PhotoUrls);

public static class VisitSources
{
    public const string Reservation = "reservation";
    public const string Order = "order";
}

/// <summary>A completed reservation or order of a diner at a restaurant, and whether it has been reviewed.</summary>
public sealed record Visit(Guid Id, string Source, Guid SourceId, DateTimeOffset CompletedAt, bool Reviewed);

public enum EligibilityOutcome
{
    /// <summary>The visit in <see cref="Eligibility.Visit"/> may be reviewed.</summary>
    Eligible,

    /// <summary>The diner has no completed visit here (or not the one named): reviews are for guests only.</summary>
    NoVisit,

    /// <summary>Every visit (or the one named) already has its review: one review per visit.</summary>
    AlreadyReviewed,

    /// <summary>The restaurant's own people do not review it.</summary>
    OwnRestaurant,
}

public sealed record Eligibility(EligibilityOutcome Outcome, Visit? Visit = null);

public static class ReviewRules
{
    public static ReviewSpec? Check(ReviewDraft draft, FieldErrors errors)
    {
        if (draft.Rating is not { } rating || rating < 1 || rating > 5)
        {
            errors.Add("rating", "rating must be a whole number from 1 to 5.", "rating은 1에서 5 사이의 정수여야 합니다.");
        }

        var text = errors.RequiredText("text", draft.Text, 5000);
        var photos = errors.Urls("photoUrls", draft.PhotoUrls, 10);
        if (draft.ReservationId is not null && draft.OrderId is not null)
        {
            errors.Add("orderId", "Name one visit: reservationId or orderId, not both.", "방문은 하나만 지정해 주세요: reservationId 또는 orderId.");
        }

        return errors.IsEmpty ? new ReviewSpec(draft.Rating!.Value, text!, photos) : null;
    }

    /// <summary>
    /// Only a diner whose reservation or order at the restaurant completed may review it, once per visit.
    /// <paramref name="visits"/> are the diner's visits at this restaurant.
    /// </summary>
    public static Eligibility Decide(IReadOnlyList<Visit> visits, string? source, Guid? sourceId, bool isMember)
    {
        if (isMember)
        {
            return new Eligibility(EligibilityOutcome.OwnRestaurant);
        }

        if (sourceId is { } id)
        {
            var named = visits.FirstOrDefault(v => v.Source == source && v.SourceId == id);
            return named switch
            {
                null => new Eligibility(EligibilityOutcome.NoVisit),
                { Reviewed: true } => new Eligibility(EligibilityOutcome.AlreadyReviewed, named),
                _ => new Eligibility(EligibilityOutcome.Eligible, named),
            };
        }

        if (visits.Count == 0)
        {
            return new Eligibility(EligibilityOutcome.NoVisit);
        }

        var open = visits.Where(v => !v.Reviewed).OrderBy(v => v.CompletedAt).ThenBy(v => v.Id).FirstOrDefault();
        return open is null
            ? new Eligibility(EligibilityOutcome.AlreadyReviewed)
            : new Eligibility(EligibilityOutcome.Eligible, open);
    }

    /// <summary>
    /// The reviewer as the public sees them: their name with everything but its first and last letter masked (김민수 → 김*수,
    /// 민지 → 민*, Jane Doe → J*** **e), so a review reads as a person's without naming them; null without a name.
    /// </summary>
    public static string? DisplayName(string? name)
    {
        var text = name?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        var letters = new List<string>();
        var elements = System.Globalization.StringInfo.GetTextElementEnumerator(text);
        while (elements.MoveNext())
        {
            letters.Add(elements.GetTextElement());
        }

        var shown = letters.Count(l => !string.IsNullOrWhiteSpace(l));
        var seen = 0;
        var masked = new System.Text.StringBuilder();
        foreach (var letter in letters)
        {
            if (string.IsNullOrWhiteSpace(letter))
            {
                masked.Append(' ');
                continue;
            }

            seen++;
            var keep = shown >= 2 && (seen == 1 || (seen == shown && shown >= 3));
            masked.Append(keep ? letter : "*");
        }

        return masked.ToString();
    }

    /// <summary>The average shown for a restaurant: one decimal, 0 when nobody has reviewed it.</summary>
    public static double Average(long sum, int count) => count == 0 ? 0 : Math.Round((double)sum / count, 1, MidpointRounding.AwayFromZero);
}

namespace Brigade.Restaurants.Domain;

public enum TransitionOutcome { Changed, Unchanged, NotAllowed }

/// <summary>
/// draft → published → closed, and closed → published (reopening). Publishing an already published
/// restaurant changes nothing; closing a draft is not allowed (it was never open).
/// </summary>
public static class Lifecycle
{
    public static TransitionOutcome Publish(RestaurantStatus current) => current switch
    {
        RestaurantStatus.Published => TransitionOutcome.Unchanged,
        _ => TransitionOutcome.Changed,
    };

    public static TransitionOutcome Close(RestaurantStatus current) => current switch
    {
        RestaurantStatus.Published => TransitionOutcome.Changed,
        RestaurantStatus.Closed => TransitionOutcome.Unchanged,
        _ => TransitionOutcome.NotAllowed,
    };

    public static string ToText(this RestaurantStatus status) => status switch
    {
        RestaurantStatus.Draft => "draft",
        RestaurantStatus.Published => "published",
        RestaurantStatus.Closed => "closed",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    public static RestaurantStatus ParseStatus(string text) => text switch
    {
        "draft" => RestaurantStatus.Draft,
        "published" => RestaurantStatus.Published,
        "closed" => RestaurantStatus.Closed,
        _ => throw new ArgumentOutOfRangeException(nameof(text), text, "unknown restaurant status"),
    };
}

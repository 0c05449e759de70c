using System.Text.RegularExpressions;

namespace Brigade.Ordering.Domain;

/// <summary>Ticket statuses on the kitchen display.</summary>
public static class TicketStatus
{
    /// <summary>A later course waiting for the server to fire it (or a pre-order waiting for the party).</summary>
    public const string Held = "held";

    /// <summary>On the station's screen, to be cooked.</summary>
    public const string Fired = "fired";

    /// <summary>A cook has started it.</summary>
    public const string Started = "started";

    /// <summary>Done: the station bumped it to the pass.</summary>
    public const string Bumped = "bumped";

    /// <summary>The order was cancelled or voided.</summary>
    public const string Voided = "voided";

    public static readonly IReadOnlyList<string> Live = [Held, Fired, Started];
}

public enum TicketAction
{
    Fire,
    Hold,
    Start,
    Bump,
    Recall,
}

/// <summary>Per-line statuses, following the line's ticket; <c>pending</c> until the order is accepted.</summary>
public static class LineStatus
{
    public const string Pending = "pending";
    public const string Held = "held";
    public const string Fired = "fired";
    public const string Started = "started";
    public const string Ready = "ready";
    public const string Served = "served";
    public const string Cancelled = "cancelled";
    public const string Voided = "voided";

    /// <summary>The line status that follows a ticket status.</summary>
    public static string OfTicket(string ticketStatus) => ticketStatus switch
    {
        TicketStatus.Held => Held,
        TicketStatus.Fired => Fired,
        TicketStatus.Started => Started,
        TicketStatus.Bumped => Ready,
        _ => Voided,
    };
}

/// <summary>
/// The kitchen display's rules: coursing (hold/fire), start, bump and recall of a ticket, and what they mean for the
/// order: the first cook's touch puts an accepted order in preparation, the last bump makes it ready, a recall of a
/// ready order sends it back.
/// </summary>
public static class KitchenRules
{
    private static readonly Dictionary<(string From, TicketAction Action), string> Moves = new()
    {
        [(TicketStatus.Held, TicketAction.Fire)] = TicketStatus.Fired,
        [(TicketStatus.Fired, TicketAction.Hold)] = TicketStatus.Held,
        [(TicketStatus.Fired, TicketAction.Start)] = TicketStatus.Started,
        [(TicketStatus.Fired, TicketAction.Bump)] = TicketStatus.Bumped,
        [(TicketStatus.Started, TicketAction.Bump)] = TicketStatus.Bumped,
        [(TicketStatus.Bumped, TicketAction.Recall)] = TicketStatus.Fired,
    };

    public static string? Next(string from, TicketAction action) => Moves.GetValueOrDefault((from, action));

    /// <summary>
    /// A ticket's status when its order is accepted: the first course fires at once; later courses wait for the server;
    /// a pre-order (for a booked table) holds everything until the party is seated and the server fires it.
    /// </summary>
    public static string InitialStatus(int course, int firstCourse, bool preOrder) =>
        !preOrder && course == firstCourse ? TicketStatus.Fired : TicketStatus.Held;

    /// <summary>
    /// The order's status after its tickets changed, or null when it stays: a cook's first touch moves an accepted order
    /// into preparation; every ticket bumped (none held) makes it ready; a recalled ticket sends a ready order back.
    /// </summary>
    public static string? OrderStatusAfter(string orderStatus, TicketAction action, IReadOnlyCollection<string> ticketStatuses)
    {
        var live = ticketStatuses.Where(s => s != TicketStatus.Voided).ToList();
        var allBumped = live.Count > 0 && live.All(s => s == TicketStatus.Bumped);
        return (orderStatus, action) switch
        {
            (OrderStatus.Accepted or OrderStatus.InPreparation, TicketAction.Bump) when allBumped => OrderStatus.Ready,
            (OrderStatus.Accepted, TicketAction.Start or TicketAction.Bump) => OrderStatus.InPreparation,
            (OrderStatus.Ready, TicketAction.Recall) => OrderStatus.InPreparation,
            _ => null,
        };
    }
}

/// <summary>
/// Which station cooks a line: the restaurant's routes by menu category (case-insensitive), else its default station.
/// A restaurant that set nothing gets a guess from category names (drinks to the bar, salads to cold, fried to fry, grills to grill).
/// </summary>
public sealed partial record StationRouting(IReadOnlyList<string> Stations, IReadOnlyDictionary<string, string> Routes, string DefaultStation)
{
    public const int MaxStations = 20;

    public static StationRouting Default { get; } = new(["kitchen", "grill", "fry", "cold", "bar"], new Dictionary<string, string>(), "kitchen");

    public string StationFor(string? category)
    {
        if (category is null)
        {
            return DefaultStation;
        }

        foreach (var (name, station) in Routes)
        {
            if (string.Equals(name, category.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return station;
            }
        }

        return Routes.Count == 0 ? Guess(category) ?? DefaultStation : DefaultStation;
    }

    private string? Guess(string category)
    {
        var station = Bar().IsMatch(category) ? "bar"
            : Cold().IsMatch(category) ? "cold"
            : Fry().IsMatch(category) ? "fry"
            : Grill().IsMatch(category) ? "grill"
            : null;
        return station is not null && Stations.Contains(station, StringComparer.Ordinal) ? station : null;
    }

    /// <summary>A station name: lowercase letters, digits, '-' or '_' (grill, cold-1, 바).</summary>
    public static bool IsStationName(string name) => StationName().IsMatch(name);

    [GeneratedRegex("음료|주류|술|커피|차|와인|맥주|칵테일|drink|beverage|bar|wine|beer|cocktail|coffee|tea", RegexOptions.IgnoreCase)]
    private static partial Regex Bar();

    [GeneratedRegex("샐러드|냉|회|디저트|salad|cold|dessert|sashimi|raw", RegexOptions.IgnoreCase)]
    private static partial Regex Cold();

    [GeneratedRegex("튀김|프라이|fried|fry|tempura", RegexOptions.IgnoreCase)]
    private static partial Regex Fry();

    [GeneratedRegex("구이|그릴|바베큐|스테이크|grill|bbq|steak|roast", RegexOptions.IgnoreCase)]
    private static partial Regex Grill();

    [GeneratedRegex(@"^[\p{Ll}\p{Lo}0-9][\p{Ll}\p{Lo}0-9_-]{0,29}$")]
    private static partial Regex StationName();
}

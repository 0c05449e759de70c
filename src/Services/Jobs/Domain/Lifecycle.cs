namespace Brigade.Jobs.Domain;

/// <summary>Posting statuses as the API spells them.</summary>
public static class JobStatus
{
    public const string Draft = "draft";
    public const string Open = "open";
    public const string Filled = "filled";
    public const string InProgress = "in_progress";
    public const string Completed = "completed";
    public const string Cancelled = "cancelled";

    public static readonly IReadOnlyList<string> All = [Draft, Open, Filled, InProgress, Completed, Cancelled];

    private static readonly Dictionary<string, string[]> Moves = new(StringComparer.Ordinal)
    {
        [Draft] = [Open, Cancelled],
        [Open] = [Filled, InProgress, Cancelled],
        [Filled] = [Open, InProgress, Cancelled],
        [InProgress] = [Completed],
        [Completed] = [],
        [Cancelled] = [],
    };

    public static bool CanMove(string from, string to) => Moves.TryGetValue(from, out var next) && next.Contains(to, StringComparer.Ordinal);

    /// <summary>Details may change (with limits once someone is booked) until the shift starts.</summary>
    public static bool IsEditable(string status) => status is Draft or Open or Filled;
}

/// <summary>
/// An application is also the booking it becomes: <c>applied</c> → <c>accepted</c> (booked) → <c>checked_in</c> →
/// <c>checked_out</c>, or it ends <c>declined</c>, <c>withdrawn</c>, <c>expired</c>, <c>cancelled</c> or <c>no_show</c>.
/// </summary>
public static class BookingStatus
{
    public const string Applied = "applied";
    public const string Accepted = "accepted";
    public const string Declined = "declined";
    public const string Withdrawn = "withdrawn";
    public const string Expired = "expired";
    public const string Cancelled = "cancelled";
    public const string CheckedIn = "checked_in";
    public const string CheckedOut = "checked_out";
    public const string NoShow = "no_show";

    public static readonly IReadOnlyList<string> All = [Applied, Accepted, Declined, Withdrawn, Expired, Cancelled, CheckedIn, CheckedOut, NoShow];

    /// <summary>Statuses that hold the worker's time: no two of one worker may overlap (an exclusion constraint says so).</summary>
    public static readonly IReadOnlyList<string> HoldsShift = [Accepted, CheckedIn, CheckedOut];

    private static readonly Dictionary<string, string[]> Moves = new(StringComparer.Ordinal)
    {
        [Applied] = [Accepted, Declined, Withdrawn, Expired],
        [Accepted] = [CheckedIn, Cancelled, NoShow],
        [CheckedIn] = [CheckedOut],
        [CheckedOut] = [],
        [Declined] = [],
        [Withdrawn] = [],
        [Expired] = [],
        [Cancelled] = [],
        [NoShow] = [],
    };

    public static bool CanMove(string from, string to) => Moves.TryGetValue(from, out var next) && next.Contains(to, StringComparer.Ordinal);
}

/// <summary>Who acted: the worker, the restaurant's people, or the platform's clock.</summary>
public static class Party
{
    public const string Worker = "worker";
    public const string Restaurant = "restaurant";
    public const string System = "system";
}

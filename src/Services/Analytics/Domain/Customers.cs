namespace Brigade.Analytics.Domain;

/// <summary>A signed-in diner's history at one restaurant up to a day: visits (service days with a closed order), first and last, spend.</summary>
public sealed record DinerHistory(Guid DinerId, DateOnly First, DateOnly Last, long Visits, long Spend);

/// <summary>
/// RFM segments by fixed rules rather than quintiles: a restaurant's guest book is often a few dozen people, where quintiles
/// move with every visit and say little; fixed rules read the same in every restaurant and every month. Recency is days from
/// the last visit to the day asked about, frequency the visits so far, monetary the spend so far (reported per segment, not
/// used to segment). The first rule that matches wins:
/// <list type="number">
/// <item><c>lost</c>: no visit for more than 180 days.</item>
/// <item><c>new</c>: one visit, within 30 days.</item>
/// <item><c>champions</c>: 4 or more visits, the last within 30 days.</item>
/// <item><c>loyal</c>: 2 or more visits, the last within 90 days.</item>
/// <item><c>at_risk</c>: 2 or more visits, the last 91–180 days ago.</item>
/// <item><c>one_time</c>: one visit, 31–180 days ago.</item>
/// </list>
/// </summary>
public static class Rfm
{
    public static readonly IReadOnlyList<string> Segments = ["champions", "loyal", "new", "at_risk", "one_time", "lost"];

    public static string Segment(DinerHistory d, DateOnly asOf)
    {
        var recency = asOf.DayNumber - d.Last.DayNumber;
        return recency switch
        {
            > 180 => "lost",
            <= 30 when d.Visits == 1 => "new",
            <= 30 when d.Visits >= 4 => "champions",
            <= 90 when d.Visits >= 2 => "loyal",
            _ when d.Visits >= 2 => "at_risk",
            _ => "one_time",
        };
    }
}

/// <summary>Ratios about guests.</summary>
public static class Frequency
{
    /// <summary>Visits per guest, to two decimals (half away from zero); null without guests.</summary>
    public static decimal? PerGuest(long visits, long guests) =>
        guests <= 0 ? null : Math.Round((decimal)visits / guests, 2, MidpointRounding.AwayFromZero);
}

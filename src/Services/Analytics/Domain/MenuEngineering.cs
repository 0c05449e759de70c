namespace Brigade.Analytics.Domain;

/// <summary>One menu item's sales over a range, and what its portions cost when a recipe cost is known.</summary>
public sealed record MixItem(Guid MenuItemId, string Name, string? Category, long Quantity, long Sales, long? Cost);

/// <summary>An item placed on the menu-engineering grid.</summary>
public sealed record EngineeredItem(
    MixItem Item, decimal MixPercent, bool Popular, long? UnitMargin, long? TotalMargin, bool? HighMargin, string? Quadrant);

/// <summary>The grid: its thresholds and whether margins could be judged at all.</summary>
public sealed record MenuGrid(IReadOnlyList<EngineeredItem> Items, decimal PopularityThresholdPercent, long? AverageMargin, bool CostKnown);

/// <summary>
/// Kasavana and Smith's menu engineering. An item is popular when its share of the portions sold is at least 70 % of an
/// even share (1/N); its margin is high when its contribution margin per portion (price less recipe cost) is at least
/// the average margin per portion weighted by the portions sold. Popular and high: star; popular and low: plowhorse;
/// unpopular and high: puzzle; unpopular and low: dog. Without a cost for every item, margins cannot be compared, so
/// only popularity is judged (no item gets a quadrant rather than a wrong one).
/// </summary>
public static class MenuEngineering
{
    public const decimal PopularityFactor = 0.7m;

    public static MenuGrid Classify(IReadOnlyList<MixItem> items)
    {
        var sold = items.Where(i => i.Quantity > 0).ToList();
        var portions = sold.Sum(i => i.Quantity);
        if (sold.Count == 0 || portions == 0)
        {
            return new MenuGrid([], 0, null, false);
        }

        // The threshold as a share of portions: 0.7 × 1/N, compared exactly (quantity × N ≥ 0.7 × portions) to avoid rounding.
        var threshold = Math.Round(PopularityFactor * 100m / sold.Count, 1, MidpointRounding.AwayFromZero);
        var costKnown = sold.All(i => i.Cost is not null);
        long? average = costKnown ? Per(sold.Sum(i => i.Sales - i.Cost!.Value), portions) : null;
        var result = sold.Select(i =>
        {
            var popular = i.Quantity * sold.Count * 10 >= portions * 7;
            var mix = Math.Round(i.Quantity * 100m / portions, 1, MidpointRounding.AwayFromZero);
            if (!costKnown)
            {
                return new EngineeredItem(i, mix, popular, null, null, null, null);
            }

            var total = i.Sales - i.Cost!.Value;
            var unit = Per(total, i.Quantity);
            // Compared as totals over portions (total × portions ≥ average total × quantity) so rounding the won cannot flip an item.
            var high = (decimal)total * portions >= (decimal)sold.Sum(s => s.Sales - s.Cost!.Value) * i.Quantity;
            var quadrant = (popular, high) switch
            {
                (true, true) => "star",
                (true, false) => "plowhorse",
                (false, true) => "puzzle",
                _ => "dog",
            };
            return new EngineeredItem(i, mix, popular, unit, total, high, quadrant);
        }).OrderByDescending(e => e.Item.Quantity).ThenBy(e => e.Item.MenuItemId).ToList();
        return new MenuGrid(result, threshold, average, costKnown);
    }

    private static long Per(long amount, long count) => (long)Math.Round((decimal)amount / count, 0, MidpointRounding.AwayFromZero);
}

namespace Brigade.Inventory.Domain;

/// <summary>Movement values of a period by kind (minor units; negative = out of stock) and the sales they served.</summary>
public sealed record PeriodMovements(long Sales, long Sale, long SaleReversed, long Waste, long CountVariance, long Receipts);

/// <summary>
/// Actual versus theoretical usage: theoretical is what the recipes of what was sold say (sales net of reversals);
/// actual adds what was thrown away and what counts found missing (a count that finds more lowers it).
/// Food cost % = actual usage / sales, in basis points so no floating point reaches money.
/// </summary>
public sealed record FoodCostReport(long Sales, long Theoretical, long Waste, long Variance, long Actual, long Receipts, int? FoodCostBasisPoints, int? TheoreticalBasisPoints)
{
    public static FoodCostReport From(PeriodMovements m)
    {
        var theoretical = -(m.Sale + m.SaleReversed);
        var waste = -m.Waste;
        var variance = -m.CountVariance;
        var actual = theoretical + waste + variance;
        return new FoodCostReport(m.Sales, theoretical, waste, variance, actual, m.Receipts, BasisPoints(actual, m.Sales), BasisPoints(theoretical, m.Sales));
    }

    private static int? BasisPoints(long cost, long sales) =>
        sales <= 0 ? null : (int)Math.Clamp(Math.Round(cost * 10_000m / sales, MidpointRounding.AwayFromZero), int.MinValue, int.MaxValue);
}

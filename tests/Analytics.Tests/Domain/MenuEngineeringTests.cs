using Brigade.Analytics.Domain;

namespace Brigade.Analytics.Tests.Domain;

/// <summary>
/// A hand-worked grid. 145 portions of 5 items: the popularity threshold is 70 % of 1/5 = 14.0 %. Contribution margins:
/// 삼겹살 (15,000 − 6,000) × 60 = 540,000; 김치찌개 (9,000 − 2,000) × 30 = 210,000; 소주 (5,000 − 1,000) × 40 = 160,000;
/// 한우 (20,000 − 8,000) × 10 = 120,000; 잡채 (6,000 − 3,000) × 5 = 15,000; 1,045,000 / 145 = 7,206.9 → 7,207 a portion.
/// </summary>
public sealed class MenuEngineeringTests
{
    private static MixItem Item(string name, long quantity, long price, long? unitCost) =>
        new(Guid.CreateVersion7(), name, null, quantity, quantity * price, unitCost * quantity);

    [Fact]
    public void Items_fall_into_the_classic_quadrants()
    {
        var grid = MenuEngineering.Classify([Item("삼겹살", 60, 15_000, 6_000), Item("김치찌개", 30, 9_000, 2_000), Item("소주", 40, 5_000, 1_000),
            Item("한우", 10, 20_000, 8_000), Item("잡채", 5, 6_000, 3_000)]);

        grid.CostKnown.ShouldBeTrue();
        grid.PopularityThresholdPercent.ShouldBe(14.0m);
        grid.AverageMargin.ShouldBe(7_207);
        grid.Items.Select(i => (i.Item.Name, i.MixPercent, i.UnitMargin, i.Quadrant)).ShouldBe(
        [
            ("삼겹살", 41.4m, 9_000L, "star"), ("소주", 27.6m, 4_000L, "plowhorse"), ("김치찌개", 20.7m, 7_000L, "plowhorse"),
            ("한우", 6.9m, 12_000L, "puzzle"), ("잡채", 3.4m, 3_000L, "dog"),
        ]);
    }

    [Fact]
    public void Popularity_sits_exactly_on_seventy_percent_of_an_even_share()
    {
        // 10 items, 100 portions: the threshold is 70 % of 10 % = 7 portions; 7 is popular, 6 is not.
        var items = Enumerable.Range(0, 8).Select(i => Item($"i{i}", i == 0 ? 10 : 11, 1_000, 500))
            .Append(Item("seven", 7, 1_000, 500)).Append(Item("six", 6, 1_000, 500)).ToList();
        items.Sum(i => i.Quantity).ShouldBe(100);
        var grid = MenuEngineering.Classify(items);
        grid.PopularityThresholdPercent.ShouldBe(7.0m);
        grid.Items.Single(i => i.Item.Name == "seven").Popular.ShouldBeTrue();
        grid.Items.Single(i => i.Item.Name == "six").Popular.ShouldBeFalse();
    }

    [Fact]
    public void Without_every_cost_only_popularity_is_judged()
    {
        var grid = MenuEngineering.Classify([Item("a", 6, 15_000, 6_000), Item("b", 3, 9_000, null), Item("c", 4, 5_000, null)]);

        grid.CostKnown.ShouldBeFalse();
        grid.AverageMargin.ShouldBeNull();
        grid.Items.ShouldAllBe(i => i.Quadrant == null && i.UnitMargin == null);
        grid.Items.Select(i => (i.Item.Name, i.Popular)).ShouldBe([("a", true), ("c", true), ("b", false)]);
    }
}

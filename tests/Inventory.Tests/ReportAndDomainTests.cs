using System.Net;
using Brigade.Inventory.Domain;

namespace Brigade.Inventory.Tests;

public sealed class FoodCostTests(InventoryFactory factory) : IClassFixture<InventoryFactory>
{
    [Fact]
    public async Task Food_cost_compares_actual_with_theoretical_usage_against_sales()
    {
        var r = TestRestaurant.New();
        var beef = await factory.ItemAsync(r, "한우", 10_000, packSize: 1_000, packCost: 100_000);
        var steak = Guid.CreateVersion7();
        await factory.RecipeAsync(r, steak, "스테이크", (beef, 200, "g"));
        var order = Scenario.Accepted(r, Guid.CreateVersion7(), Scenario.Line(steak, 5)) with { Total = 400_000 };
        await factory.PublishAsync(order);
        await InventoryFactory.EventuallyAsync(async () => await factory.OnHandAsync(beef) == 9_000, "the sale");
        await factory.PostAsync(r.Staff, r.Path("waste"), new { stockItemId = beef, quantity = 100, unit = "g", reason = "dropped" }, HttpStatusCode.Created);

        var today = NodaTime.SystemClock.Instance.GetCurrentInstant().InZone(NodaTime.DateTimeZoneProviders.Tzdb["Asia/Seoul"]).Date;
        var report = await factory.GetAsync(r.Manager, r.Path($"reports/food-cost?from={today.PlusDays(-1):yyyy-MM-dd}&to={today.PlusDays(1):yyyy-MM-dd}"));
        report.GetProperty("sales").GetProperty("amount").GetInt64().ShouldBe(400_000);
        report.GetProperty("theoretical").GetProperty("amount").GetInt64().ShouldBe(100_000);
        report.GetProperty("waste").GetProperty("amount").GetInt64().ShouldBe(10_000);
        report.GetProperty("actual").GetProperty("amount").GetInt64().ShouldBe(110_000);
        report.GetProperty("foodCostBasisPoints").GetInt32().ShouldBe(2750);
        report.GetProperty("theoreticalBasisPoints").GetInt32().ShouldBe(2500);
    }
}

/// <summary>The pure rules, as tables.</summary>
public sealed class DomainTests
{
    [Theory]
    [InlineData(1.5, "kg", "g", 1500)]
    [InlineData(250, "g", "g", 250)]
    [InlineData(0.5, "L", "ml", 500)]
    [InlineData(2, "case", "ml", 24000)]
    [InlineData(1, "pack", "ea", 12000)]
    [InlineData(3, "ea", "ea", 3)]
    public void Units_convert_to_the_items_base_unit(decimal quantity, string unit, string baseUnit, decimal expected) =>
        Units.ToBase(quantity, unit, baseUnit, "case", 12_000).ShouldBe(expected);

    [Theory]
    [InlineData("L", "g")]
    [InlineData("kg", "ml")]
    [InlineData("g", "ea")]
    [InlineData("lb", "g")]
    public void Units_of_another_kind_are_refused(string unit, string baseUnit) => Units.ToBase(1, unit, baseUnit, "case", 10).ShouldBeNull();

    [Fact]
    public void A_measure_means_the_measure_even_when_the_pack_is_named_like_one()
    {
        Units.ToBase(250, "g", "g", "g", 1000).ShouldBe(250);
        Units.ToBase(2, "kg", "g", "kg", 1000).ShouldBe(2000);
        Units.ToBase(2, "pack", "g", "g", 1000).ShouldBe(2000);
    }

    [Fact]
    public void An_order_needs_its_items_and_modifiers_recipes_times_quantity_and_the_moves_are_the_difference()
    {
        Guid dish = Guid.CreateVersion7(), large = Guid.CreateVersion7(), noodles = Guid.CreateVersion7(), sauce = Guid.CreateVersion7();
        var recipes = new Dictionary<Guid, IReadOnlyList<RecipeLine>>
        {
            [dish] = [new RecipeLine(noodles, 200), new RecipeLine(sauce, 50)],
            [large] = [new RecipeLine(noodles, 100)],
        };
        var need = Depletion.Requirement([new SoldLine(dish, [large], 2), new SoldLine(dish, [], 1), new SoldLine(Guid.CreateVersion7(), [], 4)], recipes);
        need[noodles].ShouldBe(800);
        need[sauce].ShouldBe(150);

        Depletion.Moves(need, need).ShouldBeEmpty();
        var moves = Depletion.Moves(new Dictionary<Guid, decimal> { [noodles] = 1000 }, need);
        moves.ShouldContain((noodles, -200m));
        moves.ShouldContain((sauce, 150m));
    }

    [Theory]
    [InlineData(1000, 0, 5000, 1000, 4)]
    [InlineData(1000, 3000, 5000, 1000, 1)]
    [InlineData(6000, 0, 5000, 1000, 0)]
    [InlineData(-200, 0, 1000, 500, 3)]
    public void Fill_to_par_orders_whole_packs_counting_what_is_on_order(decimal onHand, decimal onOrder, decimal par, decimal packSize, decimal packs) =>
        StockLevels.PacksToPar(onHand, onOrder, par, packSize).ShouldBe(packs);

    [Theory]
    [InlineData(false, 5, 4, false)]
    [InlineData(false, 1, 0, true)]
    [InlineData(false, 0, 2, true)]
    [InlineData(true, 5, 5, true)]
    public void Ordering_hears_sales_only_when_they_86_a_dish_or_bring_it_back(bool byPerson, int before, int after, bool announce) =>
        Portions.ShouldAnnounce(byPerson, before, after).ShouldBe(announce);

    [Theory]
    [InlineData("draft", true, true, false)]
    [InlineData("sent", false, true, true)]
    [InlineData("partially_received", false, false, true)]
    [InlineData("received", false, false, false)]
    [InlineData("cancelled", false, false, false)]
    public void Purchase_order_transitions(string status, bool send, bool cancel, bool receive)
    {
        PurchaseOrderLifecycle.CanSend(status).ShouldBe(send);
        PurchaseOrderLifecycle.CanCancel(status).ShouldBe(cancel);
        PurchaseOrderLifecycle.CanReceive(status).ShouldBe(receive);
    }

    [Fact]
    public void Portions_follow_the_scarcest_ingredient()
    {
        Guid a = Guid.CreateVersion7(), b = Guid.CreateVersion7();
        var stock = new Dictionary<Guid, decimal> { [a] = 1000, [b] = 90 };
        Portions.Left([new RecipeLine(a, 200), new RecipeLine(b, 30)], id => stock[id]).ShouldBe(3);
        stock[b] = -5;
        Portions.Left([new RecipeLine(a, 200), new RecipeLine(b, 30)], id => stock[id]).ShouldBe(0);
    }
}

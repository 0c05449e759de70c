using System.Net;

namespace Brigade.Inventory.Tests;

/// <summary>What a portion of a menu item costs is announced whenever it changes: a recipe set or removed, a pack repriced.</summary>
public sealed class RecipeCostTests(InventoryFactory factory) : IClassFixture<InventoryFactory>
{
    private async Task<long?[]> CostsAsync(Guid menuItem) =>
        (await factory.EventsAsync("inventory.recipe.costed", menuItem))
            .Select(e => e.GetProperty("portionCost") is { ValueKind: System.Text.Json.JsonValueKind.Number } c ? c.GetInt64() : (long?)null).ToArray();

    [Fact]
    public async Task A_recipe_a_new_pack_price_and_a_removal_each_announce_the_portion_cost()
    {
        var r = TestRestaurant.New();
        var beef = await factory.ItemAsync(r, "소고기", 10_000, packSize: 1000, packCost: 60_000);
        var onion = await factory.ItemAsync(r, "양파", 10_000, packSize: 1000, packCost: 3_000);
        var bulgogi = Guid.CreateVersion7();
        var salad = Guid.CreateVersion7();
        await factory.SendAsync(r.Manager, HttpMethod.Put, r.Path($"recipes/{bulgogi}"), new
        {
            kind = "menu_item", name = "불고기", lines = new object[] { new { stockItemId = beef, quantity = 150, unit = "g" }, new { stockItemId = onion, quantity = 50, unit = "g" } },
        }, HttpStatusCode.OK);
        await factory.SendAsync(r.Manager, HttpMethod.Put, r.Path($"recipes/{salad}"), new
        {
            kind = "menu_item", name = "양파 샐러드", lines = new object[] { new { stockItemId = onion, quantity = 100, unit = "g" } },
        }, HttpStatusCode.OK);
        (await CostsAsync(bulgogi)).ShouldBe([9_000 + 150]);

        // Beef goes up: the dish that uses it is announced again, the salad is not.
        await factory.SendAsync(r.Manager, HttpMethod.Patch, r.Path($"items/{beef}"), new { packCost = 70_000 }, HttpStatusCode.OK);
        (await CostsAsync(bulgogi)).ShouldBe([9_150, 10_500 + 150]);
        (await CostsAsync(salad)).ShouldBe([300]);

        // A change that is not the price announces nothing; removing the recipe announces no cost.
        await factory.SendAsync(r.Manager, HttpMethod.Patch, r.Path($"items/{beef}"), new { reorderPoint = 500 }, HttpStatusCode.OK);
        await factory.SendAsync(r.Manager, HttpMethod.Delete, r.Path($"recipes/{bulgogi}"), null, HttpStatusCode.NoContent);
        (await CostsAsync(bulgogi)).ShouldBe([9_150, 10_650, null]);
    }
}

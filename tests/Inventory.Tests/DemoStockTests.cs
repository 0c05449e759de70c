using Brigade.Api;
using Brigade.Inventory.DemoData;
using Microsoft.Extensions.DependencyInjection;

namespace Brigade.Inventory.Tests;

/// <summary>The local demo stock: two Seoul kitchens with suppliers, items and recipes, loaded at start and idempotent.</summary>
public sealed class DemoStockTests(DemoStockTests.DemoFactory factory) : IClassFixture<DemoStockTests.DemoFactory>
{
    public sealed class DemoFactory : InventoryFactory
    {
        protected override void ConfigureSettings(IDictionary<string, string?> settings)
        {
            base.ConfigureSettings(settings);
            settings["Inventory:LoadDemoData"] = "true";
        }
    }

    private static readonly Guid Noodles = DemoIds.Of("restaurant", "euljiro-pyongyang-noodles");

    private async Task<long[]> CountsAsync() =>
    [
        await factory.CountAsync("SELECT count(*) FROM suppliers"),
        await factory.CountAsync("SELECT count(*) FROM stock_items"),
        await factory.CountAsync("SELECT count(*) FROM recipes"),
        await factory.CountAsync("SELECT count(*) FROM stock_movements"),
    ];

    [Fact]
    public async Task Loading_twice_changes_nothing()
    {
        _ = factory.Services; // started: loaded once
        var before = await CountsAsync();

        (await factory.Services.GetRequiredService<DemoStock>().LoadAsync(CancellationToken.None)).ShouldBe(0);

        (await CountsAsync()).ShouldBe(before);
        before.ShouldBe([4, 13, 11, 13]); // every item's opening stock is one movement
    }

    [Fact]
    public async Task A_demo_kitchen_has_recipes_on_its_menu_items_and_items_to_reorder()
    {
        var manager = Actor.Manager(Noodles);
        var path = (string rest) => $"/api/inventory/{Noodles}/{rest}";

        // 물냉면 takes 180 g of noodles (12 kg on hand) and 450 ml of broth (30 L): 66 bowls.
        var recipe = await factory.GetAsync(manager, path($"recipes/{DemoIds.Of("item", "euljiro-pyongyang-noodles/물냉면 Mul-naengmyeon")}"));
        recipe.GetProperty("lines").GetArrayLength().ShouldBe(2);
        recipe.GetProperty("portionsLeft").GetInt32().ShouldBe(66);

        // Mung beans start below their re-order point: flagged low, and on their supplier's re-order draft.
        var low = await factory.GetAsync(manager, path("items?low=true"));
        low.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("name").GetString()).ShouldBe(["녹두 Mung beans"]);
        var drafts = await factory.GetAsync(manager, path("purchase-orders?status=draft"));
        drafts.GetProperty("items").GetArrayLength().ShouldBe(1);
        var draft = await factory.GetAsync(manager, path($"purchase-orders/{drafts.GetProperty("items")[0].GetProperty("id").GetGuid()}"));
        draft.GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("name").GetString()).ShouldBe(["녹두 Mung beans"]);
    }
}

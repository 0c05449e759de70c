using Brigade.Api;
using Brigade.Inventory.Data;
using Brigade.Inventory.Domain;
using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;
using NodaTime;

namespace Brigade.Inventory.DemoData;

/// <summary>
/// Stock, suppliers and recipes for two of the Seoul demo restaurants in local runs (<c>./brigade up</c>), through the same
/// stores as the API: so the inventory pages show something, ordering learns how many portions stock allows, and a few
/// items start at or below their re-order point (an alert and a re-order draft) or close to expiry. Menu items are found
/// by the restaurants service's demo ids. A restaurant that already has stock or suppliers is left as it is (edits survive restarts);
/// one loader at a time across replicas.
/// </summary>
public sealed class DemoStock(
    NpgsqlDataSource db, StockStore stock, SupplierStore suppliers, RecipeStore recipes, TimeProvider clock,
    IOptions<InventoryOptions> options, IHostEnvironment environment, ILogger<DemoStock> logger) : IHostedService
{
    private const long LockKey = 0x44_45_4d_4f_49_4e; // "DEMOIN"

    /// <summary>Who the opening stock is booked to (no person: a fixed id).</summary>
    public static readonly Guid Loader = DemoIds.Of("loader", "inventory");

    private sealed record Item(string Name, string BaseUnit, string PackUnit, decimal PackSize, long PackCost, string Location, decimal OnHand,
        decimal ReorderPoint, decimal ParLevel, int Supplier, int? ExpiresInDays = null);

    private sealed record Dish(string MenuItem, (int Item, decimal Quantity)[] Lines);

    private sealed record Kitchen(string RestaurantKey, SupplierFields[] Suppliers, Item[] Items, Dish[] Dishes);

    private static readonly Kitchen[] Kitchens =
    [
        new("hannam-charcoal",
            [new("마장동 정육 Majang Meat", "orders@majang-meat.example", "02-2281-0000", 1), new("가락시장 청과 Garak Market", "orders@garak.example", "02-400-0000", 2)],
            [
                new("한우 등심 Hanwoo sirloin", "g", "pack", 1000, 98_000, "walk-in", 6000, 3000, 10_000, 0),
                new("흑돼지 목살 Black pork neck", "g", "pack", 1000, 32_000, "walk-in", 2500, 3000, 8000, 0),
                new("양념갈비 Marinated short rib", "g", "pack", 2000, 76_000, "walk-in", 9000, 4000, 12_000, 0),
                new("된장 Doenjang", "g", "tub", 3000, 27_000, "dry store", 4500, 1500, 6000, 1),
                new("두부 Tofu", "ea", "box", 20, 16_000, "walk-in", 14, 10, 30, 1, ExpiresInDays: 1),
                new("냉면 사리 Naengmyeon noodles", "g", "box", 5000, 30_000, "dry store", 7000, 2000, 10_000, 1),
                new("소주 Soju", "ea", "case", 20, 28_000, "bar", 60, 24, 100, 1),
            ],
            [
                new("한우 등심 (150g) Hanwoo sirloin", [(0, 150)]),
                new("제주 흑돼지 목살 (200g) Black pork neck", [(1, 200)]),
                new("양념갈비 (300g) Marinated short rib", [(2, 300)]),
                new("된장찌개 Doenjang stew", [(3, 60), (4, 0.5m)]),
                new("물냉면 Mul-naengmyeon", [(5, 160)]),
                new("소주 Soju", [(6, 1)]),
            ]),
        new("euljiro-pyongyang-noodles",
            [new("을지로 제면소 Euljiro Noodle Works", "orders@euljiro-noodle.example", "02-2265-0000", 1), new("경동시장 식자재 Gyeongdong Market", null, "02-967-0000", 2)],
            [
                new("메밀면 Buckwheat noodles", "g", "box", 5000, 45_000, "dry store", 12_000, 4000, 15_000, 0),
                new("육수 Beef broth", "ml", "pail", 20_000, 60_000, "walk-in", 30_000, 10_000, 40_000, 0, ExpiresInDays: 2),
                new("돼지 목심 Pork shoulder", "g", "pack", 2000, 36_000, "walk-in", 3000, 2000, 6000, 1),
                new("녹두 Mung beans", "g", "bag", 4000, 28_000, "dry store", 1500, 2000, 6000, 1),
                new("냉동 만두 Frozen dumplings", "ea", "box", 60, 48_000, "freezer", 90, 36, 180, 1),
                new("비빔 양념 Bibim sauce", "g", "tub", 2000, 18_000, "walk-in", 2500, 800, 3000, 1),
            ],
            [
                new("물냉면 Mul-naengmyeon", [(0, 180), (1, 450)]),
                new("비빔냉면 Bibim-naengmyeon", [(0, 180), (5, 70)]),
                new("제육 Boiled pork slices", [(2, 250)]),
                new("녹두전 Mung bean pancake", [(3, 120)]),
                new("접시만두 Dumplings (6)", [(4, 6)]),
            ]),
    ];

    public Task StartAsync(CancellationToken cancellationToken) =>
        options.Value.LoadDemoData ?? environment.IsEnvironment("Local") ? LoadAsync(cancellationToken) : Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Stocks the demo kitchens that have no stock yet; returns how many it stocked.</summary>
    public async Task<int> LoadAsync(CancellationToken ct)
    {
        // A session lock (the stores commit their own transactions): a second replica waits, then finds the stock there.
        await using var connection = await db.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_lock(@LockKey)", new { LockKey }, cancellationToken: ct));
        try
        {
            var stocked = 0;
            foreach (var kitchen in Kitchens)
            {
                var restaurantId = DemoIds.Of("restaurant", kitchen.RestaurantKey);
                if (await connection.ExecuteScalarAsync<bool>(new CommandDefinition("""
                        SELECT EXISTS (SELECT 1 FROM stock_items WHERE restaurant_id = @restaurantId)
                            OR EXISTS (SELECT 1 FROM suppliers WHERE restaurant_id = @restaurantId)
                        """, new { restaurantId }, cancellationToken: ct)))
                {
                    continue;
                }

                await StockAsync(restaurantId, kitchen, ct);
                stocked++;
            }

            if (stocked > 0)
            {
                logger.LogInformation("Demo data: stock, suppliers and recipes for {Kitchens} restaurants", stocked);
            }

            return stocked;
        }
        finally
        {
            await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_unlock(@LockKey)", new { LockKey }, cancellationToken: CancellationToken.None));
        }
    }

    private async Task StockAsync(Guid restaurantId, Kitchen kitchen, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var supplierIds = new List<Guid>();
        foreach (var supplier in kitchen.Suppliers)
        {
            supplierIds.Add((await suppliers.CreateAsync(restaurantId, supplier, now, ct)).Id);
        }

        var today = Instant.FromDateTimeOffset(now).InZone(RestaurantTime.Zone(RestaurantTime.DefaultZoneId)).Date;
        var itemIds = new List<Guid>();
        foreach (var i in kitchen.Items)
        {
            var (outcome, row) = await stock.CreateAsync(restaurantId,
                new NewStockItem(i.Name, i.BaseUnit, i.PackUnit, i.PackSize, i.PackCost, i.Location, i.OnHand, i.ReorderPoint, i.ParLevel, supplierIds[i.Supplier]),
                Loader, now, ct);
            var item = outcome == StockOutcome.Done ? row! : throw new InvalidOperationException($"Demo stock item '{i.Name}': {outcome}");
            itemIds.Add(item.Id);
            if (i.ExpiresInDays is { } days)
            {
                await stock.UpdateAsync(item.Id, restaurantId, new StockItemChange(null, null, null, null, null, null, false, null,
                    ExpiresOn: today.PlusDays(days).ToDateOnly()), expected: null, now, ct);
            }
        }

        foreach (var dish in kitchen.Dishes)
        {
            var (outcome, _) = await recipes.PutAsync(restaurantId, DemoIds.Of("item", $"{kitchen.RestaurantKey}/{dish.MenuItem}"), "menu_item", dish.MenuItem,
                dish.Lines.Select(l => new RecipeLine(itemIds[l.Item], l.Quantity)).ToList(), now, ct);
            if (outcome != RecipeOutcome.Done)
            {
                throw new InvalidOperationException($"Demo recipe '{dish.MenuItem}': {outcome}");
            }
        }
    }
}

namespace Brigade.Inventory.Domain;

/// <summary>One sold thing on an order: a menu item and the modifier options chosen with it, times the quantity.</summary>
public sealed record SoldLine(Guid MenuItemId, IReadOnlyList<Guid> ModifierOptionIds, int Quantity);

/// <summary>One ingredient of a recipe: <paramref name="Quantity"/> base units of a stock item per portion.</summary>
public sealed record RecipeLine(Guid StockItemId, decimal Quantity);

/// <summary>
/// What an order takes from stock: every line's menu-item recipe and each chosen modifier's recipe, times the line's
/// quantity. Things without a recipe take nothing (a bottle of water nobody tracks).
/// </summary>
public static class Depletion
{
    public static Dictionary<Guid, decimal> Requirement(IEnumerable<SoldLine> lines, IReadOnlyDictionary<Guid, IReadOnlyList<RecipeLine>> recipes)
    {
        var need = new Dictionary<Guid, decimal>();
        foreach (var line in lines)
        {
            foreach (var sellable in line.ModifierOptionIds.Prepend(line.MenuItemId))
            {
                if (!recipes.TryGetValue(sellable, out var recipe))
                {
                    continue;
                }

                foreach (var ingredient in recipe)
                {
                    need[ingredient.StockItemId] = need.GetValueOrDefault(ingredient.StockItemId) + ingredient.Quantity * line.Quantity;
                }
            }
        }

        return need;
    }

    /// <summary>
    /// The stock changes that bring what an order has taken (<paramref name="taken"/>, positive base units) to what it
    /// should have taken now (<paramref name="target"/>): negative = take more, positive = give back. Zero changes are
    /// left out, so applying the same order twice changes nothing the second time. Sorted by item id so concurrent
    /// orders lock stock rows in one order.
    /// </summary>
    public static IReadOnlyList<(Guid StockItemId, decimal Delta)> Moves(IReadOnlyDictionary<Guid, decimal> target, IReadOnlyDictionary<Guid, decimal> taken) =>
        target.Keys.Union(taken.Keys)
            .Select(id => (id, delta: taken.GetValueOrDefault(id) - target.GetValueOrDefault(id)))
            .Where(m => m.delta != 0)
            .OrderBy(m => m.id)
            .ToList();
}

/// <summary>How many portions of a menu item the scarcest ingredient allows, and when that is news for ordering.</summary>
public static class Portions
{
    public static int Left(IEnumerable<RecipeLine> recipe, Func<Guid, decimal> onHand)
    {
        var left = int.MaxValue;
        foreach (var line in recipe)
        {
            var stock = onHand(line.StockItemId);
            var portions = stock <= 0 ? 0 : decimal.Floor(stock / line.Quantity);
            left = (int)Math.Min(left, Math.Min(portions, int.MaxValue - 1));
        }

        return left == int.MaxValue ? 0 : left;
    }

    /// <summary>
    /// Whether ordering should hear a new count. Ordering keeps its own portion counter, decremented as orders are placed
    /// (before inventory depletes on acceptance), so inventory's count during service would lag behind and could hand back
    /// portions already promised. It therefore tells only what ordering cannot know: stock a person changed (delivery,
    /// count, waste, a new recipe), and a sale or its reversal that 86es an item or brings it back.
    /// </summary>
    public static bool ShouldAnnounce(bool changedByPerson, int before, int after) =>
        changedByPerson ? true : (before > 0) != (after > 0);
}

/// <summary>Re-order point and par level rules.</summary>
public static class StockLevels
{
    /// <summary>At or below the re-order point (an item without one is never low).</summary>
    public static bool IsLow(decimal onHand, decimal reorderPoint) => reorderPoint > 0 && onHand <= reorderPoint;

    /// <summary>Packs that bring stock plus what is already on order up to par; 0 when nothing is needed.</summary>
    public static decimal PacksToPar(decimal onHand, decimal onOrder, decimal parLevel, decimal packSize)
    {
        var missing = parLevel - onHand - onOrder;
        return missing <= 0 ? 0 : decimal.Ceiling(missing / packSize);
    }
}

using Brigade.Contracts.Inventory;
using Brigade.Inventory.Domain;
using Brigade.Messaging;
using Dapper;
using Npgsql;

namespace Brigade.Inventory.Data;

public sealed class RecipeRow
{
    public Guid SellableId { get; init; }
    public Guid RestaurantId { get; init; }
    public string Kind { get; init; } = "";
    public string Name { get; init; } = "";
    public DateTimeOffset UpdatedAt { get; init; }
    public int Version { get; init; }
    public List<RecipeLineRow> Lines { get; } = [];
}

public sealed class RecipeLineRow
{
    public Guid SellableId { get; init; }
    public Guid StockItemId { get; init; }
    public string Name { get; init; } = "";
    public string BaseUnit { get; init; } = "";
    public decimal Quantity { get; init; }
    public decimal OnHand { get; init; }
    public decimal PackSize { get; init; }
    public long PackCost { get; init; }

    /// <summary>What this ingredient costs per portion, minor units.</summary>
    public long Cost => Units.Cost(Quantity, PackSize, PackCost);
}

public enum RecipeOutcome { Done, NotFound, OtherRestaurant }

/// <summary>Recipes (bills of materials) of menu items and modifier options, and the portions stock allows.</summary>
public sealed class RecipeStore(NpgsqlDataSource db, IOutbox outbox, StockLedger ledger)
{
    private const string LineColumns = """
        l.sellable_id, l.stock_item_id, i.name, i.base_unit, l.quantity, i.on_hand, i.pack_size, i.pack_cost
        """;

    public async Task<RecipeRow?> FindAsync(Guid sellableId, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return (await LoadAsync(c, null, "r.sellable_id = @sellableId", new { sellableId }, ct)).SingleOrDefault();
    }

    public async Task<IReadOnlyList<RecipeRow>> ListAsync(Guid restaurantId, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return await LoadAsync(c, null, "r.restaurant_id = @restaurantId", new { restaurantId }, ct);
    }

    private static async Task<IReadOnlyList<RecipeRow>> LoadAsync(NpgsqlConnection c, NpgsqlTransaction? tx, string where, object args, CancellationToken ct)
    {
        var recipes = (await c.QueryAsync<RecipeRow>(new CommandDefinition(
            $"SELECT r.sellable_id, r.restaurant_id, r.kind, r.name, r.updated_at, r.version FROM recipes r WHERE {where} ORDER BY r.name, r.sellable_id LIMIT 1000",
            args, tx, cancellationToken: ct))).ToList();
        var lines = (await c.QueryAsync<RecipeLineRow>(new CommandDefinition(
            $"SELECT {LineColumns} FROM recipe_lines l JOIN stock_items i ON i.id = l.stock_item_id WHERE l.sellable_id = ANY(@ids) ORDER BY i.name",
            new { ids = recipes.Select(r => r.SellableId).ToArray() }, tx, cancellationToken: ct))).ToLookup(l => l.SellableId);
        foreach (var recipe in recipes)
        {
            recipe.Lines.AddRange(lines[recipe.SellableId]);
        }

        return recipes;
    }

    /// <summary>
    /// Sets the recipe of a menu item or modifier option (all its ingredients at once). Ordering hears the portions the
    /// new recipe allows. Another restaurant's recipe under the same id is refused, never overwritten.
    /// </summary>
    public async Task<(RecipeOutcome, RecipeRow?)> PutAsync(Guid restaurantId, Guid sellableId, string kind, string name, IReadOnlyList<RecipeLine> lines, DateTimeOffset now, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        var owner = await c.ExecuteScalarAsync<Guid?>(new CommandDefinition(
            """
            INSERT INTO recipes (sellable_id, restaurant_id, kind, name, updated_at) VALUES (@sellableId, @restaurantId, @kind, @name, @now)
            ON CONFLICT (sellable_id) DO UPDATE SET kind = EXCLUDED.kind, name = EXCLUDED.name, updated_at = EXCLUDED.updated_at, version = recipes.version + 1
                WHERE recipes.restaurant_id = EXCLUDED.restaurant_id
            RETURNING restaurant_id
            """, new { sellableId, restaurantId, kind, name, now = now.ToUniversalTime() }, tx, cancellationToken: ct));
        if (owner is null)
        {
            return (RecipeOutcome.OtherRestaurant, null);
        }

        await c.ExecuteAsync(new CommandDefinition("DELETE FROM recipe_lines WHERE sellable_id = @sellableId", new { sellableId }, tx, cancellationToken: ct));
        await c.ExecuteAsync(new CommandDefinition("""
            INSERT INTO recipe_lines (sellable_id, stock_item_id, quantity) SELECT @sellableId, x.item, x.q FROM unnest(@items, @quantities) AS x(item, q)
            """, new { sellableId, items = lines.Select(l => l.StockItemId).ToArray(), quantities = lines.Select(l => l.Quantity).ToArray() }, tx, cancellationToken: ct));
        var recipe = (await LoadAsync(c, tx, "r.sellable_id = @sellableId", new { sellableId }, ct)).Single();
        if (kind == "menu_item")
        {
            var left = Portions.Left(recipe.Lines.Select(l => new RecipeLine(l.StockItemId, l.Quantity)), id => recipe.Lines.First(l => l.StockItemId == id).OnHand);
            await outbox.AddAsync(c, tx, new MenuItemAvailabilityChanged(restaurantId, sellableId, left > 0, left, now), ct);
            await ledger.AnnounceRecipeCostsAsync(c, tx, restaurantId, [sellableId], now, ct);
        }

        await tx.CommitAsync(ct);
        return (RecipeOutcome.Done, recipe);
    }

    /// <summary>Removes a recipe: the item no longer takes stock, and ordering stops counting its portions.</summary>
    public async Task<RecipeOutcome> DeleteAsync(Guid restaurantId, Guid sellableId, DateTimeOffset now, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        var kind = await c.ExecuteScalarAsync<string?>(new CommandDefinition(
            "DELETE FROM recipes WHERE sellable_id = @sellableId AND restaurant_id = @restaurantId RETURNING kind", new { sellableId, restaurantId }, tx, cancellationToken: ct));
        if (kind is null)
        {
            return RecipeOutcome.NotFound;
        }

        if (kind == "menu_item")
        {
            await outbox.AddAsync(c, tx, new MenuItemAvailabilityChanged(restaurantId, sellableId, true, null, now), ct);
            await ledger.AnnounceRecipeCostsAsync(c, tx, restaurantId, [sellableId], now, ct);
        }

        await tx.CommitAsync(ct);
        return RecipeOutcome.Done;
    }
}

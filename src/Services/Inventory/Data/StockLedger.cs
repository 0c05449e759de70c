using Brigade.Contracts.Inventory;
using Brigade.Contracts.Notifications;
using Brigade.Inventory.Domain;
using Brigade.Messaging;
using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Brigade.Inventory.Data;

/// <summary>Why stock moves, and what it is about (<see cref="StockMoved.Kind"/>).</summary>
public sealed record LedgerEntry(string Kind, Guid? OrderId = null, Guid? PurchaseOrderId = null, string? Reason = null, string? Note = null, Guid? ByUser = null)
{
    /// <summary>Stock a person changed (delivery, count, waste, adjustment), as opposed to a sale or its reversal.</summary>
    public bool ByPerson => Kind is not ("sale" or "sale_reversed");
}

/// <summary>One stock item after a move.</summary>
public sealed record MovedItem(Guid Id, string Name, string BaseUnit, decimal PackSize, long PackCost, decimal OnHand, decimal Delta, long Cost, bool WasLow, bool Low,
    decimal ReorderPoint, decimal ParLevel, Guid? SupplierId)
{
    public decimal Before => OnHand - Delta;
}

/// <summary>
/// The one way stock changes: inside the caller's transaction it locks the items (in id order, so concurrent orders never
/// deadlock), moves them, writes the movements, and — in the same transaction, through the outbox — tells what follows:
/// <c>inventory.stock.moved</c> per item, <c>inventory.stock.low</c> and a manager alert once per crossing of the re-order
/// point (with a purchase order drafted or sent), <c>inventory.item.depleted</c> when an item runs out, and menu items'
/// availability when ordering needs to hear it (<see cref="Portions.ShouldAnnounce"/>).
/// </summary>
public sealed class StockLedger(IOutbox outbox, IOptions<InventoryOptions> options)
{
    private sealed class Moved
    {
        public Guid Id { get; init; }
        public string Name { get; init; } = "";
        public string BaseUnit { get; init; } = "";
        public decimal PackSize { get; init; }
        public long PackCost { get; init; }
        public decimal OnHand { get; init; }
        public decimal Delta { get; init; }
        public bool WasLow { get; init; }
        public bool Low { get; init; }
        public decimal ReorderPoint { get; init; }
        public decimal ParLevel { get; init; }
        public Guid? SupplierId { get; init; }
    }

    private sealed class Ingredient
    {
        public Guid SellableId { get; init; }
        public Guid StockItemId { get; init; }
        public decimal Quantity { get; init; }
        public decimal OnHand { get; init; }
    }

    public async Task<string> CurrencyAsync(NpgsqlConnection c, NpgsqlTransaction? tx, Guid restaurantId, CancellationToken ct) =>
        await c.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT currency FROM inventory_settings WHERE restaurant_id = @restaurantId", new { restaurantId }, tx, cancellationToken: ct))
        ?? options.Value.DefaultCurrency;

    private sealed class CostLine
    {
        public Guid SellableId { get; init; }
        public decimal Quantity { get; init; }
        public decimal PackSize { get; init; }
        public long PackCost { get; init; }
    }

    /// <summary>
    /// Announces what a portion of each of <paramref name="menuItemIds"/> costs now (<c>inventory.recipe.costed</c>), in
    /// the caller's transaction; a menu item without a recipe (just removed) is announced with no cost.
    /// </summary>
    public async Task AnnounceRecipeCostsAsync(NpgsqlConnection c, NpgsqlTransaction tx, Guid restaurantId, IReadOnlyCollection<Guid> menuItemIds,
        DateTimeOffset now, CancellationToken ct)
    {
        if (menuItemIds.Count == 0)
        {
            return;
        }

        var currency = await CurrencyAsync(c, tx, restaurantId, ct);
        var lines = (await c.QueryAsync<CostLine>(new CommandDefinition("""
            SELECT l.sellable_id, l.quantity, i.pack_size, i.pack_cost
              FROM recipe_lines l JOIN recipes r ON r.sellable_id = l.sellable_id JOIN stock_items i ON i.id = l.stock_item_id
             WHERE r.restaurant_id = @restaurantId AND r.kind = 'menu_item' AND l.sellable_id = ANY(@ids)
            """, new { restaurantId, ids = menuItemIds.ToArray() }, tx, cancellationToken: ct))).ToLookup(l => l.SellableId);
        foreach (var id in menuItemIds)
        {
            long? cost = lines.Contains(id) ? lines[id].Sum(l => Units.Cost(l.Quantity, l.PackSize, l.PackCost)) : null;
            await outbox.AddAsync(c, tx, new RecipeCosted(restaurantId, id, cost, currency, now), ct);
        }
    }

    /// <summary>The menu items of <paramref name="restaurantId"/> whose recipes use any of <paramref name="stockItemIds"/>.</summary>
    public static async Task<IReadOnlyCollection<Guid>> MenuItemsUsingAsync(NpgsqlConnection c, NpgsqlTransaction tx, Guid restaurantId,
        IReadOnlyCollection<Guid> stockItemIds, CancellationToken ct) =>
        (await c.QueryAsync<Guid>(new CommandDefinition("""
            SELECT DISTINCT l.sellable_id FROM recipe_lines l JOIN recipes r ON r.sellable_id = l.sellable_id
             WHERE r.restaurant_id = @restaurantId AND r.kind = 'menu_item' AND l.stock_item_id = ANY(@items)
            """, new { restaurantId, items = stockItemIds.ToArray() }, tx, cancellationToken: ct))).ToList();

    public async Task<IReadOnlyList<MovedItem>> MoveAsync(
        NpgsqlConnection c, NpgsqlTransaction tx, Guid restaurantId, IReadOnlyList<(Guid StockItemId, decimal Delta)> moves, LedgerEntry entry,
        DateTimeOffset now, CancellationToken ct)
    {
        if (moves.Count == 0)
        {
            return [];
        }

        var ordered = moves.OrderBy(m => m.StockItemId).ToList();
        var ids = ordered.Select(m => m.StockItemId).ToArray();
        var at = now.ToUniversalTime();
        await c.ExecuteAsync(new CommandDefinition(
            "SELECT id FROM stock_items WHERE id = ANY(@ids) AND restaurant_id = @restaurantId ORDER BY id FOR UPDATE",
            new { ids, restaurantId }, tx, cancellationToken: ct));
        var rows = (await c.QueryAsync<Moved>(new CommandDefinition("""
            WITH m AS (SELECT x.id, x.delta, i.low AS was_low FROM unnest(@ids, @deltas) AS x(id, delta) JOIN stock_items i ON i.id = x.id AND i.restaurant_id = @restaurantId)
            UPDATE stock_items s SET on_hand = s.on_hand + m.delta, low = (s.reorder_point > 0 AND s.on_hand + m.delta <= s.reorder_point),
                updated_at = @at, version = s.version + 1
            FROM m WHERE s.id = m.id
            RETURNING s.id, s.name, s.base_unit, s.pack_size, s.pack_cost, s.on_hand, m.delta, m.was_low, s.low, s.reorder_point, s.par_level, s.supplier_id
            """, new { ids, deltas = ordered.Select(m => m.Delta).ToArray(), restaurantId, at }, tx, cancellationToken: ct))).OrderBy(r => r.Id).ToList();

        var moved = rows.Select(r => new MovedItem(r.Id, r.Name, r.BaseUnit, r.PackSize, r.PackCost, r.OnHand, r.Delta, Units.Cost(r.Delta, r.PackSize, r.PackCost),
            r.WasLow, r.Low, r.ReorderPoint, r.ParLevel, r.SupplierId)).ToList();
        var movementIds = moved.Select(_ => Guid.CreateVersion7()).ToArray();
        await c.ExecuteAsync(new CommandDefinition("""
            INSERT INTO stock_movements (id, restaurant_id, stock_item_id, kind, quantity, cost, order_id, purchase_order_id, reason, note, by_user, at)
            SELECT x.id, @restaurantId, x.item, @Kind, x.q, x.cost, @OrderId, @PurchaseOrderId, @Reason, @Note, @ByUser, @at
            FROM unnest(@movementIds, @items, @quantities, @costs) AS x(id, item, q, cost)
            """, new
        {
            movementIds, items = moved.Select(m => m.Id).ToArray(), quantities = moved.Select(m => m.Delta).ToArray(), costs = moved.Select(m => m.Cost).ToArray(),
            restaurantId, entry.Kind, entry.OrderId, entry.PurchaseOrderId, entry.Reason, entry.Note, entry.ByUser, at,
        }, tx, cancellationToken: ct));

        var currency = await CurrencyAsync(c, tx, restaurantId, ct);
        for (var i = 0; i < moved.Count; i++)
        {
            var m = moved[i];
            await outbox.AddAsync(c, tx, new StockMoved(movementIds[i], restaurantId, m.Id, entry.Kind, m.Delta, m.BaseUnit, m.Cost, currency, entry.OrderId, now), ct);
        }

        await AnnounceAsync(c, tx, restaurantId, moved, entry, currency, now, ct);
        return moved;
    }

    private async Task AnnounceAsync(
        NpgsqlConnection c, NpgsqlTransaction tx, Guid restaurantId, IReadOnlyList<MovedItem> moved, LedgerEntry entry, string currency, DateTimeOffset now, CancellationToken ct)
    {
        var ingredients = (await c.QueryAsync<Ingredient>(new CommandDefinition("""
            SELECT r.sellable_id, l.stock_item_id, l.quantity, i.on_hand
            FROM recipes r JOIN recipe_lines l ON l.sellable_id = r.sellable_id JOIN stock_items i ON i.id = l.stock_item_id
            WHERE r.restaurant_id = @restaurantId AND r.kind = 'menu_item'
              AND r.sellable_id IN (SELECT sellable_id FROM recipe_lines WHERE stock_item_id = ANY(@ids))
            """, new { restaurantId, ids = moved.Select(m => m.Id).ToArray() }, tx, cancellationToken: ct))).ToList();
        var byId = moved.ToDictionary(m => m.Id);
        foreach (var dish in ingredients.GroupBy(i => i.SellableId))
        {
            var recipe = dish.Select(i => new RecipeLine(i.StockItemId, i.Quantity)).ToList();
            var after = Portions.Left(recipe, id => dish.First(i => i.StockItemId == id).OnHand);
            var before = Portions.Left(recipe, id => dish.First(i => i.StockItemId == id).OnHand - (byId.TryGetValue(id, out var m) ? m.Delta : 0));
            if (Portions.ShouldAnnounce(entry.ByPerson, before, after))
            {
                await outbox.AddAsync(c, tx, new MenuItemAvailabilityChanged(restaurantId, dish.Key, after > 0, after, now), ct);
            }
        }

        foreach (var m in moved)
        {
            if (m.Before > 0 && m.OnHand <= 0)
            {
                var dishes = ingredients.Where(i => i.StockItemId == m.Id).Select(i => i.SellableId).Distinct().ToList();
                await outbox.AddAsync(c, tx, new ItemDepleted(restaurantId, m.Id, m.Name, dishes, now), ct);
                await NotifyAsync(outbox, c, tx, restaurantId, Messages.Depleted(restaurantId, m.Name, dishes.Count), now, ct);
            }

            if (!m.WasLow && m.Low)
            {
                await outbox.AddAsync(c, tx, new StockLow(restaurantId, m.Id, m.Name, m.OnHand, m.ReorderPoint, m.ParLevel, m.BaseUnit, now), ct);
                await NotifyAsync(outbox, c, tx, restaurantId, Messages.StockLow(restaurantId, m.Name, m.OnHand, m.ReorderPoint, m.BaseUnit), now, ct);
                if (m.SupplierId is { } supplier)
                {
                    await PurchaseOrderStore.ReorderAsync(c, tx, outbox, restaurantId, supplier, m.Id, currency, now, ct);
                }
            }
        }
    }

    /// <summary>To the restaurant's owners and managers (the notifications service applies their preferences and quiet hours).</summary>
    public static Task NotifyAsync(IOutbox outbox, NpgsqlConnection c, NpgsqlTransaction tx, Guid restaurantId, Message m, DateTimeOffset now, CancellationToken ct) =>
        outbox.AddAsync(c, tx, new NotificationRequested(Guid.CreateVersion7(), new NotificationAudience([], restaurantId, ["owner", "manager"]),
            m.Type, m.Title, m.Body, m.TitleEn, m.BodyEn, m.Link, false, now), ct);
}

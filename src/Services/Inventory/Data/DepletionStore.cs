using Brigade.Contracts.Ordering;
using Brigade.Inventory.Domain;
using Dapper;
using Npgsql;

namespace Brigade.Inventory.Data;

/// <summary>
/// Ordering's orders as stock: an accepted order takes its recipes' ingredients once, a modification takes or gives back
/// the difference, a cancellation of an accepted order gives back exactly what it took. Keyed by order id (not only by
/// message id, which the inbox already covers), so the same fact announced twice, or a late older event, has no effect.
/// </summary>
public sealed class DepletionStore(StockLedger ledger)
{
    private sealed class OrderRow
    {
        public Guid RestaurantId { get; init; }
        public string Status { get; init; } = "";
        public DateTimeOffset EventAt { get; init; }
    }

    private sealed class Taken
    {
        public Guid StockItemId { get; init; }
        public decimal Quantity { get; init; }
    }

    private sealed class Ingredient
    {
        public Guid SellableId { get; init; }
        public Guid StockItemId { get; init; }
        public decimal Quantity { get; init; }
    }

    public async Task AcceptedAsync(NpgsqlConnection c, NpgsqlTransaction tx, OrderAccepted e, DateTimeOffset now, CancellationToken ct)
    {
        var existing = await ClaimAsync(c, tx, e.OrderId, e.RestaurantId, "accepted", e.Total, e.Currency, e.AcceptedAt, e.AcceptedAt, ct);
        if (existing is not null)
        {
            return; // already taken (the same acceptance again, or a modification got here first), or cancelled before it arrived
        }

        await TakeAsync(c, tx, e.OrderId, e.RestaurantId, e.Lines, now, ct);
    }

    /// <summary>An accepted order's lines changed: stock follows. Before acceptance nothing was taken, so nothing moves.</summary>
    public async Task ModifiedAsync(NpgsqlConnection c, NpgsqlTransaction tx, OrderModified e, DateTimeOffset now, CancellationToken ct)
    {
        if (e.Status != "accepted")
        {
            return;
        }

        var existing = await ClaimAsync(c, tx, e.OrderId, e.RestaurantId, "accepted", e.Subtotal, e.Currency, e.ModifiedAt, e.ModifiedAt, ct);
        if (existing is { } row)
        {
            if (row.Status != "accepted" || row.RestaurantId != e.RestaurantId || row.EventAt > e.ModifiedAt)
            {
                return;
            }

            await c.ExecuteAsync(new CommandDefinition(
                "UPDATE order_depletions SET sales = @Subtotal, event_at = @at WHERE order_id = @OrderId",
                new { e.Subtotal, at = e.ModifiedAt.ToUniversalTime(), e.OrderId }, tx, cancellationToken: ct));
        }

        await TakeAsync(c, tx, e.OrderId, e.RestaurantId, e.Lines, now, ct);
    }

    /// <summary>
    /// A cancelled order: when its stock was committed (accepted, not yet made) everything it took comes back; a void after
    /// the kitchen started gives nothing back (the food was made). Either way it no longer counts as sales.
    /// </summary>
    public async Task CancelledAsync(NpgsqlConnection c, NpgsqlTransaction tx, OrderCancelled e, DateTimeOffset now, CancellationToken ct)
    {
        var existing = await ClaimAsync(c, tx, e.OrderId, e.RestaurantId, "cancelled", 0, e.Currency, null, e.CancelledAt, ct);
        if (existing is not { Status: "accepted" } row || row.RestaurantId != e.RestaurantId)
        {
            return; // unknown until now (recorded as cancelled, so a late acceptance takes nothing), or cancelled already
        }

        await c.ExecuteAsync(new CommandDefinition(
            "UPDATE order_depletions SET status = 'cancelled', sales = 0, event_at = greatest(event_at, @at) WHERE order_id = @OrderId",
            new { at = e.CancelledAt.ToUniversalTime(), e.OrderId }, tx, cancellationToken: ct));
        if (e.StockWasCommitted)
        {
            await ApplyTargetAsync(c, tx, e.OrderId, e.RestaurantId, new Dictionary<Guid, decimal>(), now, ct);
        }
    }

    /// <summary>Records the order, or returns what was recorded before (locked for this transaction).</summary>
    private static async Task<(Guid RestaurantId, string Status, DateTimeOffset EventAt)?> ClaimAsync(
        NpgsqlConnection c, NpgsqlTransaction tx, Guid orderId, Guid restaurantId, string status, long sales, string currency, DateTimeOffset? acceptedAt,
        DateTimeOffset eventAt, CancellationToken ct)
    {
        var inserted = await c.ExecuteAsync(new CommandDefinition("""
            INSERT INTO order_depletions (order_id, restaurant_id, status, sales, currency, accepted_at, event_at)
            VALUES (@orderId, @restaurantId, @status, @sales, @currency, @acceptedAt, @eventAt)
            ON CONFLICT (order_id) DO NOTHING
            """, new { orderId, restaurantId, status, sales, currency, acceptedAt = acceptedAt?.ToUniversalTime(), eventAt = eventAt.ToUniversalTime() }, tx, cancellationToken: ct));
        if (inserted == 1)
        {
            return null;
        }

        var row = await c.QuerySingleAsync<OrderRow>(new CommandDefinition(
            "SELECT restaurant_id, status, event_at FROM order_depletions WHERE order_id = @orderId FOR UPDATE", new { orderId }, tx, cancellationToken: ct));
        return (row.RestaurantId, row.Status, row.EventAt);
    }

    private async Task TakeAsync(NpgsqlConnection c, NpgsqlTransaction tx, Guid orderId, Guid restaurantId, IReadOnlyList<OrderLine> lines, DateTimeOffset now, CancellationToken ct)
    {
        var sold = lines.Select(l => new SoldLine(l.MenuItemId, l.Modifiers.Select(m => m.OptionId).ToList(), l.Quantity)).ToList();
        var sellables = sold.SelectMany(l => l.ModifierOptionIds.Prepend(l.MenuItemId)).Distinct().ToArray();
        var recipes = (await c.QueryAsync<Ingredient>(new CommandDefinition("""
            SELECT l.sellable_id, l.stock_item_id, l.quantity FROM recipe_lines l JOIN recipes r ON r.sellable_id = l.sellable_id
            WHERE r.restaurant_id = @restaurantId AND l.sellable_id = ANY(@sellables)
            """, new { restaurantId, sellables }, tx, cancellationToken: ct)))
            .GroupBy(i => i.SellableId)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<RecipeLine>)g.Select(i => new RecipeLine(i.StockItemId, i.Quantity)).ToList());
        await ApplyTargetAsync(c, tx, orderId, restaurantId, Depletion.Requirement(sold, recipes), now, ct);
    }

    private async Task ApplyTargetAsync(
        NpgsqlConnection c, NpgsqlTransaction tx, Guid orderId, Guid restaurantId, IReadOnlyDictionary<Guid, decimal> target, DateTimeOffset now, CancellationToken ct)
    {
        var taken = (await c.QueryAsync<Taken>(new CommandDefinition("""
            SELECT stock_item_id, -sum(quantity) AS quantity FROM stock_movements
            WHERE order_id = @orderId AND kind IN ('sale', 'sale_reversed') GROUP BY stock_item_id
            """, new { orderId }, tx, cancellationToken: ct))).ToDictionary(t => t.StockItemId, t => t.Quantity);
        var moves = Depletion.Moves(target, taken);
        await ledger.MoveAsync(c, tx, restaurantId, moves.Where(m => m.Delta < 0).ToList(), new LedgerEntry("sale", orderId), now, ct);
        await ledger.MoveAsync(c, tx, restaurantId, moves.Where(m => m.Delta > 0).ToList(), new LedgerEntry("sale_reversed", orderId), now, ct);
    }
}

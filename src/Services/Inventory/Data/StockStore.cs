using Brigade.Inventory.Domain;
using Dapper;
using Npgsql;

namespace Brigade.Inventory.Data;

public sealed class StockItemRow
{
    public Guid Id { get; init; }
    public Guid RestaurantId { get; init; }
    public string Name { get; init; } = "";
    public string BaseUnit { get; init; } = "";
    public string PackUnit { get; init; } = "";
    public decimal PackSize { get; init; }
    public long PackCost { get; init; }
    public string? Location { get; init; }
    public decimal OnHand { get; init; }
    public decimal ReorderPoint { get; init; }
    public decimal ParLevel { get; init; }
    public Guid? SupplierId { get; init; }
    public bool Low { get; init; }
    public bool Active { get; init; }
    public DateTime? ExpiresOn { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    public int Version { get; init; }

    public StockUnit Unit => new(BaseUnit, PackUnit, PackSize);
}

public sealed class MovementRow
{
    public Guid Id { get; init; }
    public Guid StockItemId { get; init; }
    public string ItemName { get; init; } = "";
    public string BaseUnit { get; init; } = "";
    public string Kind { get; init; } = "";
    public decimal Quantity { get; init; }
    public long Cost { get; init; }
    public Guid? OrderId { get; init; }
    public Guid? PurchaseOrderId { get; init; }
    public string? Reason { get; init; }
    public string? Note { get; init; }
    public Guid? ByUser { get; init; }
    public DateTimeOffset At { get; init; }
}

/// <summary>A new stock item as checked by the endpoint (quantities already in the base unit).</summary>
public sealed record NewStockItem(string Name, string BaseUnit, string PackUnit, decimal PackSize, long PackCost, string? Location, decimal OnHand,
    decimal ReorderPoint, decimal ParLevel, Guid? SupplierId);

/// <summary>Changes to an item; null = unchanged.</summary>
public sealed record StockItemChange(string? Name, string? Location, long? PackCost, decimal? ReorderPoint, decimal? ParLevel, Guid? SupplierId, bool ClearSupplier, bool? Active,
    DateOnly? ExpiresOn = null, bool ClearExpiry = false);

public sealed record CountedLine(Guid StockItemId, decimal Counted);

public sealed class CountLineRow
{
    public Guid StockItemId { get; init; }
    public string Name { get; init; } = "";
    public string BaseUnit { get; init; } = "";
    public decimal Expected { get; init; }
    public decimal Counted { get; init; }
    public decimal Variance { get; init; }
    public long VarianceCost { get; init; }
}

public sealed class CountRow
{
    public Guid Id { get; init; }
    public Guid RestaurantId { get; init; }
    public string Kind { get; init; } = "";
    public long VarianceCost { get; init; }
    public Guid? ByUser { get; init; }
    public DateTimeOffset CountedAt { get; init; }
    public List<CountLineRow> Lines { get; } = [];
}

public enum StockOutcome { Done, NotFound, Stale, UnknownSupplier, DuplicateName }

/// <summary>Stock items, the waste log and counts.</summary>
public sealed class StockStore(NpgsqlDataSource db, StockLedger ledger)
{
    private const string Columns = """
        id, restaurant_id, name, base_unit, pack_unit, pack_size, pack_cost, location, on_hand, reorder_point, par_level, supplier_id, low, active,
        expires_on, created_at, updated_at, version
        """;

    public async Task<StockItemRow?> FindAsync(Guid id, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return await c.QuerySingleOrDefaultAsync<StockItemRow>(new CommandDefinition($"SELECT {Columns} FROM stock_items WHERE id = @id", new { id }, cancellationToken: ct));
    }

    /// <summary>The restaurant's items among <paramref name="ids"/> (another restaurant's ids are simply absent).</summary>
    public async Task<IReadOnlyDictionary<Guid, StockItemRow>> FindManyAsync(Guid restaurantId, IEnumerable<Guid> ids, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return (await c.QueryAsync<StockItemRow>(new CommandDefinition($"SELECT {Columns} FROM stock_items WHERE restaurant_id = @restaurantId AND id = ANY(@ids)",
            new { restaurantId, ids = ids.Distinct().ToArray() }, cancellationToken: ct))).ToDictionary(i => i.Id);
    }

    public async Task<IReadOnlyList<StockItemRow>> ListAsync(Guid restaurantId, bool lowOnly, string? location, (string Name, Guid Id)? after, int take, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return (await c.QueryAsync<StockItemRow>(new CommandDefinition($"""
            SELECT {Columns} FROM stock_items
            WHERE restaurant_id = @restaurantId AND (NOT @lowOnly OR low) AND (@location::text IS NULL OR location = @location)
              AND (@afterName::text IS NULL OR (name, id) > (@afterName, @afterId))
            ORDER BY name, id LIMIT @take
            """, new { restaurantId, lowOnly, location, afterName = after?.Name, afterId = after?.Id ?? Guid.Empty, take }, cancellationToken: ct))).ToList();
    }

    /// <summary>Creates an item; its opening stock is an adjustment in the ledger, so the item's history adds up from the start.</summary>
    public async Task<(StockOutcome, StockItemRow?)> CreateAsync(Guid restaurantId, NewStockItem item, Guid byUser, DateTimeOffset now, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        if (item.SupplierId is { } supplier && !await SupplierStore.BelongsAsync(c, tx, supplier, restaurantId, ct))
        {
            return (StockOutcome.UnknownSupplier, null);
        }

        var id = Guid.CreateVersion7();
        var inserted = await c.ExecuteAsync(new CommandDefinition("""
            INSERT INTO stock_items (id, restaurant_id, name, base_unit, pack_unit, pack_size, pack_cost, location, reorder_point, par_level, supplier_id, created_at, updated_at)
            VALUES (@id, @restaurantId, @Name, @BaseUnit, @PackUnit, @PackSize, @PackCost, @Location, @ReorderPoint, @ParLevel, @SupplierId, @now, @now)
            ON CONFLICT (restaurant_id, name) DO NOTHING
            """, new
        {
            id, restaurantId, item.Name, item.BaseUnit, item.PackUnit, item.PackSize, item.PackCost, item.Location, item.ReorderPoint, item.ParLevel,
            item.SupplierId, now = now.ToUniversalTime(),
        }, tx, cancellationToken: ct));
        if (inserted == 0)
        {
            return (StockOutcome.DuplicateName, null);
        }

        if (item.OnHand != 0)
        {
            await ledger.MoveAsync(c, tx, restaurantId, [(id, item.OnHand)], new LedgerEntry("adjustment", Reason: "opening", ByUser: byUser), now, ct);
        }
        else
        {
            await c.ExecuteAsync(new CommandDefinition("UPDATE stock_items SET low = (reorder_point > 0 AND on_hand <= reorder_point) WHERE id = @id", new { id }, tx, cancellationToken: ct));
        }

        await tx.CommitAsync(ct);
        return (StockOutcome.Done, await c.QuerySingleAsync<StockItemRow>(new CommandDefinition($"SELECT {Columns} FROM stock_items WHERE id = @id", new { id }, cancellationToken: ct)));
    }

    public async Task<(StockOutcome, StockItemRow?)> UpdateAsync(Guid id, Guid restaurantId, StockItemChange change, int? expected, DateTimeOffset now, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        var row = await c.QuerySingleOrDefaultAsync<StockItemRow>(new CommandDefinition(
            $"SELECT {Columns} FROM stock_items WHERE id = @id AND restaurant_id = @restaurantId FOR UPDATE", new { id, restaurantId }, tx, cancellationToken: ct));
        if (row is null)
        {
            return (StockOutcome.NotFound, null);
        }

        if (expected is { } v && v != row.Version)
        {
            return (StockOutcome.Stale, row);
        }

        if (change.SupplierId is { } supplier && !await SupplierStore.BelongsAsync(c, tx, supplier, restaurantId, ct))
        {
            return (StockOutcome.UnknownSupplier, row);
        }

        // Changing the re-order point re-arms or settles the alert without announcing: a manager's own edit needs no alert.
        var updated = await c.QuerySingleOrDefaultAsync<StockItemRow>(new CommandDefinition($"""
            UPDATE stock_items SET name = coalesce(@Name, name), location = coalesce(@Location, location), pack_cost = coalesce(@PackCost, pack_cost),
                reorder_point = coalesce(@ReorderPoint, reorder_point), par_level = coalesce(@ParLevel, par_level),
                supplier_id = CASE WHEN @ClearSupplier THEN NULL ELSE coalesce(@SupplierId, supplier_id) END, active = coalesce(@Active, active),
                expires_on = CASE WHEN @ClearExpiry THEN NULL ELSE coalesce(@expiresOn::date, expires_on) END,
                low = (coalesce(@ReorderPoint, reorder_point) > 0 AND on_hand <= coalesce(@ReorderPoint, reorder_point)),
                updated_at = @now, version = version + 1
            WHERE id = @id AND NOT EXISTS (SELECT 1 FROM stock_items o WHERE o.restaurant_id = @restaurantId AND o.name = @Name AND o.id <> @id)
            RETURNING {Columns}
            """, new
        {
            id, restaurantId, change.Name, change.Location, change.PackCost, change.ReorderPoint, change.ParLevel, change.SupplierId, change.ClearSupplier, change.Active,
            change.ClearExpiry, expiresOn = change.ExpiresOn?.ToString("yyyy-MM-dd", null), now = now.ToUniversalTime(),
        }, tx, cancellationToken: ct));
        if (updated is null)
        {
            return (StockOutcome.DuplicateName, row);
        }

        if (updated.PackCost != row.PackCost)
        {
            await ledger.AnnounceRecipeCostsAsync(c, tx, restaurantId, await StockLedger.MenuItemsUsingAsync(c, tx, restaurantId, [id], ct), now, ct);
        }

        await tx.CommitAsync(ct);
        return (StockOutcome.Done, updated);
    }

    public async Task<IReadOnlyList<MovementRow>> MovementsAsync(Guid restaurantId, Guid? stockItemId, string? kind, DateTimeOffset? from, DateTimeOffset? to,
        (DateTimeOffset At, Guid Id)? after, int take, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return (await c.QueryAsync<MovementRow>(new CommandDefinition("""
            SELECT m.id, m.stock_item_id, i.name AS item_name, i.base_unit, m.kind, m.quantity, m.cost, m.order_id, m.purchase_order_id, m.reason, m.note, m.by_user, m.at
            FROM stock_movements m JOIN stock_items i ON i.id = m.stock_item_id
            WHERE m.restaurant_id = @restaurantId AND (@stockItemId::uuid IS NULL OR m.stock_item_id = @stockItemId) AND (@kind::text IS NULL OR m.kind = @kind)
              AND (@from::timestamptz IS NULL OR m.at >= @from) AND (@to::timestamptz IS NULL OR m.at < @to)
              AND (@afterAt::timestamptz IS NULL OR (m.at, m.id) < (@afterAt, @afterId))
            ORDER BY m.at DESC, m.id DESC LIMIT @take
            """, new
        {
            restaurantId, stockItemId, kind, from = from?.ToUniversalTime(), to = to?.ToUniversalTime(), afterAt = after?.At.ToUniversalTime(),
            afterId = after?.Id ?? Guid.Empty, take,
        }, cancellationToken: ct))).ToList();
    }

    /// <summary>Thrown away: out of stock with its reason, valued at the item's cost.</summary>
    public async Task<MovedItem?> WasteAsync(Guid restaurantId, Guid stockItemId, decimal quantity, string reason, string? note, Guid byUser, DateTimeOffset now, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        var moved = await ledger.MoveAsync(c, tx, restaurantId, [(stockItemId, -quantity)], new LedgerEntry("waste", Reason: reason, Note: note, ByUser: byUser), now, ct);
        if (moved.Count == 0)
        {
            return null;
        }

        await tx.CommitAsync(ct);
        return moved[0];
    }

    /// <summary>
    /// A count: each counted item is set to what was found, the difference (variance) recorded as a movement at the item's
    /// cost. A full count must name every active item, so nothing is silently left at a stale figure.
    /// </summary>
    public async Task<(CountRow? Count, IReadOnlyList<Guid> Missing)> CountAsync(Guid restaurantId, string kind, IReadOnlyList<CountedLine> lines, Guid byUser, DateTimeOffset now, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        var ids = lines.Select(l => l.StockItemId).OrderBy(id => id).ToArray();
        // Locked first, so a sale landing meanwhile is either before the count (and counted) or after it (and kept).
        var items = (await c.QueryAsync<StockItemRow>(new CommandDefinition($"""
            SELECT {Columns} FROM stock_items WHERE restaurant_id = @restaurantId AND (id = ANY(@ids) OR (@full AND active)) ORDER BY id FOR UPDATE
            """, new { restaurantId, ids, full = kind == "full" }, tx, cancellationToken: ct))).ToDictionary(i => i.Id);
        var missing = items.Values.Where(i => i.Active && !ids.Contains(i.Id)).Select(i => i.Id).Concat(ids.Where(id => !items.ContainsKey(id))).ToList();
        if (missing.Count > 0)
        {
            return (null, missing);
        }

        var countId = Guid.CreateVersion7();
        var countLines = lines.Select(l =>
        {
            var item = items[l.StockItemId];
            var variance = l.Counted - item.OnHand;
            return new CountLineRow
            {
                StockItemId = item.Id, Name = item.Name, BaseUnit = item.BaseUnit, Expected = item.OnHand, Counted = l.Counted, Variance = variance,
                VarianceCost = Units.Cost(variance, item.PackSize, item.PackCost),
            };
        }).ToList();
        await c.ExecuteAsync(new CommandDefinition("""
            INSERT INTO stock_counts (id, restaurant_id, kind, variance_cost, by_user, counted_at) VALUES (@countId, @restaurantId, @kind, @cost, @byUser, @now)
            """, new { countId, restaurantId, kind, cost = countLines.Sum(l => l.VarianceCost), byUser, now = now.ToUniversalTime() }, tx, cancellationToken: ct));
        foreach (var l in countLines)
        {
            await c.ExecuteAsync(new CommandDefinition("""
                INSERT INTO stock_count_lines (count_id, stock_item_id, expected, counted, variance, variance_cost)
                VALUES (@countId, @StockItemId, @Expected, @Counted, @Variance, @VarianceCost)
                """, new { countId, l.StockItemId, l.Expected, l.Counted, l.Variance, l.VarianceCost }, tx, cancellationToken: ct));
        }

        await ledger.MoveAsync(c, tx, restaurantId, countLines.Where(l => l.Variance != 0).Select(l => (l.StockItemId, l.Variance)).ToList(),
            new LedgerEntry("count", Reason: kind, ByUser: byUser), now, ct);
        await tx.CommitAsync(ct);
        return (await FindCountAsync(c, countId, ct), []);
    }

    public async Task<CountRow?> FindCountAsync(Guid id, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return await FindCountAsync(c, id, ct);
    }

    private static async Task<CountRow?> FindCountAsync(NpgsqlConnection c, Guid id, CancellationToken ct)
    {
        var count = await c.QuerySingleOrDefaultAsync<CountRow>(new CommandDefinition(
            "SELECT id, restaurant_id, kind, variance_cost, by_user, counted_at FROM stock_counts WHERE id = @id", new { id }, cancellationToken: ct));
        count?.Lines.AddRange(await c.QueryAsync<CountLineRow>(new CommandDefinition("""
            SELECT l.stock_item_id, i.name, i.base_unit, l.expected, l.counted, l.variance, l.variance_cost
            FROM stock_count_lines l JOIN stock_items i ON i.id = l.stock_item_id WHERE l.count_id = @id ORDER BY i.name
            """, new { id }, cancellationToken: ct)));
        return count;
    }

    public async Task<IReadOnlyList<CountRow>> CountsAsync(Guid restaurantId, int take, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return (await c.QueryAsync<CountRow>(new CommandDefinition("""
            SELECT id, restaurant_id, kind, variance_cost, by_user, counted_at FROM stock_counts WHERE restaurant_id = @restaurantId
            ORDER BY counted_at DESC, id DESC LIMIT @take
            """, new { restaurantId, take }, cancellationToken: ct))).ToList();
    }
}

using Brigade.Contracts.Inventory;
using Brigade.Inventory.Domain;
using Brigade.Messaging;
using Dapper;
using Npgsql;

namespace Brigade.Inventory.Data;

public sealed class PurchaseOrderRow
{
    public Guid Id { get; init; }
    public Guid RestaurantId { get; init; }
    public Guid SupplierId { get; init; }
    public string SupplierName { get; init; } = "";
    public string? SupplierEmail { get; init; }
    public string Status { get; init; } = "";
    public string Origin { get; init; } = "";
    public string Currency { get; init; } = "";
    public long Total { get; init; }
    public DateTimeOffset? ExpectedAt { get; init; }
    public DateTimeOffset? SentAt { get; init; }
    public DateTimeOffset? ReceivedAt { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public int Version { get; init; }
    public List<PurchaseOrderLineRow> Lines { get; } = [];
}

public sealed class PurchaseOrderLineRow
{
    public Guid PurchaseOrderId { get; init; }
    public Guid StockItemId { get; init; }
    public string Name { get; init; } = "";
    public string PackUnit { get; init; } = "";
    public decimal PackSize { get; init; }
    public decimal Quantity { get; init; }
    public long UnitCost { get; init; }
    public decimal Received { get; init; }
    public long? ReceivedCost { get; init; }
    public bool PriceChanged { get; init; }
}

/// <summary>A line to order: packs of a stock item, at the catalogue price unless a cost is given.</summary>
public sealed record WantedLine(Guid StockItemId, decimal Packs, long? UnitCost);

/// <summary>A line delivered: packs of a stock item, and the price per pack on the invoice when it differs.</summary>
public sealed record DeliveredLine(Guid StockItemId, decimal Packs, long? UnitCost);

/// <summary>What filling an item to par would order.</summary>
public sealed class SuggestionRow
{
    public Guid StockItemId { get; init; }
    public string Name { get; init; } = "";
    public string BaseUnit { get; init; } = "";
    public string PackUnit { get; init; } = "";
    public decimal PackSize { get; init; }
    public long PackCost { get; init; }
    public decimal OnHand { get; init; }
    public decimal OnOrder { get; init; }
    public decimal ParLevel { get; init; }
    public Guid? SupplierId { get; init; }
    public string? SupplierName { get; init; }
    public int LeadTimeDays { get; init; }

    public decimal Packs => StockLevels.PacksToPar(OnHand, OnOrder, ParLevel, PackSize);
}

public enum PoOutcome { Done, NotFound, Stale, WrongStatus, UnknownItem }

/// <summary>Purchase orders: drafted by a manager, by "fill to par" or when an item crosses its re-order point; sent, received, cancelled.</summary>
public sealed class PurchaseOrderStore(NpgsqlDataSource db, IOutbox outbox, StockLedger ledger)
{
    private const string Columns = """
        p.id, p.restaurant_id, p.supplier_id, s.name AS supplier_name, s.email AS supplier_email, p.status, p.origin, p.currency, p.total,
        p.expected_at, p.sent_at, p.received_at, p.created_at, p.version
        """;

    /// <summary>
    /// An item crossed its re-order point: unless an open order already brings it, add it (filled to par) to the
    /// supplier's re-order draft, or start one; sent at once when the restaurant lets inventory send on its own.
    /// </summary>
    public static async Task ReorderAsync(
        NpgsqlConnection c, NpgsqlTransaction tx, IOutbox outbox, Guid restaurantId, Guid supplierId, Guid stockItemId, string currency, DateTimeOffset now, CancellationToken ct)
    {
        var onOrder = await c.ExecuteScalarAsync<bool>(new CommandDefinition("""
            SELECT EXISTS (SELECT 1 FROM purchase_order_lines l JOIN purchase_orders p ON p.id = l.purchase_order_id
                           WHERE l.stock_item_id = @stockItemId AND p.status = ANY(@open) AND l.received < l.quantity)
            """, new { stockItemId, open = PurchaseOrderLifecycle.Open }, tx, cancellationToken: ct));
        if (onOrder)
        {
            return;
        }

        var item = await c.QuerySingleAsync<SuggestionRow>(new CommandDefinition("""
            SELECT id AS stock_item_id, name, base_unit, pack_unit, pack_size, pack_cost, on_hand, 0::numeric AS on_order, greatest(par_level, reorder_point) AS par_level
            FROM stock_items WHERE id = @stockItemId
            """, new { stockItemId }, tx, cancellationToken: ct));
        var packs = Math.Max(1, item.Packs);
        var draft = await c.ExecuteScalarAsync<Guid?>(new CommandDefinition("""
            SELECT id FROM purchase_orders WHERE restaurant_id = @restaurantId AND supplier_id = @supplierId AND status = 'draft' AND origin = 'reorder_point'
            ORDER BY created_at LIMIT 1 FOR UPDATE
            """, new { restaurantId, supplierId }, tx, cancellationToken: ct));
        var autoSend = await c.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT coalesce((SELECT auto_send_purchase_orders FROM inventory_settings WHERE restaurant_id = @restaurantId), false)",
            new { restaurantId }, tx, cancellationToken: ct));
        var id = autoSend ? null : draft;
        if (id is null)
        {
            id = Guid.CreateVersion7();
            await InsertHeaderAsync(c, tx, id.Value, restaurantId, supplierId, "reorder_point", currency, now, ct);
        }

        await AddLinesAsync(c, tx, id.Value, [(item, packs, item.PackCost)], ct);
        if (autoSend)
        {
            await SendDraftAsync(c, tx, outbox, id.Value, now, ct);
        }
        else if (draft is null)
        {
            var supplier = await c.ExecuteScalarAsync<string>(new CommandDefinition("SELECT name FROM suppliers WHERE id = @supplierId", new { supplierId }, tx, cancellationToken: ct));
            await StockLedger.NotifyAsync(outbox, c, tx, restaurantId, Messages.PurchaseOrderDrafted(restaurantId, id.Value, supplier ?? ""), now, ct);
        }
    }

    private static Task InsertHeaderAsync(NpgsqlConnection c, NpgsqlTransaction tx, Guid id, Guid restaurantId, Guid supplierId, string origin, string currency, DateTimeOffset now, CancellationToken ct) =>
        c.ExecuteAsync(new CommandDefinition("""
            INSERT INTO purchase_orders (id, restaurant_id, supplier_id, status, origin, currency, total, created_at)
            VALUES (@id, @restaurantId, @supplierId, 'draft', @origin, @currency, 0, @now)
            """, new { id, restaurantId, supplierId, origin, currency, now = now.ToUniversalTime() }, tx, cancellationToken: ct));

    private static async Task AddLinesAsync(NpgsqlConnection c, NpgsqlTransaction tx, Guid id, IEnumerable<(SuggestionRow Item, decimal Packs, long UnitCost)> lines, CancellationToken ct)
    {
        foreach (var (item, packs, unitCost) in lines)
        {
            await c.ExecuteAsync(new CommandDefinition("""
                INSERT INTO purchase_order_lines (purchase_order_id, stock_item_id, name, pack_unit, pack_size, quantity, unit_cost)
                VALUES (@id, @StockItemId, @Name, @PackUnit, @PackSize, @packs, @unitCost)
                ON CONFLICT (purchase_order_id, stock_item_id) DO UPDATE SET quantity = purchase_order_lines.quantity + EXCLUDED.quantity
                """, new { id, item.StockItemId, item.Name, item.PackUnit, item.PackSize, packs, unitCost }, tx, cancellationToken: ct));
        }

        await c.ExecuteAsync(new CommandDefinition("""
            UPDATE purchase_orders SET total = (SELECT coalesce(round(sum(quantity * unit_cost)), 0) FROM purchase_order_lines WHERE purchase_order_id = @id),
                version = version + 1 WHERE id = @id
            """, new { id }, tx, cancellationToken: ct));
    }

    /// <summary>Marks a draft sent (expected after the supplier's lead time) and announces it for the supplier's channel.</summary>
    private static async Task SendDraftAsync(NpgsqlConnection c, NpgsqlTransaction tx, IOutbox outbox, Guid id, DateTimeOffset now, CancellationToken ct)
    {
        await c.ExecuteAsync(new CommandDefinition("""
            UPDATE purchase_orders p SET status = 'sent', sent_at = @now, expected_at = @now + make_interval(days => s.lead_time_days), version = p.version + 1
            FROM suppliers s WHERE s.id = p.supplier_id AND p.id = @id
            """, new { id, now = now.ToUniversalTime() }, tx, cancellationToken: ct));
        var po = (await LoadAsync(c, tx, id, ct))!;
        await outbox.AddAsync(c, tx, new PurchaseOrderSent(po.Id, po.RestaurantId, po.SupplierId, po.SupplierName,
            po.Lines.Select(l => new PurchaseOrderLine(l.StockItemId, l.Name, l.Quantity, l.PackUnit, l.UnitCost)).ToList(),
            po.Total, po.Currency, po.ExpectedAt!.Value, now), ct);
    }

    private static async Task<PurchaseOrderRow?> LoadAsync(NpgsqlConnection c, NpgsqlTransaction? tx, Guid id, CancellationToken ct, bool forUpdate = false)
    {
        var po = await c.QuerySingleOrDefaultAsync<PurchaseOrderRow>(new CommandDefinition(
            $"SELECT {Columns} FROM purchase_orders p JOIN suppliers s ON s.id = p.supplier_id WHERE p.id = @id {(forUpdate ? "FOR UPDATE OF p" : "")}",
            new { id }, tx, cancellationToken: ct));
        if (po is not null)
        {
            po.Lines.AddRange(await c.QueryAsync<PurchaseOrderLineRow>(new CommandDefinition(
                "SELECT * FROM purchase_order_lines WHERE purchase_order_id = @id ORDER BY name, stock_item_id", new { id }, tx, cancellationToken: ct)));
        }

        return po;
    }

    public async Task<PurchaseOrderRow?> FindAsync(Guid id, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return await LoadAsync(c, null, id, ct);
    }

    public async Task<IReadOnlyList<PurchaseOrderRow>> ListAsync(Guid restaurantId, string? status, (DateTimeOffset CreatedAt, Guid Id)? after, int take, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        var rows = (await c.QueryAsync<PurchaseOrderRow>(new CommandDefinition($"""
            SELECT {Columns} FROM purchase_orders p JOIN suppliers s ON s.id = p.supplier_id
            WHERE p.restaurant_id = @restaurantId AND (@status::text IS NULL OR p.status = @status)
              AND (@afterAt::timestamptz IS NULL OR (p.created_at, p.id) < (@afterAt, @afterId))
            ORDER BY p.created_at DESC, p.id DESC LIMIT @take
            """, new { restaurantId, status, afterAt = after?.CreatedAt.ToUniversalTime(), afterId = after?.Id ?? Guid.Empty, take }, cancellationToken: ct))).ToList();
        var lines = (await c.QueryAsync<PurchaseOrderLineRow>(new CommandDefinition(
            "SELECT * FROM purchase_order_lines WHERE purchase_order_id = ANY(@ids) ORDER BY name, stock_item_id",
            new { ids = rows.Select(r => r.Id).ToArray() }, cancellationToken: ct))).ToLookup(l => l.PurchaseOrderId);
        foreach (var row in rows)
        {
            row.Lines.AddRange(lines[row.Id]);
        }

        return rows;
    }

    /// <summary>Every active item below par, with what filling it would order (items already on order count what is coming).</summary>
    public async Task<IReadOnlyList<SuggestionRow>> SuggestionsAsync(Guid restaurantId, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return await SuggestionsAsync(c, null, restaurantId, ct);
    }

    /// <summary>Every active item with what is on hand and on order and its supplier's lead time (the forecast's purchase plan).</summary>
    public async Task<IReadOnlyList<SuggestionRow>> PositionsAsync(Guid restaurantId, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return await PositionsAsync(c, null, restaurantId, parOnly: false, ct);
    }

    private static async Task<IReadOnlyList<SuggestionRow>> SuggestionsAsync(NpgsqlConnection c, NpgsqlTransaction? tx, Guid restaurantId, CancellationToken ct) =>
        (await PositionsAsync(c, tx, restaurantId, parOnly: true, ct)).Where(r => r.Packs > 0).ToList();

    private static async Task<IReadOnlyList<SuggestionRow>> PositionsAsync(NpgsqlConnection c, NpgsqlTransaction? tx, Guid restaurantId, bool parOnly, CancellationToken ct) =>
        (await c.QueryAsync<SuggestionRow>(new CommandDefinition("""
            SELECT i.id AS stock_item_id, i.name, i.base_unit, i.pack_unit, i.pack_size, i.pack_cost, i.on_hand, i.par_level, i.supplier_id, s.name AS supplier_name,
                coalesce(s.lead_time_days, 0) AS lead_time_days,
                coalesce((SELECT sum((l.quantity - l.received) * l.pack_size) FROM purchase_order_lines l JOIN purchase_orders p ON p.id = l.purchase_order_id
                          WHERE l.stock_item_id = i.id AND p.status = ANY(@open) AND l.received < l.quantity), 0) AS on_order
            FROM stock_items i LEFT JOIN suppliers s ON s.id = i.supplier_id
            WHERE i.restaurant_id = @restaurantId AND i.active AND (NOT @parOnly OR i.par_level > 0)
            ORDER BY i.name
            """, new { restaurantId, parOnly, open = PurchaseOrderLifecycle.Open }, tx, cancellationToken: ct))).ToList();

    /// <summary>A draft from a manager's lines; null when a line names an item that is not this restaurant's.</summary>
    public async Task<PurchaseOrderRow?> CreateAsync(Guid restaurantId, Guid supplierId, IReadOnlyList<WantedLine> wanted, DateTimeOffset now, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        var items = (await c.QueryAsync<SuggestionRow>(new CommandDefinition("""
            SELECT id AS stock_item_id, name, base_unit, pack_unit, pack_size, pack_cost, on_hand, par_level, supplier_id FROM stock_items
            WHERE restaurant_id = @restaurantId AND id = ANY(@ids)
            """, new { restaurantId, ids = wanted.Select(w => w.StockItemId).ToArray() }, tx, cancellationToken: ct))).ToDictionary(i => i.StockItemId);
        if (wanted.Any(w => !items.ContainsKey(w.StockItemId)))
        {
            return null;
        }

        var id = Guid.CreateVersion7();
        await InsertHeaderAsync(c, tx, id, restaurantId, supplierId, "manual", await ledger.CurrencyAsync(c, tx, restaurantId, ct), now, ct);
        await AddLinesAsync(c, tx, id, wanted.Select(w => (items[w.StockItemId], w.Packs, w.UnitCost ?? items[w.StockItemId].PackCost)), ct);
        await tx.CommitAsync(ct);
        return await LoadAsync(c, null, id, ct);
    }

    /// <summary>Drafts one order per supplier for every item below par (items without a supplier are left to the manager).</summary>
    public async Task<IReadOnlyList<PurchaseOrderRow>> FillToParAsync(Guid restaurantId, DateTimeOffset now, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        // One fill at a time per restaurant, so two managers pressing the button do not order everything twice.
        await c.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_xact_lock(hashtextextended(@key, 0))", new { key = $"fill:{restaurantId}" }, tx, cancellationToken: ct));
        var currency = await ledger.CurrencyAsync(c, tx, restaurantId, ct);
        var ids = new List<Guid>();
        foreach (var supplier in (await SuggestionsAsync(c, tx, restaurantId, ct)).Where(s => s.SupplierId is not null).GroupBy(s => s.SupplierId!.Value))
        {
            var id = Guid.CreateVersion7();
            await InsertHeaderAsync(c, tx, id, restaurantId, supplier.Key, "fill_to_par", currency, now, ct);
            await AddLinesAsync(c, tx, id, supplier.Select(s => (s, s.Packs, s.PackCost)), ct);
            ids.Add(id);
        }

        await tx.CommitAsync(ct);
        var result = new List<PurchaseOrderRow>();
        foreach (var id in ids)
        {
            result.Add((await LoadAsync(c, null, id, ct))!);
        }

        return result;
    }

    public async Task<(PoOutcome, PurchaseOrderRow?)> SendAsync(Guid id, Guid restaurantId, int? expected, DateTimeOffset now, CancellationToken ct) =>
        await ChangeAsync(id, restaurantId, expected, PurchaseOrderLifecycle.CanSend, async (c, tx, _) =>
        {
            await SendDraftAsync(c, tx, outbox, id, now, ct);
            return PoOutcome.Done;
        }, ct);

    public async Task<(PoOutcome, PurchaseOrderRow?)> CancelAsync(Guid id, Guid restaurantId, int? expected, CancellationToken ct) =>
        await ChangeAsync(id, restaurantId, expected, status => PurchaseOrderLifecycle.CanCancel(status), async (c, tx, po) =>
        {
            if (po.Lines.Any(l => l.Received > 0))
            {
                return PoOutcome.WrongStatus;
            }

            await c.ExecuteAsync(new CommandDefinition("UPDATE purchase_orders SET status = 'cancelled', version = version + 1 WHERE id = @id", new { id }, tx, cancellationToken: ct));
            return PoOutcome.Done;
        }, ct);

    /// <summary>
    /// A delivery against a sent order: stock rises by what came (packs × pack size), a price other than ordered is
    /// flagged on the line and becomes the item's cost, and the order is received once every line has all it ordered.
    /// </summary>
    public async Task<(PoOutcome, PurchaseOrderRow?)> ReceiveAsync(Guid id, Guid restaurantId, int? expected, IReadOnlyList<DeliveredLine> delivered, Guid byUser, DateTimeOffset now, CancellationToken ct) =>
        await ChangeAsync(id, restaurantId, expected, PurchaseOrderLifecycle.CanReceive, async (c, tx, po) =>
        {
            var lines = po.Lines.ToDictionary(l => l.StockItemId);
            if (delivered.Any(d => !lines.ContainsKey(d.StockItemId)))
            {
                return PoOutcome.UnknownItem;
            }

            var repriced = new List<Guid>();
            foreach (var d in delivered)
            {
                var line = lines[d.StockItemId];
                var changed = d.UnitCost is { } cost && cost != line.UnitCost;
                await c.ExecuteAsync(new CommandDefinition("""
                    UPDATE purchase_order_lines SET received = received + @Packs, received_cost = coalesce(@UnitCost, received_cost),
                        price_changed = price_changed OR @changed
                    WHERE purchase_order_id = @id AND stock_item_id = @StockItemId
                    """, new { id, d.StockItemId, d.Packs, d.UnitCost, changed }, tx, cancellationToken: ct));
                if (changed)
                {
                    await c.ExecuteAsync(new CommandDefinition(
                        "UPDATE stock_items SET pack_cost = @UnitCost WHERE id = @StockItemId AND pack_size = @PackSize",
                        new { d.UnitCost, d.StockItemId, line.PackSize }, tx, cancellationToken: ct));
                    repriced.Add(d.StockItemId);
                }
            }

            await ledger.AnnounceRecipeCostsAsync(c, tx, restaurantId, await StockLedger.MenuItemsUsingAsync(c, tx, restaurantId, repriced, ct), now, ct);

            await ledger.MoveAsync(c, tx, restaurantId, delivered.Select(d => (d.StockItemId, d.Packs * lines[d.StockItemId].PackSize)).ToList(),
                new LedgerEntry("receipt", PurchaseOrderId: id, ByUser: byUser), now, ct);
            var after = (await LoadAsync(c, tx, id, ct))!;
            var status = PurchaseOrderLifecycle.AfterReceipt(after.Lines.Select(l => (l.Quantity, l.Received)));
            await c.ExecuteAsync(new CommandDefinition(
                "UPDATE purchase_orders SET status = @status, received_at = CASE WHEN @status = 'received' THEN @now ELSE received_at END, version = version + 1 WHERE id = @id",
                new { id, status, now = now.ToUniversalTime() }, tx, cancellationToken: ct));
            var deliveredLines = delivered.Select(d => new PurchaseOrderLine(d.StockItemId, lines[d.StockItemId].Name, d.Packs, lines[d.StockItemId].PackUnit,
                d.UnitCost ?? lines[d.StockItemId].UnitCost)).ToList();
            await outbox.AddAsync(c, tx, new PurchaseOrderReceived(id, restaurantId, po.SupplierId, deliveredLines,
                (long)decimal.Round(deliveredLines.Sum(l => l.Quantity * l.UnitCost), 0, MidpointRounding.AwayFromZero), po.Currency,
                status == PurchaseOrderLifecycle.Received, now), ct);
            return PoOutcome.Done;
        }, ct);

    private async Task<(PoOutcome, PurchaseOrderRow?)> ChangeAsync(
        Guid id, Guid restaurantId, int? expected, Func<string, bool> allowed, Func<NpgsqlConnection, NpgsqlTransaction, PurchaseOrderRow, Task<PoOutcome>> change, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        var po = await LoadAsync(c, tx, id, ct, forUpdate: true);
        if (po is null || po.RestaurantId != restaurantId)
        {
            return (PoOutcome.NotFound, null);
        }

        if (expected is { } v && v != po.Version)
        {
            return (PoOutcome.Stale, po);
        }

        if (!allowed(po.Status))
        {
            return (PoOutcome.WrongStatus, po);
        }

        var outcome = await change(c, tx, po);
        if (outcome != PoOutcome.Done)
        {
            return (outcome, po);
        }

        await tx.CommitAsync(ct);
        return (PoOutcome.Done, await LoadAsync(c, null, id, ct));
    }
}

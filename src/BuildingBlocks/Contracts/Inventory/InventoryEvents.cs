using System.Text.Json.Serialization;

namespace Brigade.Contracts.Inventory;

/// <summary>
/// A stock item fell to or below its re-order point. <paramref name="OnHand"/>, <paramref name="ReorderPoint"/> and
/// <paramref name="ParLevel"/> are in the item's base <paramref name="Unit"/> (<c>g</c>, <c>ml</c>, <c>ea</c>).
/// Published once per crossing, not once per sale.
/// </summary>
[IntegrationEvent("inventory.stock.low")]
public sealed record StockLow(
    Guid RestaurantId,
    Guid StockItemId,
    string Name,
    decimal OnHand,
    decimal ReorderPoint,
    decimal ParLevel,
    string Unit,
    DateTimeOffset At) : IIntegrationEvent;

/// <summary>
/// A stock item ran out: the menu items in <paramref name="MenuItemIds"/> cannot be made any more (86'd) until it is received.
/// </summary>
[IntegrationEvent("inventory.item.depleted")]
public sealed record ItemDepleted(
    Guid RestaurantId,
    Guid StockItemId,
    string Name,
    IReadOnlyList<Guid> MenuItemIds,
    DateTimeOffset At) : IIntegrationEvent;

/// <summary>
/// Whether a menu item can still be sold, from stock and recipes: <paramref name="PortionsLeft"/> is how many portions the
/// scarcest ingredient allows (null when the item has no recipe). Ordering refuses or 86es an item that is not available.
/// </summary>
[IntegrationEvent("inventory.menu_item.availability_changed")]
public sealed record MenuItemAvailabilityChanged(
    Guid RestaurantId,
    Guid MenuItemId,
    bool Available,
    int? PortionsLeft,
    DateTimeOffset At) : IIntegrationEvent;

/// <summary>One line of a purchase order, in the supplier's pack unit and price.</summary>
public sealed record PurchaseOrderLine(Guid StockItemId, string Name, decimal Quantity, string Unit, long UnitCost);

/// <summary>A purchase order went to its supplier (by e-mail or the supplier's channel).</summary>
[IntegrationEvent("inventory.purchase_order.sent")]
public sealed record PurchaseOrderSent(
    Guid PurchaseOrderId,
    Guid RestaurantId,
    Guid SupplierId,
    string SupplierName,
    IReadOnlyList<PurchaseOrderLine> Lines,
    long Total,
    string Currency,
    DateTimeOffset ExpectedAt,
    DateTimeOffset SentAt) : IIntegrationEvent;

/// <summary>Goods were received against a purchase order (<paramref name="Complete"/> false for a partial delivery).</summary>
[IntegrationEvent("inventory.purchase_order.received")]
public sealed record PurchaseOrderReceived(
    Guid PurchaseOrderId,
    Guid RestaurantId,
    Guid SupplierId,
    IReadOnlyList<PurchaseOrderLine> Lines,
    long Total,
    string Currency,
    bool Complete,
    DateTimeOffset ReceivedAt) : IIntegrationEvent;

/// <summary>
/// Stock changed for a reason (<paramref name="Kind"/>: <c>sale</c>, <c>sale_reversed</c>, <c>waste</c>, <c>receipt</c>,
/// <c>count</c>, <c>adjustment</c>): <paramref name="Quantity"/> in the base unit (negative = out), <paramref name="Cost"/>
/// its value at the item's cost, minor units. Analytics computes food cost from these.
/// </summary>
[IntegrationEvent("inventory.stock.moved")]
public sealed record StockMoved(
    Guid MovementId,
    Guid RestaurantId,
    Guid StockItemId,
    string Kind,
    decimal Quantity,
    string Unit,
    long Cost,
    string Currency,
    Guid? OrderId,
    DateTimeOffset At) : IIntegrationEvent;

/// <summary>
/// What one portion of a menu item costs in ingredients at today's pack costs: announced when its recipe is set or removed
/// (<paramref name="PortionCost"/> null: it has no recipe any more) and when the pack cost of one of its ingredients
/// changes (an edit, a delivery at another price). Analytics uses it for menu engineering's margins.
/// </summary>
[IntegrationEvent("inventory.recipe.costed")]
public sealed record RecipeCosted(
    Guid RestaurantId,
    Guid MenuItemId,
    long? PortionCost,
    string Currency,
    DateTimeOffset At) : IIntegrationEvent;

[JsonSerializable(typeof(StockLow))]
[JsonSerializable(typeof(ItemDepleted))]
[JsonSerializable(typeof(MenuItemAvailabilityChanged))]
[JsonSerializable(typeof(PurchaseOrderSent))]
[JsonSerializable(typeof(PurchaseOrderReceived))]
[JsonSerializable(typeof(StockMoved))]
[JsonSerializable(typeof(RecipeCosted))]
internal sealed partial class InventoryEventsJsonContext : JsonSerializerContext;

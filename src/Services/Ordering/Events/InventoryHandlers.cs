using Brigade.Contracts.Inventory;
using Brigade.Messaging;
using Brigade.Ordering.Data;

namespace Brigade.Ordering.Events;

/// <summary>
/// Inventory's count of the portions an item's stock allows: it replaces ordering's counter (which orders decrement and
/// cancellations restore), or marks the item not available at all.
/// </summary>
public sealed class LearnPortions : IEventHandler<MenuItemAvailabilityChanged>
{
    public Task HandleAsync(MenuItemAvailabilityChanged e, EventContext context, CancellationToken ct) =>
        MenuFacts.ApplyStockAsync(context.Connection, context.Transaction, e, ct);
}

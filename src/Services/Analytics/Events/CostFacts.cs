using Brigade.Analytics.Data;
using Brigade.Contracts.Inventory;
using Brigade.Contracts.Staff;
using Brigade.Messaging;

namespace Brigade.Analytics.Events;

/// <summary>Labour (approved time, on the service day the shift started) and food cost (stock that left as sales or waste).</summary>
public sealed class CostFacts(Ingest ingest) : IEventHandler<TimecardApproved>, IEventHandler<StockMoved>
{
    public async Task HandleAsync(TimecardApproved e, EventContext context, CancellationToken ct)
    {
        var days = await FactStore.TimecardAsync(context.Connection, context.Transaction, e.TimecardId, e.RestaurantId, e.EmployeeId, e.ClockIn, e.ClockOut,
            e.Minutes, e.Cost, e.Currency, e.ApprovedAt, ingest.DayOf(e.ClockIn), ct);
        await ingest.ChangedAsync(context, e.RestaurantId, days, ct);
    }

    public async Task HandleAsync(StockMoved e, EventContext context, CancellationToken ct)
    {
        var days = await FactStore.StockMovedAsync(context.Connection, context.Transaction, e.MovementId, e.RestaurantId, e.StockItemId, e.Kind, e.Quantity,
            e.Cost, e.Currency, e.OrderId, e.At, ingest.DayOf(e.At), ct);
        await ingest.ChangedAsync(context, e.RestaurantId, days, ct);
    }
}

/// <summary>What a portion of each menu item costs in ingredients (inventory's recipes at current pack costs), for menu engineering.</summary>
public sealed class MenuCostFacts(DashboardCache cache) : IEventHandler<RecipeCosted>
{
    public async Task HandleAsync(RecipeCosted e, EventContext context, CancellationToken ct)
    {
        await FloorStore.ItemCostAsync(context.Connection, context.Transaction, e.MenuItemId, e.RestaurantId, e.PortionCost, e.Currency, e.At, ct);
        context.OnCommitted(() => cache.InvalidateAsync(e.RestaurantId));
    }
}

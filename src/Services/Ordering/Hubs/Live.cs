using Brigade.Ordering.Api;
using Brigade.Ordering.Data;
using Microsoft.AspNetCore.SignalR;

namespace Brigade.Ordering.Hubs;

/// <summary>
/// Pushes changes to the screens after they committed: the order and its tickets to the restaurant's kitchen group, a
/// table's cart to the people at the table. Sent through the hub's Redis backplane, so every replica's connections get it.
/// A push that fails is only logged: the screens read again on reconnect and the data is in PostgreSQL.
/// </summary>
public sealed class Live(IHubContext<KitchenHub> kitchen, IHubContext<CartHub> carts, TimeProvider clock, ILogger<Live> logger)
{
    public async Task OrderChangedAsync(OrderView view, string? timeZone)
    {
        try
        {
            var group = kitchen.Clients.Group(KitchenHub.Group(view.Order.RestaurantId));
            await group.SendAsync("order", Render.Order(view, timeZone, Domain.Actor.Staff));
            foreach (var ticket in Render.Tickets(view, timeZone, clock.GetUtcNow()))
            {
                await group.SendAsync("ticket", ticket);
            }
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Could not push order {OrderId} to the kitchen screens", view.Order.Id);
        }
    }

    public async Task CartChangedAsync(Guid tableId, CartResponse cart)
    {
        try
        {
            await carts.Clients.Group(CartHub.Group(tableId)).SendAsync("cart", cart);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Could not push the cart of table {TableId}", tableId);
        }
    }

    public async Task TableOrderedAsync(Guid tableId, OrderResponse order)
    {
        try
        {
            await carts.Clients.Group(CartHub.Group(tableId)).SendAsync("ordered", order);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Could not tell table {TableId} about order {OrderId}", tableId, order.Id);
        }
    }
}

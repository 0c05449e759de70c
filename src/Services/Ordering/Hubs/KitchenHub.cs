using Brigade.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace Brigade.Ordering.Hubs;

/// <summary>
/// The kitchen display and the restaurant's order list, live (<c>/hubs/kitchen</c>). A connection of the restaurant's
/// people calls <c>watch(restaurantId)</c>; the server then calls <c>ticket</c> (a <see cref="Api.TicketResponse"/>) for
/// every ticket that changes and <c>order</c> (an <see cref="Api.OrderResponse"/>) for every order that changes. Screens
/// filter by station themselves; after a reconnect they read the tickets again (<c>GET /api/kitchen/tickets</c>).
/// </summary>
[Authorize(Policy = Policies.User)]
public sealed class KitchenHub : Hub
{
    public const string Path = "/hubs/kitchen";

    public static string Group(Guid restaurantId) => "kitchen:" + restaurantId.ToString("N");

    /// <summary>Starts receiving a restaurant's tickets and orders; another restaurant's is refused as if it did not exist.</summary>
    public async Task Watch(Guid restaurantId)
    {
        var user = Context.User!;
        if (!user.IsAdmin() && !user.HasMembership(restaurantId))
        {
            throw new HubException("No such restaurant.");
        }

        await Groups.AddToGroupAsync(Context.ConnectionId, Group(restaurantId));
    }

    public Task Unwatch(Guid restaurantId) => Groups.RemoveFromGroupAsync(Context.ConnectionId, Group(restaurantId));
}

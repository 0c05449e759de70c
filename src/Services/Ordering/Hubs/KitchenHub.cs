using Brigade.ServiceDefaults;

namespace Brigade.Ordering.Hubs;

/// <summary>
/// The kitchen display and the restaurant's order list, live (<c>/hubs/kitchen</c>). A connection of the restaurant's
/// people calls <c>watch(restaurantId)</c>; the server then calls <c>ticket</c> (a <see cref="Api.TicketResponse"/>) for
/// every ticket that changes and <c>order</c> (an <see cref="Api.OrderResponse"/>) for every order that changes. Screens
/// filter by station themselves; after a reconnect they read the tickets again (<c>GET /api/kitchen/tickets</c>).
/// </summary>
public sealed class KitchenHub() : RestaurantHub("kitchen")
{
    public const string Path = "/hubs/kitchen";

    public static string Group(Guid restaurantId) => GroupOf("kitchen", restaurantId);
}

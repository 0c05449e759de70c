using Brigade.Contracts.Inventory;
using Brigade.Contracts.Restaurants;
using Brigade.Forecasting.Data;
using Brigade.Messaging;

namespace Brigade.Forecasting.Events;

/// <summary>Restaurants' profiles and status (what a diner can book); a restaurant created without an owner is demo data.</summary>
public sealed class RecordRestaurant :
    IEventHandler<RestaurantCreated>,
    IEventHandler<RestaurantUpdated>,
    IEventHandler<RestaurantPublished>,
    IEventHandler<RestaurantClosed>
{
    public Task HandleAsync(RestaurantCreated e, EventContext context, CancellationToken ct) =>
        RestaurantFactsStore.ProfileAsync(context.Connection, context.Transaction, e.Restaurant, e.OwnerId is null, e.CreatedAt, ct);

    public Task HandleAsync(RestaurantUpdated e, EventContext context, CancellationToken ct) =>
        RestaurantFactsStore.ProfileAsync(context.Connection, context.Transaction, e.Restaurant, null, e.UpdatedAt, ct);

    public Task HandleAsync(RestaurantPublished e, EventContext context, CancellationToken ct) =>
        RestaurantFactsStore.ProfileAsync(context.Connection, context.Transaction, e.Restaurant, null, e.PublishedAt, ct);

    public Task HandleAsync(RestaurantClosed e, EventContext context, CancellationToken ct) =>
        RestaurantFactsStore.ClosedAsync(context.Connection, context.Transaction, e.RestaurantId, e.ClosedAt, ct);
}

/// <summary>Menu items as they are now, and inventory's word on whether they can be made (what a diner can order).</summary>
public sealed class RecordMenuItem : IEventHandler<MenuItemChanged>, IEventHandler<MenuItemAvailabilityChanged>
{
    public Task HandleAsync(MenuItemChanged e, EventContext context, CancellationToken ct) =>
        RestaurantFactsStore.MenuItemAsync(context.Connection, context.Transaction, e, ct);

    public Task HandleAsync(MenuItemAvailabilityChanged e, EventContext context, CancellationToken ct) =>
        RestaurantFactsStore.AvailabilityAsync(context.Connection, context.Transaction, e.RestaurantId, e.MenuItemId, e.Available, e.At, ct);
}

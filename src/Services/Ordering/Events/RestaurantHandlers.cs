using Brigade.Contracts.Restaurants;
using Brigade.Messaging;
using Brigade.Ordering.Data;

namespace Brigade.Ordering.Events;

/// <summary>A restaurant's name, zone, currency and status (diners order only from published ones).</summary>
public sealed class LearnCreatedRestaurant : IEventHandler<RestaurantCreated>
{
    public Task HandleAsync(RestaurantCreated e, EventContext context, CancellationToken ct) =>
        MenuFacts.ApplyProfileAsync(context.Connection, context.Transaction, e.Restaurant, e.CreatedAt, ct);
}

public sealed class LearnUpdatedRestaurant : IEventHandler<RestaurantUpdated>
{
    public Task HandleAsync(RestaurantUpdated e, EventContext context, CancellationToken ct) =>
        MenuFacts.ApplyProfileAsync(context.Connection, context.Transaction, e.Restaurant, e.UpdatedAt, ct);
}

public sealed class LearnPublishedRestaurant : IEventHandler<RestaurantPublished>
{
    public Task HandleAsync(RestaurantPublished e, EventContext context, CancellationToken ct) =>
        MenuFacts.ApplyProfileAsync(context.Connection, context.Transaction, e.Restaurant, e.PublishedAt, ct);
}

/// <summary>A closed restaurant takes no new orders; open ones stay for its people to finish.</summary>
public sealed class LearnClosedRestaurant : IEventHandler<RestaurantClosed>
{
    public Task HandleAsync(RestaurantClosed e, EventContext context, CancellationToken ct) =>
        MenuFacts.ApplyClosedAsync(context.Connection, context.Transaction, e.RestaurantId, e.ClosedAt, ct);
}

/// <summary>The product catalogue: prices, modifiers, dayparts and the "86" switch, as the restaurant set them.</summary>
public sealed class LearnMenuItem : IEventHandler<MenuItemChanged>
{
    public Task HandleAsync(MenuItemChanged e, EventContext context, CancellationToken ct) =>
        MenuFacts.ApplyMenuItemAsync(context.Connection, context.Transaction, e, ct);
}

public sealed class LearnDayparts : IEventHandler<MenuDaypartsChanged>
{
    public Task HandleAsync(MenuDaypartsChanged e, EventContext context, CancellationToken ct) =>
        MenuFacts.ApplyDaypartsAsync(context.Connection, context.Transaction, e, ct);
}

/// <summary>A table, and the first time the token its QR code will carry.</summary>
public sealed class LearnTable : IEventHandler<TableChanged>
{
    public Task HandleAsync(TableChanged e, EventContext context, CancellationToken ct) =>
        MenuFacts.ApplyTableAsync(context.Connection, context.Transaction, e, ct);
}

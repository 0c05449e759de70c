using Brigade.Contracts.Restaurants;
using Brigade.Jobs.Data;
using Brigade.Messaging;

namespace Brigade.Jobs.Events;

/// <summary>A new restaurant: its name, address, location and zone, which its postings start from.</summary>
public sealed class LearnCreatedRestaurant : IEventHandler<RestaurantCreated>
{
    public Task HandleAsync(RestaurantCreated e, EventContext context, CancellationToken ct) =>
        VenueStore.ApplyProfileAsync(context.Connection, context.Transaction, e.Restaurant, e.CreatedAt, ct);
}

public sealed class LearnUpdatedRestaurant : IEventHandler<RestaurantUpdated>
{
    public Task HandleAsync(RestaurantUpdated e, EventContext context, CancellationToken ct) =>
        VenueStore.ApplyProfileAsync(context.Connection, context.Transaction, e.Restaurant, e.UpdatedAt, ct);
}

public sealed class LearnPublishedRestaurant : IEventHandler<RestaurantPublished>
{
    public Task HandleAsync(RestaurantPublished e, EventContext context, CancellationToken ct) =>
        VenueStore.ApplyProfileAsync(context.Connection, context.Transaction, e.Restaurant, e.PublishedAt, ct);
}

/// <summary>A closed restaurant posts no new shifts; shifts already booked stay for both sides to settle.</summary>
public sealed class LearnClosedRestaurant : IEventHandler<RestaurantClosed>
{
    public Task HandleAsync(RestaurantClosed e, EventContext context, CancellationToken ct) =>
        VenueStore.ApplyClosedAsync(context.Connection, context.Transaction, e.RestaurantId, e.ClosedAt, ct);
}

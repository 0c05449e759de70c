using Brigade.Contracts.Restaurants;
using Brigade.Messaging;
using Brigade.Reservations.Data;

namespace Brigade.Reservations.Events;

/// <summary>A new restaurant: its zone and currency; bookable when created published (demo data).</summary>
public sealed class LearnCreatedRestaurant : IEventHandler<RestaurantCreated>
{
    public Task HandleAsync(RestaurantCreated e, EventContext context, CancellationToken ct) =>
        RestaurantFacts.ApplyProfileAsync(context.Connection, context.Transaction, e.Restaurant, e.CreatedAt, ct);
}

public sealed class LearnUpdatedRestaurant : IEventHandler<RestaurantUpdated>
{
    public Task HandleAsync(RestaurantUpdated e, EventContext context, CancellationToken ct) =>
        RestaurantFacts.ApplyProfileAsync(context.Connection, context.Transaction, e.Restaurant, e.UpdatedAt, ct);
}

/// <summary>A published restaurant takes bookings.</summary>
public sealed class LearnPublishedRestaurant : IEventHandler<RestaurantPublished>
{
    public Task HandleAsync(RestaurantPublished e, EventContext context, CancellationToken ct) =>
        RestaurantFacts.ApplyProfileAsync(context.Connection, context.Transaction, e.Restaurant, e.PublishedAt, ct);
}

/// <summary>A closed restaurant takes no new bookings; existing ones stay for the staff to settle.</summary>
public sealed class LearnClosedRestaurant : IEventHandler<RestaurantClosed>
{
    public Task HandleAsync(RestaurantClosed e, EventContext context, CancellationToken ct) =>
        RestaurantFacts.ApplyClosedAsync(context.Connection, context.Transaction, e.RestaurantId, e.ClosedAt, ct);
}

public sealed class LearnHours : IEventHandler<HoursChanged>
{
    public Task HandleAsync(HoursChanged e, EventContext context, CancellationToken ct) =>
        RestaurantFacts.ApplyHoursAsync(context.Connection, context.Transaction, e, ct);
}

public sealed class LearnTable : IEventHandler<TableChanged>
{
    public Task HandleAsync(TableChanged e, EventContext context, CancellationToken ct) =>
        RestaurantFacts.ApplyTableAsync(context.Connection, context.Transaction, e, ct);
}

public sealed class LearnTableGroup : IEventHandler<TableGroupChanged>
{
    public Task HandleAsync(TableGroupChanged e, EventContext context, CancellationToken ct) =>
        RestaurantFacts.ApplyTableGroupAsync(context.Connection, context.Transaction, e, ct);
}

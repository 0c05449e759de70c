using Brigade.Contracts.Restaurants;
using Brigade.Messaging;
using Brigade.Reservations.Data;
using Brigade.Security;

// Each handler drops the restaurant's cached book facts once its change has committed (never before: a read in
// between would cache the old facts again).

namespace Brigade.Reservations.Events;

/// <summary>
/// A new restaurant: its zone, currency and names; bookable when created published (demo data). Its creator is its owner
/// from now on, before their token says so (<see cref="RightsStore"/>).
/// </summary>
public sealed class LearnCreatedRestaurant(BookCache cache) : IEventHandler<RestaurantCreated>
{
    public async Task HandleAsync(RestaurantCreated e, EventContext context, CancellationToken ct)
    {
        context.OnCommitted(() => cache.InvalidateAsync(e.Restaurant.RestaurantId));
        await RestaurantFacts.ApplyProfileAsync(context.Connection, context.Transaction, e.Restaurant, e.CreatedAt, ct);
        if (e.OwnerId is { } owner)
        {
            await RightsStore.LearnMembershipAsync(context.Connection, context.Transaction, e.Restaurant.RestaurantId, owner, Roles.Owner, e.CreatedAt, ct);
        }
    }
}

public sealed class LearnUpdatedRestaurant(BookCache cache) : IEventHandler<RestaurantUpdated>
{
    public Task HandleAsync(RestaurantUpdated e, EventContext context, CancellationToken ct)
    {
        context.OnCommitted(() => cache.InvalidateAsync(e.Restaurant.RestaurantId));
        return RestaurantFacts.ApplyProfileAsync(context.Connection, context.Transaction, e.Restaurant, e.UpdatedAt, ct);
    }
}

/// <summary>A published restaurant takes bookings.</summary>
public sealed class LearnPublishedRestaurant(BookCache cache) : IEventHandler<RestaurantPublished>
{
    public Task HandleAsync(RestaurantPublished e, EventContext context, CancellationToken ct)
    {
        context.OnCommitted(() => cache.InvalidateAsync(e.Restaurant.RestaurantId));
        return RestaurantFacts.ApplyProfileAsync(context.Connection, context.Transaction, e.Restaurant, e.PublishedAt, ct);
    }
}

/// <summary>A closed restaurant takes no new bookings; existing ones stay for the staff to settle.</summary>
public sealed class LearnClosedRestaurant(BookCache cache) : IEventHandler<RestaurantClosed>
{
    public Task HandleAsync(RestaurantClosed e, EventContext context, CancellationToken ct)
    {
        context.OnCommitted(() => cache.InvalidateAsync(e.RestaurantId));
        return RestaurantFacts.ApplyClosedAsync(context.Connection, context.Transaction, e.RestaurantId, e.ClosedAt, ct);
    }
}

public sealed class LearnHours(BookCache cache) : IEventHandler<HoursChanged>
{
    public Task HandleAsync(HoursChanged e, EventContext context, CancellationToken ct)
    {
        context.OnCommitted(() => cache.InvalidateAsync(e.RestaurantId));
        return RestaurantFacts.ApplyHoursAsync(context.Connection, context.Transaction, e, ct);
    }
}

public sealed class LearnTable(BookCache cache) : IEventHandler<TableChanged>
{
    public Task HandleAsync(TableChanged e, EventContext context, CancellationToken ct)
    {
        context.OnCommitted(() => cache.InvalidateAsync(e.RestaurantId));
        return RestaurantFacts.ApplyTableAsync(context.Connection, context.Transaction, e, ct);
    }
}

public sealed class LearnTableGroup(BookCache cache) : IEventHandler<TableGroupChanged>
{
    public Task HandleAsync(TableGroupChanged e, EventContext context, CancellationToken ct)
    {
        context.OnCommitted(() => cache.InvalidateAsync(e.RestaurantId));
        return RestaurantFacts.ApplyTableGroupAsync(context.Connection, context.Transaction, e, ct);
    }
}

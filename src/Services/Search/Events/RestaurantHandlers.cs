using Brigade.Contracts.Restaurants;
using Brigade.Messaging;
using Brigade.Search.Domain;
using Brigade.Search.Index;

namespace Brigade.Search.Events;

// Each handler turns its event into an index change and applies it to this replica's index inside the message's
// handling: if indexing throws, the message is retried like any failed one. Replays and reordering are harmless
// (versions and timestamps decide, see Catalogue).

public sealed class IndexCreatedRestaurant(SearchEngine engine) : IEventHandler<RestaurantCreated>
{
    public Task HandleAsync(RestaurantCreated e, EventContext context, CancellationToken ct)
    {
        engine.Apply(new IndexChange.Profile(e.Restaurant, e.CreatedAt));
        return Task.CompletedTask;
    }
}

public sealed class IndexUpdatedRestaurant(SearchEngine engine) : IEventHandler<RestaurantUpdated>
{
    public Task HandleAsync(RestaurantUpdated e, EventContext context, CancellationToken ct)
    {
        engine.Apply(new IndexChange.Profile(e.Restaurant, e.UpdatedAt));
        return Task.CompletedTask;
    }
}

public sealed class IndexPublishedRestaurant(SearchEngine engine) : IEventHandler<RestaurantPublished>
{
    public Task HandleAsync(RestaurantPublished e, EventContext context, CancellationToken ct)
    {
        engine.Apply(new IndexChange.Profile(e.Restaurant, e.PublishedAt));
        return Task.CompletedTask;
    }
}

public sealed class DropClosedRestaurant(SearchEngine engine) : IEventHandler<RestaurantClosed>
{
    public Task HandleAsync(RestaurantClosed e, EventContext context, CancellationToken ct)
    {
        engine.Apply(new IndexChange.Closed(e.RestaurantId, e.ClosedAt));
        return Task.CompletedTask;
    }
}

public sealed class IndexHours(SearchEngine engine) : IEventHandler<HoursChanged>
{
    public Task HandleAsync(HoursChanged e, EventContext context, CancellationToken ct)
    {
        engine.Apply(new IndexChange.Hours(e.RestaurantId, new HoursFacts(e.TimeZone, e.Weekly, e.Exceptions, e.ChangedAt)));
        return Task.CompletedTask;
    }
}

public sealed class IndexMenuItem(SearchEngine engine) : IEventHandler<MenuItemChanged>
{
    public Task HandleAsync(MenuItemChanged e, EventContext context, CancellationToken ct)
    {
        engine.Apply(new IndexChange.MenuItem(e.RestaurantId,
            new MenuItemFacts(e.ItemId, e.Name, e.Category, e.Description, e.Price.Amount, e.Price.Currency, e.SoldOut, e.Removed, e.Version)));
        return Task.CompletedTask;
    }
}

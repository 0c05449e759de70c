using Brigade.Chat.Data;
using Brigade.Contracts.Restaurants;
using Brigade.Messaging;

namespace Brigade.Chat.Events;

/// <summary>The owner of a new restaurant works there.</summary>
public sealed class LearnRestaurantOwner : IEventHandler<RestaurantCreated>
{
    public Task HandleAsync(RestaurantCreated e, EventContext context, CancellationToken ct) =>
        e.OwnerId is { } owner
            ? StaffStore.AddAsync(context.Connection, context.Transaction, e.Restaurant.RestaurantId, owner, "owner", ct)
            : Task.CompletedTask;
}

public sealed class LearnMemberAdded : IEventHandler<MemberAdded>
{
    public Task HandleAsync(MemberAdded e, EventContext context, CancellationToken ct) =>
        StaffStore.AddAsync(context.Connection, context.Transaction, e.RestaurantId, e.UserId, e.Role, ct);
}

/// <summary>Someone who left a restaurant leaves its conversations too.</summary>
public sealed class LearnMemberRemoved : IEventHandler<MemberRemoved>
{
    public async Task HandleAsync(MemberRemoved e, EventContext context, CancellationToken ct) =>
        await StaffStore.RemoveAsync(context.Connection, context.Transaction, e.RestaurantId, e.UserId, e.RemovedAt, ct);
}

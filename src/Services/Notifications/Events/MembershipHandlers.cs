using Brigade.Contracts.Identity;
using Brigade.Contracts.Restaurants;
using Brigade.Messaging;
using Brigade.Notifications.Data;

namespace Brigade.Notifications.Events;

// Restaurant staff lists, kept locally so "send to a restaurant's staff" needs no call to another service.

public sealed class MirrorMemberAdded : IEventHandler<MemberAdded>
{
    public Task HandleAsync(MemberAdded e, EventContext context, CancellationToken ct) =>
        Recipients.SetMembershipAsync(context.Connection, context.Transaction, e.RestaurantId, e.UserId, e.Role, e.AddedAt, ct);
}

public sealed class MirrorMemberRemoved : IEventHandler<MemberRemoved>
{
    public Task HandleAsync(MemberRemoved e, EventContext context, CancellationToken ct) =>
        Recipients.SetMembershipAsync(context.Connection, context.Transaction, e.RestaurantId, e.UserId, null, e.RemovedAt, ct);
}

public sealed class MirrorIdentityMembership : IEventHandler<MembershipChanged>
{
    public Task HandleAsync(MembershipChanged e, EventContext context, CancellationToken ct) =>
        Recipients.SetMembershipAsync(context.Connection, context.Transaction, e.RestaurantId, e.UserId, e.Role, e.ChangedAt, ct);
}

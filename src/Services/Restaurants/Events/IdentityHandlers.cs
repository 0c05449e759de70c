using Brigade.Contracts.Identity;
using Brigade.Messaging;
using Brigade.Restaurants.Data;

namespace Brigade.Restaurants.Events;

/// <summary>
/// A membership an administrator changed through identity's own API is mirrored here, so this service's
/// table stays the complete authority. The last owner of a restaurant is never removed or demoted this way.
/// </summary>
public sealed class MirrorIdentityMembership : IEventHandler<MembershipChanged>
{
    public Task HandleAsync(MembershipChanged @event, EventContext context, CancellationToken ct) =>
        MemberStore.ApplyFromIdentityAsync(context.Connection, context.Transaction, @event.RestaurantId, @event.UserId, @event.Role, @event.ChangedAt, ct);
}

/// <summary>A deleted account loses its memberships; its reviews stay (ratings stay honest) without its name.</summary>
public sealed class ForgetDeletedUser : IEventHandler<UserDeleted>
{
    public async Task HandleAsync(UserDeleted @event, EventContext context, CancellationToken ct)
    {
        await MemberStore.RemoveUserAsync(context.Connection, context.Transaction, @event.UserId, ct);
        await ReviewStore.AnonymiseAuthorAsync(context.Connection, context.Transaction, @event.UserId, ct);
    }
}

/// <summary>Platform roles (owner): one taken away is refused at once, a new one asks the caller to refresh their token.</summary>
public sealed class LearnUserRoles : IEventHandler<UserRolesChanged>
{
    public Task HandleAsync(UserRolesChanged @event, EventContext context, CancellationToken ct) =>
        PlatformRoleStore.LearnAsync(context.Connection, context.Transaction, @event.UserId, @event.Roles, @event.ChangedAt, ct);
}

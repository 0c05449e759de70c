using Brigade.Contracts.Identity;
using Brigade.Contracts.Restaurants;
using Brigade.Messaging;
using Brigade.Reservations.Data;

// Rights change faster than tokens: each fact is kept with its time, and a fact newer than a caller's token wins (RightsStore).

namespace Brigade.Reservations.Events;

public sealed class LearnMemberAdded : IEventHandler<MemberAdded>
{
    public Task HandleAsync(MemberAdded e, EventContext context, CancellationToken ct) =>
        RightsStore.LearnMembershipAsync(context.Connection, context.Transaction, e.RestaurantId, e.UserId, e.Role, e.AddedAt, ct);
}

/// <summary>A removed member loses access here at once, whatever their token still says.</summary>
public sealed class LearnMemberRemoved : IEventHandler<MemberRemoved>
{
    public Task HandleAsync(MemberRemoved e, EventContext context, CancellationToken ct) =>
        RightsStore.LearnMembershipAsync(context.Connection, context.Transaction, e.RestaurantId, e.UserId, null, e.RemovedAt, ct);
}

/// <summary>A membership an admin changed in identity (not echoed as a restaurants event).</summary>
public sealed class LearnIdentityMembership : IEventHandler<MembershipChanged>
{
    public Task HandleAsync(MembershipChanged e, EventContext context, CancellationToken ct) =>
        RightsStore.LearnMembershipAsync(context.Connection, context.Transaction, e.RestaurantId, e.UserId, e.Role, e.ChangedAt, ct);
}

/// <summary>Platform roles (concierge): a removed role is refused at once, a new one asks the caller to refresh their token.</summary>
public sealed class LearnUserRoles : IEventHandler<UserRolesChanged>
{
    public Task HandleAsync(UserRolesChanged e, EventContext context, CancellationToken ct) =>
        RightsStore.LearnRolesAsync(context.Connection, context.Transaction, e.UserId, e.Roles, e.ChangedAt, ct);
}

using Brigade.Contracts.Restaurants;
using Brigade.Identity.Data;
using Brigade.Identity.Domain;
using Brigade.Messaging;
using Microsoft.Extensions.Options;

namespace Brigade.Identity.Events;

/// <summary>The restaurants service made someone a member: record it for the person's next access token.</summary>
public sealed class MemberAddedHandler(IOptions<IdentityOptions> options, ILogger<MemberAddedHandler> logger) : IEventHandler<MemberAdded>
{
    public async Task HandleAsync(MemberAdded @event, EventContext context, CancellationToken ct)
    {
        if (Accounts.CheckRestaurantRole(@event.Role) is not null)
        {
            logger.LogWarning("Ignoring membership of {UserId} in {RestaurantId} with unknown role {Role}", @event.UserId, @event.RestaurantId, @event.Role);
            return;
        }

        if (await UserStore.FindAsync(context.Connection, context.Transaction, @event.UserId, forUpdate: true, ct) is null)
        {
            logger.LogWarning("Ignoring membership in {RestaurantId} of unknown or deleted user {UserId}", @event.RestaurantId, @event.UserId);
            return;
        }

        var outcome = await MembershipStore.ApplyAsync(context.Connection, context.Transaction, @event.UserId, @event.RestaurantId, @event.Role,
            @event.AddedAt, options.Value.MaxMembershipsPerUser, ct);
        if (outcome == MembershipOutcome.TooMany)
        {
            logger.LogError("User {UserId} is already in {Max} restaurants; membership in {RestaurantId} not recorded",
                @event.UserId, options.Value.MaxMembershipsPerUser, @event.RestaurantId);
        }
    }
}

/// <summary>The restaurants service removed a member: drop the membership (unless a newer change exists).</summary>
public sealed class MemberRemovedHandler : IEventHandler<MemberRemoved>
{
    public async Task HandleAsync(MemberRemoved @event, EventContext context, CancellationToken ct)
    {
        if (await UserStore.FindAsync(context.Connection, context.Transaction, @event.UserId, forUpdate: true, ct) is null)
        {
            return;
        }

        await MembershipStore.ApplyAsync(context.Connection, context.Transaction, @event.UserId, @event.RestaurantId, null, @event.RemovedAt, int.MaxValue, ct);
    }
}

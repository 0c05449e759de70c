using System.Security.Claims;
using Brigade.Security;

namespace Brigade.Reservations.Data;

/// <summary>Who counts as a restaurant's people here: its members (owner, manager, staff) and platform admins.</summary>
public sealed class MembershipStore
{
    /// <summary>True for an admin, or a member of the restaurant in one of <paramref name="roles"/> (any role when none are given).</summary>
    public ValueTask<bool> IsStaffAsync(ClaimsPrincipal user, Guid restaurantId, CancellationToken ct, params string[] roles) =>
        ValueTask.FromResult(user.IsAdmin() || user.HasMembership(restaurantId, roles));
}

using System.Security.Claims;
using Brigade.Payments.Data;
using Brigade.Security;

namespace Brigade.Payments.Api;

/// <summary>Who may do what with money. Anything a caller may not see answers 404, as if it did not exist.</summary>
internal static class PaymentRights
{
    /// <summary>The diner who owes it, the restaurant's people taking payment for a guest, an admin; anyone signed in when no diner is named (a walk-in's order).</summary>
    public static bool CanPay(this ClaimsPrincipal user, DueRow due) =>
        due.PayerId is not { } payer || user.FindUserId() == payer || user.IsAdmin() || user.HasMembership(due.RestaurantId);

    /// <summary>The payer (or whoever paid), the restaurant's people, an admin.</summary>
    public static bool CanSee(this ClaimsPrincipal user, PaymentRow payment) =>
        user.FindUserId() is { } id && (id == payment.PayerId || id == payment.CreatedBy)
        || user.IsAdmin() || user.HasMembership(payment.RestaurantId);

    public static bool CanSee(this ClaimsPrincipal user, DueRow due) =>
        user.FindUserId() is { } id && id == due.PayerId || user.IsAdmin() || user.HasMembership(due.RestaurantId);

    /// <summary>A restaurant's money (refunds, its wallet and withdrawals, its settlements): its owner and managers, an admin.</summary>
    public static bool ManagesMoneyOf(this ClaimsPrincipal user, Guid restaurantId) =>
        user.IsAdmin() || user.HasMembership(restaurantId, Roles.Owner, Roles.Manager);
}

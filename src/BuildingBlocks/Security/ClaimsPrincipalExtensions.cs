using System.Globalization;
using System.Security.Claims;
using System.Text.Json;

namespace Brigade.Security;

/// <summary>Reading the caller from a principal built by <see cref="AccessTokenHandler"/>.</summary>
public static class ClaimsPrincipalExtensions
{
    /// <summary>The signed-in user's id (<c>sub</c>); throws for anonymous callers and service tokens.</summary>
    public static Guid UserId(this ClaimsPrincipal user) =>
        user.FindUserId() ?? throw new InvalidOperationException("The caller is not a signed-in user; require Policies.User on this endpoint.");

    /// <summary>The signed-in user's id, or null for anonymous callers and service tokens.</summary>
    public static Guid? FindUserId(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(ClaimNames.Subject), out var id) ? id : null;

    public static bool IsAdmin(this ClaimsPrincipal user) => user.IsInRole(Roles.Admin);

    /// <summary>True for a service token (client credentials), i.e. another Brigade service acting for the system.</summary>
    public static bool IsService(this ClaimsPrincipal user) =>
        user.IsInRole(Roles.Service) && user.FindFirstValue(ClaimNames.Subject)?.StartsWith(AccessTokens.ServiceSubjectPrefix, StringComparison.Ordinal) == true;

    /// <summary>The calling service's client id for a service token, else null.</summary>
    public static string? ServiceName(this ClaimsPrincipal user) =>
        user.IsService() ? user.FindFirstValue(ClaimNames.Subject)![AccessTokens.ServiceSubjectPrefix.Length..] : null;

    public static bool IsInAnyRole(this ClaimsPrincipal user, params string[] roles) => roles.Any(user.IsInRole);

    public static string? Email(this ClaimsPrincipal user) => user.FindFirstValue(ClaimNames.Email);

    /// <summary>The token's <c>jti</c>.</summary>
    public static string? TokenId(this ClaimsPrincipal user) => user.FindFirstValue(ClaimNames.TokenId);

    /// <summary>The sign-in session (refresh-token family) the token was issued in.</summary>
    public static Guid? SessionId(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(ClaimNames.SessionId), out var id) ? id : null;

    public static DateTimeOffset? TokenExpiresAt(this ClaimsPrincipal user) =>
        long.TryParse(user.FindFirstValue(ClaimNames.Expires), NumberStyles.None, CultureInfo.InvariantCulture, out var exp)
            ? DateTimeOffset.FromUnixTimeSeconds(exp)
            : null;

    /// <summary>The restaurants the caller belongs to and in which role, from the <c>memberships</c> claim.</summary>
    public static IReadOnlyList<Membership> Memberships(this ClaimsPrincipal user)
    {
        var json = user.FindFirstValue(ClaimNames.Memberships);
        if (string.IsNullOrEmpty(json))
        {
            return [];
        }

        using var document = JsonDocument.Parse(json);
        return document.RootElement.EnumerateArray()
            .Select(m => new Membership(m.GetProperty("restaurantId").GetGuid(), m.GetProperty("role").GetString()!))
            .ToList();
    }

    /// <summary>
    /// True when the caller is a member of the restaurant in one of <paramref name="roles"/> (any role
    /// when none are given). Platform admins are not members; check <see cref="IsAdmin"/> separately.
    /// </summary>
    public static bool HasMembership(this ClaimsPrincipal user, Guid restaurantId, params string[] roles) =>
        user.Memberships().Any(m => m.RestaurantId == restaurantId && (roles.Length == 0 || roles.Contains(m.Role, StringComparer.Ordinal)));
}

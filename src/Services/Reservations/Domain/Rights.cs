namespace Brigade.Reservations.Domain;

/// <summary>A membership fact learned from an event: the person's role in the restaurant since <see cref="At"/> (null = removed).</summary>
public sealed record LearnedMembership(string? Role, DateTimeOffset At);

/// <summary>The platform roles identity last announced for a person, and when.</summary>
public sealed record LearnedRoles(IReadOnlyList<string> Roles, DateTimeOffset At);

public enum PlatformRoleCheck
{
    Granted,

    /// <summary>The role was granted after the token was issued: the caller must refresh their token (nothing else will do).</summary>
    RefreshRequired,

    Denied,
}

/// <summary>
/// Rights that must not lag behind the token. An access token lives 15 minutes and its memberships and roles are what they
/// were when it was issued (<c>iat</c>); events tell this service what changed since. A fact newer than the token wins:
/// a member removed (or demoted) after the token was issued loses the right at once, and a restaurant's creator is its owner
/// before their token says so. Older facts add to the token's memberships (the token may be older than a grant).
/// </summary>
public static class Rights
{
    /// <summary>The person's roles in one restaurant: the token's, corrected by what was learned since it was issued.</summary>
    public static IReadOnlyList<string> RolesIn(IReadOnlyList<string> tokenRoles, DateTimeOffset issuedAt, LearnedMembership? learned)
    {
        if (learned is null)
        {
            return tokenRoles;
        }

        if (learned.At > issuedAt)
        {
            return learned.Role is { } role ? [role] : [];
        }

        return learned.Role is { } granted && !tokenRoles.Contains(granted, StringComparer.Ordinal) ? [.. tokenRoles, granted] : tokenRoles;
    }

    /// <summary>
    /// A platform role (<c>concierge</c>) comes only with the token: identity signs it. A role removed since the token was
    /// issued is denied at once; a role granted since is refused with <see cref="PlatformRoleCheck.RefreshRequired"/>, so the
    /// client knows a token refresh (not a support call) fixes it.
    /// </summary>
    public static PlatformRoleCheck PlatformRole(bool inToken, DateTimeOffset issuedAt, LearnedRoles? learned, string role)
    {
        var newer = learned is not null && learned.At > issuedAt;
        var learnedHas = newer && learned!.Roles.Contains(role, StringComparer.Ordinal);
        return inToken switch
        {
            true when newer && !learnedHas => PlatformRoleCheck.Denied,
            true => PlatformRoleCheck.Granted,
            false when learnedHas => PlatformRoleCheck.RefreshRequired,
            false => PlatformRoleCheck.Denied,
        };
    }
}

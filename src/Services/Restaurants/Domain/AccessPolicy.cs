namespace Brigade.Restaurants.Domain;

/// <summary>A person's role in one restaurant (this service's <c>restaurant_members</c> table is the authority).</summary>
public enum MemberRole { Owner, Manager, Staff }

/// <summary>Who is calling: a person (with their platform roles), an administrator, or another service.</summary>
public sealed record Caller(Guid? UserId, bool IsAdmin, bool IsService, bool CanOpenRestaurants)
{
    public static readonly Caller Anonymous = new(null, false, false, false);

    public bool IsPerson => UserId is not null && !IsService;
}

/// <summary>What a caller wants to do with one restaurant.</summary>
public enum Capability
{
    /// <summary>Profile, hours, menu, reviews: public once published.</summary>
    ReadPublic,

    /// <summary>Floor plan and tables: the restaurant's people only.</summary>
    ReadFloor,

    /// <summary>Who works there.</summary>
    ReadMembers,

    EditProfile,
    EditHours,
    EditMenu,

    /// <summary>The sold-out ("86") switch: anyone on the floor may flip it.</summary>
    SwitchSoldOut,
    EditFloor,
    ReplyToReviews,

    /// <summary>Publish and close: the owner's decision.</summary>
    PublishOrClose,

    /// <summary>Add and remove managers and staff.</summary>
    ManageMembers,

    /// <summary>Hide abusive reviews: administrators only.</summary>
    ModerateReviews,
}

public enum Verdict { Allowed, Forbidden, NotFound }

public enum OpenVerdict { Allowed, Forbidden, RefreshRequired }

/// <summary>The platform roles identity last announced for a person, and when.</summary>
public sealed record LearnedRoles(IReadOnlyList<string> Roles, DateTimeOffset At);

/// <summary>
/// The authorisation matrix of a restaurant's endpoints. Rules:
/// <list type="bullet">
/// <item>Administrators may do everything; service tokens may read everything and change nothing.</item>
/// <item>Owners may do everything in their restaurant; managers everything but publishing, closing and
/// membership; staff may read the private parts and flip the sold-out switch.</item>
/// <item>Someone with no role in the restaurant sees only what is public: an unpublished restaurant and
/// every private part (floor, members) of any restaurant is <see cref="Verdict.NotFound"/> to them, so its
/// existence does not leak to other restaurants; changing a published one is <see cref="Verdict.Forbidden"/>.</item>
/// </list>
/// </summary>
public static class AccessPolicy
{
    public static Verdict Check(Caller caller, MemberRole? role, RestaurantStatus status, Capability capability)
    {
        if (caller.IsAdmin)
        {
            return Verdict.Allowed;
        }

        var publiclyVisible = status == RestaurantStatus.Published;
        if (caller.IsService)
        {
            return IsRead(capability) ? Verdict.Allowed : (publiclyVisible ? Verdict.Forbidden : Verdict.NotFound);
        }

        if (role is null)
        {
            return capability switch
            {
                Capability.ReadPublic => publiclyVisible ? Verdict.Allowed : Verdict.NotFound,
                Capability.ReadFloor or Capability.ReadMembers => Verdict.NotFound,
                _ => publiclyVisible ? Verdict.Forbidden : Verdict.NotFound,
            };
        }

        var allowed = capability switch
        {
            Capability.ReadPublic or Capability.ReadFloor or Capability.SwitchSoldOut => true,
            Capability.ReadMembers or Capability.EditProfile or Capability.EditHours or Capability.EditMenu
                or Capability.EditFloor or Capability.ReplyToReviews => role is MemberRole.Owner or MemberRole.Manager,
            Capability.PublishOrClose or Capability.ManageMembers => role is MemberRole.Owner,
            _ => false,
        };
        return allowed ? Verdict.Allowed : Verdict.Forbidden;
    }

    /// <summary>
    /// Opening a restaurant needs the platform role <c>owner</c> (a business account) or <c>admin</c>. The role comes with
    /// the token (identity signs it), corrected by what identity announced since the token was issued: a role taken away
    /// is refused at once, one granted since is <see cref="OpenVerdict.RefreshRequired"/> so the client knows a token
    /// refresh fixes it.
    /// </summary>
    public static OpenVerdict CheckOpenRestaurant(Caller caller, DateTimeOffset tokenIssuedAt = default, LearnedRoles? learned = null)
    {
        if (caller.IsAdmin)
        {
            return OpenVerdict.Allowed;
        }

        if (!caller.IsPerson)
        {
            return OpenVerdict.Forbidden;
        }

        var newer = learned is not null && learned.At > tokenIssuedAt;
        var learnedOwner = newer && learned!.Roles.Contains(OwnerRole, StringComparer.Ordinal);
        return caller.CanOpenRestaurants switch
        {
            true when newer && !learnedOwner => OpenVerdict.Forbidden,
            true => OpenVerdict.Allowed,
            false when learnedOwner => OpenVerdict.RefreshRequired,
            false => OpenVerdict.Forbidden,
        };
    }

    private const string OwnerRole = "owner";

    private static bool IsRead(Capability capability) =>
        capability is Capability.ReadPublic or Capability.ReadFloor or Capability.ReadMembers;

    public static string ToText(this MemberRole role) => role switch
    {
        MemberRole.Owner => "owner",
        MemberRole.Manager => "manager",
        MemberRole.Staff => "staff",
        _ => throw new ArgumentOutOfRangeException(nameof(role)),
    };

    public static MemberRole? ParseRole(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "owner" => MemberRole.Owner,
        "manager" => MemberRole.Manager,
        "staff" => MemberRole.Staff,
        _ => null,
    };
}

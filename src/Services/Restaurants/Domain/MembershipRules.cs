using Brigade.Api;
namespace Brigade.Restaurants.Domain;

/// <summary>The body of "add a member": a user by id or by email (looked up in identity) and a role.</summary>
public sealed record MemberDraft(Guid? UserId, string? Email, string? Role);

public enum RemovalOutcome { Allowed, LastOwner, OwnersOnlyByAdmin }

public static class MembershipRules
{
    /// <summary>
    /// Owners add managers and staff; only an administrator makes someone a further owner
    /// (ownership is a legal and commercial fact, not a staffing decision).
    /// </summary>
    public static MemberRole? Check(MemberDraft draft, Caller caller, FieldErrors errors)
    {
        if (draft.UserId is null && string.IsNullOrWhiteSpace(draft.Email))
        {
            errors.Add("userId", "Give the person's userId or email.", "userId나 email 중 하나를 보내 주세요.");
        }
        else if (draft.UserId is not null && !string.IsNullOrWhiteSpace(draft.Email))
        {
            errors.Add("email", "Give either userId or email, not both.", "userId와 email 중 하나만 보내 주세요.");
        }
        else if (draft.UserId == Guid.Empty)
        {
            errors.Add("userId", "userId must not be the empty id.", "userId는 빈 id일 수 없습니다.");
        }
        else if (draft.Email is { } email && (email.Length > 254 || !email.Contains('@', StringComparison.Ordinal)))
        {
            errors.Add("email", "email must be an email address.", "email은 이메일 주소여야 합니다.");
        }

        var role = AccessPolicy.ParseRole(draft.Role);
        if (role is null)
        {
            errors.Add("role", "role must be manager or staff.", "role은 manager 또는 staff여야 합니다.");
        }
        else if (role == MemberRole.Owner && !caller.IsAdmin)
        {
            errors.Add("role", "Only an administrator can add an owner; owners add managers and staff.", "owner는 관리자만 추가할 수 있습니다. owner는 manager와 staff를 추가합니다.");
            role = null;
        }

        return errors.IsEmpty ? role : null;
    }

    /// <summary>An owner's membership is removed only by an administrator, and never the last one: a restaurant always has an owner.</summary>
    public static RemovalOutcome CheckRemoval(MemberRole removedRole, int owners, Caller caller) => removedRole switch
    {
        MemberRole.Owner when !caller.IsAdmin => RemovalOutcome.OwnersOnlyByAdmin,
        MemberRole.Owner when owners <= 1 => RemovalOutcome.LastOwner,
        _ => RemovalOutcome.Allowed,
    };
}

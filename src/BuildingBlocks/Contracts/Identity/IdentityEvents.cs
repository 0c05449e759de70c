using System.Text.Json.Serialization;

namespace Brigade.Contracts.Identity;

/// <summary>A person created an account. <paramref name="Roles"/> are the platform roles it starts with.</summary>
[IntegrationEvent("identity.user.registered")]
public sealed record UserRegistered(
    Guid UserId,
    string Email,
    string? Username,
    string Name,
    string? Phone,
    IReadOnlyList<string> Roles,
    DateTimeOffset RegisteredAt) : IIntegrationEvent;

/// <summary>
/// The person must prove they own <paramref name="Email"/>: the notifications service emails them
/// <paramref name="Token"/> (one use, valid until <paramref name="ExpiresAt"/>), to be posted to
/// <c>POST /api/auth/verify-email</c> as <c>{ "token": "…" }</c>.
/// </summary>
[IntegrationEvent("identity.email_verification.requested")]
public sealed record EmailVerificationRequested(
    Guid UserId,
    string Email,
    string Name,
    string Token,
    DateTimeOffset ExpiresAt) : IIntegrationEvent;

/// <summary>
/// Someone asked to reset the password of <paramref name="Email"/>: the notifications service emails
/// <paramref name="Token"/> (one use, valid until <paramref name="ExpiresAt"/>), to be posted to
/// <c>POST /api/auth/reset-password</c> as <c>{ "token": "…", "newPassword": "…" }</c>.
/// </summary>
[IntegrationEvent("identity.password_reset.requested")]
public sealed record PasswordResetRequested(
    Guid UserId,
    string Email,
    string Name,
    string Token,
    DateTimeOffset ExpiresAt) : IIntegrationEvent;

/// <summary>
/// The signed-in person changed their password (knowing the current one); their other sessions were
/// ended. The notifications service can tell them, in case it was not them.
/// </summary>
[IntegrationEvent("identity.password.changed")]
public sealed record PasswordChanged(Guid UserId, string Email, string Name, DateTimeOffset ChangedAt) : IIntegrationEvent;

/// <summary>The person proved they own their email address.</summary>
[IntegrationEvent("identity.user.verified")]
public sealed record UserVerified(Guid UserId, string Email, DateTimeOffset VerifiedAt) : IIntegrationEvent;

/// <summary>
/// The account was deleted (by its owner or an admin) and its personal data anonymised in identity;
/// other services should drop or anonymise what they hold about <paramref name="UserId"/>.
/// </summary>
[IntegrationEvent("identity.user.deleted")]
public sealed record UserDeleted(Guid UserId, DateTimeOffset DeletedAt) : IIntegrationEvent;

/// <summary>
/// An access token was revoked before it expired (logout, lock, password reset, refresh-token reuse).
/// The gateway and every service refuse <paramref name="TokenId"/> (the token's <c>jti</c>) until
/// <paramref name="ExpiresAt"/>, after which the token is expired anyway.
/// </summary>
[IntegrationEvent("identity.token.revoked")]
public sealed record TokenRevoked(string TokenId, Guid? UserId, DateTimeOffset ExpiresAt, string Reason) : IIntegrationEvent;

/// <summary>An admin changed the person's platform roles; they are in the access token from the next refresh.</summary>
[IntegrationEvent("identity.user_roles.changed")]
public sealed record UserRolesChanged(Guid UserId, IReadOnlyList<string> Roles, DateTimeOffset ChangedAt) : IIntegrationEvent;

/// <summary>An admin locked the account (no sign-in, sessions ended) or unlocked it.</summary>
[IntegrationEvent("identity.user.lock_changed")]
public sealed record UserLockChanged(Guid UserId, bool Locked, DateTimeOffset ChangedAt) : IIntegrationEvent;

/// <summary>
/// Through identity's API the person became <paramref name="Role"/> of the restaurant, or stopped being a
/// member when <paramref name="Role"/> is null. (Changes that arrived as <c>restaurants.member.*</c>
/// events are not echoed back.)
/// </summary>
[IntegrationEvent("identity.membership.changed")]
public sealed record MembershipChanged(Guid UserId, Guid RestaurantId, string? Role, DateTimeOffset ChangedAt) : IIntegrationEvent;

[JsonSerializable(typeof(UserRegistered))]
[JsonSerializable(typeof(EmailVerificationRequested))]
[JsonSerializable(typeof(PasswordResetRequested))]
[JsonSerializable(typeof(PasswordChanged))]
[JsonSerializable(typeof(UserVerified))]
[JsonSerializable(typeof(UserDeleted))]
[JsonSerializable(typeof(TokenRevoked))]
[JsonSerializable(typeof(UserRolesChanged))]
[JsonSerializable(typeof(UserLockChanged))]
[JsonSerializable(typeof(MembershipChanged))]
internal sealed partial class IdentityEventsJsonContext : JsonSerializerContext;

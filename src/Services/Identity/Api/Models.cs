using Brigade.Identity.Data;
using Brigade.Security;

namespace Brigade.Identity.Api;

// Requests: every field nullable so a missing one is a precise 400, not a binding failure.
public sealed record RegisterRequest(string? Email, string? Password, string? Name, string? Username, string? Phone, string? AccountType);

public sealed record LoginRequest(string? Username, string? Email, string? Password);

public sealed record RefreshRequest(string? RefreshToken);

public sealed record LogoutRequest(string? RefreshToken);

public sealed record ServiceTokenRequest(string? GrantType, string? ClientId, string? ClientSecret);

public sealed record VerifyEmailRequest(string? Token);

public sealed record ForgotPasswordRequest(string? Email);

/// <summary><c>newPassword</c> (or <c>password</c>) replaces the forgotten one.</summary>
public sealed record ResetPasswordRequest(string? Token, string? NewPassword, string? Password);

/// <summary><c>currentPassword</c> proves it is the person, not someone holding their token; <c>newPassword</c> replaces it.</summary>
public sealed record ChangePasswordRequest(string? CurrentPassword, string? NewPassword);

/// <summary>Fields left out stay as they are; <c>phone: ""</c> removes the phone number.</summary>
public sealed record UpdateProfileRequest(string? Name, string? Phone, string? Username);

public sealed record SetRolesRequest(IReadOnlyList<string>? Roles);

public sealed record SetMembershipRequest(string? Role);

// Responses.
public sealed record TokenResponse(string AccessToken, string RefreshToken, string TokenType, int ExpiresIn);

public sealed record ServiceTokenResponse(string AccessToken, string TokenType, int ExpiresIn);

public sealed record RegisteredUser(Guid Id, string Email, string? Username, string Name, IReadOnlyList<string> Roles);

public sealed record Profile(
    Guid Id,
    string Email,
    string? Username,
    string Name,
    string? Phone,
    IReadOnlyList<string> Roles,
    IReadOnlyList<Membership> Memberships,
    bool EmailVerified,
    DateTimeOffset CreatedAt)
{
    public static Profile From(UserRow user, IReadOnlyList<Membership> memberships) =>
        new(user.Id, user.Email, user.Username, user.Name, user.Phone, user.Roles, memberships, user.EmailVerifiedAt is not null, user.CreatedAt);
}

public sealed record UserSummary(
    Guid Id,
    string Email,
    string? Username,
    string Name,
    IReadOnlyList<string> Roles,
    bool EmailVerified,
    bool Locked,
    DateTimeOffset CreatedAt)
{
    public static UserSummary From(UserRow user, DateTimeOffset now) =>
        new(user.Id, user.Email, user.Username, user.Name, user.Roles, user.EmailVerifiedAt is not null,
            Domain.LockoutPolicy.IsLocked(user.LockedByAdmin, user.LockedUntil, now), user.CreatedAt);
}

public sealed record UserLookup(Guid Id, string Name, string Email);

public sealed record RotatedKey(string KeyId, DateTimeOffset ActivatesAt);

using System.ComponentModel.DataAnnotations;

namespace Brigade.Identity;

/// <summary>Settings under <c>Identity</c> (environment <c>Identity__…</c>), checked at start.</summary>
public sealed class IdentityOptions
{
    /// <summary>Base64 of 32 random bytes; encrypts the signing keys' private halves at rest. Required.</summary>
    public string KeyEncryptionKey { get; set; } = "";

    /// <summary>Password of the <c>admin</c> account, created or reset at start. In Local, generated when absent.</summary>
    public string? AdminPassword { get; set; }

    public string AdminEmail { get; set; } = "admin@brigade.local";
    public string AdminUsername { get; set; } = "admin";

    [Range(1, 60)]
    public int AccessTokenMinutes { get; set; } = 15;

    [Range(1, 90)]
    public int RefreshTokenDays { get; set; } = 7;

    [Range(1, 1000)]
    public int MaxFailedLogins { get; set; } = 5;

    [Range(1, 100_000)]
    public int LockoutMinutes { get; set; } = 15;

    public int EmailVerificationHours { get; set; } = 48;
    public int PasswordResetMinutes { get; set; } = 60;

    [Range(1, 3650)]
    public int KeyRotationDays { get; set; } = 30;

    /// <summary>How long a new key is published before it signs; longer than the validators' JWKS refresh.</summary>
    [Range(0, 100_000)]
    public int KeyPublishLeadMinutes { get; set; } = 10;

    public int MaxMembershipsPerUser { get; set; } = 50;

    /// <summary>How often revocations written by other replicas are picked up.</summary>
    public int RevocationPollSeconds { get; set; } = 2;

    public RateLimitOptions RateLimits { get; set; } = new();

    public TimeSpan AccessTokenLifetime => TimeSpan.FromMinutes(AccessTokenMinutes);
}

/// <summary>Requests per minute; Local raises them for scripted use from one address.</summary>
public sealed class RateLimitOptions
{
    public int LoginsPerMinutePerAddress { get; set; } = 20;
    public int LoginsPerMinutePerAccount { get; set; } = 10;
    public int RegistrationsPerMinutePerAddress { get; set; } = 5;
    public int RecoveryPerMinutePerAddress { get; set; } = 5;
    public int TokenRequestsPerMinutePerAddress { get; set; } = 60;
}

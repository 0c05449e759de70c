namespace Brigade.Security;

/// <summary>Settings under <c>Security</c>; every service validates tokens with them.</summary>
public sealed class SecurityOptions
{
    public const string Section = "Security";

    public string Issuer { get; set; } = "brigade";
    public string Audience { get; set; } = "brigade";

    /// <summary>Tolerated clock difference for <c>exp</c>, <c>nbf</c> and <c>iat</c>.</summary>
    public int ClockSkewSeconds { get; set; } = 30;

    /// <summary>Longer tokens are refused before any parsing.</summary>
    public int MaxTokenBytes { get; set; } = 8 * 1024;

    /// <summary>Where the key set is fetched; default: the first <c>Services:identity</c> URL + <c>/api/auth/jwks</c>.</summary>
    public string? JwksUrl { get; set; }

    /// <summary>A fixed JWK Set (JSON) to trust instead of fetching one; tests use it.</summary>
    public string? Jwks { get; set; }

    /// <summary>How old the fetched key set may get before it is fetched again in the background.</summary>
    public int JwksRefreshMinutes { get; set; } = 5;

    /// <summary>At most one fetch per this many seconds, however many unknown <c>kid</c>s arrive.</summary>
    public int JwksMinRefreshSeconds { get; set; } = 10;

    /// <summary>
    /// How many verified tokens are remembered (until they expire) so a repeat costs a lookup instead of
    /// an ES256 verification; 0 turns it off. Expiry, revocation and the signing key are still checked on
    /// every use.
    /// </summary>
    public int VerifiedTokenCacheSize { get; set; } = 10_000;

    public TimeSpan ClockSkew => TimeSpan.FromSeconds(ClockSkewSeconds);
}

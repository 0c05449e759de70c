namespace Brigade.Identity.Domain;

/// <summary>A signing key's place in time: it signs from <paramref name="ActivatesAt"/> until a newer key activates.</summary>
public sealed record ScheduledKey(string KeyId, DateTimeOffset ActivatesAt);

/// <summary>
/// Key rotation without a gap: a new key is published in the JWKS <c>lead</c> before it starts signing (so
/// every validator already has it), and a replaced key stays published until the last token it signed
/// has expired.
/// </summary>
public static class KeySchedule
{
    /// <summary>Beyond a token's lifetime a replaced key stays published this long (validators' clock skew).</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromMinutes(1);

    /// <summary>The key that signs at <paramref name="now"/>: the newest one already active.</summary>
    public static ScheduledKey? Signer(IReadOnlyCollection<ScheduledKey> keys, DateTimeOffset now) =>
        keys.Where(k => k.ActivatesAt <= now).MaxBy(k => k.ActivatesAt);

    /// <summary>When the key stopped signing (the next key's activation), or null while it signs or waits.</summary>
    public static DateTimeOffset? ReplacedAt(ScheduledKey key, IReadOnlyCollection<ScheduledKey> keys, DateTimeOffset now) =>
        keys.Where(k => k.ActivatesAt > key.ActivatesAt && k.ActivatesAt <= now).Select(k => (DateTimeOffset?)k.ActivatesAt).Min();

    /// <summary>Published: waiting to sign, signing, or replaced so recently that its tokens may still be valid.</summary>
    public static bool IsPublished(ScheduledKey key, IReadOnlyCollection<ScheduledKey> keys, DateTimeOffset now, TimeSpan tokenLifetime) =>
        ReplacedAt(key, keys, now) is not { } replaced || now < replaced + tokenLifetime + Grace;

    /// <summary>A key is due when the signer is older than the rotation period (less the lead) and no successor waits.</summary>
    public static bool RotationDue(IReadOnlyCollection<ScheduledKey> keys, DateTimeOffset now, TimeSpan period, TimeSpan lead) =>
        !keys.Any(k => k.ActivatesAt > now)
        && (Signer(keys, now) is not { } signer || signer.ActivatesAt + period - lead <= now);

    /// <summary>Keys no token can need any more, kept a day longer for diagnosis.</summary>
    public static IEnumerable<ScheduledKey> Expired(IReadOnlyCollection<ScheduledKey> keys, DateTimeOffset now, TimeSpan tokenLifetime) =>
        keys.Where(k => ReplacedAt(k, keys, now) is { } replaced && now >= replaced + tokenLifetime + Grace + TimeSpan.FromDays(1));
}

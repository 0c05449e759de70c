using System.Collections.Concurrent;

namespace Brigade.Security;

/// <summary>
/// Access tokens revoked before they expire (logout, lock, password reset), by <c>jti</c>. Fed by the
/// <c>identity.token.revoked</c> event; an entry is kept until its token would have expired anyway.
/// </summary>
public sealed class RevokedTokens(TimeProvider clock)
{
    public static readonly TimeSpan Grace = TimeSpan.FromMinutes(2); // covers the validators' clock skew

    private readonly ConcurrentDictionary<string, DateTimeOffset> _revoked = new(StringComparer.Ordinal);
    private int _writes;

    public int Count => _revoked.Count;

    public void Revoke(string tokenId, DateTimeOffset expiresAt)
    {
        if (expiresAt + Grace <= clock.GetUtcNow())
        {
            return;
        }

        _revoked[tokenId] = expiresAt;
        if (Interlocked.Increment(ref _writes) % 256 == 0)
        {
            Prune();
        }
    }

    public bool IsRevoked(string tokenId) => _revoked.ContainsKey(tokenId);

    /// <summary>Forgets tokens that are expired by now.</summary>
    public void Prune()
    {
        var now = clock.GetUtcNow();
        foreach (var (id, expiresAt) in _revoked)
        {
            if (expiresAt + Grace <= now)
            {
                _revoked.TryRemove(id, out _);
            }
        }
    }
}

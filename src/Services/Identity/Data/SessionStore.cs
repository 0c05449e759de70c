using Brigade.Contracts.Identity;
using Brigade.Identity.Domain;
using Brigade.Messaging;
using Brigade.Security;
using Dapper;
using Npgsql;

namespace Brigade.Identity.Data;

/// <summary>An access token revoked before its expiry.</summary>
public sealed record RevokedAccessToken(string TokenId, DateTimeOffset ExpiresAt)
{
    private RevokedAccessToken()
        : this("", default) // for Dapper
    {
    }
}

public sealed class RefreshTokenRow
{
    public Guid SessionId { get; init; }
    public Guid UserId { get; init; }
    public DateTimeOffset ExpiresAt { get; init; }
    public DateTimeOffset? UsedAt { get; init; }
    public DateTimeOffset? SessionRevokedAt { get; init; }
}

/// <summary>
/// Sign-in sessions (refresh-token families), their rotating refresh tokens, and revocation: ending a
/// session revokes every unexpired access token issued in it, recorded in <c>revoked_access_tokens</c>
/// and announced by <see cref="TokenRevoked"/> in the same transaction.
/// </summary>
public sealed class SessionStore(IOutbox outbox, RevokedTokens revoked)
{
    /// <summary>After the commit that revoked them: this process refuses the tokens at once (other replicas poll, other services get the event).</summary>
    public void Apply(IEnumerable<RevokedAccessToken> tokens)
    {
        foreach (var token in tokens)
        {
            revoked.Revoke(token.TokenId, token.ExpiresAt);
        }
    }

    public static Task StartAsync(NpgsqlConnection c, NpgsqlTransaction tx, Guid sessionId, Guid userId, DateTimeOffset now, CancellationToken ct) =>
        c.ExecuteAsync(new CommandDefinition(
            "INSERT INTO sessions (id, user_id, created_at) VALUES (@sessionId, @userId, @now)",
            new { sessionId, userId, now }, tx, cancellationToken: ct));

    public static Task AddRefreshTokenAsync(NpgsqlConnection c, NpgsqlTransaction tx, Guid sessionId, string refreshToken, DateTimeOffset now, DateTimeOffset expiresAt,
        string accessTokenId, DateTimeOffset accessExpiresAt, CancellationToken ct) =>
        c.ExecuteAsync(new CommandDefinition("""
            INSERT INTO refresh_tokens (token_hash, session_id, issued_at, expires_at, access_token_id, access_expires_at)
            VALUES (@hash, @sessionId, @now, @expiresAt, @accessTokenId, @accessExpiresAt)
            """, new { hash = OpaqueTokens.Hash(refreshToken), sessionId, now, expiresAt, accessTokenId, accessExpiresAt }, tx, cancellationToken: ct));

    /// <summary>The refresh token with its session, both locked so two rotations of one family cannot interleave.</summary>
    public static Task<RefreshTokenRow?> FindForRotationAsync(NpgsqlConnection c, NpgsqlTransaction tx, string refreshToken, CancellationToken ct) =>
        c.QuerySingleOrDefaultAsync<RefreshTokenRow>(new CommandDefinition("""
            SELECT r.session_id AS SessionId, s.user_id AS UserId, r.expires_at AS ExpiresAt, r.used_at AS UsedAt, s.revoked_at AS SessionRevokedAt
              FROM refresh_tokens r JOIN sessions s ON s.id = r.session_id
             WHERE r.token_hash = @hash
               FOR UPDATE OF r, s
            """, new { hash = OpaqueTokens.Hash(refreshToken) }, tx, cancellationToken: ct));

    public static Task MarkUsedAsync(NpgsqlConnection c, NpgsqlTransaction tx, string refreshToken, DateTimeOffset now, CancellationToken ct) =>
        c.ExecuteAsync(new CommandDefinition(
            "UPDATE refresh_tokens SET used_at = @now WHERE token_hash = @hash",
            new { hash = OpaqueTokens.Hash(refreshToken), now }, tx, cancellationToken: ct));

    /// <summary>Ends one session if it belongs to <paramref name="userId"/> (any owner when null).</summary>
    public Task<IReadOnlyList<RevokedAccessToken>> EndSessionAsync(NpgsqlConnection c, NpgsqlTransaction tx, Guid sessionId, Guid? userId, string reason, DateTimeOffset now, CancellationToken ct) =>
        EndAsync(c, tx, "id = @sessionId AND (@userId::uuid IS NULL OR user_id = @userId)", new { sessionId, userId }, reason, now, ct);

    /// <summary>Ends every session of the user (lock, password reset, deletion).</summary>
    public Task<IReadOnlyList<RevokedAccessToken>> EndAllSessionsAsync(NpgsqlConnection c, NpgsqlTransaction tx, Guid userId, string reason, DateTimeOffset now, CancellationToken ct) =>
        EndAsync(c, tx, "user_id = @userId", new { userId }, reason, now, ct);

    /// <summary>Ends every session of the user but <paramref name="keep"/> (a password change keeps the session that made it).</summary>
    public Task<IReadOnlyList<RevokedAccessToken>> EndOtherSessionsAsync(NpgsqlConnection c, NpgsqlTransaction tx, Guid userId, Guid? keep, string reason, DateTimeOffset now, CancellationToken ct) =>
        EndAsync(c, tx, "user_id = @userId AND id IS DISTINCT FROM @keep", new { userId, keep }, reason, now, ct);

    /// <summary>Revokes one access token (logout with a token whose session is unknown).</summary>
    public async Task<IReadOnlyList<RevokedAccessToken>> RevokeAccessTokenAsync(NpgsqlConnection c, NpgsqlTransaction tx, string tokenId, Guid? userId, DateTimeOffset expiresAt, string reason, DateTimeOffset now, CancellationToken ct) =>
        await RecordAsync(c, tx, [(tokenId, userId, expiresAt)], reason, now, ct);

    /// <summary>The revocations whose tokens have not expired yet, for a replica's in-memory list.</summary>
    public static async Task<IReadOnlyList<RevokedAccessToken>> ListActiveRevocationsAsync(NpgsqlDataSource db, DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return (await connection.QueryAsync<RevokedAccessToken>(new CommandDefinition(
            "SELECT token_id AS TokenId, expires_at AS ExpiresAt FROM revoked_access_tokens WHERE expires_at > @now",
            new { now }, cancellationToken: ct))).AsList();
    }

    /// <summary>Deletes expired refresh tokens, sessions without tokens, revocations and one-time tokens.</summary>
    public static async Task<int> DeleteExpiredAsync(NpgsqlDataSource db, DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition("""
            DELETE FROM refresh_tokens WHERE expires_at < @cutoff;
            DELETE FROM sessions s WHERE s.created_at < @cutoff AND NOT EXISTS (SELECT 1 FROM refresh_tokens r WHERE r.session_id = s.id);
            DELETE FROM revoked_access_tokens WHERE expires_at < @cutoff;
            DELETE FROM one_time_tokens WHERE expires_at < @cutoff;
            """, new { cutoff = now - TimeSpan.FromDays(1) }, cancellationToken: ct));
    }

    private async Task<IReadOnlyList<RevokedAccessToken>> EndAsync(NpgsqlConnection c, NpgsqlTransaction tx, string where, object args, string reason, DateTimeOffset now, CancellationToken ct)
    {
        var parameters = new DynamicParameters(args);
        parameters.Add("reason", reason);
        parameters.Add("now", now);
        var tokens = await c.QueryAsync<IssuedToken>(new CommandDefinition($"""
            WITH ended AS (
                UPDATE sessions SET revoked_at = @now, revoked_reason = @reason
                 WHERE {where} AND revoked_at IS NULL
                RETURNING id, user_id)
            SELECT r.access_token_id AS TokenId, e.user_id AS UserId, r.access_expires_at AS ExpiresAt
              FROM refresh_tokens r JOIN ended e ON e.id = r.session_id
             WHERE r.access_expires_at > @now
            """, parameters, tx, cancellationToken: ct));
        return await RecordAsync(c, tx, tokens.Select(t => (t.TokenId, (Guid?)t.UserId, t.ExpiresAt)).ToList(), reason, now, ct);
    }

    private sealed class IssuedToken
    {
        public string TokenId { get; init; } = "";
        public Guid UserId { get; init; }
        public DateTimeOffset ExpiresAt { get; init; }
    }

    private async Task<IReadOnlyList<RevokedAccessToken>> RecordAsync(NpgsqlConnection c, NpgsqlTransaction tx,
        IReadOnlyList<(string TokenId, Guid? UserId, DateTimeOffset ExpiresAt)> tokens, string reason, DateTimeOffset now, CancellationToken ct)
    {
        var revoked = new List<RevokedAccessToken>();
        foreach (var (tokenId, userId, expiresAt) in tokens)
        {
            var inserted = await c.ExecuteAsync(new CommandDefinition("""
                INSERT INTO revoked_access_tokens (token_id, user_id, expires_at, revoked_at)
                VALUES (@tokenId, @userId, @expiresAt, @now)
                ON CONFLICT (token_id) DO NOTHING
                """, new { tokenId, userId, expiresAt, now }, tx, cancellationToken: ct));
            if (inserted == 1)
            {
                await outbox.AddAsync(c, tx, new TokenRevoked(tokenId, userId, expiresAt, reason), ct);
                revoked.Add(new RevokedAccessToken(tokenId, expiresAt));
            }
        }

        return revoked;
    }
}

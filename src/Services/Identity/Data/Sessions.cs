using System.Security.Claims;
using Brigade.Identity.Domain;
using Brigade.Security;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Brigade.Identity.Data;

/// <summary>What sign-in and refresh return: a bearer access token and the refresh token that renews it.</summary>
public sealed record TokenResponse(string AccessToken, string RefreshToken, string TokenType, int ExpiresIn);

/// <summary>What client credentials return: a service token (no refresh token; ask again when it expires).</summary>
public sealed record ServiceTokenResponse(string AccessToken, string TokenType, int ExpiresIn);

/// <summary>
/// Sign-in sessions: issuing an access token with a refresh token, rotating the refresh token on every
/// use (a used one presented again ends the whole session), and ending sessions — whose unexpired access
/// tokens are revoked at once in this process, and in the others through the database and the event.
/// Each operation is one transaction, opened here.
/// </summary>
public sealed class Sessions(
    NpgsqlDataSource db,
    SessionStore store,
    SigningKeyRing keys,
    TimeProvider clock,
    IOptions<IdentityOptions> options,
    IOptions<SecurityOptions> security)
{
    private IdentityOptions Settings => options.Value;

    /// <summary>Signs the user in: a new session with its first token pair.</summary>
    public async Task<TokenResponse> StartAsync(UserRow user, string? rehashedPassword, CancellationToken ct)
    {
        var signer = await keys.GetSignerAsync(ct);
        var now = clock.GetUtcNow();
        return await db.InTransactionAsync(async (c, tx) =>
        {
            await UserStore.RecordSuccessfulLoginAsync(c, tx, user.Id, rehashedPassword, ct);
            var sessionId = Guid.CreateVersion7();
            await SessionStore.StartAsync(c, tx, sessionId, user.Id, now, ct);
            return await IssueAsync(c, tx, signer, user, sessionId, now, ct);
        }, ct);
    }

    /// <summary>Exchanges a refresh token for a new pair with the user's current roles and memberships.</summary>
    public async Task<(TokenResponse? Tokens, RefreshFailure Failure)> RefreshAsync(string refreshToken, CancellationToken ct)
    {
        var signer = await keys.GetSignerAsync(ct);
        var now = clock.GetUtcNow();
        IReadOnlyList<RevokedAccessToken> ended = [];
        var result = await db.InTransactionAsync<(TokenResponse?, RefreshFailure)>(async (c, tx) =>
        {
            var row = await SessionStore.FindForRotationAsync(c, tx, refreshToken, ct);
            if (row is null)
            {
                return (null, RefreshFailure.Unknown);
            }

            if (row.SessionRevokedAt is not null)
            {
                return (null, RefreshFailure.Ended);
            }

            if (row.UsedAt is not null)
            {
                // Two parties hold this family: the thief or the user — end it for both.
                ended = await store.EndSessionAsync(c, tx, row.SessionId, null, "refresh token reused", now, ct);
                return (null, RefreshFailure.Reused);
            }

            if (row.ExpiresAt <= now)
            {
                return (null, RefreshFailure.Expired);
            }

            var user = await UserStore.FindAsync(c, tx, row.UserId, forUpdate: false, ct);
            if (user is null || LockoutPolicy.IsLocked(user.LockedByAdmin, null, now))
            {
                ended = await store.EndSessionAsync(c, tx, row.SessionId, null, "account locked or deleted", now, ct);
                return (null, RefreshFailure.Ended);
            }

            await SessionStore.MarkUsedAsync(c, tx, refreshToken, now, ct);
            return (await IssueAsync(c, tx, signer, user, row.SessionId, now, ct), RefreshFailure.None);
        }, ct);
        store.Apply(ended);
        return result;
    }

    /// <summary>Logout: ends the caller's session and revokes its access token, and/or the refresh token's session.</summary>
    public async Task EndAsync(ClaimsPrincipal caller, string? refreshToken, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var revokedNow = await db.InTransactionAsync(async (c, tx) =>
        {
            var all = new List<RevokedAccessToken>();
            var userId = caller.FindUserId();
            if (userId is not null && caller.SessionId() is { } sessionId)
            {
                all.AddRange(await store.EndSessionAsync(c, tx, sessionId, userId, "logout", now, ct));
            }

            if (userId is not null && caller.TokenId() is { } tokenId && caller.TokenExpiresAt() is { } expiresAt)
            {
                all.AddRange(await store.RevokeAccessTokenAsync(c, tx, tokenId, userId, expiresAt, "logout", now, ct));
            }

            if (!string.IsNullOrEmpty(refreshToken) && refreshToken.Length <= OpaqueTokens.MaxLength
                && await SessionStore.FindForRotationAsync(c, tx, refreshToken, ct) is { } row)
            {
                all.AddRange(await store.EndSessionAsync(c, tx, row.SessionId, null, "logout", now, ct));
            }

            return all;
        }, ct);
        store.Apply(revokedNow);
    }

    /// <summary>A service token (client credentials): role <c>service</c>, no refresh token.</summary>
    public async Task<ServiceTokenResponse> IssueServiceTokenAsync(string clientId, CancellationToken ct)
    {
        var signer = await keys.GetSignerAsync(ct);
        var now = WholeSeconds(clock.GetUtcNow());
        var token = signer.Sign(new AccessTokenDescriptor
        {
            Subject = AccessTokens.ServiceSubjectPrefix + clientId,
            Name = clientId,
            Roles = [Roles.Service],
            Issuer = security.Value.Issuer,
            Audience = security.Value.Audience,
            IssuedAt = now,
            ExpiresAt = now + Settings.AccessTokenLifetime,
        });
        return new ServiceTokenResponse(token, "Bearer", (int)Settings.AccessTokenLifetime.TotalSeconds);
    }

    private async Task<TokenResponse> IssueAsync(NpgsqlConnection c, NpgsqlTransaction tx, SigningKey signer, UserRow user, Guid sessionId, DateTimeOffset now, CancellationToken ct)
    {
        now = WholeSeconds(now); // as the token states it, so the recorded expiry equals the token's exp
        var access = new AccessTokenDescriptor
        {
            Subject = user.Id.ToString(),
            Name = user.Name,
            Email = user.Email,
            Roles = user.Roles,
            Memberships = await MembershipStore.ListAsync(c, tx, user.Id, ct),
            SessionId = sessionId.ToString(),
            Issuer = security.Value.Issuer,
            Audience = security.Value.Audience,
            IssuedAt = now,
            ExpiresAt = now + Settings.AccessTokenLifetime,
        };
        var accessToken = signer.Sign(access);
        var refreshToken = OpaqueTokens.Create();
        await SessionStore.AddRefreshTokenAsync(c, tx, sessionId, refreshToken, now, now + TimeSpan.FromDays(Settings.RefreshTokenDays), access.Id, access.ExpiresAt, ct);
        return new TokenResponse(accessToken, refreshToken, "Bearer", (int)Settings.AccessTokenLifetime.TotalSeconds);
    }

    private static DateTimeOffset WholeSeconds(DateTimeOffset time) => DateTimeOffset.FromUnixTimeSeconds(time.ToUnixTimeSeconds());
}

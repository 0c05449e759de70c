using Brigade.Identity.Domain;
using Dapper;
using Npgsql;

namespace Brigade.Identity.Data;

/// <summary>Email-verification and password-reset tokens: stored hashed, used once, expiring.</summary>
public static class OneTimeTokenStore
{
    public const string VerifyEmail = "verify_email";
    public const string ResetPassword = "reset_password";

    public static async Task<DateTimeOffset> CreateAsync(NpgsqlConnection c, NpgsqlTransaction tx, Guid userId, string purpose, string token, DateTimeOffset now, TimeSpan lifetime, CancellationToken ct)
    {
        var expiresAt = now + lifetime;
        await c.ExecuteAsync(new CommandDefinition("""
            INSERT INTO one_time_tokens (token_hash, user_id, purpose, created_at, expires_at)
            VALUES (@hash, @userId, @purpose, @now, @expiresAt)
            """, new { hash = OpaqueTokens.Hash(token), userId, purpose, now, expiresAt }, tx, cancellationToken: ct));
        return expiresAt;
    }

    /// <summary>Marks the token used and returns its live user, or null when it is unknown, used, expired or for another purpose.</summary>
    public static Task<Guid?> ConsumeAsync(NpgsqlConnection c, NpgsqlTransaction tx, string purpose, string token, DateTimeOffset now, CancellationToken ct) =>
        c.QuerySingleOrDefaultAsync<Guid?>(new CommandDefinition("""
            UPDATE one_time_tokens t SET used_at = @now
              FROM users u
             WHERE t.token_hash = @hash AND t.purpose = @purpose AND t.used_at IS NULL AND t.expires_at > @now
               AND u.id = t.user_id AND u.deleted_at IS NULL
            RETURNING t.user_id
            """, new { hash = OpaqueTokens.Hash(token), purpose, now }, tx, cancellationToken: ct));

    /// <summary>Older unused tokens of the same purpose stop working when a new one is sent.</summary>
    public static Task RetireAsync(NpgsqlConnection c, NpgsqlTransaction tx, Guid userId, string purpose, DateTimeOffset now, CancellationToken ct) =>
        c.ExecuteAsync(new CommandDefinition(
            "UPDATE one_time_tokens SET used_at = @now WHERE user_id = @userId AND purpose = @purpose AND used_at IS NULL",
            new { userId, purpose, now }, tx, cancellationToken: ct));
}

using Brigade.Contracts.Identity;
using Brigade.Data;
using Brigade.Identity.Domain;
using Brigade.Messaging;
using Dapper;
using Npgsql;

namespace Brigade.Identity.Data;

public sealed class UserRow
{
    public Guid Id { get; init; }
    public string Email { get; init; } = "";
    public string? Username { get; init; }
    public string Name { get; init; } = "";
    public string? Phone { get; init; }
    public string? PasswordHash { get; init; }
    public string[] Roles { get; init; } = [];
    public DateTimeOffset? EmailVerifiedAt { get; init; }
    public int FailedLogins { get; init; }
    public DateTimeOffset? LockedUntil { get; init; }
    public bool LockedByAdmin { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? DeletedAt { get; init; }
}

public sealed record NewUser(Guid Id, string Email, string? Username, string Name, string? Phone, string PasswordHash, string[] Roles);

public enum CreateUserOutcome { Created, EmailTaken, UsernameTaken }

public enum VerificationRenewal { Sent, NotFound, AlreadyVerified }

public enum PasswordReset { Reset, InvalidToken, WeakPassword }

/// <summary>
/// Accounts: creation, e-mail verification, sign-in bookkeeping, passwords, profile, roles, lock and anonymisation.
/// Each change is one transaction, opened here, with its events; sessions a change ends are revoked in this process
/// after the commit.
/// </summary>
public sealed class UserStore(NpgsqlDataSource db, IOutbox outbox, SessionStore sessions, Passwords passwords, TimeProvider clock)
{
    private const long AdminLock = 0x49_44_41_44_4D_49_4E; // "IDADMIN"

    private const string Columns = """
        id AS Id, email AS Email, username AS Username, name AS Name, phone AS Phone, password_hash AS PasswordHash,
        roles AS Roles, email_verified_at AS EmailVerifiedAt, failed_logins AS FailedLogins, locked_until AS LockedUntil,
        locked_by_admin AS LockedByAdmin, created_at AS CreatedAt, deleted_at AS DeletedAt
        """;

    /// <summary>A live account by username or email (already normalised).</summary>
    public async Task<UserRow?> FindByLoginAsync(string normalizedLogin, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<UserRow>(new CommandDefinition($"""
            SELECT {Columns} FROM users
             WHERE (email_normalized = @normalizedLogin OR username_normalized = @normalizedLogin) AND deleted_at IS NULL
            """, new { normalizedLogin }, cancellationToken: ct));
    }

    public async Task<UserRow?> FindAsync(Guid id, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return await FindAsync(connection, null, id, forUpdate: false, ct);
    }

    /// <summary>A live account; <paramref name="forUpdate"/> locks its row until the transaction ends.</summary>
    public static Task<UserRow?> FindAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, Guid id, bool forUpdate, CancellationToken ct) =>
        connection.QuerySingleOrDefaultAsync<UserRow>(new CommandDefinition(
            $"SELECT {Columns} FROM users WHERE id = @id AND deleted_at IS NULL{(forUpdate ? " FOR UPDATE" : "")}",
            new { id }, transaction, cancellationToken: ct));

    /// <summary>Creates the account, its email-verification token and the events, in one transaction.</summary>
    public async Task<CreateUserOutcome> CreateAsync(NewUser user, string verificationToken, TimeSpan verificationLifetime, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        try
        {
            return await db.InTransactionAsync(async (c, tx) =>
            {
                await c.ExecuteAsync(new CommandDefinition("""
                    INSERT INTO users (id, email, email_normalized, username, username_normalized, name, phone, password_hash, roles, created_at, updated_at)
                    VALUES (@Id, @Email, @emailNormalized, @Username, @usernameNormalized, @Name, @Phone, @PasswordHash, @Roles, @now, @now)
                    """, new
                {
                    user.Id, user.Email, emailNormalized = Accounts.NormalizeEmail(user.Email), user.Username,
                    usernameNormalized = user.Username is null ? null : Accounts.NormalizeUsername(user.Username),
                    user.Name, user.Phone, user.PasswordHash, user.Roles, now,
                }, tx, cancellationToken: ct));
                var expiresAt = await OneTimeTokenStore.CreateAsync(c, tx, user.Id, OneTimeTokenStore.VerifyEmail, verificationToken, now, verificationLifetime, ct);
                await outbox.AddAsync(c, tx, new UserRegistered(user.Id, user.Email, user.Username, user.Name, user.Phone, user.Roles, now), ct);
                await outbox.AddAsync(c, tx, new EmailVerificationRequested(user.Id, user.Email, user.Name, verificationToken, expiresAt), ct);
                return CreateUserOutcome.Created;
            }, ct);
        }
        catch (PostgresException e) when (e.IsUniqueViolation("users_email_normalized"))
        {
            return CreateUserOutcome.EmailTaken;
        }
        catch (PostgresException e) when (e.IsUniqueViolation("users_username_normalized"))
        {
            return CreateUserOutcome.UsernameTaken;
        }
    }

    /// <summary>Counts a wrong password in one statement, so concurrent guesses cannot skip the lock.</summary>
    public async Task RecordFailedLoginAsync(Guid id, LockoutPolicy policy, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var connection = await db.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE users
               SET locked_until  = CASE WHEN failed_logins + 1 >= @max THEN @lockedUntil ELSE locked_until END,
                   failed_logins = CASE WHEN failed_logins + 1 >= @max THEN 0 ELSE failed_logins + 1 END
             WHERE id = @id AND (locked_until IS NULL OR locked_until <= @now)
            """, new { id, max = policy.MaxFailures, lockedUntil = now + policy.Duration, now }, cancellationToken: ct));
    }

    public static Task RecordSuccessfulLoginAsync(NpgsqlConnection c, NpgsqlTransaction tx, Guid id, string? rehashedPassword, CancellationToken ct) =>
        c.ExecuteAsync(new CommandDefinition("""
            UPDATE users SET failed_logins = 0, locked_until = NULL, password_hash = COALESCE(@rehashedPassword, password_hash)
             WHERE id = @id
            """, new { id, rehashedPassword }, tx, cancellationToken: ct));

    public async Task<CreateUserOutcome?> UpdateProfileAsync(Guid id, string? name, string? phone, bool clearPhone, string? username, CancellationToken ct)
    {
        try
        {
            await using var connection = await db.OpenConnectionAsync(ct);
            var updated = await connection.ExecuteAsync(new CommandDefinition("""
                UPDATE users
                   SET name = COALESCE(@name, name),
                       phone = CASE WHEN @clearPhone THEN NULL ELSE COALESCE(@phone, phone) END,
                       username = COALESCE(@username, username),
                       username_normalized = COALESCE(@usernameNormalized, username_normalized),
                       updated_at = @now
                 WHERE id = @id AND deleted_at IS NULL
                """, new { id, name, phone, clearPhone, username, usernameNormalized = username is null ? null : Accounts.NormalizeUsername(username), now = clock.GetUtcNow() },
                cancellationToken: ct));
            return updated == 1 ? CreateUserOutcome.Created : null;
        }
        catch (PostgresException e) when (e.IsUniqueViolation("users_username_normalized"))
        {
            return CreateUserOutcome.UsernameTaken;
        }
    }

    private static Task SetPasswordAsync(NpgsqlConnection c, NpgsqlTransaction tx, Guid id, string passwordHash, DateTimeOffset now, CancellationToken ct) =>
        c.ExecuteAsync(new CommandDefinition("""
            UPDATE users SET password_hash = @passwordHash, failed_logins = 0, locked_until = NULL,
                             email_verified_at = COALESCE(email_verified_at, @now), updated_at = @now
             WHERE id = @id
            """, new { id, passwordHash, now }, tx, cancellationToken: ct));

    private static Task<int> MarkEmailVerifiedAsync(NpgsqlConnection c, NpgsqlTransaction tx, Guid id, DateTimeOffset now, CancellationToken ct) =>
        c.ExecuteAsync(new CommandDefinition(
            "UPDATE users SET email_verified_at = @now, updated_at = @now WHERE id = @id AND email_verified_at IS NULL AND deleted_at IS NULL",
            new { id, now }, tx, cancellationToken: ct));

    public async Task<UserRow?> SetRolesAsync(Guid id, string[] roles, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        return await db.InTransactionAsync(async (c, tx) =>
        {
            var user = await c.QuerySingleOrDefaultAsync<UserRow>(new CommandDefinition(
                $"UPDATE users SET roles = @roles, updated_at = @now WHERE id = @id AND deleted_at IS NULL RETURNING {Columns}",
                new { id, roles, now }, tx, cancellationToken: ct));
            if (user is not null)
            {
                await outbox.AddAsync(c, tx, new UserRolesChanged(id, roles, now), ct);
            }

            return user;
        }, ct);
    }

    /// <summary>Locks (no sign-in, every session ended) or unlocks the account; null when there is no such live account.</summary>
    public async Task<UserRow?> SetLockAsync(Guid id, bool locked, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        IReadOnlyList<RevokedAccessToken> ended = [];
        var user = await db.InTransactionAsync(async (c, tx) =>
        {
            var user = await c.QuerySingleOrDefaultAsync<UserRow>(new CommandDefinition($"""
                UPDATE users SET locked_by_admin = @locked, locked_until = NULL, failed_logins = 0, updated_at = @now
                 WHERE id = @id AND deleted_at IS NULL
                RETURNING {Columns}
                """, new { id, locked, now }, tx, cancellationToken: ct));
            if (user is not null)
            {
                if (locked)
                {
                    ended = await sessions.EndAllSessionsAsync(c, tx, id, "account locked", now, ct);
                }

                await outbox.AddAsync(c, tx, new UserLockChanged(id, locked, now), ct);
            }

            return user;
        }, ct);
        sessions.Apply(ended);
        return user;
    }

    /// <summary>Deletes the account (anonymised in place), ending every session; false when there is no such live account.</summary>
    public async Task<bool> DeleteAsync(Guid id, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        IReadOnlyList<RevokedAccessToken> ended = [];
        var deleted = await db.InTransactionAsync(async (c, tx) =>
        {
            if (!await AnonymiseAsync(c, tx, id, now, ct))
            {
                return false;
            }

            ended = await sessions.EndAllSessionsAsync(c, tx, id, "account deleted", now, ct);
            await outbox.AddAsync(c, tx, new UserDeleted(id, now), ct);
            return true;
        }, ct);
        sessions.Apply(ended);
        return deleted;
    }

    /// <summary>Confirms the address whose verification token this is; false when the token is unknown, used or expired.</summary>
    public async Task<bool> VerifyEmailAsync(string token, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        return await db.InTransactionAsync(async (c, tx) =>
        {
            if (await OneTimeTokenStore.ConsumeAsync(c, tx, OneTimeTokenStore.VerifyEmail, token, now, ct) is not { } userId)
            {
                return false;
            }

            if (await MarkEmailVerifiedAsync(c, tx, userId, now, ct) == 1 && await FindAsync(c, tx, userId, false, ct) is { } user)
            {
                await outbox.AddAsync(c, tx, new UserVerified(userId, user.Email, now), ct);
            }

            return true;
        }, ct);
    }

    /// <summary>A new verification e-mail for an unverified account; older tokens stop working.</summary>
    public async Task<VerificationRenewal> RenewEmailVerificationAsync(Guid userId, TimeSpan lifetime, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        return await db.InTransactionAsync(async (c, tx) =>
        {
            var user = await FindAsync(c, tx, userId, forUpdate: true, ct);
            if (user is null || user.EmailVerifiedAt is not null)
            {
                return user is null ? VerificationRenewal.NotFound : VerificationRenewal.AlreadyVerified;
            }

            await OneTimeTokenStore.RetireAsync(c, tx, user.Id, OneTimeTokenStore.VerifyEmail, now, ct);
            var token = OpaqueTokens.Create();
            var expiresAt = await OneTimeTokenStore.CreateAsync(c, tx, user.Id, OneTimeTokenStore.VerifyEmail, token, now, lifetime, ct);
            await outbox.AddAsync(c, tx, new EmailVerificationRequested(user.Id, user.Email, user.Name, token, expiresAt), ct);
            return VerificationRenewal.Sent;
        }, ct);
    }

    /// <summary>A password-reset e-mail for the account; older reset tokens stop working.</summary>
    public async Task RequestPasswordResetAsync(UserRow user, TimeSpan lifetime, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await db.InTransactionAsync(async (c, tx) =>
        {
            await OneTimeTokenStore.RetireAsync(c, tx, user.Id, OneTimeTokenStore.ResetPassword, now, ct);
            var token = OpaqueTokens.Create();
            var expiresAt = await OneTimeTokenStore.CreateAsync(c, tx, user.Id, OneTimeTokenStore.ResetPassword, token, now, lifetime, ct);
            await outbox.AddAsync(c, tx, new PasswordResetRequested(user.Id, user.Email, user.Name, token, expiresAt), ct);
            return true;
        }, ct);
    }

    /// <summary>
    /// Sets <paramref name="newPassword"/> for the account of the reset token and ends every session. A password the
    /// account's rules refuse (<see cref="Accounts.CheckPassword"/>) changes nothing and leaves the token usable.
    /// </summary>
    public async Task<(PasswordReset Outcome, string? Problem)> ResetPasswordAsync(string token, string? newPassword, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var c = await db.OpenConnectionAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        if (await OneTimeTokenStore.ConsumeAsync(c, tx, OneTimeTokenStore.ResetPassword, token, now, ct) is not { } userId
            || await FindAsync(c, tx, userId, forUpdate: true, ct) is not { } user)
        {
            return (PasswordReset.InvalidToken, null);
        }

        if (Accounts.CheckPassword(newPassword, user.Email, user.Username) is { } problem)
        {
            await tx.RollbackAsync(ct); // the token stays usable
            return (PasswordReset.WeakPassword, problem);
        }

        await SetPasswordAsync(c, tx, userId, passwords.Hash(newPassword!), now, ct);
        var ended = await sessions.EndAllSessionsAsync(c, tx, userId, "password reset", now, ct);
        await tx.CommitAsync(ct);
        sessions.Apply(ended);
        return (PasswordReset.Reset, null);
    }

    /// <summary>
    /// Replaces the password if it is still <paramref name="currentHash"/> (a concurrent change wins once), ends every
    /// other session than <paramref name="keepSession"/> and announces it; false when the password changed meanwhile.
    /// </summary>
    public async Task<bool> ChangePasswordAsync(UserRow user, string currentHash, string newHash, Guid? keepSession, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        IReadOnlyList<RevokedAccessToken> ended = [];
        var changed = await db.InTransactionAsync(async (c, tx) =>
        {
            var updated = await c.ExecuteAsync(new CommandDefinition("""
                UPDATE users SET password_hash = @newHash, failed_logins = 0, updated_at = @now
                 WHERE id = @id AND password_hash = @currentHash AND deleted_at IS NULL
                """, new { id = user.Id, currentHash, newHash, now }, tx, cancellationToken: ct));
            if (updated != 1)
            {
                return false;
            }

            ended = await sessions.EndOtherSessionsAsync(c, tx, user.Id, keepSession, "password changed", now, ct);
            await outbox.AddAsync(c, tx, new PasswordChanged(user.Id, user.Email, user.Name, now), ct);
            return true;
        }, ct);
        sessions.Apply(ended);
        return changed;
    }

    /// <summary>Replaces everything that identifies the person; the id stays so references elsewhere stay valid.</summary>
    private static async Task<bool> AnonymiseAsync(NpgsqlConnection c, NpgsqlTransaction tx, Guid id, DateTimeOffset now, CancellationToken ct)
    {
        var (email, name) = Accounts.Anonymised(id);
        var updated = await c.ExecuteAsync(new CommandDefinition("""
            UPDATE users
               SET email = @email, email_normalized = @email, username = NULL, username_normalized = NULL, name = @name,
                   phone = NULL, password_hash = NULL, roles = '{}', failed_logins = 0, locked_until = NULL,
                   updated_at = @now, deleted_at = @now
             WHERE id = @id AND deleted_at IS NULL
            """, new { id, email, name, now }, tx, cancellationToken: ct));
        await c.ExecuteAsync(new CommandDefinition("""
            DELETE FROM one_time_tokens WHERE user_id = @id;
            UPDATE memberships SET role = NULL, changed_at = @now WHERE user_id = @id AND role IS NOT NULL;
            """, new { id, now }, tx, cancellationToken: ct));
        return updated == 1;
    }

    /// <summary>Live accounts in id (= creation) order, optionally filtered by text, exact (normalised) email and role.</summary>
    public async Task<Page<UserRow>> ListAsync(string? query, string? normalizedEmail, string? role, int limit, Guid? after, CancellationToken ct)
    {
        var pattern = string.IsNullOrWhiteSpace(query)
            ? null
            : "%" + query.Trim().ToLowerInvariant().Replace(@"\", @"\\", StringComparison.Ordinal).Replace("%", @"\%", StringComparison.Ordinal).Replace("_", @"\_", StringComparison.Ordinal) + "%";
        await using var connection = await db.OpenConnectionAsync(ct);
        var rows = (await connection.QueryAsync<UserRow>(new CommandDefinition($"""
            SELECT {Columns} FROM users
             WHERE deleted_at IS NULL
               AND (@after::uuid IS NULL OR id > @after)
               AND (@role::text IS NULL OR @role = ANY (roles))
               AND (@normalizedEmail::text IS NULL OR email_normalized = @normalizedEmail)
               AND (@pattern::text IS NULL OR email_normalized LIKE @pattern OR lower(name) LIKE @pattern OR username_normalized LIKE @pattern)
             ORDER BY id
             LIMIT @take
            """, new { after, role, normalizedEmail, pattern, take = limit + 1 }, cancellationToken: ct))).ToList();
        return Paging.ToPage(rows, limit, r => r.Id);
    }

    public async Task<UserRow?> FindByEmailAsync(string normalizedEmail, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<UserRow>(new CommandDefinition(
            $"SELECT {Columns} FROM users WHERE email_normalized = @normalizedEmail AND deleted_at IS NULL",
            new { normalizedEmail }, cancellationToken: ct));
    }

    /// <summary>Creates the admin account, or resets its password and role when it exists (start-up, Local).</summary>
    public async Task EnsureAdminAsync(string email, string username, string passwordHash, Func<string, bool> passwordMatches, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await db.InTransactionAsync(async (c, tx) =>
        {
            await c.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_xact_lock(@AdminLock)", new { AdminLock }, tx, cancellationToken: ct));
            var existing = await c.QuerySingleOrDefaultAsync<UserRow>(new CommandDefinition(
                $"SELECT {Columns} FROM users WHERE username_normalized = @username AND deleted_at IS NULL",
                new { username = Accounts.NormalizeUsername(username) }, tx, cancellationToken: ct));
            if (existing is null)
            {
                var id = Guid.CreateVersion7();
                await c.ExecuteAsync(new CommandDefinition("""
                    INSERT INTO users (id, email, email_normalized, username, username_normalized, name, password_hash, roles, email_verified_at, created_at, updated_at)
                    VALUES (@id, @email, @emailNormalized, @username, @usernameNormalized, 'Administrator', @passwordHash, '{admin}', @now, @now, @now)
                    ON CONFLICT DO NOTHING
                    """, new { id, email, emailNormalized = Accounts.NormalizeEmail(email), username, usernameNormalized = Accounts.NormalizeUsername(username), passwordHash, now },
                    tx, cancellationToken: ct));
            }
            else if (existing.PasswordHash is null || !passwordMatches(existing.PasswordHash) || !existing.Roles.Contains(Brigade.Security.Roles.Admin))
            {
                await c.ExecuteAsync(new CommandDefinition("""
                    UPDATE users SET password_hash = @passwordHash, roles = array_append(array_remove(roles, 'admin'), 'admin'),
                                     locked_by_admin = false, locked_until = NULL, failed_logins = 0, updated_at = @now
                     WHERE id = @id
                    """, new { id = existing.Id, passwordHash, now }, tx, cancellationToken: ct));
            }

            return true;
        }, ct);
    }
}

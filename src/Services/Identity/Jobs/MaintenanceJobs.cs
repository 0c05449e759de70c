using Brigade.Identity.Data;
using Brigade.Security;
using Brigade.ServiceDefaults;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Brigade.Identity.Jobs;

/// <summary>
/// Keeps this replica's in-memory revocation list in step with the database, where every replica records
/// the access tokens it revokes (the <c>identity.token.revoked</c> event serves the other services).
/// </summary>
public sealed class RevocationSync(NpgsqlDataSource db, RevokedTokens revoked, TimeProvider clock, IOptions<IdentityOptions> options, ILogger<RevocationSync> logger)
    : PeriodicJob(clock, logger)
{
    protected override TimeSpan Interval => TimeSpan.FromSeconds(Math.Max(1, options.Value.RevocationPollSeconds));

    protected override async Task RunRoundAsync(CancellationToken ct)
    {
        foreach (var token in await SessionStore.ListActiveRevocationsAsync(db, Clock.GetUtcNow(), ct))
        {
            revoked.Revoke(token.TokenId, token.ExpiresAt);
        }

        revoked.Prune();
    }
}

/// <summary>Rotates the signing key when due, deletes keys and tokens nobody can use any more.</summary>
public sealed class KeyRotationJob(SigningKeyRing keys, NpgsqlDataSource db, TimeProvider clock, ILogger<KeyRotationJob> logger) : PeriodicJob(clock, logger)
{
    protected override TimeSpan Interval => TimeSpan.FromMinutes(5);

    protected override bool RunAtStart => false;

    protected override async Task RunRoundAsync(CancellationToken ct)
    {
        if (await keys.RotateIfDueAsync(ct) is { } created)
        {
            logger.LogInformation("Scheduled signing key {KeyId}", created);
        }

        await keys.DeleteExpiredAsync(ct);
        await SessionStore.DeleteExpiredAsync(db, Clock.GetUtcNow(), ct);
    }
}

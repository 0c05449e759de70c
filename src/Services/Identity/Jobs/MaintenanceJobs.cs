using Brigade.Identity.Data;
using Brigade.Security;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Brigade.Identity.Jobs;

/// <summary>
/// Keeps this replica's in-memory revocation list in step with the database, where every replica records
/// the access tokens it revokes (the <c>identity.token.revoked</c> event serves the other services).
/// </summary>
public sealed class RevocationSync(NpgsqlDataSource db, RevokedTokens revoked, TimeProvider clock, IOptions<IdentityOptions> options, ILogger<RevocationSync> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(1, options.Value.RevocationPollSeconds)));
        do
        {
            try
            {
                foreach (var token in await SessionStore.ListActiveRevocationsAsync(db, clock.GetUtcNow(), stoppingToken))
                {
                    revoked.Revoke(token.TokenId, token.ExpiresAt);
                }

                revoked.Prune();
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException)
            {
                logger.LogWarning(e, "Could not read revoked tokens; will try again");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}

/// <summary>Rotates the signing key when due, deletes keys and tokens nobody can use any more.</summary>
public sealed class KeyRotationJob(SigningKeyRing keys, NpgsqlDataSource db, TimeProvider clock, ILogger<KeyRotationJob> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(5));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                if (await keys.RotateIfDueAsync(stoppingToken) is { } created)
                {
                    logger.LogInformation("Scheduled signing key {KeyId}", created);
                }

                await keys.DeleteExpiredAsync(stoppingToken);
                await SessionStore.DeleteExpiredAsync(db, clock.GetUtcNow(), stoppingToken);
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException)
            {
                logger.LogWarning(e, "Key rotation or cleanup failed; will try again");
            }
        }
    }
}

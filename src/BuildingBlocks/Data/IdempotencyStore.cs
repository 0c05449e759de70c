using Dapper;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Brigade.Data;

public enum ClaimOutcome { Claimed, InFlight, Mismatch, Completed }

public sealed record StoredResponse(int Status, string? ContentType, byte[] Body, string? Location);

public sealed record IdempotencyClaim(ClaimOutcome Outcome, StoredResponse? Response = null);

/// <summary>
/// The <c>Idempotency-Key</c> contract: the first request with a key claims it; a repeat with the same
/// body gets the stored response, with another body <c>422</c>, while the first is still running <c>409</c>.
/// Keys live 24 hours. A claim whose request died (process crash) is released after its lease so a
/// retry can run; a 5xx or an exception releases the claim at once.
/// </summary>
public sealed class IdempotencyStore(NpgsqlDataSource dataSource, TimeProvider clock, IConfiguration configuration)
{
    private readonly TimeSpan _retention = TimeSpan.FromHours(configuration.GetValue<double?>("Brigade:Idempotency:RetentionHours") ?? 24);
    private readonly TimeSpan _lease = TimeSpan.FromSeconds(configuration.GetValue<double?>("Brigade:Idempotency:LeaseSeconds") ?? 60);

    public async Task<IdempotencyClaim> ClaimAsync(string scope, string key, byte[] requestHash, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);

        // One statement decides: insert a new claim, or take over an expired key or an abandoned lease.
        var claimed = await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO idempotency_keys (scope, key, request_hash, locked_until, expires_at)
            VALUES (@scope, @key, @requestHash, @lockedUntil, @expiresAt)
            ON CONFLICT (scope, key) DO UPDATE
               SET request_hash = excluded.request_hash, completed = false, response_status = NULL,
                   response_type = NULL, response_body = NULL, response_location = NULL,
                   locked_until = excluded.locked_until, expires_at = excluded.expires_at, created_at = now()
             WHERE idempotency_keys.expires_at < @now
                OR (NOT idempotency_keys.completed AND idempotency_keys.locked_until < @now AND idempotency_keys.request_hash = excluded.request_hash)
            """, new { scope, key, requestHash, lockedUntil = now + _lease, expiresAt = now + _retention, now }, cancellationToken: cancellationToken));
        if (claimed == 1)
        {
            return new IdempotencyClaim(ClaimOutcome.Claimed);
        }

        var row = await connection.QuerySingleOrDefaultAsync<(byte[] Hash, bool Completed, int? Status, string? Type, byte[]? Body, string? Location)>(
            new CommandDefinition("""
                SELECT request_hash, completed, response_status, response_type, response_body, response_location
                  FROM idempotency_keys WHERE scope = @scope AND key = @key
                """, new { scope, key }, cancellationToken: cancellationToken));
        if (row.Hash is null)
        {
            return await ClaimAsync(scope, key, requestHash, cancellationToken); // released between the two statements
        }

        if (!row.Hash.AsSpan().SequenceEqual(requestHash))
        {
            return new IdempotencyClaim(ClaimOutcome.Mismatch);
        }

        return row.Completed
            ? new IdempotencyClaim(ClaimOutcome.Completed, new StoredResponse(row.Status!.Value, row.Type, row.Body ?? [], row.Location))
            : new IdempotencyClaim(ClaimOutcome.InFlight);
    }

    public async Task CompleteAsync(string scope, string key, StoredResponse response, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE idempotency_keys
               SET completed = true, response_status = @Status, response_type = @ContentType,
                   response_body = @Body, response_location = @Location
             WHERE scope = @scope AND key = @key
            """, new { scope, key, response.Status, response.ContentType, response.Body, response.Location }, cancellationToken: cancellationToken));
    }

    public async Task ReleaseAsync(string scope, string key)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await connection.ExecuteAsync("DELETE FROM idempotency_keys WHERE scope = @scope AND key = @key AND NOT completed", new { scope, key });
    }

    public async Task<int> DeleteExpiredAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM idempotency_keys WHERE expires_at < @now", new { now = clock.GetUtcNow() }, cancellationToken: cancellationToken));
    }
}

/// <summary>Deletes expired idempotency keys every hour.</summary>
internal sealed class IdempotencyKeyCleanup(IdempotencyStore store, ILogger<IdempotencyKeyCleanup> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var deleted = await store.DeleteExpiredAsync(stoppingToken);
                logger.LogDebug("Deleted {Count} expired idempotency keys", deleted);
            }
            catch (NpgsqlException e)
            {
                logger.LogWarning(e, "Could not delete expired idempotency keys; will try again");
            }
        }
    }
}

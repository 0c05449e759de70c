using Brigade.Contracts.Identity;
using Brigade.Data;
using Brigade.Messaging;
using Brigade.Security;
using Dapper;
using Npgsql;

namespace Brigade.Gateway;

/// <summary>
/// Identity's <c>identity.token.revoked</c> events feed the gateway's revocation list, so a logged-out
/// token is refused at the edge until it expires. Each revocation is also kept in the gateway's database
/// and loaded back at start-up: a restarted gateway, whose
/// queue no longer holds the events it already consumed, still refuses those tokens. This is wired when
/// the platform gives the gateway a database and a broker (the launcher does); without them (benchmarks,
/// unit tests) the gateway still validates signatures and expiry.
/// </summary>
public static class TokenRevocations
{
    public static WebApplicationBuilder AddTokenRevocations(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        if (string.IsNullOrWhiteSpace(configuration["ConnectionStrings:Database"]) || string.IsNullOrWhiteSpace(configuration["ConnectionStrings:RabbitMq"]))
        {
            return builder;
        }

        builder.AddDatabase(typeof(TokenRevocations).Assembly);
        builder.AddMessaging(m => m.Handle<TokenRevoked, RememberRevokedToken>());

        // Registered after the database's migration runner, so it starts after the table exists.
        builder.Services.AddHostedService<RevokedTokensLoader>();

        // Every gateway replica must see every revocation: each consumes from a queue of its own
        // (named after its instance id) instead of competing with the others on one "gateway" queue.
        // The replicas share one database, and so one inbox keyed by message id: with it, the first replica to
        // handle a revocation would make the others skip it and accept the token until it expires. So no inbox;
        // RememberRevokedToken is idempotent itself (ON CONFLICT DO NOTHING, a set add), a redelivery is harmless.
        builder.Services.PostConfigure<MessagingOptions>(o =>
        {
            o.UseInbox = false;
            if (string.IsNullOrWhiteSpace(o.QueuePrefix) && configuration["Brigade:InstanceId"] is { Length: > 0 } instance)
            {
                o.QueuePrefix = instance;
            }
        });
        return builder;
    }
}

/// <summary>Records a revoked token id and adds it to the in-memory list the edge checks; repeating it is harmless.</summary>
public sealed class RememberRevokedToken(RevokedTokens revoked, TimeProvider clock) : IEventHandler<TokenRevoked>
{
    public async Task HandleAsync(TokenRevoked @event, EventContext context, CancellationToken ct)
    {
        // Expired ones go as new ones come, so the table holds about the tokens still worth refusing.
        await context.Connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO revoked_tokens (token_id, expires_at) VALUES (@TokenId, @ExpiresAt) ON CONFLICT (token_id) DO NOTHING;
            DELETE FROM revoked_tokens WHERE expires_at < @before;
            """,
            new { @event.TokenId, @event.ExpiresAt, before = clock.GetUtcNow() - RevokedTokens.Grace }, context.Transaction, cancellationToken: ct));
        revoked.Revoke(@event.TokenId, @event.ExpiresAt);
    }
}

/// <summary>At start-up, before the gateway serves: loads the kept revocations (the list skips expired ones).</summary>
public sealed class RevokedTokensLoader(NpgsqlDataSource db, RevokedTokens revoked) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        var tokens = await connection.QueryAsync<Row>(new CommandDefinition(
            "SELECT token_id AS TokenId, expires_at AS ExpiresAt FROM revoked_tokens", cancellationToken: cancellationToken));
        foreach (var token in tokens)
        {
            revoked.Revoke(token.TokenId, token.ExpiresAt);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private sealed record Row(string TokenId, DateTimeOffset ExpiresAt);
}

using Brigade.Contracts.Identity;
using Brigade.Data;
using Brigade.Messaging;
using Brigade.Security;

namespace Brigade.Gateway;

/// <summary>
/// Identity's <c>identity.token.revoked</c> events feed the gateway's revocation list, so a logged-out
/// token is refused at the edge until it expires. The messaging building block keeps its inbox in
/// PostgreSQL, so this is wired when the platform gives the gateway a database and a broker (the launcher
/// does); without them (benchmarks, unit tests) the gateway still validates signatures and expiry.
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

        // Every gateway replica must see every revocation: each consumes from a queue of its own
        // (named after its instance id) instead of competing with the others on one "gateway" queue.
        builder.Services.PostConfigure<MessagingOptions>(o =>
        {
            if (string.IsNullOrWhiteSpace(o.QueuePrefix) && configuration["Brigade:InstanceId"] is { Length: > 0 } instance)
            {
                o.QueuePrefix = instance;
            }
        });
        return builder;
    }
}

/// <summary>Adds a revoked token id to the in-memory list the edge checks; repeating it is harmless.</summary>
public sealed class RememberRevokedToken(RevokedTokens revoked) : IEventHandler<TokenRevoked>
{
    public Task HandleAsync(TokenRevoked @event, EventContext context, CancellationToken ct)
    {
        revoked.Revoke(@event.TokenId, @event.ExpiresAt);
        return Task.CompletedTask;
    }
}

using System.Net;
using System.Net.Http.Headers;
using Brigade.Contracts.Identity;
using Brigade.Messaging;
using Brigade.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Brigade.Gateway.Tests;

/// <summary>
/// Logout at identity reaches the edge: an <c>identity.token.revoked</c> event published through the
/// real outbox and RabbitMQ makes the gateway refuse the token. Needs the test PostgreSQL and RabbitMQ.
/// </summary>
public sealed class RevocationEventTests
{
    [Fact]
    public async Task A_token_revoked_by_an_event_is_refused_at_the_edge()
    {
        await using var upstream = await FakeService.StartAsync("svc");
        await using var database = await TestDatabase.CreateAsync("gateway");
        var run = Guid.NewGuid().ToString("N");
        await using var gateway = await StartGateway(upstream, database, run, "gateway");
        var jti = Guid.NewGuid().ToString("N");
        var token = TestTokens.Create(Guid.NewGuid().ToString(), ["diner"], [], tokenId: jti);
        (await Send(gateway, token)).StatusCode.ShouldBe(HttpStatusCode.OK);

        // Published the way identity publishes: in a transaction, through the outbox and its relay. Repeated
        // until it lands, because the gateway's queue may still be being declared when the first one goes out.
        await RevokeUntilRefusedAsync(gateway, jti, token);

        // Another user's token is untouched.
        (await Send(gateway, TestTokens.For(Guid.NewGuid(), ["diner"]))).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_restarted_gateway_still_refuses_a_token_revoked_before_the_restart()
    {
        await using var upstream = await FakeService.StartAsync("svc");
        await using var database = await TestDatabase.CreateAsync("gateway");
        var run = Guid.NewGuid().ToString("N");
        var jti = Guid.NewGuid().ToString("N");
        var token = TestTokens.Create(Guid.NewGuid().ToString(), ["diner"], [], tokenId: jti);
        await using (var first = await StartGateway(upstream, database, run, "first"))
        {
            await Sql(database, "INSERT INTO revoked_tokens (token_id, expires_at) VALUES ('long-expired', now() - interval '1 day')");
            await RevokeUntilRefusedAsync(first, jti, token);
            (await Sql(database, "SELECT count(*) FROM revoked_tokens WHERE token_id = 'long-expired'")).ShouldBe(0L); // pruned as new ones come
        }

        // A new instance has a new queue: the events it would need were consumed by the first one. Any copy
        // still waiting in the outbox is dropped, so the second instance can only know from what was kept.
        await Sql(database, "DELETE FROM messaging_outbox");

        await using var second = await StartGateway(upstream, database, run, "second");
        using var response = await Send(second, token);
        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await Send(second, TestTokens.For(Guid.NewGuid(), ["diner"]))).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Every_replica_sharing_one_database_refuses_a_token_revoked_by_one_event()
    {
        await using var upstream = await FakeService.StartAsync("svc");
        await using var database = await TestDatabase.CreateAsync("gateway");
        var run = Guid.NewGuid().ToString("N");
        await using var first = await StartGateway(upstream, database, run, "gateway");
        await using var second = await StartGateway(upstream, database, run, "gateway_2");
        var jti = Guid.NewGuid().ToString("N");
        var token = TestTokens.Create(Guid.NewGuid().ToString(), ["diner"], [], tokenId: jti);
        (await Send(first, token)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Send(second, token)).StatusCode.ShouldBe(HttpStatusCode.OK);

        // One event, published once both queues are bound: a repeat with a new message id could reach the other
        // replica first and hide a shared inbox that lets only the first replica to handle an event act on it.
        await ConsumingAsync(first);
        await ConsumingAsync(second);
        await using (var connection = await first.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync())
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await first.Services.GetRequiredService<IOutbox>().AddAsync(connection, transaction, new TokenRevoked(jti, null, DateTimeOffset.UtcNow.AddMinutes(15), "logout"));
            await transaction.CommitAsync();
        }

        foreach (var replica in new[] { first, second })
        {
            await GatewayHost.Eventually(async () =>
            {
                using var response = await Send(replica, token);
                return response.StatusCode == HttpStatusCode.Unauthorized;
            }, TimeSpan.FromSeconds(20), "every replica should refuse the revoked token");
        }

        (await Sql(database, "SELECT count(*) FROM messaging_outbox WHERE type = 'identity.token.revoked'")).ShouldBe(1L);
        (await Sql(database, $"SELECT count(*) FROM revoked_tokens WHERE token_id = '{jti}'")).ShouldBe(1L);
        (await Send(second, TestTokens.For(Guid.NewGuid(), ["diner"]))).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    /// <summary>Waits until the replica's consumer is registered on its queue (the broker check is Healthy only then).</summary>
    private static Task ConsumingAsync(GatewayHost gateway) =>
        GatewayHost.Eventually(async () =>
            (await gateway.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(c => c.Name == "broker")).Status == HealthStatus.Healthy,
            TimeSpan.FromSeconds(20), "the replica should be consuming");

    private static async Task<object?> Sql(TestDatabase database, string sql)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    private static Task<GatewayHost> StartGateway(FakeService upstream, TestDatabase database, string run, string instance) =>
        GatewayHost.StartAsync(new GatewaySettings()
            .Route("private", "/api/private", "svc", access: "Authenticated")
            .Destinations("svc", upstream.Url)
            .Set("ConnectionStrings:Database", database.ConnectionString)
            .Set("ConnectionStrings:RabbitMq", TestInfrastructure.RabbitMqUri)
            .Set("Messaging:Exchange", $"test.{run}")
            .Set("Brigade:InstanceId", $"test.{run}.{instance}"));

    /// <summary>Publishes the revocation the way identity does, through the outbox, until the gateway refuses the token.</summary>
    private static async Task RevokeUntilRefusedAsync(GatewayHost gateway, string jti, string token)
    {
        var dataSource = gateway.Services.GetRequiredService<NpgsqlDataSource>();
        var outbox = gateway.Services.GetRequiredService<IOutbox>();
        await GatewayHost.Eventually(async () =>
        {
            await using (var connection = await dataSource.OpenConnectionAsync())
            await using (var transaction = await connection.BeginTransactionAsync())
            {
                await outbox.AddAsync(connection, transaction, new TokenRevoked(jti, null, DateTimeOffset.UtcNow.AddMinutes(15), "logout"));
                await transaction.CommitAsync();
            }

            await Task.Delay(300);
            using var response = await Send(gateway, token);
            return response.StatusCode == HttpStatusCode.Unauthorized;
        }, TimeSpan.FromSeconds(20), "the revocation event should reach the gateway");
    }

    private static async Task<HttpResponseMessage> Send(GatewayHost gateway, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/private/me");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await gateway.Client.SendAsync(request);
    }
}

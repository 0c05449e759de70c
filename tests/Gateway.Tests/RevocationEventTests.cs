using System.Net;
using System.Net.Http.Headers;
using Brigade.Contracts.Identity;
using Brigade.Messaging;
using Brigade.Testing;
using Microsoft.Extensions.DependencyInjection;
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
        await using var gateway = await GatewayHost.StartAsync(new GatewaySettings()
            .Route("private", "/api/private", "svc", access: "Authenticated")
            .Destinations("svc", upstream.Url)
            .Set("ConnectionStrings:Database", database.ConnectionString)
            .Set("ConnectionStrings:RabbitMq", TestInfrastructure.RabbitMqUri)
            .Set("Messaging:Exchange", $"test.{run}")
            .Set("Brigade:InstanceId", $"test.{run}.gateway"));
        var jti = Guid.NewGuid().ToString("N");
        var token = TestTokens.Create(Guid.NewGuid().ToString(), ["diner"], [], tokenId: jti);
        (await Send(gateway, token)).StatusCode.ShouldBe(HttpStatusCode.OK);

        // Published the way identity publishes: in a transaction, through the outbox and its relay. Repeated
        // until it lands, because the gateway's queue may still be being declared when the first one goes out.
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

        // Another user's token is untouched.
        (await Send(gateway, TestTokens.For(Guid.NewGuid(), ["diner"]))).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private static async Task<HttpResponseMessage> Send(GatewayHost gateway, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/private/me");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await gateway.Client.SendAsync(request);
    }
}

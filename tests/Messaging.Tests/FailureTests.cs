using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;

namespace Brigade.Messaging.Tests;

public sealed class FailureTests
{
    [Fact]
    public async Task A_handler_that_fails_twice_then_succeeds_has_one_effect()
    {
        await using var bus = new TestBus();
        var script = new HandlerScript();
        var consumer = await bus.ConsumerAsync(await bus.DatabaseAsync("kitchen"), script);
        var publisher = await bus.PublisherAsync(await bus.DatabaseAsync("orders"));
        var order = new OrderPlaced(Guid.NewGuid(), 1);
        script.FailTimes(order.OrderId, 2);

        await publisher.PublishAsync(order);

        await Eventually.HoldsAsync(async () => await consumer.EffectsAsync(order.OrderId) == 1, "the third attempt succeeded");
        // Acknowledged: the message is done with, no further attempt can come.
        await Eventually.HoldsAsync(() => Task.FromResult(consumer.Metrics.Count("brigade.messaging.consumed", "outcome=handled") == 1), "the message was acknowledged");
        (await consumer.EffectsAsync(order.OrderId)).ShouldBe(1); // the failed attempts' effects were rolled back
        (await consumer.ScalarAsync("SELECT attempt FROM effects WHERE order_id = $1", order.OrderId)).ShouldBe(3);
        script.CallsFor(order.OrderId).ShouldBe(3);
        consumer.Metrics.Count("brigade.messaging.retried").ShouldBe(2);
        consumer.Metrics.Count("brigade.messaging.dead_lettered").ShouldBe(0);
    }

    [Fact]
    public async Task A_handler_that_always_fails_dead_letters_the_message_with_the_reason_and_a_replay_after_the_fix_has_one_effect()
    {
        await using var bus = new TestBus();
        var script = new HandlerScript();
        var consumer = await bus.ConsumerAsync(await bus.DatabaseAsync("kitchen"), script);
        var publisher = await bus.PublisherAsync(await bus.DatabaseAsync("orders"));
        var client = consumer.App.GetTestClient();
        var poison = new OrderPlaced(Guid.NewGuid(), 1);
        var healthy = new OrderPlaced(Guid.NewGuid(), 2);
        script.AlwaysFail(poison.OrderId);

        await publisher.PublishAsync(poison, healthy);

        await Eventually.HoldsAsync(() => Task.FromResult(consumer.Metrics.Count("brigade.messaging.dead_lettered", "reason=failed") == 1), "the message was dead-lettered");
        var list = await AsAdmin(client, HttpMethod.Get, "/admin/events/dead-letters");
        list.StatusCode.ShouldBe(HttpStatusCode.OK);
        var dead = (await list.Content.ReadFromJsonAsync<DeadLetterList>())!;
        dead.Total.ShouldBe(1);
        var letter = dead.Items.ShouldHaveSingleItem();
        letter.Reason.ShouldBe("failed");
        letter.ErrorType.ShouldBe("System.InvalidOperationException");
        letter.Error!.ShouldContain("scripted failure");
        letter.Attempts.ShouldBe(4);
        letter.Type.ShouldBe("test.order.placed");
        letter.Payload.ShouldContain(poison.OrderId.ToString());
        script.CallsFor(poison.OrderId).ShouldBe(4);
        (await consumer.EffectsAsync(poison.OrderId)).ShouldBe(0);
        (await consumer.EffectsAsync(healthy.OrderId)).ShouldBe(1);

        script.Fix(poison.OrderId);
        var replay = await AsAdmin(client, HttpMethod.Post, "/admin/events/dead-letters/replay", new { messageIds = new[] { letter.MessageId } });
        replay.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await replay.Content.ReadFromJsonAsync<DeadLetterActionResult>())!.Count.ShouldBe(1);

        await Eventually.HoldsAsync(async () => await consumer.EffectsAsync(poison.OrderId) == 1, "the replayed message was handled");
        await Eventually.HoldsAsync(() => Task.FromResult(consumer.Metrics.Count("brigade.messaging.consumed", "outcome=handled") == 2), "the replay was acknowledged");
        (await consumer.EffectsAsync(poison.OrderId)).ShouldBe(1);
        (await consumer.ScalarAsync("SELECT attempt FROM effects WHERE order_id = $1", poison.OrderId)).ShouldBe(1); // a fresh set of attempts
        (await consumer.DeadLetters.ListAsync(10, default)).Total.ShouldBe(0);
    }

    [Fact]
    public async Task Discarded_dead_letters_are_gone_and_have_no_effect()
    {
        await using var bus = new TestBus();
        var script = new HandlerScript();
        var consumer = await bus.ConsumerAsync(await bus.DatabaseAsync("kitchen"), script, c => c["Messaging:MaxAttempts"] = "1");
        var publisher = await bus.PublisherAsync(await bus.DatabaseAsync("orders"));
        var orders = Enumerable.Range(0, 3).Select(i => new OrderPlaced(Guid.NewGuid(), i)).ToArray();
        foreach (var order in orders)
        {
            script.AlwaysFail(order.OrderId);
        }

        await publisher.PublishAsync(orders);
        await Eventually.HoldsAsync(async () => (await consumer.DeadLetters.ListAsync(10, default)).Total == 3, "all three were dead-lettered");
        var listed = await consumer.DeadLetters.ListAsync(10, default);

        (await consumer.DeadLetters.DiscardAsync([listed.Items[1].MessageId!], default)).ShouldBe(1);
        var left = await consumer.DeadLetters.ListAsync(10, default);
        left.Items.Select(i => i.MessageId).ShouldBe([listed.Items[0].MessageId, listed.Items[2].MessageId]); // the others stay, in order
        (await consumer.DeadLetters.DiscardAsync(null, default)).ShouldBe(2);
        (await consumer.DeadLetters.ListAsync(10, default)).Total.ShouldBe(0);
        foreach (var order in orders)
        {
            (await consumer.EffectsAsync(order.OrderId)).ShouldBe(0);
            script.CallsFor(order.OrderId).ShouldBe(1);
        }
    }

    [Fact]
    public async Task Unreadable_messages_go_straight_to_dead_letters_with_the_reason()
    {
        await using var bus = new TestBus();
        var script = new HandlerScript();
        var consumer = await bus.ConsumerAsync(await bus.DatabaseAsync("kitchen"), script);
        var orderId = Guid.NewGuid();
        BasicProperties Props(string? type = "test.order.placed", int version = 1, bool withId = true) => new()
        {
            MessageId = withId ? Guid.CreateVersion7().ToString() : null,
            Type = type,
            ContentType = "application/json",
            Headers = new Dictionary<string, object?> { ["brigade-version"] = version },
        };
        var valid = Encoding.UTF8.GetBytes($"{{\"orderId\":\"{orderId}\",\"sequence\":1}}");

        await bus.PublishRawAsync("test.order.placed", Props(), Encoding.UTF8.GetBytes("{\"orderId\": not json"));
        await bus.PublishRawAsync("test.order.placed", Props(), Encoding.UTF8.GetBytes("{\"sequence\":1}"));
        await bus.PublishRawAsync("test.order.placed", Props(version: 99), valid);
        await bus.PublishRawAsync("test.order.placed", Props(type: "test.order.unknown"), valid);
        await bus.PublishRawAsync("test.order.placed", Props(withId: false), valid);

        await Eventually.HoldsAsync(() => Task.FromResult(consumer.Metrics.Count("brigade.messaging.dead_lettered", "reason=unreadable") == 5), "all five were dead-lettered");
        var dead = await consumer.DeadLetters.ListAsync(10, default);
        dead.Total.ShouldBe(5);
        dead.Items.ShouldAllBe(d => d.Reason == "unreadable" && d.Attempts == 1);
        dead.Items[0].Error!.ShouldContain("not a valid test.order.placed v1");
        dead.Items[1].Error!.ShouldContain("orderId");
        dead.Items[2].Error!.ShouldContain("no handler for test.order.placed v99");
        dead.Items[3].Error!.ShouldContain("no handler for test.order.unknown v1");
        dead.Items[4].Error!.ShouldContain("no valid message id");
        (await consumer.ScalarAsync("SELECT count(*) FROM effects")).ShouldBe(0);
        consumer.Metrics.Count("brigade.messaging.retried").ShouldBe(0);
    }

    [Fact]
    public async Task The_operator_endpoints_are_for_admins_only_and_check_their_input()
    {
        await using var bus = new TestBus();
        var consumer = await bus.ConsumerAsync(await bus.DatabaseAsync("kitchen"));
        var client = consumer.App.GetTestClient();

        (await client.GetAsync("/admin/events/dead-letters")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var diner = new HttpRequestMessage(HttpMethod.Get, "/admin/events/outbox");
        diner.Headers.Add(TestAuthentication.RolesHeader, "diner");
        (await client.SendAsync(diner)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var outbox = await AsAdmin(client, HttpMethod.Get, "/admin/events/outbox");
        outbox.StatusCode.ShouldBe(HttpStatusCode.OK);
        var status = JsonDocument.Parse(await outbox.Content.ReadAsStringAsync()).RootElement;
        status.GetProperty("backlog").GetInt64().ShouldBe(0);
        status.GetProperty("oldestAgeSeconds").ValueKind.ShouldBe(JsonValueKind.Null);

        (await AsAdmin(client, HttpMethod.Post, "/admin/events/dead-letters/replay", new { })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await AsAdmin(client, HttpMethod.Post, "/admin/events/dead-letters/discard", new { messageIds = new[] { "x" } })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await AsAdmin(client, HttpMethod.Post, "/admin/events/dead-letters/discard", new { messageIds = new[] { Guid.NewGuid() }, all = true })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await AsAdmin(client, HttpMethod.Get, "/admin/events/dead-letters?limit=0")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var none = await AsAdmin(client, HttpMethod.Post, "/admin/events/dead-letters/discard", new { all = true });
        none.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await none.Content.ReadFromJsonAsync<DeadLetterActionResult>())!.Count.ShouldBe(0);
    }

    private static Task<HttpResponseMessage> AsAdmin(HttpClient client, HttpMethod method, string path, object? body = null)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Add(TestAuthentication.RolesHeader, "admin");
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        return client.SendAsync(request);
    }
}

/// <summary>Authenticates a test request with the roles listed in a header (the real scheme is the Security building block's).</summary>
public sealed class TestAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Test";
    public const string RolesHeader = "X-Test-Roles";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(RolesHeader, out var roles))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var identity = new ClaimsIdentity(roles.ToString().Split(',').Select(r => new Claim(ClaimTypes.Role, r)).Append(new Claim("sub", "tester")), SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }
}

using System.Text.Json;
using Brigade.Contracts;
using RabbitMQ.Client;

namespace Brigade.Messaging.Tests;

public sealed class ContractsTests
{
    [Fact]
    public void Every_integration_event_in_contracts_is_a_named_sealed_record_with_generated_json()
    {
        var events = typeof(ContractsJson).Assembly.GetTypes()
            .Where(t => typeof(IIntegrationEvent).IsAssignableFrom(t) && t is { IsInterface: false, IsAbstract: false })
            .ToList();

        events.ShouldNotBeEmpty();
        foreach (var type in events)
        {
            type.IsSealed.ShouldBeTrue($"{type.Name} should be sealed");
            type.GetMethod("<Clone>$").ShouldNotBeNull($"{type.Name} should be a record");
            Should.NotThrow(() => EventType.Of(type), $"{type.Name} needs a valid [IntegrationEvent] name");
            Should.NotThrow(() => ContractsJson.Options.GetTypeInfo(type), $"{type.Name} needs [JsonSerializable] in its events file's context");
        }

        events.Select(EventType.Of).GroupBy(e => (e.Name, e.Version)).ShouldAllBe(g => g.Count() == 1);
    }

    [Fact]
    public void Payloads_are_camel_case_and_one_missing_a_required_value_is_refused()
    {
        var options = ContractsJson.CreateOptions(TestEventsJsonContext.Default);
        var orderId = Guid.NewGuid();

        JsonSerializer.Serialize(new OrderPlaced(orderId, 3), options).ShouldBe($"{{\"orderId\":\"{orderId}\",\"sequence\":3,\"note\":null}}");
        JsonSerializer.Deserialize<OrderPlaced>($"{{\"OrderId\":\"{orderId}\",\"sequence\":3,\"extra\":1}}", options).ShouldBe(new OrderPlaced(orderId, 3));
        Should.Throw<JsonException>(() => JsonSerializer.Deserialize<OrderPlaced>("{\"sequence\":3}", options));
    }

    [Fact]
    public void An_event_needs_a_conventional_name()
    {
        Should.Throw<InvalidOperationException>(() => EventType.Of(typeof(Unnamed))).Message.ShouldContain("[IntegrationEvent");
        Should.Throw<InvalidOperationException>(() => EventType.Of(typeof(BadlyNamed))).Message.ShouldContain("<service>.<entity>.<past-tense-verb>");
        EventType.Of(typeof(OrderPlaced)).ShouldBe(new EventType("test.order.placed", 1, typeof(OrderPlaced)));
    }

    [Fact]
    public void The_envelope_survives_the_trip_through_amqp_properties()
    {
        var envelope = new Envelope(Guid.CreateVersion7(), "test.order.placed", 2, new DateTimeOffset(2026, 3, 1, 12, 30, 15, 123, TimeSpan.Zero),
            "corr-1", Guid.NewGuid().ToString(), "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", "vendor=1", "orders/orders-2");

        var properties = EventMessage.Properties(envelope);

        properties.DeliveryMode.ShouldBe(DeliveryModes.Persistent);
        properties.ContentType.ShouldBe("application/json");
        var roundTripped = EventMessage.TryRead(RoundTrip(properties), out var problem);
        problem.ShouldBeNull();
        roundTripped.ShouldBe(envelope);
    }

    // What a consumer sees: string headers arrive as bytes.
    private static BasicProperties RoundTrip(BasicProperties properties) => new(properties)
    {
        Headers = properties.Headers!.ToDictionary(h => h.Key, h => h.Value is string s ? (object?)System.Text.Encoding.UTF8.GetBytes(s) : h.Value),
    };

    private sealed record Unnamed : IIntegrationEvent;

    [IntegrationEvent("OrderPlaced")]
    private sealed record BadlyNamed : IIntegrationEvent;
}

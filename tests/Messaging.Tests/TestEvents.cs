using System.Text.Json.Serialization;
using Brigade.Contracts;

namespace Brigade.Messaging.Tests;

[IntegrationEvent("test.order.placed")]
public sealed record OrderPlaced(Guid OrderId, int Sequence, string? Note = null) : IIntegrationEvent;

[IntegrationEvent("test.order.shipped")]
public sealed record OrderShipped(Guid OrderId) : IIntegrationEvent;

[JsonSerializable(typeof(OrderPlaced))]
[JsonSerializable(typeof(OrderShipped))]
internal sealed partial class TestEventsJsonContext : JsonSerializerContext;

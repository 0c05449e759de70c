using System.Text.Json.Serialization;

namespace Brigade.Contracts.Ordering;

/// <summary>
/// An order was served or picked up and paid (status <c>completed</c>). <paramref name="DinerId"/> is the
/// ordering diner's account, or null for an order taken without one.
/// Restaurants consumes it: a completed order makes the diner eligible to review.
/// </summary>
[IntegrationEvent("ordering.order.completed")]
public sealed record OrderCompleted(Guid OrderId, Guid RestaurantId, Guid? DinerId, DateTimeOffset CompletedAt) : IIntegrationEvent;

[JsonSerializable(typeof(OrderCompleted))]
internal sealed partial class OrderEventsJsonContext : JsonSerializerContext;

using System.Text.Json.Serialization;

namespace Brigade.Contracts.Chat;

/// <summary>
/// A message was stored in a room (<paramref name="Kind"/>: <c>text</c>, <c>image</c>, <c>system</c>).
/// <paramref name="Preview"/> is at most 100 characters, already masked where masking applies.
/// </summary>
[IntegrationEvent("chat.message.posted")]
public sealed record MessagePosted(
    Guid MessageId,
    Guid RoomId,
    Guid? SenderId,
    string Kind,
    string Preview,
    IReadOnlyList<Guid> MemberIds,
    DateTimeOffset PostedAt) : IIntegrationEvent;

[JsonSerializable(typeof(MessagePosted))]
internal sealed partial class ChatEventsJsonContext : JsonSerializerContext;

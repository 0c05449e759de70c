using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Brigade.Contracts;

namespace Brigade.Messaging;

/// <summary>JSON metadata for events defined outside Brigade.Contracts (tests, benchmarks).</summary>
internal sealed record ExtraEventTypes(IJsonTypeInfoResolver Resolver);

/// <summary>Serializes payloads with the source-generated contexts of Brigade.Contracts plus any registered extras.</summary>
internal sealed class EventSerializer
{
    private readonly JsonSerializerOptions _options;

    public EventSerializer(IEnumerable<ExtraEventTypes> extras)
    {
        var resolvers = extras.Select(e => e.Resolver).Prepend(ContractsJson.Resolver).Distinct().ToArray();
        _options = resolvers.Length == 1 ? ContractsJson.Options : ContractsJson.CreateOptions(JsonTypeInfoResolver.Combine(resolvers));
    }

    public JsonTypeInfo TypeInfo(Type type)
    {
        try
        {
            return _options.GetTypeInfo(type);
        }
        catch (NotSupportedException e)
        {
            throw new InvalidOperationException(
                $"No JSON metadata for event {type.FullName}: list it with [JsonSerializable(typeof({type.Name}))] on the JsonSerializerContext of its Contracts events file.", e);
        }
    }

    public string Serialize(object @event) => JsonSerializer.Serialize(@event, TypeInfo(@event.GetType()));

    /// <summary>Reads a payload; null or an exception means the message is unreadable.</summary>
    public object? Deserialize(ReadOnlySpan<byte> payload, JsonTypeInfo typeInfo) => JsonSerializer.Deserialize(payload, typeInfo);
}

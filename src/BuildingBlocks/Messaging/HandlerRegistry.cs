using System.Text.Json.Serialization.Metadata;
using Brigade.Contracts;

namespace Brigade.Messaging;

/// <summary>One <c>Handle&lt;TEvent, THandler&gt;()</c> registration.</summary>
internal sealed record HandlerBinding(Type EventType, Type HandlerType, Func<IServiceProvider, object, EventContext, CancellationToken, Task> Invoke);

/// <summary>An event name and version this service consumes, how to read it and the handlers that run for it.</summary>
internal sealed record HandledEvent(EventType Type, JsonTypeInfo JsonTypeInfo, IReadOnlyList<HandlerBinding> Handlers);

/// <summary>The events this service consumes, checked at start-up (name attribute, JSON metadata).</summary>
internal sealed class HandlerRegistry
{
    private readonly Dictionary<(string Name, int Version), HandledEvent> _events = [];

    public HandlerRegistry(IEnumerable<HandlerBinding> bindings, EventSerializer serializer)
    {
        foreach (var group in bindings.DistinctBy(b => (b.EventType, b.HandlerType)).GroupBy(b => b.EventType))
        {
            var type = EventType.Of(group.Key);
            if (_events.TryGetValue((type.Name, type.Version), out var other))
            {
                throw new InvalidOperationException($"{group.Key.FullName} and {other.Type.ClrType.FullName} are both event {type.Name} v{type.Version}.");
            }

            _events[(type.Name, type.Version)] = new HandledEvent(type, serializer.TypeInfo(group.Key), group.ToList());
        }
    }

    public bool IsEmpty => _events.Count == 0;

    public IEnumerable<string> RoutingKeys => _events.Keys.Select(k => k.Name).Distinct();

    public HandledEvent? Find(string name, int version) => _events.GetValueOrDefault((name, version));
}

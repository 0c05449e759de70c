using System.Collections.Concurrent;
using System.Reflection;
using System.Text.RegularExpressions;
using Brigade.Contracts;

namespace Brigade.Messaging;

/// <summary>An event record's name (routing key) and version, read from its <see cref="IntegrationEventAttribute"/>.</summary>
internal sealed record EventType(string Name, int Version, Type ClrType)
{
    private static readonly ConcurrentDictionary<Type, EventType> Known = new();

    public static EventType Of(Type type) => Known.GetOrAdd(type, Read);

    private static EventType Read(Type type)
    {
        var attribute = type.GetCustomAttribute<IntegrationEventAttribute>(inherit: false)
            ?? throw new InvalidOperationException($"{type.FullName} has no [IntegrationEvent(\"<service>.<entity>.<past-tense-verb>\")] attribute.");
        if (!EventNames.IsValid(attribute.Name))
        {
            throw new InvalidOperationException(
                $"Event name '{attribute.Name}' of {type.FullName} must look like <service>.<entity>.<past-tense-verb>: lowercase words separated by dots, at most 200 characters.");
        }

        if (attribute.Version < 1)
        {
            throw new InvalidOperationException($"Event {attribute.Name} of {type.FullName} must have a version of 1 or more.");
        }

        return new EventType(attribute.Name, attribute.Version, type);
    }
}

internal static partial class EventNames
{
    public static bool IsValid(string name) => name.Length <= 200 && Pattern().IsMatch(name);

    [GeneratedRegex("^[a-z][a-z0-9_-]*(\\.[a-z][a-z0-9_-]*){2,}$")]
    private static partial Regex Pattern();
}

namespace Brigade.Contracts;

/// <summary>
/// A fact one service tells the others. Events are records in this project, named with
/// <see cref="IntegrationEventAttribute"/> and listed in their file's <c>JsonSerializerContext</c>:
/// <code>
/// [IntegrationEvent("identity.user.registered")]
/// public sealed record UserRegistered(Guid UserId, string Email) : IIntegrationEvent;
///
/// [JsonSerializable(typeof(UserRegistered))]
/// internal sealed partial class IdentityEventsJsonContext : JsonSerializerContext;
/// </code>
/// </summary>
public interface IIntegrationEvent;

/// <summary>
/// The event's name, <c>&lt;service&gt;.&lt;entity&gt;.&lt;past-tense-verb&gt;</c> (also its routing key), and the
/// version of its payload. A change a consumer could not read is a new version, not an edit.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class IntegrationEventAttribute(string name, int version = 1) : Attribute
{
    public string Name { get; } = name;

    public int Version { get; } = version;
}

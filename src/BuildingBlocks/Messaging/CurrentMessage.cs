using Brigade.Contracts;

namespace Brigade.Messaging;

/// <summary>The message whose handler is running on this async flow, so events it adds carry its correlation and causation.</summary>
internal static class CurrentMessage
{
    private static readonly AsyncLocal<Envelope?> Value = new();

    public static Envelope? Envelope
    {
        get => Value.Value;
        set => Value.Value = value;
    }
}

namespace Brigade.Notifications.Domain;

/// <summary>A person's channel switches and quiet hours, as stored (times as <c>HH:mm</c>).</summary>
public sealed record PreferenceSet(IReadOnlyDictionary<string, bool> Channels, string? QuietStart, string? QuietEnd, string? QuietTimeZone)
{
    public bool Allows(string channel) => Channels.TryGetValue(channel, out var on) ? on : Domain.Channels.DefaultEnabled(channel);

    public QuietHours? Quiet =>
        QuietHours.TryParseTime(QuietStart, out var start) && QuietHours.TryParseTime(QuietEnd, out var end) && QuietHours.FindZone(QuietTimeZone) is { } zone
            ? new QuietHours(start, end, zone)
            : null;
}

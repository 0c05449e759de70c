namespace Brigade.Notifications.Domain;

/// <summary>The ways a notification reaches a person.</summary>
public static class Channels
{
    public const string InApp = "in_app";
    public const string Email = "email";
    public const string Sms = "sms";
    public const string Push = "push";

    public static readonly IReadOnlyList<string> All = [InApp, Email, Sms, Push];

    /// <summary>Without a stored choice: in-app and email on, SMS and push off (they cost money and wake people).</summary>
    public static bool DefaultEnabled(string channel) => channel is InApp or Email;
}

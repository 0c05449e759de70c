namespace Brigade.Notifications.Domain;

/// <summary>
/// What one notification says: inbox title and body, the email subject and text, the email's calendar invitation, if
/// any, and <see cref="Link"/>, a path in the web app (<c>/reservations?reservation=…</c>) the inbox item and the live
/// push carry so the app can open exactly what it is about (the email shows it as a full address).
/// </summary>
public sealed record Message(string Type, string Title, string Body, string EmailSubject, string EmailBody, Invitation? Invitation = null, string? Link = null)
{
    /// <summary>A message whose inbox and email texts are the same.</summary>
    public static Message Text(string type, string title, string body, string? link = null) => new(type, title, body, title, body, Link: link);
}

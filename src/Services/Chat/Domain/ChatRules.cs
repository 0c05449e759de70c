namespace Brigade.Chat.Domain;

public static class MessageKinds
{
    public const string Text = "text";
    public const string Image = "image";
    public const string System = "system";
}

public static class Sides
{
    public const string Worker = "worker";
    public const string Restaurant = "restaurant";
}

public static class RoomKinds
{
    public const string Staff = "staff";
    public const string Shift = "shift";
}

/// <summary>The rules of changing a message after it was sent.</summary>
public static class MessageRules
{
    public const int MaxText = 4000;
    public const int PreviewLength = 100;

    public enum Change { Allowed, NotSender, TooLate, Gone }

    /// <summary>Only its sender edits or deletes a message, within the window, and never a deleted or hidden one.</summary>
    public static Change CanChange(Guid? senderId, DateTimeOffset sentAt, bool deletedOrHidden, Guid caller, DateTimeOffset now, TimeSpan window) =>
        senderId != caller ? Change.NotSender
        : deletedOrHidden ? Change.Gone
        : now - sentAt > window ? Change.TooLate
        : Change.Allowed;

    public static string Preview(string kind, string? body) => kind == MessageKinds.Image && string.IsNullOrEmpty(body)
        ? "[사진]"
        : body is null ? "" : body.Length <= PreviewLength ? body : body[..(PreviewLength - 1)] + "…";
}

/// <summary>Who is told about a new message outside the app.</summary>
public static class OfflineNotice
{
    /// <summary>
    /// A member who is not connected, has not muted the room and has read everything they were last told about gets one
    /// notification; until they read, further messages add to the unread count, not to their notifications.
    /// </summary>
    public static bool Due(bool online, bool muted, long lastReadSeq, long lastNotifiedSeq) =>
        !online && !muted && lastNotifiedSeq <= lastReadSeq;
}

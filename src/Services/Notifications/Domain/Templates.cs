namespace Brigade.Notifications.Domain;

/// <summary>What one notification says: inbox title and body, the email subject and text, and the email's calendar invitation, if any.</summary>
public sealed record Message(string Type, string Title, string Body, string EmailSubject, string EmailBody, Invitation? Invitation = null);

/// <summary>The notification types this service writes.</summary>
public static class NotificationTypes
{
    public const string Welcome = "welcome";
    public const string EmailVerification = "email_verification";
    public const string PasswordReset = "password_reset";
    public const string ReservationCompleted = "reservation_completed";
    public const string Announcement = "announcement";
}

/// <summary>
/// Korean and English texts, chosen by the recipient's locale. Pure string work: the caller supplies names and
/// links, so every template is testable without I/O.
/// </summary>
public static class Templates
{
    public static Message Welcome(string locale, string name) => Locales.Normalize(locale) == Locales.English
        ? Text(NotificationTypes.Welcome, "Welcome to Brigade",
            $"Hello {name}, your Brigade account is ready. Find a table, order, or pick up a shift.")
        : Text(NotificationTypes.Welcome, "Brigade에 오신 것을 환영합니다",
            $"{name}님, Brigade 계정이 준비되었습니다. 식당 예약, 주문, 단기 근무를 시작해 보세요.");

    public static Message EmailVerification(string locale, string name, string link, DateTimeOffset expiresAt)
    {
        var until = expiresAt.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture);
        return Locales.Normalize(locale) == Locales.English
            ? Email(NotificationTypes.EmailVerification, "Confirm your email address",
                $"Hello {name},\r\n\r\nConfirm your email address for Brigade by opening this link:\r\n{link}\r\n\r\nThe link works once, until {until}. If you did not sign up, ignore this email.")
            : Email(NotificationTypes.EmailVerification, "이메일 주소를 확인해 주세요",
                $"{name}님, 안녕하세요.\r\n\r\n아래 링크를 열어 Brigade 이메일 주소를 확인해 주세요:\r\n{link}\r\n\r\n링크는 {until}까지 한 번만 사용할 수 있습니다. 가입하지 않으셨다면 이 메일을 무시하세요.");
    }

    public static Message PasswordReset(string locale, string name, string link, DateTimeOffset expiresAt)
    {
        var until = expiresAt.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture);
        return Locales.Normalize(locale) == Locales.English
            ? Email(NotificationTypes.PasswordReset, "Reset your password",
                $"Hello {name},\r\n\r\nSomeone asked to reset your Brigade password. To choose a new one, open this link:\r\n{link}\r\n\r\nThe link works once, until {until}. If it was not you, ignore this email; your password stays as it is.")
            : Email(NotificationTypes.PasswordReset, "비밀번호 재설정",
                $"{name}님, 안녕하세요.\r\n\r\nBrigade 비밀번호 재설정이 요청되었습니다. 새 비밀번호를 정하려면 아래 링크를 여세요:\r\n{link}\r\n\r\n링크는 {until}까지 한 번만 사용할 수 있습니다. 요청하지 않으셨다면 이 메일을 무시하세요. 비밀번호는 바뀌지 않습니다.");
    }

    public static Message ReservationCompleted(string locale) => Locales.Normalize(locale) == Locales.English
        ? Text(NotificationTypes.ReservationCompleted, "Thank you for your visit", "We hope you enjoyed your meal. You can now review the restaurant.")
        : Text(NotificationTypes.ReservationCompleted, "방문해 주셔서 감사합니다", "식사는 즐거우셨나요? 이제 식당 리뷰를 남길 수 있습니다.");

    /// <summary>A message an administrator or a service wrote; sent as given, in whatever language it was written.</summary>
    public static Message Announcement(string type, string title, string body) => Text(type, title, body);

    private static Message Text(string type, string title, string body) => new(type, title, body, title, body);

    // Email-only messages (they carry a secret link) never go to the inbox, so their inbox texts are just the subject.
    private static Message Email(string type, string subject, string body) => new(type, subject, subject, subject, body);
}

namespace Brigade.Notifications.Domain;

/// <summary>
/// Korean and English texts, chosen by the recipient's locale. Pure string work: the caller supplies names and
/// links, so every template is testable without I/O.
/// </summary>
public static class Templates
{
    private static bool En(string locale) => Locales.Normalize(locale) == Locales.English;

    public static Message Welcome(string locale, string name) => En(locale)
        ? Message.Text(NotificationTypes.Welcome, "Welcome to Brigade",
            $"Hello {name}, your Brigade account is ready. Find a table, order, or pick up a shift.")
        : Message.Text(NotificationTypes.Welcome, "Brigade에 오신 것을 환영합니다",
            $"{name}님, Brigade 계정이 준비되었습니다. 식당 예약, 주문, 단기 근무를 시작해 보세요.");

    public static Message EmailVerification(string locale, string name, string link, DateTimeOffset expiresAt)
    {
        var until = TimeText.When(expiresAt, null, locale, withZone: true);
        return En(locale)
            ? Email(NotificationTypes.EmailVerification, "Confirm your email address",
                $"Hello {name},\r\n\r\nConfirm your email address for Brigade by opening this link:\r\n{link}\r\n\r\nThe link works once, until {until}. If you did not sign up, ignore this email.")
            : Email(NotificationTypes.EmailVerification, "이메일 주소를 확인해 주세요",
                $"{name}님, 안녕하세요.\r\n\r\n아래 링크를 열어 Brigade 이메일 주소를 확인해 주세요:\r\n{link}\r\n\r\n링크는 {until}까지 한 번만 사용할 수 있습니다. 가입하지 않으셨다면 이 메일을 무시하세요.");
    }

    public static Message PasswordReset(string locale, string name, string link, DateTimeOffset expiresAt)
    {
        var until = TimeText.When(expiresAt, null, locale, withZone: true);
        return En(locale)
            ? Email(NotificationTypes.PasswordReset, "Reset your password",
                $"Hello {name},\r\n\r\nSomeone asked to reset your Brigade password. To choose a new one, open this link:\r\n{link}\r\n\r\nThe link works once, until {until}. If it was not you, ignore this email; your password stays as it is.")
            : Email(NotificationTypes.PasswordReset, "비밀번호 재설정",
                $"{name}님, 안녕하세요.\r\n\r\nBrigade 비밀번호 재설정이 요청되었습니다. 새 비밀번호를 정하려면 아래 링크를 여세요:\r\n{link}\r\n\r\n링크는 {until}까지 한 번만 사용할 수 있습니다. 요청하지 않으셨다면 이 메일을 무시하세요. 비밀번호는 바뀌지 않습니다.");
    }

    /// <summary>The password was changed from a signed-in session: if it was not the person, the reset link takes the account back.</summary>
    public static Message PasswordChanged(string locale, string name, DateTimeOffset changedAt, string forgotPasswordLink)
    {
        var when = TimeText.When(changedAt, null, locale, withZone: true);
        return En(locale)
            ? Email(NotificationTypes.PasswordChanged, "Your password was changed",
                $"Hello {name},\r\n\r\nThe password of your Brigade account was changed on {when}, and your other devices were signed out.\r\n\r\nIf that was not you, reset your password now:\r\n{forgotPasswordLink}")
            : Email(NotificationTypes.PasswordChanged, "비밀번호가 변경되었습니다",
                $"{name}님, 안녕하세요.\r\n\r\nBrigade 계정의 비밀번호가 {when}에 변경되었고, 다른 기기에서는 로그아웃되었습니다.\r\n\r\n본인이 바꾸지 않았다면 지금 비밀번호를 재설정해 주세요:\r\n{forgotPasswordLink}");
    }

    public static Message ReservationCompleted(string locale) => En(locale)
        ? Message.Text(NotificationTypes.ReservationCompleted, "Thank you for your visit", "We hope you enjoyed your meal. You can now review the restaurant.")
        : Message.Text(NotificationTypes.ReservationCompleted, "방문해 주셔서 감사합니다", "식사는 즐거우셨나요? 이제 식당 리뷰를 남길 수 있습니다.");

    /// <summary>A message an administrator or a service wrote; sent as given, in whatever language it was written.</summary>
    public static Message Announcement(string type, string title, string body) => Message.Text(type, title, body);

    /// <summary>
    /// A message another service asked for (<c>notifications.notification.requested</c>): its English texts for people who
    /// chose English when it has them, else its Korean ones.
    /// </summary>
    public static Message Requested(string locale, string type, string title, string body, string? titleEn, string? bodyEn, string? link) =>
        En(locale) && !string.IsNullOrWhiteSpace(titleEn) && !string.IsNullOrWhiteSpace(bodyEn)
            ? Message.Text(type, titleEn.Trim(), bodyEn.Trim(), link)
            : Message.Text(type, title.Trim(), body.Trim(), link);

    // Email-only messages (they carry a secret link) never go to the inbox, so their inbox texts are just the subject.
    private static Message Email(string type, string subject, string body) => new(type, subject, subject, subject, body);
}

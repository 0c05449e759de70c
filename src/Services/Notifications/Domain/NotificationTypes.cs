namespace Brigade.Notifications.Domain;

/// <summary>The notification types this service writes itself (requested ones carry the requesting service's code).</summary>
public static class NotificationTypes
{
    public const string Welcome = "welcome";
    public const string EmailVerification = "email_verification";
    public const string PasswordReset = "password_reset";
    public const string PasswordChanged = "password_changed";
    public const string ReservationCompleted = "reservation_completed";
    public const string Announcement = "announcement";
}

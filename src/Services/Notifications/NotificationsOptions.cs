namespace Brigade.Notifications;

/// <summary>Settings under <c>Notifications</c>, checked at start.</summary>
public sealed class NotificationsOptions
{
    /// <summary>Where people open links from emails (the web app behind the gateway).</summary>
    public string PublicBaseUrl { get; set; } = "http://localhost:5000";

    /// <summary>Page that posts a verification token to <c>POST /api/auth/verify-email</c>.</summary>
    public string VerifyEmailPath { get; set; } = "/verify-email";

    /// <summary>Page that posts a reset token and new password to <c>POST /api/auth/reset-password</c>.</summary>
    public string ResetPasswordPath { get; set; } = "/reset-password";

    /// <summary>Page where a person asks for a password-reset email (linked from "your password was changed").</summary>
    public string ForgotPasswordPath { get; set; } = "/forgot-password";

    public EmailOptions Email { get; set; } = new();

    public SmsOptions Sms { get; set; } = new();

    public PushOptions Push { get; set; } = new();

    public DeliveryOptions Delivery { get; set; } = new();

    /// <summary><c>POST /api/notifications/send</c> calls allowed per caller per minute.</summary>
    public int SendPermitsPerMinute { get; set; } = 60;

    /// <summary>Recipients one send may reach (a role or a big restaurant); beyond it the request is refused.</summary>
    public int SendMaxRecipients { get; set; } = 5000;

    public string Link(string path, string token) =>
        PublicBaseUrl.TrimEnd('/') + "/" + path.TrimStart('/') + "?token=" + Uri.EscapeDataString(token);
}

public sealed class EmailOptions
{
    /// <summary>When set, emails are written as <c>.eml</c> files here instead of sent (relative paths from the working directory).</summary>
    public string? PickupDirectory { get; set; }

    public string From { get; set; } = "Brigade <no-reply@brigade.local>";

    public string? Host { get; set; }

    public int Port { get; set; } = 587;

    public bool EnableSsl { get; set; } = true;

    public string? UserName { get; set; }

    public string? Password { get; set; }

    public int TimeoutSeconds { get; set; } = 30;
}

public sealed class SmsOptions
{
    /// <summary><c>file</c> (development: JSON lines in <see cref="Directory"/>), <c>http</c> (an HTTP SMS gateway) or <c>none</c>.</summary>
    public string Provider { get; set; } = "file";

    /// <summary>For <c>file</c>: where <c>sms.jsonl</c> is written; default <c>Brigade:StateDirectory</c>/sms or ./sms.</summary>
    public string? Directory { get; set; }

    /// <summary>For <c>http</c>: the gateway's send URL; it receives <c>{ from, to, text }</c> as JSON.</summary>
    public string? Url { get; set; }

    public string? ApiKey { get; set; }

    public string Sender { get; set; } = "Brigade";
}

public sealed class PushOptions
{
    /// <summary><c>file</c> (development), <c>fcm</c> (Firebase Cloud Messaging HTTP v1) or <c>none</c>.</summary>
    public string Provider { get; set; } = "file";

    public string? Directory { get; set; }

    /// <summary>For <c>fcm</c>: the Firebase project id.</summary>
    public string? FcmProjectId { get; set; }

    /// <summary>For <c>fcm</c>: an OAuth 2 access token with the firebase.messaging scope (rotated by the platform's secret store).</summary>
    public string? FcmAccessToken { get; set; }

    public string FcmEndpoint { get; set; } = "https://fcm.googleapis.com";
}

public sealed class DeliveryOptions
{
    /// <summary>How often the delivery worker looks for due messages.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Attempts per message, the first included; then it is failed for good (visible to admins).</summary>
    public int MaxAttempts { get; set; } = 6;

    /// <summary>Wait before the second attempt; it doubles with each attempt up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(10);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How long a claimed message is held by one worker before another may try it.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);

    public int BatchSize { get; set; } = 20;
}

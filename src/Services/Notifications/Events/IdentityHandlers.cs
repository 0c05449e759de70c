using Brigade.Contracts.Identity;
using Brigade.Messaging;
using Brigade.Notifications.Data;
using Brigade.Notifications.Domain;
using Microsoft.Extensions.Options;

namespace Brigade.Notifications.Events;

/// <summary>A new account: remember how to reach the person, and welcome them (inbox and email, as they prefer).</summary>
public sealed class WelcomeRegisteredUser(Notifier notifier) : IEventHandler<UserRegistered>
{
    public async Task HandleAsync(UserRegistered e, EventContext context, CancellationToken ct)
    {
        // The event carries no locale yet: Korean until the person picks English in their preferences.
        await Recipients.UpsertAsync(context.Connection, context.Transaction, e.UserId, e.Email, e.Name, e.Phone, e.Roles, null, e.RegisteredAt, ct);
        await notifier.NotifyAsync(context.Connection, context.Transaction, e.UserId, null, locale => Templates.Welcome(locale, e.Name), ct);
    }
}

/// <summary>Emails the verification link; the link's page posts the token to <c>POST /api/auth/verify-email</c>.</summary>
public sealed class SendVerificationEmail(Notifier notifier, IOptions<NotificationsOptions> options) : IEventHandler<EmailVerificationRequested>
{
    public async Task HandleAsync(EmailVerificationRequested e, EventContext context, CancellationToken ct)
    {
        var locale = (await Recipients.FindAsync(context.Connection, context.Transaction, e.UserId, ct))?.Locale ?? Locales.Korean;
        var link = options.Value.Link(options.Value.VerifyEmailPath, e.Token);
        await notifier.EmailNowAsync(context.Connection, context.Transaction, e.UserId, e.Email, Templates.EmailVerification(locale, e.Name, link, e.ExpiresAt), ct);
    }
}

/// <summary>Emails the password-reset link; the link's page posts the token and new password to <c>POST /api/auth/reset-password</c>.</summary>
public sealed class SendPasswordResetEmail(Notifier notifier, IOptions<NotificationsOptions> options) : IEventHandler<PasswordResetRequested>
{
    public async Task HandleAsync(PasswordResetRequested e, EventContext context, CancellationToken ct)
    {
        var locale = (await Recipients.FindAsync(context.Connection, context.Transaction, e.UserId, ct))?.Locale ?? Locales.Korean;
        var link = options.Value.Link(options.Value.ResetPasswordPath, e.Token);
        await notifier.EmailNowAsync(context.Connection, context.Transaction, e.UserId, e.Email, Templates.PasswordReset(locale, e.Name, link, e.ExpiresAt), ct);
    }
}

/// <summary>
/// The person changed their password from a signed-in session: tell them by email at once (whatever their preferences
/// and quiet hours), so someone else's change does not go unnoticed; the email links to the reset page.
/// </summary>
public sealed class SendPasswordChangedEmail(Notifier notifier, IOptions<NotificationsOptions> options) : IEventHandler<PasswordChanged>
{
    public async Task HandleAsync(PasswordChanged e, EventContext context, CancellationToken ct)
    {
        var locale = (await Recipients.FindAsync(context.Connection, context.Transaction, e.UserId, ct))?.Locale ?? Locales.Korean;
        var link = options.Value.PublicBaseUrl.TrimEnd('/') + "/" + options.Value.ForgotPasswordPath.TrimStart('/');
        await notifier.EmailNowAsync(context.Connection, context.Transaction, e.UserId, e.Email, Templates.PasswordChanged(locale, e.Name, e.ChangedAt, link), ct);
    }
}

public sealed class RememberRoles : IEventHandler<UserRolesChanged>
{
    public Task HandleAsync(UserRolesChanged e, EventContext context, CancellationToken ct) =>
        Recipients.SetRolesAsync(context.Connection, context.Transaction, e.UserId, e.Roles, e.ChangedAt, ct);
}

public sealed class ForgetDeletedUser : IEventHandler<UserDeleted>
{
    public Task HandleAsync(UserDeleted e, EventContext context, CancellationToken ct) =>
        Recipients.ForgetAsync(context.Connection, context.Transaction, e.UserId, ct);
}

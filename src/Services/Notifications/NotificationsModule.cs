using Brigade.Api;
using Brigade.Contracts.Identity;
using Brigade.Contracts.Notifications;
using Brigade.Contracts.Reservations;
using Brigade.Contracts.Restaurants;
using Brigade.Data;
using Brigade.Messaging;
using Brigade.Notifications.Api;
using Brigade.Notifications.Data;
using Brigade.Notifications.Delivery;
using Brigade.Notifications.Domain;
using Brigade.Notifications.Events;
using Brigade.Notifications.Hubs;
using Brigade.Notifications.Jobs;
using Brigade.Security;
using Brigade.ServiceDefaults;
using Microsoft.Extensions.Options;

namespace Brigade.Notifications;

public static class NotificationsModule
{
    public static WebApplicationBuilder AddNotifications(this WebApplicationBuilder builder)
    {
        builder.AddDatabase(typeof(NotificationsModule).Assembly);
        builder.AddMessaging(m => m
            .Handle<UserRegistered, WelcomeRegisteredUser>()
            .Handle<EmailVerificationRequested, SendVerificationEmail>()
            .Handle<PasswordResetRequested, SendPasswordResetEmail>()
            .Handle<PasswordChanged, SendPasswordChangedEmail>()
            .Handle<UserRolesChanged, RememberRoles>()
            .Handle<UserDeleted, ForgetDeletedUser>()
            .Handle<MembershipChanged, MirrorIdentityMembership>()
            .Handle<MemberAdded, MirrorMemberAdded>()
            .Handle<MemberRemoved, MirrorMemberRemoved>()
            .Handle<RestaurantCreated, RememberRestaurantName>()
            .Handle<RestaurantUpdated, RememberRestaurantName>()
            .Handle<ReservationConfirmed, AnnounceConfirmedReservation>()
            .Handle<ReservationModified, AnnounceModifiedReservation>()
            .Handle<ReservationCancelled, AnnounceCancelledReservation>()
            .Handle<ReservationNoShow, AnnounceNoShow>()
            .Handle<ReservationReminderDue, RemindDiner>()
            .Handle<ReservationCompleted, ThankDinerAfterVisit>()
            .Handle<SlotOffered, OfferFreedSlot>()
            .Handle<WaitlistReady, CallWaitlistParty>()
            .Handle<DepositRequested, AskForDeposit>()
            .Handle<NotificationRequested, DeliverRequestedNotification>()
            .Handle<NotificationCreated, PushNotificationLive>());
        builder.Services.AddValidation();

        var services = builder.Services;
        services.AddSettings<NotificationsOptions>()
            .Validate(o => Uri.TryCreate(o.PublicBaseUrl, UriKind.Absolute, out _), "Notifications:PublicBaseUrl must be an absolute URL.")
            .Validate(o => o.Sms.Provider is "file" or "http" or "none", "Notifications:Sms:Provider must be file, http or none.")
            .Validate(o => o.Sms.Provider != "http" || Uri.TryCreate(o.Sms.Url, UriKind.Absolute, out _), "Notifications:Sms:Url is required for the http provider.")
            .Validate(o => o.Push.Provider is "file" or "fcm" or "none", "Notifications:Push:Provider must be file, fcm or none.")
            .Validate(o => o.Push.Provider != "fcm" || (!string.IsNullOrWhiteSpace(o.Push.FcmProjectId) && !string.IsNullOrWhiteSpace(o.Push.FcmAccessToken)),
                "Notifications:Push:FcmProjectId and FcmAccessToken are required for the fcm provider.")
            .Validate(o => o.Delivery.MaxAttempts >= 1 && o.Delivery.PollInterval > TimeSpan.Zero && o.Delivery.BatchSize >= 1,
                "Notifications:Delivery needs MaxAttempts >= 1, a positive PollInterval and BatchSize >= 1.");

        services.AddSingleton<Notifier>();
        services.AddSingleton<Broadcaster>();
        services.AddSingleton<Inbox>();
        services.AddSingleton<Deliveries>();
        services.AddSingleton<PreferenceStore>();
        services.AddSingleton(sp => new SendLimiter(sp.GetRequiredService<IOptions<NotificationsOptions>>().Value.SendPermitsPerMinute));

        var stateDirectory = builder.Configuration["Brigade:StateDirectory"];
        string LocalDirectory(string? configured, string name) =>
            Path.GetFullPath(configured ?? (string.IsNullOrEmpty(stateDirectory) ? name : Path.Combine(stateDirectory, name)));

        services.AddSingleton<IChannelSender, EmailSender>();
        services.AddHttpClient(HttpSmsSender.ClientName, http => http.Timeout = TimeSpan.FromSeconds(15));
        services.AddHttpClient(FcmPushSender.ClientName, http => http.Timeout = TimeSpan.FromSeconds(15));
        services.AddSingleton<HttpSmsSender>();
        services.AddSingleton<FcmPushSender>();
        services.AddSingleton<IChannelSender>(sp =>
        {
            var o = sp.GetRequiredService<IOptions<NotificationsOptions>>().Value.Sms;
            return o.Provider switch
            {
                "http" => sp.GetRequiredService<HttpSmsSender>(),
                "file" => new LocalFileSender(Channels.Sms, LocalDirectory(o.Directory, "sms")),
                _ => new DisabledSender(Channels.Sms),
            };
        });
        services.AddSingleton<IChannelSender>(sp =>
        {
            var o = sp.GetRequiredService<IOptions<NotificationsOptions>>().Value.Push;
            return o.Provider switch
            {
                "fcm" => sp.GetRequiredService<FcmPushSender>(),
                "file" => new LocalFileSender(Channels.Push, LocalDirectory(o.Directory, "push")),
                _ => new DisabledSender(Channels.Push),
            };
        });
        services.AddHostedService<DeliveryWorker>();

        builder.AddHubs();
        return builder;
    }

    public static WebApplication MapNotificationsApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/notifications");
        api.MapInbox();
        api.MapPreferences();
        api.MapDeliveries();
        app.MapHub<NotificationsHub>(NotificationsHub.Path).RequireAuthorization(Policies.User);
        app.MapMessagingAdmin();
        return app;
    }
}

using Brigade.Api;
using Brigade.Contracts.Restaurants;
using Brigade.Data;
using Brigade.Identity.Api;
using Brigade.Identity.Data;
using Brigade.Identity.Domain;
using Brigade.Identity.Events;
using Brigade.Identity.Jobs;
using Brigade.Messaging;
using Brigade.Security;
using Brigade.ServiceDefaults;

namespace Brigade.Identity;

public static class IdentityModule
{
    /// <summary>Registers identity: database and migrations, events in and out, validation, signing keys, sessions, rate limits, jobs.</summary>
    public static WebApplicationBuilder AddIdentity(this WebApplicationBuilder builder)
    {
        builder.AddDatabase(typeof(IdentityModule).Assembly);
        builder.AddMessaging(m => m
            .Handle<MemberAdded, MemberAddedHandler>()
            .Handle<MemberRemoved, MemberRemovedHandler>());

        builder.Services.AddValidation();

        var services = builder.Services;
        services.AddSettings<IdentityOptions>();

        // Fail at start, naming the setting, rather than at the first login.
        builder.Configuration.GetRequired("ServiceAuth:ClientSecret");
        services.AddSingleton(new KeyProtector(builder.Configuration.GetRequired("Identity:KeyEncryptionKey")));

        services.AddSingleton<SigningKeyRing>();
        services.AddSingleton<IValidationKeys>(sp => sp.GetRequiredService<SigningKeyRing>()); // identity trusts its own key ring
        services.AddSingleton<Passwords>();
        services.AddSingleton<UserStore>();
        services.AddSingleton<MembershipStore>();
        services.AddSingleton<SessionStore>();
        services.AddSingleton<Sessions>();
        services.AddIdentityRateLimits();

        services.AddHostedService<IdentityStartup>();
        services.AddHostedService<RevocationSync>();
        services.AddHostedService<KeyRotationJob>();
        return builder;
    }

    public static WebApplication MapIdentity(this WebApplication app)
    {
        app.UseRateLimiter();
        app.MapAuthApi();
        app.MapUsersApi();
        app.MapMembershipsApi();
        app.MapMessagingAdmin();
        return app;
    }
}

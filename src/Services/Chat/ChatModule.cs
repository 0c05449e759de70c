using Brigade.Api;
using Brigade.Chat.Api;
using Brigade.Chat.Data;
using Brigade.Chat.Events;
using Brigade.Chat.Hubs;
using Brigade.Contracts.Jobs;
using Brigade.Contracts.Restaurants;
using Brigade.Data;
using Brigade.Messaging;
using Brigade.Security;
using Brigade.ServiceDefaults;

namespace Brigade.Chat;

public static class ChatModule
{
    public static WebApplicationBuilder AddChat(this WebApplicationBuilder builder)
    {
        builder.AddDatabase(typeof(ChatModule).Assembly);
        builder.AddMessaging(m => m
            .Handle<RestaurantCreated, LearnRestaurantOwner>()
            .Handle<MemberAdded, LearnMemberAdded>()
            .Handle<MemberRemoved, LearnMemberRemoved>()
            .Handle<ApplicationSubmitted, OpenApplicationRoom>()
            .Handle<ApplicationAccepted, OpenShiftRoom>()
            .Handle<ShiftCancelled, NoteCancelledShift>());
        builder.Services.AddValidation();

        var services = builder.Services;
        services.AddSettings<ChatOptions>();
        services.AddSingleton<RoomStore>();
        services.AddSingleton<MessageStore>();
        services.AddSingleton<ShiftRooms>();
        services.AddSingleton<ChatFanout>();
        services.AddSingleton<SendLimiter>();
        services.AddSingleton<Posting>();
        services.AddSingleton<Presence>();
        services.AddHostedService(sp => sp.GetRequiredService<Presence>());

        builder.AddHubs();
        return builder;
    }

    public static WebApplication MapChatApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/chat");
        api.MapRooms();
        api.MapMessages();
        api.MapModeration();
        app.MapHub<ChatHub>(ChatHub.Path).RequireAuthorization(Policies.User);
        app.MapHub<ChatHub>(ChatHub.SeedPath).RequireAuthorization(Policies.User);
        app.MapMessagingAdmin();
        return app;
    }
}

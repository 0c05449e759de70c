using Brigade.Api;
using Brigade.Contracts.Identity;
using Brigade.Contracts.Ordering;
using Brigade.Contracts.Reservations;
using Brigade.Data;
using Brigade.Messaging;
using Brigade.Restaurants.Api;
using Brigade.Restaurants.Clients;
using Brigade.Restaurants.Data;
using Brigade.Restaurants.DemoData;
using Brigade.Restaurants.Events;
using Microsoft.Extensions.Options;

namespace Brigade.Restaurants;

public static class RestaurantsModule
{
    public static WebApplicationBuilder AddRestaurants(this WebApplicationBuilder builder)
    {
        builder.AddDatabase(typeof(RestaurantsModule).Assembly);
        builder.AddMessaging(m => m
            .Handle<ReservationCompleted, RecordReservationVisit>()
            .Handle<OrderClosed, RecordOrderVisit>()
            .Handle<MembershipChanged, MirrorIdentityMembership>()
            .Handle<UserDeleted, ForgetDeletedUser>()
            .Handle<UserRolesChanged, LearnUserRoles>());
        builder.Services.AddValidation();

        var services = builder.Services;
        services.AddSettings<RestaurantsOptions>();
        services.AddSettings<ServiceAuthOptions>();
        services.AddSingleton<RestaurantCache>();
        services.AddSingleton<RestaurantStore>();
        services.AddSingleton<MemberStore>();
        services.AddSingleton<PlatformRoleStore>();
        services.AddSingleton<HoursStore>();
        services.AddSingleton<MenuStore>();
        services.AddSingleton<FloorStore>();
        services.AddSingleton<ReviewStore>();
        services.AddSingleton<IndexFeedStore>();

        services.AddSingleton<ServiceTokenCache>();
        services.AddHttpClient<IdentityClient>((provider, http) =>
        {
            // http://identity is resolved by service discovery to the replicas in Services:identity.
            var url = provider.GetRequiredService<IOptions<RestaurantsOptions>>().Value.IdentityUrl
                ?? (provider.GetRequiredService<IConfiguration>().GetSection("Services:identity").Exists() ? "http://identity" : null);
            if (Uri.TryCreate(url, UriKind.Absolute, out var baseAddress))
            {
                http.BaseAddress = new Uri(baseAddress.ToString().TrimEnd('/') + "/");
            }
        });

        services.AddSingleton<DemoDataLoader>();
        services.AddHostedService(provider => provider.GetRequiredService<DemoDataLoader>());
        return builder;
    }

    public static WebApplication MapRestaurantsApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/restaurants");
        api.MapRestaurantProfiles();
        api.MapHours();
        api.MapMenu();
        api.MapFloor();
        api.MapMembers();
        api.MapReviews();
        api.MapIndexFeed();
        app.MapMessagingAdmin();
        return app;
    }
}

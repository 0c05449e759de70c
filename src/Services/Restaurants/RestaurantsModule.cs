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

namespace Brigade.Restaurants;

/// <summary>Settings under <c>Restaurants</c>.</summary>
public sealed class RestaurantsOptions
{
    public const string Section = "Restaurants";

    /// <summary>Load the Seoul demo restaurants at start. Default: only in the <c>Local</c> environment.</summary>
    public bool? LoadDemoData { get; set; }

    /// <summary>An account made owner of every demo restaurant (e.g. a demo owner created in identity); none when unset.</summary>
    public Guid? DemoOwnerUserId { get; set; }

    /// <summary>Identity's base URL; default: <c>http://identity</c>, its replicas in the launcher's service list (<c>Services:identity</c>).</summary>
    public string? IdentityUrl { get; set; }
}

public static class RestaurantsModule
{
    public static WebApplicationBuilder AddRestaurants(this WebApplicationBuilder builder)
    {
        builder.AddDatabase(typeof(RestaurantsModule).Assembly);
        builder.AddMessaging(m => m
            .Handle<ReservationCompleted, RecordReservationVisit>()
            .Handle<OrderClosed, RecordOrderVisit>()
            .Handle<MembershipChanged, MirrorIdentityMembership>()
            .Handle<UserDeleted, ForgetDeletedUser>());
        builder.Services.AddValidation();

        var services = builder.Services;
        services.AddOptions<RestaurantsOptions>().BindConfiguration(RestaurantsOptions.Section);
        services.AddSingleton<RestaurantCache>();
        services.AddSingleton<RestaurantStore>();
        services.AddSingleton<MemberStore>();
        services.AddSingleton<HoursStore>();
        services.AddSingleton<MenuStore>();
        services.AddSingleton<FloorStore>();
        services.AddSingleton<ReviewStore>();
        services.AddSingleton<IndexFeedStore>();

        services.AddSingleton<ServiceTokenCache>();
        services.AddHttpClient<IdentityClient>((provider, http) =>
        {
            // http://identity is resolved by service discovery to the replicas in Services:identity.
            var configuration = provider.GetRequiredService<IConfiguration>();
            var url = configuration[$"{RestaurantsOptions.Section}:{nameof(RestaurantsOptions.IdentityUrl)}"]
                ?? (configuration.GetSection("Services:identity").Exists() ? "http://identity" : null);
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

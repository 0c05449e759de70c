using Brigade.Api;
using Brigade.Contracts.Inventory;
using Brigade.Contracts.Payments;
using Brigade.Contracts.Reservations;
using Brigade.Contracts.Restaurants;
using Brigade.Data;
using Brigade.Messaging;
using Brigade.Ordering.Api;
using Brigade.Ordering.Data;
using Brigade.Ordering.Events;
using Brigade.Ordering.Hubs;
using Brigade.Security;
using Brigade.ServiceDefaults;

namespace Brigade.Ordering;

public static class OrderingModule
{
    public static WebApplicationBuilder AddOrdering(this WebApplicationBuilder builder)
    {
        builder.AddDatabase(typeof(OrderingModule).Assembly);
        builder.AddMessaging(m => m
            .Handle<RestaurantCreated, LearnCreatedRestaurant>()
            .Handle<RestaurantUpdated, LearnUpdatedRestaurant>()
            .Handle<RestaurantPublished, LearnPublishedRestaurant>()
            .Handle<RestaurantClosed, LearnClosedRestaurant>()
            .Handle<MenuItemChanged, LearnMenuItem>()
            .Handle<MenuDaypartsChanged, LearnDayparts>()
            .Handle<TableChanged, LearnTable>()
            .Handle<MenuItemAvailabilityChanged, LearnPortions>()
            .Handle<ReservationConfirmed, LearnConfirmedReservation>()
            .Handle<ReservationModified, LearnModifiedReservation>()
            .Handle<ReservationCancelled, CancelPreOrders>()
            .Handle<ReservationCompleted, LearnCompletedReservation>()
            .Handle<ReservationNoShow, LearnNoShow>()
            .Handle<PaymentCompleted, RecordPayment>()
            .Handle<PaymentFailed, RecordPaymentFailure>()
            .Handle<PaymentRefunded, RecordRefund>());
        builder.Services.AddValidation();
        builder.Services.AddSettings<OrderingOptions>();
        builder.AddHubs();

        var services = builder.Services;
        services.AddSingleton<FactsReader>();
        services.AddSingleton<OrderStore>();
        services.AddSingleton<KitchenStore>();
        services.AddSingleton<SettingsStore>();
        services.AddSingleton<StatsStore>();
        services.AddSingleton<CartStore>();
        services.AddSingleton<Live>();
        return builder;
    }

    public static WebApplication MapOrderingApi(this WebApplication app)
    {
        app.MapGroup("/api/orders").MapOrders().MapRestaurantOrdering();
        app.MapGroup("/api/carts").MapCarts();
        app.MapGroup("/api/kitchen").MapKitchen();
        app.MapHub<KitchenHub>(KitchenHub.Path).RequireAuthorization(Policies.User);
        app.MapHub<CartHub>(CartHub.Path).RequireAuthorization(Policies.User);
        app.MapMessagingAdmin();
        return app;
    }
}

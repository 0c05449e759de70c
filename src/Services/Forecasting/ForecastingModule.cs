using Brigade.Api;
using Brigade.Contracts.Inventory;
using Brigade.Contracts.Ordering;
using Brigade.Contracts.Reservations;
using Brigade.Contracts.Restaurants;
using Brigade.Data;
using Brigade.Forecasting.Api;
using Brigade.Forecasting.Data;
using Brigade.Forecasting.Events;
using Brigade.Forecasting.Jobs;
using Brigade.Messaging;
using Brigade.ServiceDefaults;

namespace Brigade.Forecasting;

public static class ForecastingModule
{
    public static WebApplicationBuilder AddForecasting(this WebApplicationBuilder builder)
    {
        builder.AddDatabase(typeof(ForecastingModule).Assembly);
        builder.AddMessaging(m => m
            .Handle<OrderClosed, BookClosedOrder>()
            .Handle<OrderReopened, UnbookReopenedOrder>()
            .Handle<OrderCancelled, UnbookCancelledOrder>()
            .Handle<ReservationConfirmed, RecordReservation>()
            .Handle<ReservationModified, RecordReservation>()
            .Handle<ReservationCancelled, RecordReservation>()
            .Handle<ReservationNoShow, RecordReservation>()
            .Handle<ReservationCompleted, RecordReservation>()
            .Handle<RestaurantCreated, RecordRestaurant>()
            .Handle<RestaurantUpdated, RecordRestaurant>()
            .Handle<RestaurantPublished, RecordRestaurant>()
            .Handle<RestaurantClosed, RecordRestaurant>()
            .Handle<MenuItemChanged, RecordMenuItem>()
            .Handle<MenuItemAvailabilityChanged, RecordMenuItem>());
        builder.Services.AddValidation();
        builder.Services.AddSettings<ForecastingOptions>();

        var services = builder.Services;
        services.AddSingleton<HistoryStore>();
        services.AddSingleton<ModelStore>();
        services.AddSingleton<OverrideStore>();
        services.AddSingleton<LabourSettingsStore>();
        services.AddSingleton<RecommendationStore>();
        services.AddSingleton<ModelTrainer>();
        services.AddHostedService<NightlyRetrain>();
        services.AddHostedService<DemoHistoryLoader>();
        return builder;
    }

    public static WebApplication MapForecastingApi(this WebApplication app)
    {
        app.MapGroup("/api/forecasts/{restaurantId:guid}")
            .MapForecasts()
            .MapPlanning();
        app.MapRecommendations();
        app.MapMessagingAdmin();
        return app;
    }
}

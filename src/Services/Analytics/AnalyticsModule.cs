using Brigade.Analytics.Api;
using Brigade.Analytics.Data;
using Brigade.Analytics.Events;
using Brigade.Analytics.Jobs;
using Brigade.Api;
using Brigade.Contracts.Inventory;
using Brigade.Contracts.Jobs;
using Brigade.Contracts.Ordering;
using Brigade.Contracts.Payments;
using Brigade.Contracts.Reservations;
using Brigade.Contracts.Restaurants;
using Brigade.Contracts.Staff;
using Brigade.Data;
using Brigade.Messaging;

namespace Brigade.Analytics;

public static class AnalyticsModule
{
    public static WebApplicationBuilder AddAnalytics(this WebApplicationBuilder builder)
    {
        builder.AddDatabase(typeof(AnalyticsModule).Assembly);
        builder.AddMessaging(m => m
            .Handle<OrderClosed, OrderFacts>()
            .Handle<OrderReopened, OrderFacts>()
            .Handle<OrderCancelled, OrderFacts>()
            .Handle<PaymentCompleted, PaymentFacts>()
            .Handle<PaymentRefunded, PaymentFacts>()
            .Handle<ReservationConfirmed, ReservationFacts>()
            .Handle<ReservationModified, ReservationFacts>()
            .Handle<ReservationCancelled, ReservationFacts>()
            .Handle<ReservationNoShow, ReservationFacts>()
            .Handle<ReservationCompleted, ReservationFacts>()
            .Handle<TimecardApproved, CostFacts>()
            .Handle<StockMoved, CostFacts>()
            .Handle<RecipeCosted, MenuCostFacts>()
            .Handle<TableChanged, FloorFacts>()
            .Handle<HoursChanged, FloorFacts>()
            .Handle<ApplicationAccepted, JobFacts>()
            .Handle<ShiftCancelled, JobFacts>());
        builder.Services.AddValidation();

        var services = builder.Services;
        services.AddSettings<AnalyticsOptions>();
        services.AddSingleton<DashboardStore>();
        services.AddSingleton<InsightsStore>();
        services.AddSingleton<SummaryStore>();
        services.AddSingleton<WeeklySummaryJob>();
        services.AddHostedService(sp => sp.GetRequiredService<WeeklySummaryJob>());
        services.AddSingleton<DashboardCache>();
        services.AddScoped<Ingest>();
        return builder;
    }

    public static WebApplication MapAnalyticsApi(this WebApplication app)
    {
        app.MapGroup("/api/analytics").MapDashboard().MapInsights().MapPlatform();
        app.MapMessagingAdmin();
        return app;
    }
}

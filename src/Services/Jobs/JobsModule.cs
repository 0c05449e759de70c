using Brigade.Api;
using Brigade.Contracts.Restaurants;
using Brigade.Data;
using Brigade.Jobs.Api;
using Brigade.Jobs.Data;
using Brigade.Jobs.DemoData;
using Brigade.Jobs.Events;
using Brigade.Jobs.Jobs;
using Brigade.Messaging;

namespace Brigade.Jobs;

public static class JobsModule
{
    public static WebApplicationBuilder AddJobs(this WebApplicationBuilder builder)
    {
        builder.AddDatabase(typeof(JobsModule).Assembly);
        builder.AddMessaging(m => m
            .Handle<RestaurantCreated, LearnCreatedRestaurant>()
            .Handle<RestaurantUpdated, LearnUpdatedRestaurant>()
            .Handle<RestaurantPublished, LearnPublishedRestaurant>()
            .Handle<RestaurantClosed, LearnClosedRestaurant>());
        builder.Services.AddValidation();

        var services = builder.Services;
        services.AddSettings<JobsOptions>();
        services.AddSingleton<VenueStore>();
        services.AddSingleton<JobStore>();
        services.AddSingleton<BookingStore>();
        services.AddSingleton<WorkerStore>();
        services.AddSingleton<RosterStore>();
        services.AddSingleton<ShiftClock>();
        services.AddHostedService(provider => provider.GetRequiredService<ShiftClock>());
        services.AddSingleton<DemoShifts>();
        services.AddHostedService(provider => provider.GetRequiredService<DemoShifts>());
        return builder;
    }

    public static WebApplication MapJobsApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/jobs");
        api.MapPostings();
        api.MapApplications();
        api.MapWorkers();
        app.MapMessagingAdmin();
        return app;
    }
}

using Brigade.Api;
using Brigade.Contracts.Jobs;
using Brigade.Contracts.Restaurants;
using Brigade.Data;
using Brigade.Messaging;
using Brigade.Search.Api;
using Brigade.Search.Clients;
using Brigade.Search.Data;
using Brigade.Search.Events;
using Brigade.Search.Index;
using Brigade.Search.Jobs;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Brigade.Search;

public static class SearchModule
{
    public static WebApplicationBuilder AddSearch(this WebApplicationBuilder builder)
    {
        // Before AddDatabase: this replica's tables go to a schema of its own (see ReplicaSchema).
        ReplicaSchema.Use(builder);
        builder.AddDatabase(typeof(SearchModule).Assembly);
        builder.AddMessaging(m => m
            .Handle<RestaurantCreated, IndexCreatedRestaurant>()
            .Handle<RestaurantUpdated, IndexUpdatedRestaurant>()
            .Handle<RestaurantPublished, IndexPublishedRestaurant>()
            .Handle<RestaurantClosed, DropClosedRestaurant>()
            .Handle<HoursChanged, IndexHours>()
            .Handle<MenuItemChanged, IndexMenuItem>()
            .Handle<JobCreated, IndexCreatedJob>()
            .Handle<JobUpdated, IndexUpdatedJob>()
            .Handle<JobDeleted, DropDeletedJob>());
        builder.Services.AddValidation();

        // Every replica keeps its own index, so it must see every event: a queue of its own, named after the instance.
        var configuration = builder.Configuration;
        builder.Services.PostConfigure<MessagingOptions>(o =>
        {
            if (string.IsNullOrWhiteSpace(o.QueuePrefix) && configuration["Brigade:InstanceId"] is { Length: > 0 } instance)
            {
                o.QueuePrefix = instance;
            }
        });

        var services = builder.Services;
        services.AddSettings<SearchOptions>();
        services.AddSingleton<SearchEngine>();
        services.AddSingleton<PopularQueries>();
        services.AddSingleton<FeedClient>();
        foreach (var source in new[] { FeedClient.Identity, FeedClient.Restaurants, FeedClient.Jobs })
        {
            services.AddHttpClient(source, (provider, http) =>
            {
                // http://<service> is resolved by service discovery to the replicas in Services:<service>.
                if (FeedClient.BaseAddress(provider.GetRequiredService<IConfiguration>(), provider.GetRequiredService<IOptions<SearchOptions>>().Value, source) is { } address)
                {
                    http.BaseAddress = address;
                }
            });
        }

        services.AddSingleton<IndexBuilder>();
        services.AddHostedService(provider => provider.GetRequiredService<IndexBuilder>());
        services.AddSingleton<Suggestions>();
        services.AddHostedService(provider => provider.GetRequiredService<Suggestions>());
        services.AddHealthChecks().AddCheck<IndexHealthCheck>("index", HealthStatus.Degraded, [Brigade.ServiceDefaults.ServiceDefaultsExtensions.ReadyTag]);
        return builder;
    }

    public static WebApplication MapSearchApi(this WebApplication app)
    {
        // These endpoints check their input themselves (FieldErrors) and take services as parameters (SearchServices,
        // Suggestions, IndexBuilder). Left on, the validation generator walks those services' public graph on every request:
        // the engine's whole catalogue (every restaurant with its hours and menu, every job), about 1 s per search at
        // 5,000 documents and 7 s at 20,000 before the handler even ran.
        app.MapGroup("/api/search").MapSearchEndpoints().DisableValidation();
        app.MapMessagingAdmin();
        return app;
    }

    /// <summary>Degraded until the first snapshot of the sources is in the index: the replica serves, but may miss what came before it started.</summary>
    private sealed class IndexHealthCheck(IndexBuilder builder) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            Task.FromResult(builder.HasBuilt
                ? HealthCheckResult.Healthy()
                : new HealthCheckResult(context.Registration.FailureStatus, "the index is not built from the sources yet; events are indexed meanwhile"));
    }
}

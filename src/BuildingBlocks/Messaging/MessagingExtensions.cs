using Brigade.Data;
using Brigade.ServiceDefaults;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Brigade.Messaging;

public static class MessagingExtensions
{
    /// <summary>
    /// Adds the outbox (<see cref="IOutbox"/>) and its relay, the consumer of this service's queue for the
    /// handlers registered in <paramref name="configure"/>, the messaging tables' migrations, metrics, the
    /// <c>broker</c> readiness check and <see cref="DeadLetters"/>. Call after <c>AddServiceDefaults</c> and
    /// <c>AddDatabase</c>. Reads <c>ConnectionStrings:RabbitMq</c> and section <c>Messaging</c>.
    /// </summary>
    public static TBuilder AddMessaging<TBuilder>(this TBuilder builder, Action<MessagingBuilder>? configure = null)
        where TBuilder : IHostApplicationBuilder
    {
        var services = builder.Services;
        if (!services.Any(d => d.ServiceType == typeof(BrokerAddress)))
        {
            var uri = builder.Configuration.GetRequired("ConnectionStrings:RabbitMq");
            if (!Uri.TryCreate(uri, UriKind.Absolute, out var parsed) || parsed.Scheme is not ("amqp" or "amqps"))
            {
                throw new InvalidOperationException("Setting 'ConnectionStrings:RabbitMq' must be an AMQP URI such as amqp://user:password@host:5672/.");
            }

            services.AddSingleton(new BrokerAddress(parsed));
            AddCore(services);
        }

        configure?.Invoke(new MessagingBuilder(services));
        return builder;
    }

    private static void AddCore(IServiceCollection services)
    {
        services.AddOptions<MessagingOptions>()
            .BindConfiguration(MessagingOptions.Section)
            .Validate(o => !string.IsNullOrWhiteSpace(o.Exchange), "Messaging:Exchange must not be empty.")
            .Validate(o => o.QueuePrefix is null || (o.QueuePrefix.Length is > 0 and <= 200 && !o.QueuePrefix.StartsWith("amq.", StringComparison.Ordinal)),
                "Messaging:QueuePrefix must be 1 to 200 characters and not start with 'amq.'.")
            .Validate(o => o.MaxAttempts >= 1, "Messaging:MaxAttempts must be at least 1.")
            .Validate(o => o.Prefetch >= 1 && o.Concurrency >= 1, "Messaging:Prefetch and Messaging:Concurrency must be at least 1.")
            .Validate(o => o.RelayBatchSize is >= 1 and <= 10_000, "Messaging:RelayBatchSize must be between 1 and 10000.")
            .Validate(o => o.EffectiveRetryDelays.All(d => d >= TimeSpan.Zero), "Messaging:RetryDelays must not be negative.")
            .Validate(o => o.RelayPollInterval > TimeSpan.Zero && o.RelayMaxBackoff > TimeSpan.Zero && o.PublishTimeout > TimeSpan.Zero && o.RecoveryInterval > TimeSpan.Zero,
                "Messaging intervals and timeouts must be positive.")
            .ValidateOnStart();

        services.AddMigrations(new MigrationSource("messaging", typeof(MessagingExtensions).Assembly));
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);

        services.AddSingleton<EventSerializer>();
        services.AddSingleton<RelayWakeup>();
        services.AddSingleton<IOutbox, Outbox>();
        services.AddSingleton<BrokerConnections>();
        services.AddSingleton<MessagingMetrics>();
        services.AddSingleton(sp => Topology.From(sp.GetRequiredService<IOptions<MessagingOptions>>().Value, sp.GetRequiredService<ServiceIdentity>()));
        services.AddSingleton<HandlerRegistry>();
        services.AddSingleton<OutboxMonitor>();
        services.AddSingleton(sp => new DeadLetters(sp.GetRequiredService<BrokerConnections>(), sp.GetRequiredService<Topology>(), sp.GetRequiredService<ILogger<DeadLetters>>()));

        services.AddHostedService(sp => sp.GetRequiredService<OutboxMonitor>());
        services.AddHostedService<OutboxRelay>();
        services.AddSingleton<EventConsumer>();
        services.AddHostedService(sp => sp.GetRequiredService<EventConsumer>());

        services.AddHealthChecks().AddCheck<BrokerHealthCheck>("broker", HealthStatus.Degraded, [ServiceDefaultsExtensions.ReadyTag]);
    }
}

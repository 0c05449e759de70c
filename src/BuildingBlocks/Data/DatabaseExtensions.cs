using System.Reflection;
using Brigade.ServiceDefaults;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace Brigade.Data;

public static class DatabaseExtensions
{
    /// <summary>
    /// Registers the service's PostgreSQL data source (<c>ConnectionStrings:Database</c>), the migrator
    /// (building-block migrations first, then the service's own from <paramref name="migrations"/>),
    /// the idempotency-key store and the database readiness check.
    /// </summary>
    public static WebApplicationBuilder AddDatabase(this WebApplicationBuilder builder, Assembly migrations)
    {
        var connectionString = builder.Configuration.GetRequired("ConnectionStrings:Database");
        DapperConventions.Apply();
        var services = builder.Services;
        services.TryAddSingleton(_ =>
        {
            var dataSource = new NpgsqlDataSourceBuilder(connectionString);
            dataSource.ConnectionStringBuilder.ApplicationName ??= builder.Environment.ApplicationName;

            // Skipping Npgsql's DISCARD ALL on return to the pool halves the round trips of short
            // transactions. Safe because no code leaves session state on pooled connections: locks are
            // transaction-scoped (pg_advisory_xact_lock), the migrator unlocks, the outbox relay UNLISTENs.
            dataSource.ConnectionStringBuilder.NoResetOnClose = true;
            return dataSource.Build();
        });

        services.AddMigrations(new MigrationSource("data", typeof(DatabaseExtensions).Assembly));
        services.AddMigrations(new MigrationSource("service", migrations));
        services.TryAddSingleton<Migrator>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, MigrationRunner>());

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IdempotencyStore>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, IdempotencyKeyCleanup>());

        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: [ServiceDefaultsExtensions.ReadyTag]);
        return builder;
    }

    /// <summary>Adds a component's embedded migrations (building blocks call this for their own tables).</summary>
    public static IServiceCollection AddMigrations(this IServiceCollection services, MigrationSource source)
    {
        if (!services.Any(d => d.ServiceType == typeof(MigrationSource) && (d.ImplementationInstance as MigrationSource)?.Component == source.Component))
        {
            services.AddSingleton(source);
        }

        return services;
    }

    private sealed class MigrationRunner(Migrator migrator) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => migrator.MigrateAsync(cancellationToken);

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    private sealed class DatabaseHealthCheck(NpgsqlDataSource dataSource) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                await using var command = dataSource.CreateCommand("SELECT 1");
                await command.ExecuteScalarAsync(cancellationToken);
                return HealthCheckResult.Healthy();
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
            {
                return HealthCheckResult.Unhealthy("database unreachable: " + e.Message);
            }
        }
    }
}

using System.Diagnostics.Metrics;
using Brigade.Data;
using Brigade.ServiceDefaults;
using Brigade.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Brigade.Messaging.Tests;

/// <summary>A service built the way Brigade services are (ServiceDefaults, Database, Messaging), on TestServer.</summary>
public sealed class MessagingHost : IAsyncDisposable
{
    private bool _stopped;

    private MessagingHost(WebApplication app, TestDatabase database, HandlerScript script, string queuePrefix)
    {
        App = app;
        Database = database;
        Script = script;
        QueuePrefix = queuePrefix;
        Metrics = new HostMetrics(app.Services.GetRequiredService<IMeterFactory>());
    }

    public WebApplication App { get; }

    public TestDatabase Database { get; }

    public HandlerScript Script { get; }

    public string QueuePrefix { get; }

    public HostMetrics Metrics { get; }

    public IOutbox Outbox => App.Services.GetRequiredService<IOutbox>();

    public DeadLetters DeadLetters => App.Services.GetRequiredService<DeadLetters>();

    /// <summary>Settings every test host gets: short retry delays and backoff so tests stay quick.</summary>
    public static Dictionary<string, string?> DefaultSettings(string databaseConnectionString, string rabbitMqUri, string exchange, string queuePrefix) => new()
    {
        ["ConnectionStrings:Database"] = databaseConnectionString,
        ["ConnectionStrings:RabbitMq"] = rabbitMqUri,
        ["Messaging:Exchange"] = exchange,
        ["Messaging:QueuePrefix"] = queuePrefix,
        ["Messaging:MaxAttempts"] = "4",
        ["Messaging:RetryDelays:0"] = "00:00:00.200",
        ["Messaging:RetryDelays:1"] = "00:00:00.400",
        ["Messaging:RelayPollInterval"] = "00:00:00.500",
        ["Messaging:RelayMaxBackoff"] = "00:00:01",
        ["Messaging:RecoveryInterval"] = "00:00:01",
        ["Logging:LogLevel:Default"] = "Warning",
        ["Logging:LogLevel:Microsoft.Extensions.Diagnostics.HealthChecks"] = "Error",
        ["Logging:LogLevel:Brigade.Messaging"] = Environment.GetEnvironmentVariable("BRIGADE_TEST_MESSAGING_LOG") ?? "None",
    };

    public static async Task<MessagingHost> StartAsync(
        string service,
        TestDatabase database,
        IDictionary<string, string?> settings,
        bool consume,
        HandlerScript? script = null,
        Action<IServiceCollection>? services = null)
    {
        script ??= new HandlerScript();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseTestServer();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddServiceDefaults(service);
        builder.AddDatabase(typeof(MessagingHost).Assembly);
        builder.Services.AddSingleton(script);
        builder.Services.AddAuthentication(TestAuthentication.SchemeName)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, TestAuthentication>(TestAuthentication.SchemeName, null);
        builder.AddMessaging(m =>
        {
            m.AddEventTypes(TestEventsJsonContext.Default);
            if (consume)
            {
                m.Handle<OrderPlaced, RecordEffect>();
            }
        });
        services?.Invoke(builder.Services);

        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapMessagingAdmin();
        await app.StartAsync();
        await Eventually.HoldsAsync(async () =>
            (await app.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(c => c.Name == "broker")).Status == HealthStatus.Healthy,
            $"{service} is connected to the broker and consuming");
        return new MessagingHost(app, database, script, settings["Messaging:QueuePrefix"]!);
    }

    /// <summary>Adds the events to the outbox in one committed transaction.</summary>
    public async Task PublishAsync(params OrderPlaced[] events)
    {
        var dataSource = App.Services.GetRequiredService<NpgsqlDataSource>();
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        foreach (var e in events)
        {
            await Outbox.AddAsync(connection, transaction, e);
        }

        await transaction.CommitAsync();
    }

    public async Task<long> ScalarAsync(string sql, params object[] parameters)
    {
        await using var command = Database.DataSource.CreateCommand(sql);
        foreach (var p in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = p });
        }

        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public Task<long> EffectsAsync(Guid orderId) => ScalarAsync("SELECT count(*) FROM effects WHERE order_id = $1", orderId);

    public async Task StopAsync()
    {
        if (!_stopped)
        {
            _stopped = true;
            await App.StopAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await App.DisposeAsync();
        Metrics.Dispose();
    }
}

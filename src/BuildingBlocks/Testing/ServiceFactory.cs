using System.Collections.Concurrent;
using System.Text.Json;
using Brigade.Contracts;
using Brigade.Messaging;
using Dapper;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Mvc.Testing;
using Npgsql;
using Xunit;

namespace Brigade.Testing;

/// <summary>
/// Hosts a service in-process (TestServer) against its own database, copied from a per-service
/// template that was migrated once per test run, the real test broker with an exchange of its own, and the real
/// test Redis with a key and channel prefix of its own (the exchange's name: replicas sharing an exchange share it).
/// Use as an xunit class fixture: <c>IClassFixture&lt;ServiceFactory&lt;Program&gt;&gt;</c>, or derive to add settings.
/// </summary>
public class ServiceFactory<TProgram> : WebApplicationFactory<TProgram>, IAsyncLifetime where TProgram : class
{
    private static readonly ConcurrentDictionary<Type, Lazy<Task<string>>> Templates = new();

    private TestDatabase? _database;
    private string? _templateConnectionString;
    private string? _replicaOf;

    public TestDatabase Database => _database ?? throw new InvalidOperationException("The factory is not initialised yet.");

    /// <summary>The topic exchange this factory's service publishes to and consumes from; unique per factory.</summary>
    public string Exchange { get; set; } = $"test.{Guid.NewGuid():N}";

    /// <summary>
    /// Makes this host another replica of <paramref name="first"/> (call before initialising): the same database,
    /// exchange (so they share the service's queue) and Redis prefix (cache and hub backplane), as behind the gateway.
    /// </summary>
    public void ReplicaOf(ServiceFactory<TProgram> first)
    {
        _replicaOf = first.Database.ConnectionString;
        Exchange = first.Exchange;
    }

    public virtual async Task InitializeAsync()
    {
        var template = await Templates.GetOrAdd(GetType(), _ => new Lazy<Task<string>>(CreateTemplateAsync)).Value;
        _database = await TestDatabase.CreateAsync(typeof(TProgram).Assembly.GetName().Name ?? "service", template);
    }

    public new virtual async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    /// <summary>A single number from the service's database (<c>SELECT count(*) …</c>).</summary>
    public async Task<long> CountAsync(string sql, object? args = null)
    {
        await using var connection = await Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync();
        return await connection.ExecuteScalarAsync<long>(sql, args);
    }

    /// <summary>The outbox events (type, payload) whose payload mentions <paramref name="id"/>, oldest first.</summary>
    public async Task<IReadOnlyList<(string Type, JsonElement Payload)>> EventsAboutAsync(Guid id)
    {
        await using var connection = await Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync();
        var rows = await connection.QueryAsync<(string Type, string Payload)>(
            "SELECT type, payload::text FROM messaging_outbox WHERE strpos(payload::text, @id) > 0 ORDER BY position", new { id = id.ToString() });
        return rows.Select(r => (r.Type, JsonDocument.Parse(r.Payload).RootElement.Clone())).ToList();
    }

    /// <summary>Publishes <paramref name="event"/> as another service would: through this service's outbox and the broker.</summary>
    public async Task PublishAsync<TEvent>(TEvent @event) where TEvent : IIntegrationEvent
    {
        var outbox = Services.GetRequiredService<IOutbox>();
        await using var connection = await Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await outbox.AddAsync(connection, transaction, @event);
        await transaction.CommitAsync();
    }

    /// <summary>Waits until <paramref name="condition"/> holds (events arrive asynchronously), failing after the timeout.</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> condition, string what, int timeoutSeconds = 20)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out after {timeoutSeconds} s waiting for {what}.");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>Settings the hosted service sees; override and call base to add or change some.</summary>
    protected virtual void ConfigureSettings(IDictionary<string, string?> settings)
    {
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Database"] = _templateConnectionString ?? _replicaOf ?? Database.ConnectionString,
            ["ConnectionStrings:RabbitMq"] = TestInfrastructure.RabbitMqUri,
            ["Messaging:Exchange"] = Exchange,
            ["Messaging:QueuePrefix"] = $"{Exchange}.{typeof(TProgram).Assembly.GetName().Name}",
            ["ConnectionStrings:Redis"] = TestInfrastructure.RedisConnectionString,
            ["Redis:Prefix"] = $"{Exchange}:",
        };
        ConfigureSettings(settings);
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
    }

    /// <summary>Migrates a template database once per factory type by starting the service against it.</summary>
    private async Task<string> CreateTemplateAsync()
    {
        var label = "tmpl_" + TestDatabase.Sanitize(typeof(TProgram).Assembly.GetName().Name ?? "service");
        var name = $"brigade_{label}_{Environment.ProcessId}_{Guid.NewGuid():N}";
        name = name[..Math.Min(name.Length, Math.Min(63, label.Length + 50))]; // a short label and a 3-digit pid make it shorter than that
        await TestDatabase.ExecuteAdminAsync($"CREATE DATABASE \"{name}\"");
        var connectionString = new NpgsqlConnectionStringBuilder(TestInfrastructure.PostgresAdminConnectionString) { Database = name }.ConnectionString;

        _templateConnectionString = connectionString;
        try
        {
            await using var factory = WithWebHostBuilder(_ => { });
            _ = factory.Services; // starting the host applies the migrations
        }
        finally
        {
            _templateConnectionString = null;
        }

        NpgsqlConnection.ClearAllPools();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => TestDatabase.DropAsync(name).GetAwaiter().GetResult();
        return name;
    }
}

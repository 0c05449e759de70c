using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Npgsql;
using Xunit;

namespace Brigade.Testing;

/// <summary>
/// Hosts a service in-process (TestServer) against its own database, copied from a per-service
/// template that was migrated once per test run, and the real test broker with an exchange of its own.
/// Use as an xunit class fixture: <c>IClassFixture&lt;ServiceFactory&lt;Program&gt;&gt;</c>, or derive to add settings.
/// </summary>
public class ServiceFactory<TProgram> : WebApplicationFactory<TProgram>, IAsyncLifetime where TProgram : class
{
    private static readonly ConcurrentDictionary<Type, Lazy<Task<string>>> Templates = new();

    private TestDatabase? _database;
    private string? _templateConnectionString;

    public TestDatabase Database => _database ?? throw new InvalidOperationException("The factory is not initialised yet.");

    /// <summary>The topic exchange this factory's service publishes to and consumes from; unique per factory.</summary>
    public string Exchange { get; set; } = $"test.{Guid.NewGuid():N}";

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

    /// <summary>Settings the hosted service sees; override and call base to add or change some.</summary>
    protected virtual void ConfigureSettings(IDictionary<string, string?> settings)
    {
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Database"] = _templateConnectionString ?? Database.ConnectionString,
            ["ConnectionStrings:RabbitMq"] = TestInfrastructure.RabbitMqUri,
            ["Messaging:Exchange"] = Exchange,
            ["Messaging:QueuePrefix"] = $"{Exchange}.{typeof(TProgram).Assembly.GetName().Name}",
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
        var name = $"brigade_{label}_{Environment.ProcessId}_{Guid.NewGuid():N}"[..Math.Min(63, label.Length + 50)];
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

using Brigade.ServiceDefaults;
using Npgsql;

namespace Brigade.Search.Data;

/// <summary>
/// Every replica keeps its own index and so consumes every event from a queue of its own. The messaging inbox, which
/// makes a redelivered message harmless, is one table per database and keyed by message id: replicas sharing it would
/// take each other's events for duplicates. So each replica's tables (migrations, inbox, outbox) live in a schema named
/// after its instance (<c>search</c>, <c>search_2</c>) in the service's one database; only <c>public.search_queries</c>
/// is shared. The connection string's search path points there; the schema is created before the migrations run.
/// </summary>
public static class ReplicaSchema
{
    /// <summary>The schema of <paramref name="instanceId"/>: lower-case letters, digits and underscores.</summary>
    public static string Of(string instanceId)
    {
        var name = new string(instanceId.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_').ToArray());
        return char.IsAsciiLetter(name.FirstOrDefault()) ? name[..Math.Min(name.Length, 60)] : "r_" + name[..Math.Min(name.Length, 58)];
    }

    /// <summary>Points <c>ConnectionStrings:Database</c> at the instance's schema.</summary>
    public static void Use(WebApplicationBuilder builder)
    {
        var instance = builder.Configuration["Brigade:InstanceId"] is { Length: > 0 } id ? id : "search";
        var connection = new NpgsqlConnectionStringBuilder(builder.Configuration.GetRequired("ConnectionStrings:Database")) { SearchPath = Of(instance) };
        builder.Configuration["ConnectionStrings:Database"] = connection.ConnectionString;
        builder.Services.AddHostedService<SchemaCreator>();
    }

    /// <summary>Registered before the migrator, so it runs first.</summary>
    private sealed class SchemaCreator(IConfiguration configuration) : IHostedService
    {
        public async Task StartAsync(CancellationToken cancellationToken)
        {
            var connection = new NpgsqlConnectionStringBuilder(configuration.GetRequired("ConnectionStrings:Database"));
            var schema = connection.SearchPath!;
            await using var db = new NpgsqlConnection(connection.ConnectionString);
            await db.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand($"CREATE SCHEMA IF NOT EXISTS \"{schema}\"", db);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}

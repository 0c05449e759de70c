using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Dapper;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Brigade.Data;

/// <summary>
/// A set of numbered SQL files (<c>0001_init.sql</c>, …), normally embedded in an assembly under a
/// <c>Migrations</c> folder. Components (Data, Messaging, the service itself) each have their own
/// set and their own version numbers.
/// </summary>
public sealed class MigrationSource
{
    private readonly Func<IEnumerable<(string FileName, string Sql)>> _files;

    public MigrationSource(string component, Assembly assembly)
        : this(component, () => EmbeddedFiles(assembly))
    {
    }

    public MigrationSource(string component, Func<IEnumerable<(string FileName, string Sql)>> files)
    {
        Component = component;
        _files = files;
    }

    public string Component { get; }

    public IReadOnlyList<Migration> Load()
    {
        var migrations = new List<Migration>();
        foreach (var (fileName, text) in _files())
        {
            var underscore = fileName.IndexOf('_', StringComparison.Ordinal);
            if (underscore <= 0 || !int.TryParse(fileName[..underscore], out var version))
            {
                throw new MigrationException($"Migration '{fileName}' of {Component} must be named NNNN_description.sql.");
            }

            var sql = text.Replace("\r\n", "\n", StringComparison.Ordinal);
            migrations.Add(new Migration(Component, version, fileName, sql, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sql)))));
        }

        var duplicate = migrations.GroupBy(m => m.Version).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new MigrationException($"{Component} has two migrations numbered {duplicate.Key}: {string.Join(", ", duplicate.Select(m => m.Name))}.");
        }

        return migrations.OrderBy(m => m.Version).ToList();
    }

    private static IEnumerable<(string, string)> EmbeddedFiles(Assembly assembly)
    {
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            var marker = resource.IndexOf(".Migrations.", StringComparison.Ordinal);
            if (marker < 0 || !resource.EndsWith(".sql", StringComparison.Ordinal))
            {
                continue;
            }

            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream, Encoding.UTF8);
            yield return (resource[(marker + ".Migrations.".Length)..], reader.ReadToEnd());
        }
    }
}

public sealed record Migration(string Component, int Version, string Name, string Sql, string Checksum);

/// <summary>Raised when the database's migration history disagrees with the code; start-up stops.</summary>
public sealed class MigrationException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Applies embedded SQL migrations at start-up. Each file runs in its own transaction and is recorded
/// in <c>schema_migrations</c> with its checksum; a session advisory lock makes replicas that start
/// together apply each file once; a file edited after it was applied stops start-up.
/// </summary>
public sealed class Migrator(NpgsqlDataSource dataSource, IEnumerable<MigrationSource> sources, ILogger<Migrator> logger)
{
    private const long LockKey = 0x42_52_49_47_41_44_45; // "BRIGADE"

    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        // Building blocks' tables first, then the service's own, whose SQL may refer to them.
        var all = sources.OrderBy(s => s.Component == "service" ? 1 : 0).SelectMany(s => s.Load()).ToList();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_lock(@LockKey)", new { LockKey }, cancellationToken: cancellationToken));
        try
        {
            await connection.ExecuteAsync(new CommandDefinition("""
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    component  text        NOT NULL,
                    version    integer     NOT NULL,
                    name       text        NOT NULL,
                    checksum   text        NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now(),
                    PRIMARY KEY (component, version)
                )
                """, cancellationToken: cancellationToken));

            var applied = (await connection.QueryAsync<(string Component, int Version, string Name, string Checksum)>(
                    new CommandDefinition("SELECT component, version, name, checksum FROM schema_migrations", cancellationToken: cancellationToken)))
                .ToDictionary(r => (r.Component, r.Version));

            foreach (var migration in all)
            {
                if (applied.TryGetValue((migration.Component, migration.Version), out var done))
                {
                    if (done.Checksum != migration.Checksum)
                    {
                        throw new MigrationException(
                            $"Migration {migration.Component}/{migration.Name} was changed after it was applied (recorded checksum {done.Checksum[..12]}…, file {migration.Checksum[..12]}…). " +
                            "Never edit an applied migration: add a new numbered file instead.");
                    }

                    continue;
                }

                await ApplyAsync(connection, migration, cancellationToken);
            }
        }
        finally
        {
            await connection.ExecuteAsync("SELECT pg_advisory_unlock(@LockKey)", new { LockKey });
        }
    }

    private async Task ApplyAsync(NpgsqlConnection connection, Migration migration, CancellationToken cancellationToken)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        try
        {
            await using (var command = new NpgsqlCommand(migration.Sql, connection, transaction))
            {
                await command.ExecuteNonQueryAsync(cancellationToken);
            }

            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO schema_migrations (component, version, name, checksum) VALUES (@Component, @Version, @Name, @Checksum)",
                migration, transaction, cancellationToken: cancellationToken));
            await transaction.CommitAsync(cancellationToken);
        }
        catch (PostgresException e)
        {
            throw new MigrationException($"Migration {migration.Component}/{migration.Name} failed and was rolled back: {e.MessageText}", e);
        }

        logger.LogInformation("Applied migration {Component}/{Migration} in {ElapsedMs} ms", migration.Component, migration.Name,
            Math.Round(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds, 1));
    }
}

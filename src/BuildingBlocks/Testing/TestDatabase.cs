using Npgsql;

namespace Brigade.Testing;

/// <summary>A database of its own for a test or test class, optionally copied from a template; dropped on dispose.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string Prefix = "brigade_test_";

    // CREATE DATABASE … TEMPLATE refuses while another copy of the same template is being made.
    private static readonly SemaphoreSlim CopyLock = new(1, 1);

    private readonly Lazy<NpgsqlDataSource> _dataSource;

    private TestDatabase(string name)
    {
        Name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(TestInfrastructure.PostgresAdminConnectionString) { Database = name }.ConnectionString;
        _dataSource = new Lazy<NpgsqlDataSource>(() => NpgsqlDataSource.Create(ConnectionString));
    }

    public string Name { get; }

    public string ConnectionString { get; }

    public NpgsqlDataSource DataSource => _dataSource.Value;

    public static async Task<TestDatabase> CreateAsync(string label = "db", string? template = null)
    {
        var name = $"{Prefix}{Sanitize(label)}_{Guid.NewGuid():N}"[..Math.Min(63, Prefix.Length + label.Length + 33)];
        await CopyLock.WaitAsync();
        try
        {
            await ExecuteAdminAsync(template is null
                ? $"CREATE DATABASE \"{name}\""
                : $"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\"");
        }
        finally
        {
            CopyLock.Release();
        }

        return new TestDatabase(name);
    }

    public async ValueTask DisposeAsync()
    {
        if (_dataSource.IsValueCreated)
        {
            await _dataSource.Value.DisposeAsync();
        }

        await DropAsync(Name);
    }

    internal static async Task DropAsync(string name)
    {
        using (var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(TestInfrastructure.PostgresAdminConnectionString) { Database = name }.ConnectionString))
        {
            NpgsqlConnection.ClearPool(connection);
        }

        await ExecuteAdminAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
    }

    internal static async Task ExecuteAdminAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(TestInfrastructure.PostgresAdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    internal static string Sanitize(string label) =>
        new(label.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_').ToArray());
}

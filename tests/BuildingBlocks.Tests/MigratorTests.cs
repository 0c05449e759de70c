using Brigade.Data;
using Brigade.Testing;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Brigade.BuildingBlocks.Tests;

public sealed class MigratorTests : IAsyncLifetime
{
    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync("migrator");

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private static MigrationSource Files(params (string Name, string Sql)[] files) => new("service", () => files);

    private Migrator MigratorFor(MigrationSource source, NpgsqlDataSource? dataSource = null) =>
        new(dataSource ?? _database.DataSource, [source], NullLogger<Migrator>.Instance);

    [Fact]
    public async Task Three_instances_starting_together_apply_each_file_once()
    {
        // CREATE TABLE without IF NOT EXISTS fails if a second instance applied the file again.
        var source = Files(
            ("0001_orders.sql", "CREATE TABLE orders (id int PRIMARY KEY); SELECT pg_sleep(0.3);"),
            ("0002_lines.sql", "CREATE TABLE order_lines (id int PRIMARY KEY, order_id int REFERENCES orders (id));"));
        var dataSources = Enumerable.Range(0, 3).Select(_ => NpgsqlDataSource.Create(_database.ConnectionString)).ToList();

        await Task.WhenAll(dataSources.Select(ds => MigratorFor(source, ds).MigrateAsync()));

        await using var connection = await _database.DataSource.OpenConnectionAsync();
        (await connection.QuerySingleAsync<int>("SELECT count(*) FROM schema_migrations")).ShouldBe(2);
        (await connection.QuerySingleAsync<int>("SELECT count(*) FROM information_schema.tables WHERE table_name IN ('orders', 'order_lines')")).ShouldBe(2);
        foreach (var ds in dataSources)
        {
            await ds.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_failing_file_rolls_back_and_stops()
    {
        var source = Files(
            ("0001_ok.sql", "CREATE TABLE tables_ok (id int);"),
            ("0002_broken.sql", "CREATE TABLE half_done (id int); SELECT * FROM table_that_does_not_exist;"),
            ("0003_after.sql", "CREATE TABLE after_broken (id int);"));

        var error = await Should.ThrowAsync<MigrationException>(() => MigratorFor(source).MigrateAsync());

        error.Message.ShouldContain("0002_broken.sql");
        await using var connection = await _database.DataSource.OpenConnectionAsync();
        var tables = (await connection.QueryAsync<string>("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")).ToList();
        tables.ShouldContain("tables_ok");
        tables.ShouldNotContain("half_done");
        tables.ShouldNotContain("after_broken");
        (await connection.QuerySingleAsync<int>("SELECT count(*) FROM schema_migrations")).ShouldBe(1);
    }

    [Fact]
    public async Task An_edited_applied_file_is_refused()
    {
        await MigratorFor(Files(("0001_menu.sql", "CREATE TABLE menu (id int);"))).MigrateAsync();

        var edited = Files(("0001_menu.sql", "CREATE TABLE menu (id int, price int);"));
        var error = await Should.ThrowAsync<MigrationException>(() => MigratorFor(edited).MigrateAsync());

        error.Message.ShouldContain("0001_menu.sql");
        error.Message.ShouldContain("changed after it was applied");
    }

    [Fact]
    public async Task Applying_again_is_a_no_op_and_new_files_are_added()
    {
        await MigratorFor(Files(("0001_a.sql", "CREATE TABLE a (id int);"))).MigrateAsync();
        await MigratorFor(Files(("0001_a.sql", "CREATE TABLE a (id int);"), ("0002_b.sql", "CREATE TABLE b (id int);"))).MigrateAsync();

        await using var connection = await _database.DataSource.OpenConnectionAsync();
        (await connection.QueryAsync<int>("SELECT version FROM schema_migrations ORDER BY version")).ShouldBe([1, 2]);
    }

    [Fact]
    public void Badly_named_and_duplicate_files_are_refused()
    {
        Should.Throw<MigrationException>(() => Files(("init.sql", "SELECT 1")).Load());
        Should.Throw<MigrationException>(() => Files(("0001_a.sql", "SELECT 1"), ("0001_b.sql", "SELECT 2")).Load());
    }
}

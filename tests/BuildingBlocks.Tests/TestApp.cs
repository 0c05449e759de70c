using System.ComponentModel.DataAnnotations;
using Brigade.Data;
using Brigade.ServiceDefaults;
using Brigade.Testing;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Brigade.BuildingBlocks.Tests;

public sealed record CreateWidget([Required, StringLength(50, MinimumLength = 1)] string Name, [Range(1, 1000)] int Quantity);

public sealed record Widget(Guid Id, string Name, int Quantity);

/// <summary>A tiny service built from the building blocks the way every Brigade service is, hosted on TestServer.</summary>
public sealed class TestApp : IAsyncDisposable
{
    private TestApp(WebApplication app, TestDatabase database)
    {
        App = app;
        Database = database;
        Client = app.GetTestClient();
    }

    public WebApplication App { get; }

    public TestDatabase Database { get; }

    public HttpClient Client { get; }

    public static async Task<TestApp> StartAsync()
    {
        var database = await TestDatabase.CreateAsync("blocks");
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Configuration["ConnectionStrings:Database"] = database.ConnectionString;
        builder.AddServiceDefaults("widgets");
        builder.AddDatabase(typeof(TestApp).Assembly);
        builder.Services.AddValidation();

        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapPost("/widgets", CreateAsync).WithIdempotency().AllowAnonymous();
        app.MapPost("/strict-widgets", CreateAsync).WithIdempotency(required: true).AllowAnonymous();
        app.MapGet("/widgets", ListAsync).AllowAnonymous();
        app.MapGet("/busy", async () =>
        {
            // A pool of one, taken: the second open waits a second and fails as a service's exhausted pool does under load.
            await using var pool = NpgsqlDataSource.Create(database.ConnectionString + ";Maximum Pool Size=1;Timeout=1");
            await using var held = await pool.OpenConnectionAsync();
            await using var second = await pool.OpenConnectionAsync();
            return "unreachable";
        }).AllowAnonymous();
        app.MapGet("/deadlock", async (NpgsqlDataSource db) =>
        {
            // PostgreSQL's own error for a transaction chosen as a deadlock's victim (SQLSTATE 40P01).
            await using var c = await db.OpenConnectionAsync();
            await using var command = c.CreateCommand();
            command.CommandText = "DO $$ BEGIN RAISE EXCEPTION 'deadlock detected' USING ERRCODE = '40P01'; END $$";
            await command.ExecuteNonQueryAsync();
            return "unreachable";
        }).AllowAnonymous();
        app.MapGet("/boom", string () => throw new InvalidOperationException("secret connection string Password=hunter2")).AllowAnonymous();
        await app.StartAsync();
        return new TestApp(app, database);
    }

    private static async Task<Created<Widget>> CreateAsync(CreateWidget request, NpgsqlDataSource db)
    {
        var widget = new Widget(Guid.CreateVersion7(), request.Name, request.Quantity);
        await Task.Delay(200); // long enough for concurrent duplicates to overlap
        await using var connection = await db.OpenConnectionAsync();
        await connection.ExecuteAsync("INSERT INTO widgets (id, name, quantity) VALUES (@Id, @Name, @Quantity)", widget);
        return TypedResults.Created($"/widgets/{widget.Id}", widget);
    }

    private static async Task<Ok<Page<Widget>>> ListAsync(NpgsqlDataSource db, int? limit, string? cursor)
    {
        var take = Paging.Limit(limit);
        var after = Paging.Decode<Guid?>(cursor);
        await using var connection = await db.OpenConnectionAsync();
        var rows = (await connection.QueryAsync<Widget>(
            "SELECT id, name, quantity FROM widgets WHERE @after::uuid IS NULL OR id > @after ORDER BY id LIMIT @take",
            new { after, take = take + 1 })).ToList();
        return TypedResults.Ok(Paging.ToPage(rows, take, w => (Guid?)w.Id));
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        await Database.DisposeAsync();
    }
}

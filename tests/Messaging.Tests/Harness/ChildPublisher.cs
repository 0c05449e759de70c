using System.Diagnostics;
using Brigade.Data;
using Brigade.ServiceDefaults;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Brigade.Messaging.Tests;

/// <summary>A publishing service in its own process, so a test can kill it with SIGKILL.</summary>
public sealed class ChildPublisher : IDisposable
{
    private readonly Process _process;
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _committed;

    private ChildPublisher(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data?.StartsWith("committed ", StringComparison.Ordinal) == true)
            {
                Interlocked.Increment(ref _committed);
            }
            else if (e.Data == "ready")
            {
                _ready.TrySetResult();
            }
        };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>Transactions the child reported committed so far (it may have committed one more it could not report).</summary>
    public int Committed => Volatile.Read(ref _committed);

    public static ChildPublisher Start(string database, string rabbitMq, string exchange, int? count)
    {
        var dotnet = Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? Environment.ProcessPath! : "dotnet";
        var info = new ProcessStartInfo(dotnet, [typeof(ChildPublisher).Assembly.Location, "publisher", database, rabbitMq, exchange, count?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "stream"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        return new ChildPublisher(Process.Start(info) ?? throw new InvalidOperationException("Could not start the child publisher."));
    }

    public Task ReadyAsync(TimeSpan timeout) => _ready.Task.WaitAsync(timeout);

    /// <summary>SIGKILL: no shutdown code runs, in-flight work is cut wherever it is.</summary>
    public async Task<int> KillAsync()
    {
        _process.Kill(entireProcessTree: false);
        await _process.WaitForExitAsync();
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
        }

        _process.Dispose();
    }

    /// <summary>The child's side: a service host whose outbox gets <paramref name="count"/> events (or a stream until killed), one transaction each.</summary>
    public static async Task RunAsync(string database, string rabbitMq, string exchange, int? count)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration["ConnectionStrings:Database"] = database;
        builder.Configuration["ConnectionStrings:RabbitMq"] = rabbitMq;
        builder.Configuration["Messaging:Exchange"] = exchange;
        builder.Configuration["Messaging:RelayMaxBackoff"] = "00:00:01";
        builder.Configuration["Logging:LogLevel:Default"] = "Warning";
        builder.AddServiceDefaults("orders");
        builder.AddDatabase(typeof(ChildPublisher).Assembly);
        builder.AddMessaging(m => m.AddEventTypes(TestEventsJsonContext.Default));
        await using var app = builder.Build();
        await app.StartAsync();

        var dataSource = app.Services.GetRequiredService<NpgsqlDataSource>();
        var outbox = app.Services.GetRequiredService<IOutbox>();
        for (var i = 0; count is null || i < count; i++)
        {
            await using var connection = await dataSource.OpenConnectionAsync();
            await using var transaction = await connection.BeginTransactionAsync();
            var order = new OrderPlaced(Guid.NewGuid(), i);
            await outbox.AddAsync(connection, transaction, order);
            await transaction.CommitAsync();
            Console.WriteLine($"committed {order.OrderId}");
            if (count is null && i == 50)
            {
                Console.WriteLine("ready");
            }
        }

        Console.WriteLine("ready");
        await Task.Delay(Timeout.Infinite);
    }
}

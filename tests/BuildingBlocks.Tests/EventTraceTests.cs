using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Serialization;
using Brigade.Contracts;
using Brigade.Data;
using Brigade.Messaging;
using Brigade.ServiceDefaults;
using Brigade.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Brigade.BuildingBlocks.Tests;

[IntegrationEvent("test.widget.painted")]
public sealed record WidgetPainted(Guid WidgetId) : IIntegrationEvent;

[JsonSerializable(typeof(WidgetPainted))]
internal sealed partial class TraceTestEventsJsonContext : JsonSerializerContext;

/// <summary>Remembers the trace the handler ran in, per widget.</summary>
public sealed class HandledIn
{
    public ConcurrentDictionary<Guid, (ActivityTraceId TraceId, ActivitySpanId SpanId)> Widgets { get; } = new();
}

public sealed class RecordTrace(HandledIn handled) : IEventHandler<WidgetPainted>
{
    public Task HandleAsync(WidgetPainted @event, EventContext context, CancellationToken ct)
    {
        handled.Widgets[@event.WidgetId] = (Activity.Current!.TraceId, Activity.Current.SpanId);
        return Task.CompletedTask;
    }
}

/// <summary>
/// With telemetry exported, a request's trace goes on through its event: the outbox keeps the request's
/// context, RabbitMQ.Client's publish span puts itself in the message's <c>traceparent</c>, and the
/// consumer's span (the handler's <see cref="Activity.Current"/>) is that publish span's child. Real
/// PostgreSQL and RabbitMQ; the OTLP endpoint is only there to switch tracing on.
/// </summary>
public sealed class EventTraceTests : IAsyncLifetime
{
    private readonly ConcurrentBag<Activity> _stopped = [];
    private ActivityListener _listener = null!;
    private TestDatabase _database = null!;
    private WebApplication _app = null!;

    public async Task InitializeAsync()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "Brigade.Messaging" or "RabbitMQ.Client.Publisher" or "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _stopped.Add,
        };
        ActivitySource.AddActivityListener(_listener);

        _database = await TestDatabase.CreateAsync("traces");
        var prefix = "trace-" + Guid.NewGuid().ToString("N")[..8];
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseTestServer();
        builder.Configuration["ConnectionStrings:Database"] = _database.ConnectionString;
        builder.Configuration["ConnectionStrings:RabbitMq"] = TestInfrastructure.RabbitMqUri;
        builder.Configuration["Messaging:Exchange"] = prefix;
        builder.Configuration["Messaging:QueuePrefix"] = prefix;
        builder.Configuration["Messaging:RelayPollInterval"] = "00:00:00.500";
        builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://127.0.0.1:9"; // discard port: export fails quietly
        builder.AddServiceDefaults("painter");
        builder.AddDatabase(typeof(EventTraceTests).Assembly);
        builder.Services.AddSingleton<HandledIn>();
        builder.AddMessaging(m => m.AddEventTypes(TraceTestEventsJsonContext.Default).Handle<WidgetPainted, RecordTrace>());
        _app = builder.Build();
        _app.MapDefaultEndpoints();
        _app.MapPost("/widgets/{id:guid}/paint", async (Guid id, NpgsqlDataSource db, IOutbox outbox) =>
        {
            await using var connection = await db.OpenConnectionAsync();
            await using var transaction = await connection.BeginTransactionAsync();
            await outbox.AddAsync(connection, transaction, new WidgetPainted(id));
            await transaction.CommitAsync();
            return Results.Accepted();
        }).AllowAnonymous();
        await _app.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        await _database.DisposeAsync();
        _listener.Dispose();
    }

    [Fact]
    public async Task The_handler_of_an_event_continues_the_trace_of_the_request_that_raised_it()
    {
        var widget = Guid.NewGuid();
        var traceId = ActivityTraceId.CreateRandom();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/widgets/{widget}/paint");
        request.Headers.Add("traceparent", $"00-{traceId.ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01");

        var client = _app.GetTestClient();
        // An event published before the consumer's queue is bound would go nowhere: wait until it consumes.
        var ready = Stopwatch.StartNew();
        while (!(await client.GetStringAsync("/health/ready")).StartsWith("{\"status\":\"Healthy\"", StringComparison.Ordinal) && ready.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(100);
        }

        (await client.SendAsync(request)).EnsureSuccessStatusCode();

        var handled = _app.Services.GetRequiredService<HandledIn>();
        var clock = Stopwatch.StartNew();
        while (!_stopped.Any(a => a.TraceId == traceId && a.OperationName == "consume test.widget.painted") && clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(100);
        }

        handled.Widgets.ContainsKey(widget).ShouldBeTrue("the event was handled");
        var (handlerTrace, consumeSpan) = handled.Widgets[widget];
        handlerTrace.ShouldBe(traceId);
        var trace = _stopped.Where(a => a.TraceId == traceId).ToList();
        var publish = trace.Single(a => a.Source.Name == "RabbitMQ.Client.Publisher");
        var outbox = trace.Single(a => a.OperationName == "outbox test.widget.painted");
        var consume = trace.Single(a => a.OperationName == "consume test.widget.painted");
        consume.SpanId.ShouldBe(consumeSpan);
        consume.ParentSpanId.ShouldBe(publish.SpanId);
        publish.ParentSpanId.ShouldBe(outbox.SpanId);
        outbox.ParentSpanId.ShouldBe(trace.Single(a => a.Source.Name == "Microsoft.AspNetCore").SpanId);
    }
}

using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Brigade.AppHost.Tests;

public partial class LauncherProcessTests
{
    /// <summary>
    /// <c>up</c> starts the Aspire dashboard and points the services at it: a registration sent through the
    /// gateway arrives in the dashboard as one trace, from the gateway through identity and PostgreSQL to
    /// RabbitMQ and the notifications service's handler, with the services' logs beside it. Read back through
    /// the dashboard's own telemetry API, so it is what a person would see. <c>down</c> stops it.
    /// </summary>
    [Fact]
    public async Task Up_sends_a_requests_trace_through_an_event_to_the_dashboard_and_down_stops_it()
    {
        using var launcher = new IsolatedLauncher(portOffset: 2400);
        var services = new[] { "gateway", "identity", "notifications" };
        var built = services.All(s => File.Exists(ServiceDll(s)));
        var (code, output) = built
            ? launcher.Run("up", "--detach", "--only", string.Join(',', services), "--no-build")
            : launcher.Run("up", "--detach", "--only", string.Join(',', services));
        Assert.True(code == 0, output);
        var dashboard = new Dashboard(launcher.Settings);
        Assert.Contains($"dashboard       {dashboard.LoginUrl}", output);
        Assert.Contains(ProcessControl.ReadPidFiles(launcher.Settings), r => r.Name == Dashboard.Name && ProcessControl.IsAlive(r));

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var traceId = ActivityTraceId.CreateRandom().ToHexString();
        using (var register = new HttpRequestMessage(HttpMethod.Post, $"http://127.0.0.1:{5000 + launcher.PortOffset}/api/auth/register"))
        {
            register.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
            register.Content = JsonContent.Create(new { email = $"traced-{Guid.NewGuid():N}@example.kr", password = "Traced-Pass-2026!", name = "Traced" });
            using var registered = await http.SendAsync(register);
            Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        }

        // Services send spans in batches (1 s locally); the event's handler runs after the relay picks it up, and the
        // gateway's own span ends last (after identity answered), so it may come in a later batch than the handler's.
        List<Span> spans = [];
        var clock = Stopwatch.StartNew();
        static bool Complete(List<Span> spans) =>
            spans.Any(s => s is { Service: "notifications", Name: "consume identity.user.registered" })
            && spans.Any(s => s is { Service: "gateway", Scope: "Microsoft.AspNetCore" })
            && spans.Any(s => s is { Service: "identity", Scope: "Microsoft.AspNetCore", Name: "POST /api/auth/register" })
            && spans.Any(s => s is { Service: "notifications", Scope: "Npgsql" });
        while (!Complete(spans) && clock.Elapsed < TimeSpan.FromSeconds(90))
        {
            await Task.Delay(1000);
            spans = await SpansAsync(http, dashboard, traceId);
        }

        var shown = string.Join('\n', spans.Select(s => $"{s.Service} {s.Scope} {s.Name}"));
        Assert.All(spans, s => Assert.Equal(traceId, s.TraceId));
        Assert.Contains(spans, s => s is { Service: "gateway", Scope: "Microsoft.AspNetCore" });
        Assert.Contains(spans, s => s is { Service: "identity", Scope: "Microsoft.AspNetCore", Name: "POST /api/auth/register" });
        Assert.Contains(spans, s => s is { Service: "identity", Scope: "Npgsql" });
        var published = Assert.Single(spans, s => s is { Service: "identity", Scope: "RabbitMQ.Client.Publisher", Name: "publish identity.user.registered" });
        var consumed = Assert.Single(spans, s => s is { Service: "notifications", Scope: "Brigade.Messaging", Name: "consume identity.user.registered" });
        Assert.True(consumed.ParentSpanId == published.SpanId, $"the handler continues from the publish span:\n{shown}");
        Assert.Contains(spans, s => s.Service == "notifications" && s.Scope == "Npgsql" && s.ParentSpanId == consumed.SpanId);

        using (var logs = new HttpRequestMessage(HttpMethod.Get, $"{dashboard.Url}/api/telemetry/logs?traceId={traceId}"))
        {
            logs.Headers.Add("X-API-Key", dashboard.Token);
            using var document = JsonDocument.Parse(await (await http.SendAsync(logs)).Content.ReadAsStringAsync());
            Assert.True(document.RootElement.GetProperty("totalCount").GetInt32() > 0, "the services' logs of the request are beside its trace");
        }

        var dashboardProcess = ProcessControl.ReadPidFiles(launcher.Settings).Single(r => r.Name == Dashboard.Name);
        (code, output) = launcher.Run("down");
        Assert.True(code == 0, output);
        Assert.False(ProcessControl.IsAlive(dashboardProcess), output);
        Assert.False(Ports.IsListening(dashboard.Port));
        Assert.False(Ports.IsListening(dashboard.OtlpGrpcPort));
    }

    sealed record Span(string Service, string Scope, string Name, string TraceId, string SpanId, string? ParentSpanId);

    static async Task<List<Span>> SpansAsync(HttpClient http, Dashboard dashboard, string traceId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{dashboard.Url}/api/telemetry/traces/{traceId}");
        request.Headers.Add("X-API-Key", dashboard.Token);
        using var response = await http.SendAsync(request);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return [];
        }

        response.EnsureSuccessStatusCode();
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var spans = new List<Span>();
        foreach (var resource in document.RootElement.GetProperty("data").GetProperty("resourceSpans").EnumerateArray())
        {
            var service = resource.GetProperty("resource").GetProperty("attributes").EnumerateArray()
                .Single(a => a.GetProperty("key").GetString() == "service.name").GetProperty("value").GetProperty("stringValue").GetString()!;
            foreach (var scope in resource.GetProperty("scopeSpans").EnumerateArray())
            {
                var scopeName = scope.GetProperty("scope").GetProperty("name").GetString()!;
                foreach (var span in scope.GetProperty("spans").EnumerateArray())
                {
                    spans.Add(new Span(service, scopeName, span.GetProperty("name").GetString()!, span.GetProperty("traceId").GetString()!,
                        span.GetProperty("spanId").GetString()!, span.TryGetProperty("parentSpanId", out var parent) ? parent.GetString() : null));
                }
            }
        }

        return spans;
    }

    /// <summary>A service built next to the launcher under test (<c>./brigade test</c> builds the solution first).</summary>
    static string ServiceDll(string service)
    {
        var configDir = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd('/'));
        var assembly = service == "gateway" ? "Brigade.Gateway" : "Brigade." + char.ToUpperInvariant(service[0]) + service[1..];
        return Path.Combine(configDir.Parent!.Parent!.FullName, assembly, configDir.Name, assembly + ".dll");
    }
}

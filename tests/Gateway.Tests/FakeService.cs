using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Brigade.Gateway.Tests;

/// <summary>What an upstream saw of one request.</summary>
public sealed record SeenRequest(string Method, string Path, string Query, Dictionary<string, string> Headers, long BodyLength, string BodySha256);

/// <summary>
/// A tiny real Kestrel service on an ephemeral loopback port standing in for a Brigade service:
/// <c>/health/ready</c> answers per <see cref="Ready"/>, every other path is echoed back as JSON unless a
/// test maps it, and every non-health request is counted and recorded.
/// </summary>
public sealed class FakeService : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _refused;

    private FakeService(WebApplication app, string name)
    {
        _app = app;
        Name = name;
    }

    public string Name { get; }

    public string Url { get; private set; } = "";

    public int Port => new Uri(Url).Port;

    /// <summary>What <c>/health/ready</c> answers: 200 when true, 503 when false.</summary>
    public bool Ready { get; set; } = true;

    /// <summary>Delay before <c>/health/ready</c> answers (a hanging service).</summary>
    public TimeSpan ReadyDelay { get; set; }

    public ConcurrentQueue<SeenRequest> Requests { get; } = new();

    public int Hits => Requests.Count;

    /// <param name="maxBody">A body limit like every Brigade service's (ServiceDefaults): a declared larger body is
    /// refused before it is read, a chunked one when it crosses the limit, both with a 413 problem.</param>
    public static async Task<FakeService> StartAsync(string name = "svc", Action<WebApplication, FakeService>? map = null, int port = 0, long? maxBody = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = maxBody);
        var app = builder.Build();
        var service = new FakeService(app, name);

        app.UseWebSockets();
        app.MapGet("/health/ready", async (CancellationToken aborted) =>
        {
            if (service.ReadyDelay > TimeSpan.Zero)
            {
                await Task.Delay(service.ReadyDelay, aborted);
            }

            return service.Ready ? Results.Ok(new { status = "Healthy" }) : Results.StatusCode(503);
        });
        app.Use(async (http, next) =>
        {
            if (http.Request.Path.StartsWithSegments("/health"))
            {
                await next(http);
                return;
            }

            if (http.WebSockets.IsWebSocketRequest || http.Request.Path.Value!.Contains("/raw", StringComparison.Ordinal))
            {
                service.Record(http, 0, "");
                await next(http);
                return;
            }

            if (http.Request.ContentLength > maxBody)
            {
                await TooLarge(http, service);
                return;
            }

            // Hash the body as it streams in, so a 100 MB upload is never held in memory here either.
            using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var buffer = new byte[64 * 1024];
            long length = 0;
            int read;
            try
            {
                while ((read = await http.Request.Body.ReadAsync(buffer)) > 0)
                {
                    sha.AppendData(buffer, 0, read);
                    length += read;
                }
            }
            catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                await TooLarge(http, service);
                return;
            }

            service.Record(http, length, Convert.ToHexString(sha.GetHashAndReset()));
            await next(http);
        });

        map?.Invoke(app, service);
        app.MapFallback("/{**path}", (HttpContext http) =>
        {
            http.Response.Headers["X-Served-By"] = service.Name;
            var seen = (SeenRequest)http.Items["seen"]!;
            return Results.Json(new { service = service.Name, seen.Method, seen.Path, seen.Query, seen.Headers, seen.BodyLength, seen.BodySha256 });
        });

        await app.StartAsync();
        service.Url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return service;
    }

    public Task StopAsync() => _app.StopAsync();

    /// <summary>How many bodies this service refused as too large.</summary>
    public int Refused => _refused;

    private static Task TooLarge(HttpContext http, FakeService service)
    {
        Interlocked.Increment(ref service._refused);
        http.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
        http.Response.Headers["X-Served-By"] = service.Name;
        return http.Response.WriteAsJsonAsync(new { status = 413, title = "Content Too Large", detail = $"{service.Name} takes smaller bodies." },
            (System.Text.Json.JsonSerializerOptions?)null, "application/problem+json");
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private void Record(HttpContext http, long length, string sha)
    {
        var seen = new SeenRequest(
            http.Request.Method,
            http.Request.Path.Value ?? "",
            http.Request.QueryString.Value ?? "",
            http.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            length,
            sha);
        http.Items["seen"] = seen;
        Requests.Enqueue(seen);
    }
}

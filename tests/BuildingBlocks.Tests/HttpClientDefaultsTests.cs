using System.Collections.Concurrent;
using System.Net;
using Brigade.ServiceDefaults;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Brigade.BuildingBlocks.Tests;

/// <summary>
/// Every HttpClient from a service's factory: <c>http://&lt;service&gt;</c> is resolved to the replicas the
/// launcher lists under <c>Services:&lt;service&gt;</c>, and a transient failure is retried only when the
/// request is safe to send twice. The other side is a real Kestrel server on two loopback ports.
/// </summary>
public sealed class HttpClientDefaultsTests : IAsyncLifetime
{
    private readonly ConcurrentDictionary<string, int> _hits = new();
    private readonly ConcurrentBag<int> _ports = [];
    private WebApplication _upstream = null!;
    private WebApplication _service = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        var upstream = WebApplication.CreateBuilder();
        upstream.WebHost.UseUrls("http://127.0.0.1:0", "http://127.0.0.1:0");
        upstream.Logging.ClearProviders();
        _upstream = upstream.Build();
        // Each path fails its first request with 503, then answers 200 with the port that served it.
        _upstream.Map("/{**path}", (HttpContext http) =>
        {
            var key = http.Request.Method + " " + http.Request.Path;
            var hit = _hits.AddOrUpdate(key, 1, (_, n) => n + 1);
            _ports.Add(http.Connection.LocalPort);
            return hit == 1 && !http.Request.Path.StartsWithSegments("/steady")
                ? Results.StatusCode(StatusCodes.Status503ServiceUnavailable)
                : Results.Text(http.Connection.LocalPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        });
        await _upstream.StartAsync();
        var urls = _upstream.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.ToArray();

        var service = WebApplication.CreateBuilder();
        service.Configuration["Services:kitchen:0"] = urls[0];
        service.Configuration["Services:kitchen:1"] = urls[1];
        service.AddServiceDefaults("waiter");
        _service = service.Build();
        _client = _service.Services.GetRequiredService<IHttpClientFactory>().CreateClient("kitchen");
        _client.BaseAddress = new Uri("http://kitchen/");
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _service.DisposeAsync();
        await _upstream.StopAsync();
        await _upstream.DisposeAsync();
    }

    [Fact]
    public async Task A_failed_GET_is_retried()
    {
        using var response = await _client.GetAsync("tickets/1");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        _hits["GET /tickets/1"].ShouldBe(2);
    }

    [Fact]
    public async Task A_failed_POST_without_an_idempotency_key_is_not_sent_again()
    {
        using var response = await _client.PostAsync("tickets", new StringContent("{}"));

        response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        _hits["POST /tickets"].ShouldBe(1);
    }

    [Fact]
    public async Task A_failed_POST_with_an_idempotency_key_is_retried()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "orders") { Content = new StringContent("{\"dish\":\"bibimbap\"}") };
        request.Headers.Add(HttpClientDefaults.IdempotencyKeyHeader, Guid.NewGuid().ToString());

        using var response = await _client.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        _hits["POST /orders"].ShouldBe(2);
    }

    [Fact]
    public async Task A_service_name_reaches_every_listed_replica()
    {
        for (var i = 0; i < 4; i++)
        {
            (await _client.GetAsync($"steady/{i}")).EnsureSuccessStatusCode();
        }

        _ports.Distinct().Count().ShouldBe(2);
    }
}

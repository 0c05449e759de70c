using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Brigade.Gateway.Tests;

public sealed class StatusAndDocsTests
{
    [Fact]
    public async Task The_gateway_answers_its_own_health()
    {
        await using var gateway = await GatewayHost.StartAsync(new GatewaySettings());
        using var response = await gateway.Client.GetAsync("/health");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Status_reports_every_service_and_replica_within_two_seconds_even_when_one_hangs()
    {
        await using var up = await FakeService.StartAsync("up");
        await using var second = await FakeService.StartAsync("up-2");
        await using var hanging = await FakeService.StartAsync("hanging");
        hanging.ReadyDelay = TimeSpan.FromSeconds(30);
        await using var gateway = await GatewayHost.StartAsync(new GatewaySettings()
            .Route("up", "/api/up", "up")
            .Route("hanging", "/api/hanging", "hanging")
            .Route("mixed", "/api/mixed", "mixed")
            .Route("gone", "/api/gone", "gone")
            .Destinations("up", up.Url, second.Url)
            .Destinations("hanging", hanging.Url)
            .Destinations("mixed", up.Url, GatewayHost.DeadUrl())
            .Set("Gateway:HealthChecks:Enabled", "false"));

        // Warm the gateway's pipeline and the healthy services first, so what is timed is the probing, not
        // a first request's JIT (on a busy two-core machine that alone can pass the 1 s probe timeout).
        (await gateway.Client.GetAsync("/health")).EnsureSuccessStatusCode();
        using (var direct = new HttpClient())
        {
            foreach (var url in new[] { up.Url, second.Url })
            {
                (await direct.GetAsync(url + "/health/ready")).EnsureSuccessStatusCode();
            }
        }

        var clock = Stopwatch.StartNew();
        using var response = await gateway.Client.GetAsync("/api/services/status");
        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(2));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var services = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("services").EnumerateArray()
            .ToDictionary(s => s.GetProperty("name").GetString()!);
        services.Keys.ShouldBe(["gateway", "gone", "hanging", "mixed", "up"], ignoreOrder: true);
        services["up"].GetProperty("status").GetString().ShouldBe("healthy");
        services["hanging"].GetProperty("status").GetString().ShouldBe("unhealthy");
        services["mixed"].GetProperty("status").GetString().ShouldBe("degraded");
        services["gone"].GetProperty("status").GetString().ShouldBe("unhealthy");
        services["gone"].GetProperty("instances").GetArrayLength().ShouldBe(0);

        var instances = services["up"].GetProperty("instances").EnumerateArray().ToList();
        instances.Select(i => i.GetProperty("url").GetString()).ShouldBe([up.Url, second.Url]);
        instances.ShouldAllBe(i => i.GetProperty("status").GetString() == "healthy" && i.GetProperty("latencyMs").GetDouble() >= 0);
        services["hanging"].GetProperty("instances")[0].GetProperty("status").GetString().ShouldBe("unhealthy");
    }

    [Fact]
    public async Task The_docs_page_lists_every_service_and_each_document_comes_through_the_gateway()
    {
        const string document = "{\"openapi\":\"3.1.1\",\"info\":{\"title\":\"Brigade orders API\",\"version\":\"v1\"},\"paths\":{}}";
        await using var orders = await FakeService.StartAsync("ordering", (app, _) =>
            app.MapGet("/openapi/v1.json", () => Results.Text(document, "application/json")));
        await using var gateway = await GatewayHost.StartAsync(new GatewaySettings()
            .Route("orders", "/api/orders", "ordering", access: "Authenticated")
            .Route("chat", "/api/chat", "chat", access: "Authenticated")
            .Destinations("ordering", orders.Url));

        using var page = await gateway.Client.GetAsync("/api/docs");
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        page.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        var html = await page.Content.ReadAsStringAsync();
        html.ShouldContain("/api/ordering/docs");
        html.ShouldContain("/api/chat/docs");
        html.IndexOf("<base href=\"/api/docs/\">", StringComparison.Ordinal).ShouldBeLessThan(html.IndexOf("swagger-ui.css", StringComparison.Ordinal));

        using var asset = await gateway.Client.GetAsync("/api/docs/swagger-ui-bundle.js");
        asset.StatusCode.ShouldBe(HttpStatusCode.OK);
        var script = await gateway.Client.GetStringAsync("/api/docs/index.js");
        script.ShouldContain("\"url\":\"/api/ordering/docs\"");
        script.ShouldContain("\"url\":\"/api/chat/docs\"");

        // Public even though the service's routes need a token.
        (await gateway.Client.GetStringAsync("/api/ordering/docs")).ShouldBe(document);
        orders.Requests.Single().Path.ShouldBe("/openapi/v1.json");

        using var missing = await gateway.Client.GetAsync("/api/chat/docs");
        missing.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);

        using var own = await gateway.Client.GetAsync("/api/gateway/docs");
        own.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await own.Content.ReadAsStringAsync()).ShouldContain("/api/services/status");
    }

    [Fact]
    public async Task The_web_app_is_served_with_long_lived_assets_and_revalidated_pages()
    {
        var root = Directory.CreateTempSubdirectory("brigade-web");
        await File.WriteAllTextAsync(Path.Combine(root.FullName, "index.html"), "<!doctype html><title>Brigade app</title>");
        Directory.CreateDirectory(Path.Combine(root.FullName, "assets"));
        await File.WriteAllTextAsync(Path.Combine(root.FullName, "assets", "app.3f9a1c.js"), "console.log('brigade')");
        await using var gateway = await GatewayHost.StartAsync(new GatewaySettings().Set("Gateway:WebRoot", root.FullName));

        using var asset = await gateway.Client.GetAsync("/assets/app.3f9a1c.js");
        asset.StatusCode.ShouldBe(HttpStatusCode.OK);
        asset.Headers.CacheControl!.ToString().ShouldBe("public, max-age=31536000, immutable");

        using var page = await gateway.Client.GetAsync("/reservations/upcoming");
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        page.Headers.CacheControl!.NoCache.ShouldBeTrue();
        (await page.Content.ReadAsStringAsync()).ShouldContain("Brigade app");
        root.Delete(recursive: true);
    }
}

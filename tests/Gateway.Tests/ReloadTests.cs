using System.Net;
using System.Text.Json;

namespace Brigade.Gateway.Tests;

public sealed class ReloadTests
{
    [Fact]
    public async Task A_replica_added_to_the_services_file_gets_traffic_without_a_restart()
    {
        await using var first = await FakeService.StartAsync("first");
        await using var second = await FakeService.StartAsync("second");
        var directory = Directory.CreateTempSubdirectory("brigade-services");
        var file = Path.Combine(directory.FullName, "services.json");
        await WriteServices(file, first.Url);
        await using var gateway = await GatewayHost.StartAsync(new GatewaySettings()
            .Route("orders", "/api/orders", "orders")
            .Set("Brigade:ServicesFile", file));

        for (var i = 0; i < 10; i++)
        {
            (await gateway.Client.GetAsync("/api/orders")).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        second.Hits.ShouldBe(0);

        await WriteServices(file, first.Url, second.Url);

        await GatewayHost.Eventually(async () =>
        {
            (await gateway.Client.GetAsync("/api/orders")).StatusCode.ShouldBe(HttpStatusCode.OK);
            return second.Hits > 0;
        }, TimeSpan.FromSeconds(10), "the new replica should be picked up from the reloaded file");
        directory.Delete(recursive: true);
    }

    [Fact]
    public async Task A_route_added_to_the_configuration_works_without_a_restart()
    {
        await using var search = await FakeService.StartAsync("search");
        var directory = Directory.CreateTempSubdirectory("brigade-services");
        var file = Path.Combine(directory.FullName, "services.json");
        await File.WriteAllTextAsync(file, JsonSerializer.Serialize(new { Services = new { search = new[] { search.Url } } }));
        await using var gateway = await GatewayHost.StartAsync(new GatewaySettings().Set("Brigade:ServicesFile", file));
        (await gateway.Client.GetAsync("/api/search/jobs")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        await File.WriteAllTextAsync(file, JsonSerializer.Serialize(new
        {
            Services = new { search = new[] { search.Url } },
            Gateway = new { Routes = new { search = new { Prefix = "/api/search", Cluster = "search", Access = "Public" } } },
        }));

        await GatewayHost.Eventually(async () => (await gateway.Client.GetAsync("/api/search/jobs")).StatusCode == HttpStatusCode.OK,
            TimeSpan.FromSeconds(10), "the new route should be picked up");
        directory.Delete(recursive: true);
    }

    private static Task WriteServices(string file, params string[] urls) =>
        File.WriteAllTextAsync(file, JsonSerializer.Serialize(new { Services = new { orders = urls } }));
}

using System.Net;
using System.Text.Json;

namespace Brigade.Restaurants.Tests;

public sealed class OpenApiTests(RestaurantsFactory factory) : IClassFixture<RestaurantsFactory>
{
    [Fact]
    public async Task Every_operation_has_a_name_a_summary_and_a_tag()
    {
        using var client = factory.ClientFor(Actor.Anonymous);

        var document = await (await client.GetAsync("/openapi/v1.json")).ShouldBeAsync(HttpStatusCode.OK);

        var operations = document.GetProperty("paths").EnumerateObject()
            .Where(p => p.Name.StartsWith("/api/restaurants", StringComparison.Ordinal))
            .SelectMany(p => p.Value.EnumerateObject().Where(o => o.Value.ValueKind == JsonValueKind.Object && o.Value.TryGetProperty("responses", out _))
                .Select(o => (Path: $"{o.Name.ToUpperInvariant()} {p.Name}", Operation: o.Value)))
            .ToList();
        operations.Count.ShouldBe(39);
        foreach (var (path, operation) in operations)
        {
            operation.TryGetProperty("operationId", out _).ShouldBeTrue(path);
            operation.GetProperty("summary").GetString().ShouldNotBeNullOrWhiteSpace(path);
            operation.GetProperty("tags").GetArrayLength().ShouldBeGreaterThan(0, path);
        }
    }
}

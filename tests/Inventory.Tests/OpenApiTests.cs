using System.Net;
using System.Text.Json;

namespace Brigade.Inventory.Tests;

/// <summary>The OpenAPI document against what the endpoints do: every operation named, its security and the headers it honours.</summary>
public sealed class OpenApiTests(InventoryFactory factory) : IClassFixture<InventoryFactory>
{
    [Fact]
    public async Task Every_operation_is_documented_with_its_idempotency_and_if_match_headers_and_refuses_anonymous_callers()
    {
        using var client = factory.CreateClient();
        var document = await (await client.GetAsync("/openapi/v1.json")).ShouldBeAsync(HttpStatusCode.OK);
        var operations = document.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Where(o => o.Value.ValueKind == JsonValueKind.Object && o.Value.TryGetProperty("responses", out _))
                .Select(o => (Key: $"{o.Name.ToUpperInvariant()} {p.Name}", Operation: o.Value)))
            .ToDictionary(o => o.Key, o => o.Operation);
        static bool HasHeader(JsonElement operation, string name, bool required) =>
            operation.TryGetProperty("parameters", out var parameters) && parameters.EnumerateArray().Any(p =>
                p.GetProperty("in").GetString() == "header" && p.GetProperty("name").GetString() == name
                && (p.TryGetProperty("required", out var r) && r.GetBoolean()) == required);

        operations.Keys.Count(k => k.Contains("/api/inventory/{restaurantId}/", StringComparison.Ordinal)).ShouldBe(30);
        HasHeader(operations["POST /api/inventory/{restaurantId}/purchase-orders"], "Idempotency-Key", required: true).ShouldBeTrue();
        HasHeader(operations["POST /api/inventory/{restaurantId}/purchase-orders/{id}/receive"], "Idempotency-Key", required: true).ShouldBeTrue();
        HasHeader(operations["POST /api/inventory/{restaurantId}/waste"], "Idempotency-Key", required: false).ShouldBeTrue();
        HasHeader(operations["PATCH /api/inventory/{restaurantId}/items/{id}"], "If-Match", required: false).ShouldBeTrue();

        var restaurant = Guid.CreateVersion7();
        foreach (var key in operations.Keys.Where(k => k.StartsWith("GET /api/inventory/", StringComparison.Ordinal)))
        {
            var path = key[4..].Replace("{restaurantId}", restaurant.ToString(), StringComparison.Ordinal).Replace("{id}", Guid.CreateVersion7().ToString(), StringComparison.Ordinal);
            (await client.GetAsync(path)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized, key);
        }
    }
}

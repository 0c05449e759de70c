using System.Net;
using System.Net.Http.Json;
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

    private async Task<IReadOnlyList<(string Method, string Path, JsonElement Operation)>> OperationsAsync()
    {
        using var client = factory.ClientFor(Actor.Anonymous);
        var document = await (await client.GetAsync("/openapi/v1.json")).ShouldBeAsync(HttpStatusCode.OK);
        return document.GetProperty("paths").EnumerateObject()
            .Where(p => p.Name.StartsWith("/api/", StringComparison.Ordinal))
            .SelectMany(p => p.Value.EnumerateObject().Where(o => o.Value.ValueKind == JsonValueKind.Object && o.Value.TryGetProperty("responses", out _))
                .Select(o => (o.Name.ToUpperInvariant(), p.Name, o.Value)))
            .ToList();
    }

    private static bool Documents(JsonElement operation, string status) => operation.GetProperty("responses").TryGetProperty(status, out _);

    private static bool HasHeader(JsonElement operation, string name) =>
        operation.TryGetProperty("parameters", out var parameters)
        && parameters.EnumerateArray().Any(p => p.GetProperty("in").GetString() == "header" && p.GetProperty("name").GetString() == name);

    [Fact]
    public async Task The_versioned_changes_document_if_match_and_a_stale_one_is_412_as_documented()
    {
        var operations = (await OperationsAsync()).ToDictionary(o => $"{o.Method} {o.Path}", o => o.Operation);
        foreach (var key in new[] { "PATCH /api/restaurants/{restaurantId}", "PATCH /api/restaurants/{restaurantId}/menu/items/{itemId}", "PATCH /api/restaurants/{restaurantId}/tables/{tableId}" })
        {
            HasHeader(operations[key], "If-Match").ShouldBeTrue(key);
            Documents(operations[key], "412").ShouldBeTrue(key);
        }

        HasHeader(operations["POST /api/restaurants"], "Idempotency-Key").ShouldBeTrue();
        Documents(operations["POST /api/restaurants/{restaurantId}/reviews"], "409").ShouldBeTrue();
        Documents(operations["POST /api/restaurants/{restaurantId}/members"], "503").ShouldBeTrue();

        var owner = Actor.Owner();
        var id = await factory.CreateRestaurantAsync(owner, publish: false);
        var itemId = (await factory.CreateItemAsync(id, owner)).GetProperty("id").GetGuid();
        var tableId = await factory.CreateTableAsync(id, owner);
        using var client = factory.ClientFor(owner);
        foreach (var (url, body) in new (string, object)[]
                 {
                     ($"/api/restaurants/{id}", new { description = "stale" }),
                     ($"/api/restaurants/{id}/menu/items/{itemId}", new { name = "stale" }),
                     ($"/api/restaurants/{id}/tables/{tableId}", new { active = false }),
                 })
        {
            using var request = new HttpRequestMessage(HttpMethod.Patch, url) { Content = JsonContent.Create(body) };
            request.Headers.TryAddWithoutValidation("If-Match", "\"999\"");
            (await client.SendAsync(request)).StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed, url);
        }
    }

    [Fact]
    public async Task Request_fields_a_client_may_leave_out_are_not_required()
    {
        using var anonymous = factory.ClientFor(Actor.Anonymous);
        var document = await (await anonymous.GetAsync("/openapi/v1.json")).ShouldBeAsync(HttpStatusCode.OK);
        var schemas = document.GetProperty("components").GetProperty("schemas");
        foreach (var (method, path, operation) in (await OperationsAsync()).Where(o => o.Operation.TryGetProperty("requestBody", out _)))
        {
            var body = operation.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema");
            var reference = (body.TryGetProperty("$ref", out var direct) ? direct : body.GetProperty("oneOf").EnumerateArray().Single(s => s.TryGetProperty("$ref", out var _)).GetProperty("$ref")).GetString()!;
            var schema = schemas.GetProperty(reference.Split('/')[^1]);
            var required = schema.TryGetProperty("required", out var list) ? list.EnumerateArray().Select(x => x.GetString()).ToList() : [];
            foreach (var property in schema.GetProperty("properties").EnumerateObject())
            {
                var nullable = property.Value.TryGetProperty("type", out var type) && type.ToString().Contains("null", StringComparison.Ordinal)
                    || (property.Value.TryGetProperty("oneOf", out var oneOf) && oneOf.ToString().Contains("\"null\"", StringComparison.Ordinal));
                if (nullable)
                {
                    required.ShouldNotContain(property.Name, $"{method} {path}: {property.Name} may be left out");
                }
            }
        }

        // And in practice: a profile change with one field, an item without description or category.
        var owner = Actor.Owner();
        var id = await factory.CreateRestaurantAsync(owner, publish: false);
        using var client = factory.ClientFor(owner);
        await (await client.PatchAsJsonAsync($"/api/restaurants/{id}", new { description = "only this" })).ShouldBeAsync(HttpStatusCode.OK);
        await (await client.PostAsJsonAsync($"/api/restaurants/{id}/menu/items", new { name = "김밥", price = new { amount = 4000 } })).ShouldBeAsync(HttpStatusCode.Created);
    }
}

using System.Net;
using System.Text.Json;

namespace Brigade.Reservations.Tests;

/// <summary>The OpenAPI document against what the endpoints do: security, problems, headers and which request fields are required.</summary>
public sealed class OpenApiTests(ReservationsFactory factory) : IClassFixture<ReservationsFactory>
{
    private async Task<JsonElement> DocumentAsync()
    {
        using var client = factory.CreateClient();
        return await (await client.GetAsync("/openapi/v1.json")).ShouldBeAsync(HttpStatusCode.OK);
    }

    private static IEnumerable<(string Method, string Path, JsonElement Operation)> Operations(JsonElement document) =>
        document.GetProperty("paths").EnumerateObject()
            .Where(p => p.Name.StartsWith("/api/", StringComparison.Ordinal))
            .SelectMany(p => p.Value.EnumerateObject().Where(o => o.Value.ValueKind == JsonValueKind.Object && o.Value.TryGetProperty("responses", out _))
                .Select(o => (o.Name.ToUpperInvariant(), p.Name, o.Value)));

    [Fact]
    public async Task Headers_and_problems_are_documented_where_the_endpoints_use_them()
    {
        var document = await DocumentAsync();
        var operations = Operations(document).ToDictionary(o => $"{o.Method} {o.Path}", o => o.Operation);
        static JsonElement? Header(JsonElement operation, string name) =>
            operation.TryGetProperty("parameters", out var parameters)
                ? parameters.EnumerateArray().Where(p => p.GetProperty("in").GetString() == "header" && p.GetProperty("name").GetString() == name).Cast<JsonElement?>().FirstOrDefault()
                : null;
        static bool Documents(JsonElement operation, string status) => operation.GetProperty("responses").TryGetProperty(status, out _);

        var book = operations["POST /api/reservations"];
        Header(book, "Idempotency-Key")!.Value.GetProperty("required").GetBoolean().ShouldBeTrue();
        Documents(book, "409").ShouldBeTrue();
        Documents(book, "422").ShouldBeTrue();
        Documents(book, "404").ShouldBeTrue();
        var conciergeKey = Header(operations["POST /api/concierge/requests"], "Idempotency-Key")!.Value;
        (conciergeKey.TryGetProperty("required", out var keyRequired) && keyRequired.GetBoolean()).ShouldBeFalse();

        foreach (var key in new[] { "PATCH /api/reservations/{id}", "POST /api/reservations/{id}/cancel", "POST /api/reservations/{id}/arrive" })
        {
            Header(operations[key], "If-Match").ShouldNotBeNull(key);
            Documents(operations[key], "412").ShouldBeTrue(key);
            Documents(operations[key], "404").ShouldBeTrue(key);
            Documents(operations[key], "409").ShouldBeTrue(key);
        }

        Documents(operations["GET /api/reservations/{id}"], "404").ShouldBeTrue();
        Documents(operations["GET /api/reservations/{id}/cancellation"], "404").ShouldBeTrue();
    }

    [Fact]
    public async Task Request_fields_a_client_may_leave_out_are_not_required()
    {
        var document = await DocumentAsync();
        var schemas = document.GetProperty("components").GetProperty("schemas");
        foreach (var (method, path, operation) in Operations(document).Where(o => o.Operation.TryGetProperty("requestBody", out _)))
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

        // And in practice: a booking without guest or notes, a modification with only a party size.
        var r = await factory.RestaurantAsync();
        using var client = factory.ClientFor(Actor.Diner());
        var booked = await (await client.SendAsync(Scenario.Booking(new { restaurantId = r.Id, partySize = 2, start = TestRestaurant.At(12) }))).ShouldBeAsync(HttpStatusCode.Created);
        await (await client.PatchAsync($"/api/reservations/{booked.GetProperty("id").GetGuid()}",
            new StringContent("""{"partySize":3}""", System.Text.Encoding.UTF8, "application/json"))).ShouldBeAsync(HttpStatusCode.OK);
    }
}

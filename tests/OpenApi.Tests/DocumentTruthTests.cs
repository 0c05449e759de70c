using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Brigade.OpenApi.Tests;

/// <summary>
/// Each service's OpenAPI document against the service itself: what a client generated from the document sends must
/// meet the service's real behaviour. Every documented operation routes; an operation documented with bearer security
/// refuses an anonymous call with 401 and one documented without security does not; every request member documented as
/// required is refused with a 400 naming it when it is left out (and likewise required query parameters); servers is the
/// gateway.
/// </summary>
public abstract class DocumentTruth<THost>(THost host) : IClassFixture<THost> where THost : class, IServiceHost
{
    private JsonElement? _document;

    private async Task<JsonElement> DocumentAsync()
    {
        if (_document is null)
        {
            using var client = host.Client();
            var response = await client.GetAsync("/openapi/v1.json");
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            _document = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
        }

        return _document.Value;
    }

    [Fact]
    public async Task Servers_is_the_gateway_and_operator_paths_are_left_out()
    {
        var document = await DocumentAsync();

        document.GetProperty("servers").EnumerateArray().Select(s => s.GetProperty("url").GetString()).ShouldBe(["/"]);
        document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ShouldAllBe(p => !p.StartsWith("/admin/"));
    }

    [Fact]
    public async Task Every_operation_routes_and_an_anonymous_call_meets_its_documented_security()
    {
        var document = await DocumentAsync();
        var failures = new List<string>();
        var operations = Operations(document).ToList();
        operations.ShouldNotBeEmpty();

        using var client = host.Client();
        foreach (var op in operations)
        {
            using var request = Request(document, op, omitQuery: null);
            if (op.Operation.TryGetProperty("requestBody", out _))
            {
                request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
            }

            using var response = await client.SendAsync(request);
            var status = (int)response.StatusCode;
            var body = await response.Content.ReadAsStringAsync();
            if (status == 405 || (status == 404 && !body.Contains("\"detail\"", StringComparison.Ordinal)))
            {
                failures.Add($"{op}: not routed ({status})");
            }
            else if (Secured(op.Operation) && status != 401)
            {
                failures.Add($"{op}: documented as needing a bearer token, but an anonymous call got {status}");
            }
            else if (!Secured(op.Operation) && status == 401)
            {
                failures.Add($"{op}: documented without security, but an anonymous call got 401");
            }
        }

        failures.ShouldBeEmpty();
    }

    [Fact]
    public async Task Every_required_request_member_and_query_parameter_is_refused_when_left_out()
    {
        var document = await DocumentAsync();
        var failures = new List<string>();
        using var client = host.Client();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await host.AdminTokenAsync());
        var checkedCount = 0;

        foreach (var op in Operations(document))
        {
            foreach (var query in Parameters(op.Operation).Where(p => p.In == "query" && p.Required))
            {
                checkedCount++;
                using var request = Request(document, op, omitQuery: query.Name);
                if (op.Operation.TryGetProperty("requestBody", out var requestBody) && JsonSchema(document, requestBody) is { } bodySchema)
                {
                    request.Content = new StringContent(Sample(document, bodySchema, 0)!.ToJsonString(), Encoding.UTF8, "application/json");
                }

                await ExpectRefusedAsync(client, request, op, query.Name, failures);
            }

            if (!op.Operation.TryGetProperty("requestBody", out var body) || JsonSchema(document, body) is not { } schema)
            {
                continue;
            }

            var resolved = Resolve(document, schema);
            foreach (var member in resolved.TryGetProperty("required", out var required) ? required.EnumerateArray().Select(r => r.GetString()!) : [])
            {
                checkedCount++;
                var sample = (JsonObject)Sample(document, resolved, 0)!;
                sample.Remove(member);
                using var request = Request(document, op, omitQuery: null);
                request.Content = new StringContent(sample.ToJsonString(), Encoding.UTF8, "application/json");
                await ExpectRefusedAsync(client, request, op, member, failures);
            }
        }

        failures.ShouldBeEmpty();
        Console.WriteLine($"{host.Name}: {checkedCount} required members and parameters checked");
    }

    private static async Task ExpectRefusedAsync(HttpClient client, HttpRequestMessage request, Op op, string field, List<string> failures)
    {
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.BadRequest || !Names(text, field))
        {
            failures.Add($"{op}: '{field}' is documented as required, but leaving it out got {(int)response.StatusCode}: {text[..Math.Min(300, text.Length)]}");
        }
    }

    /// <summary>The problem names the field: a key of <c>errors</c> (<c>field</c>, <c>$.field</c>, <c>x.field</c>) or its detail.</summary>
    private static bool Names(string problem, string field)
    {
        try
        {
            var json = JsonDocument.Parse(problem).RootElement;
            if (json.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object
                && errors.EnumerateObject().Any(e => e.Name.Equals(field, StringComparison.OrdinalIgnoreCase) || e.Name.EndsWith("." + field, StringComparison.OrdinalIgnoreCase)))
            {
                return true;
            }

            return json.TryGetProperty("detail", out var detail) && detail.GetString()?.Contains(field, StringComparison.OrdinalIgnoreCase) == true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static bool Secured(JsonElement operation) =>
        operation.TryGetProperty("security", out var security) && security.ValueKind == JsonValueKind.Array && security.GetArrayLength() > 0;

    private sealed record Op(string Method, string Path, JsonElement Operation)
    {
        public override string ToString() => $"{Method.ToUpperInvariant()} {Path}";
    }

    private sealed record Parameter(string Name, string In, bool Required, JsonElement? Schema);

    private static IEnumerable<Op> Operations(JsonElement document) =>
        document.GetProperty("paths").EnumerateObject().SelectMany(path => path.Value.EnumerateObject()
            .Where(o => o.Name is "get" or "post" or "put" or "patch" or "delete")
            .Select(o => new Op(o.Name, path.Name, o.Value)));

    private static IEnumerable<Parameter> Parameters(JsonElement operation) =>
        operation.TryGetProperty("parameters", out var parameters)
            ? parameters.EnumerateArray().Select(p => new Parameter(p.GetProperty("name").GetString()!, p.GetProperty("in").GetString()!,
                p.TryGetProperty("required", out var r) && r.GetBoolean(), p.TryGetProperty("schema", out var s) ? s : null))
            : [];

    /// <summary>The request a client generated from the document sends: path and required query parameters and headers sampled.</summary>
    private static HttpRequestMessage Request(JsonElement document, Op op, string? omitQuery)
    {
        var path = op.Path;
        var query = new List<string>();
        var headers = new List<(string, string)>();
        foreach (var parameter in Parameters(op.Operation))
        {
            var value = parameter.Schema is { } schema ? Sample(document, schema, 0)?.ToString() ?? "x" : "x";
            switch (parameter.In)
            {
                case "path":
                    path = path.Replace("{" + parameter.Name + "}", Uri.EscapeDataString(value), StringComparison.Ordinal);
                    break;
                case "query" when parameter.Required && parameter.Name != omitQuery:
                    query.Add($"{parameter.Name}={Uri.EscapeDataString(value)}");
                    break;
                case "header" when parameter.Required:
                    headers.Add((parameter.Name, Guid.NewGuid().ToString()));
                    break;
            }
        }

        var request = new HttpRequestMessage(new HttpMethod(op.Method.ToUpperInvariant()), path + (query.Count > 0 ? "?" + string.Join('&', query) : ""));
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return request;
    }

    private static JsonElement? JsonSchema(JsonElement document, JsonElement requestBody) =>
        requestBody.TryGetProperty("content", out var content) && content.TryGetProperty("application/json", out var json) && json.TryGetProperty("schema", out var schema)
            ? schema
            : null;

    private static JsonElement Resolve(JsonElement document, JsonElement schema)
    {
        while (schema.TryGetProperty("$ref", out var reference))
        {
            var name = reference.GetString()!.Split('/')[^1];
            schema = document.GetProperty("components").GetProperty("schemas").GetProperty(name);
        }

        return schema;
    }

    /// <summary>A plausible value of the schema's type: UUIDs, dates, times, numbers, strings, arrays and objects with every member.</summary>
    private static JsonNode? Sample(JsonElement document, JsonElement schema, int depth)
    {
        schema = Resolve(document, schema);
        var types = schema.TryGetProperty("type", out var type)
            ? type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()!).ToList() : [type.GetString()!]
            : [];
        var format = schema.TryGetProperty("format", out var f) ? f.GetString() : null;
        if (schema.TryGetProperty("enum", out var values) && values.GetArrayLength() > 0)
        {
            return JsonNode.Parse(values[0].GetRawText());
        }

        if (types.Contains("object") || schema.TryGetProperty("properties", out _))
        {
            var result = new JsonObject();
            if (depth < 4 && schema.TryGetProperty("properties", out var properties))
            {
                foreach (var property in properties.EnumerateObject())
                {
                    result[property.Name] = Sample(document, property.Value, depth + 1);
                }
            }

            return result;
        }

        if (types.Contains("array"))
        {
            return depth < 4 && schema.TryGetProperty("items", out var items) ? new JsonArray(Sample(document, items, depth + 1)) : new JsonArray();
        }

        if (types.Contains("integer") || types.Contains("number"))
        {
            return JsonValue.Create(1);
        }

        if (types.Contains("boolean"))
        {
            return JsonValue.Create(false);
        }

        return JsonValue.Create(format switch
        {
            "uuid" => Guid.NewGuid().ToString(),
            "date" => "2026-12-24",
            "date-time" => "2026-12-24T19:00:00+09:00",
            "time" => "19:00",
            _ => "sample",
        });
    }
}

public sealed class IdentityDocumentTests(IdentityHost host) : DocumentTruth<IdentityHost>(host);

public sealed class RestaurantsDocumentTests(RestaurantsHost host) : DocumentTruth<RestaurantsHost>(host);

public sealed class ReservationsDocumentTests(ReservationsHost host) : DocumentTruth<ReservationsHost>(host);

public sealed class NotificationsDocumentTests(NotificationsHost host) : DocumentTruth<NotificationsHost>(host);

public sealed class JobsDocumentTests(JobsHost host) : DocumentTruth<JobsHost>(host);

public sealed class SearchDocumentTests(SearchHost host) : DocumentTruth<SearchHost>(host);

public sealed class OrderingDocumentTests(OrderingHost host) : DocumentTruth<OrderingHost>(host);

public sealed class PaymentsDocumentTests(PaymentsHost host) : DocumentTruth<PaymentsHost>(host);

public sealed class ChatDocumentTests(ChatHost host) : DocumentTruth<ChatHost>(host);

public sealed class AnalyticsDocumentTests(AnalyticsHost host) : DocumentTruth<AnalyticsHost>(host);

public sealed class InventoryDocumentTests(InventoryHost host) : DocumentTruth<InventoryHost>(host);

public sealed class StaffDocumentTests(StaffHost host) : DocumentTruth<StaffHost>(host);

public sealed class IoTDocumentTests(IoTHost host) : DocumentTruth<IoTHost>(host);

public sealed class ForecastingDocumentTests(ForecastingHost host) : DocumentTruth<ForecastingHost>(host);

using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Brigade.ServiceDefaults;

/// <summary>
/// Makes every service's OpenAPI document tell the truth about what its endpoints do, from their metadata, in one place:
/// <list type="bullet">
/// <item>the service's name and the bearer scheme;</item>
/// <item>each operation's security: the bearer token for an endpoint that requires authorisation (and its 401 and 403),
/// "none or the bearer token" for an anonymous one (a token, when sent, still changes what some of them show);</item>
/// <item>the <c>Idempotency-Key</c> header where the endpoint honours it (required or not) with its 400/409/422, and the
/// <c>If-Match</c> header where the endpoint declares <see cref="OpenApiDeclarations.AcceptsIfMatch{TBuilder}"/> with its 412;</item>
/// <item>request fields the server treats as optional are not <c>required</c>: a nullable member of a body record may be
/// left out (the generator marks every constructor parameter required, nullable or not).</item>
/// </list>
/// </summary>
internal sealed partial class BrigadeOpenApiTransformer(ServiceIdentity service) : IOpenApiDocumentTransformer
{
    private const string Bearer = "Bearer";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info.Title = $"Brigade {service.Name} API";
        document.Info.Version = "v1";
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[Bearer] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "ES256 access token from POST /api/auth/login.",
        };

        // The problem responses declared below refer to it; a service whose endpoints declare none has no such schema yet.
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        document.Components.Schemas.TryAdd("ProblemDetails", new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "RFC 9457 problem details; `code` (when present) is a stable reason a client can branch on, `errors` names invalid fields.",
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["type"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
                ["title"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
                ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer | JsonSchemaType.Null, Format = "int32" },
                ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
                ["instance"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
            },
        });

        foreach (var description in context.DescriptionGroups.SelectMany(g => g.Items))
        {
            if (Find(document, description) is { } operation)
            {
                Declare(document, operation, description);
            }
        }

        foreach (var schema in (document.Components.Schemas ?? new Dictionary<string, IOpenApiSchema>()).Values.OfType<OpenApiSchema>())
        {
            OptionalWhenNullable(schema);
        }

        return Task.CompletedTask;
    }

    private static OpenApiOperation? Find(OpenApiDocument document, ApiDescription description)
    {
        // The document's path is the route without constraints or defaults: {id:guid} → {id}.
        var path = "/" + RouteParameter().Replace(description.RelativePath ?? "", "{$1}").TrimEnd('/');
        if (document.Paths is null || !document.Paths.TryGetValue(path == "" ? "/" : path, out var item) || item.Operations is null
            || description.HttpMethod is null)
        {
            return null;
        }

        return item.Operations.TryGetValue(new HttpMethod(description.HttpMethod), out var operation) ? operation : null;
    }

    private static void Declare(OpenApiDocument document, OpenApiOperation operation, ApiDescription description)
    {
        var metadata = description.ActionDescriptor.EndpointMetadata;
        var anonymous = metadata.OfType<IAllowAnonymous>().Any() || !metadata.OfType<IAuthorizeData>().Any();
        var bearer = new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Bearer, document)] = [] };
        operation.Security = anonymous ? [new OpenApiSecurityRequirement(), bearer] : [bearer];
        operation.Responses ??= new OpenApiResponses();
        if (!anonymous)
        {
            Problem(operation, StatusCodes.Status401Unauthorized, "No valid access token (missing, expired or revoked).");
            Problem(operation, StatusCodes.Status403Forbidden,
                "The token does not grant this (a `code: token_refresh_required` means a right granted since the token was issued: refresh it and retry).");
        }

        // The idempotency filter lives in Brigade.Data, which builds on this assembly: it is known by its metadata's name.
        if (metadata.FirstOrDefault(m => m.GetType().Name == "IdempotentEndpoint") is { } idempotent)
        {
            var required = idempotent.GetType().GetProperty("Required")?.GetValue(idempotent) is true;
            Header(operation, "Idempotency-Key", required,
                "A unique value per operation (e.g. a UUID): a retry with the same key and body gets the stored response; another body is 422, one still in flight 409.");
            Problem(operation, StatusCodes.Status400BadRequest, "Invalid input, or a missing or malformed Idempotency-Key.");
            Problem(operation, StatusCodes.Status409Conflict, "A request with this Idempotency-Key is still in flight (or the operation conflicts).");
            Problem(operation, StatusCodes.Status422UnprocessableEntity, "This Idempotency-Key was used with a different body.");
        }

        if (metadata.OfType<IfMatchMetadata>().Any())
        {
            Header(operation, "If-Match", false,
                "The ETag (`\"<version>\"`) the change was computed from; a stale one is 412 and changes nothing. `*` or none: any version.");
            Problem(operation, StatusCodes.Status412PreconditionFailed, "The resource changed since the caller read it (If-Match no longer matches).");
        }
    }

    private static void Problem(OpenApiOperation operation, int status, string description)
    {
        var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (operation.Responses!.ContainsKey(key))
        {
            return;
        }

        operation.Responses[key] = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference("ProblemDetails") },
            },
        };
    }

    private static void Header(OpenApiOperation operation, string name, bool required, string description)
    {
        operation.Parameters ??= [];
        if (operation.Parameters.Any(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase) && p.In == ParameterLocation.Header))
        {
            return;
        }

        operation.Parameters.Add(new OpenApiParameter
        {
            Name = name,
            In = ParameterLocation.Header,
            Required = required,
            Description = description,
            Schema = new OpenApiSchema { Type = JsonSchemaType.String },
        });
    }

    /// <summary>A property that may be null is one a client may leave out: binding gives it null either way.</summary>
    private static void OptionalWhenNullable(OpenApiSchema schema)
    {
        if (schema.Required is not { Count: > 0 } required || schema.Properties is null)
        {
            return;
        }

        foreach (var (name, property) in schema.Properties)
        {
            if (IsNullable(property))
            {
                required.Remove(name);
            }
        }
    }

    private static bool IsNullable(IOpenApiSchema schema) =>
        (schema.Type is { } type && type.HasFlag(JsonSchemaType.Null))
        || (schema.OneOf ?? []).Concat(schema.AnyOf ?? []).Any(s => s.Type is { } t && t.HasFlag(JsonSchemaType.Null));

    [GeneratedRegex(@"\{\*{0,2}([^}:=?]+)[^}]*\}")]
    private static partial Regex RouteParameter();
}

/// <summary>What an endpoint declares for its OpenAPI document beyond what ASP.NET Core knows.</summary>
public static class OpenApiDeclarations
{
    /// <summary>The endpoint honours <c>If-Match</c> (optimistic concurrency, <see cref="Brigade.Api.Versions"/>): documented with its 412.</summary>
    public static TBuilder AcceptsIfMatch<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new IfMatchMetadata());
}

/// <summary>Marks an endpoint that honours <c>If-Match</c>.</summary>
public sealed record IfMatchMetadata;

using System.Globalization;
using System.Text.Json.Serialization.Metadata;
using Brigade.Api;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.OpenApi;

namespace Brigade.ServiceDefaults;

/// <summary>
/// Makes every service's OpenAPI document say what the service really does, in one place:
/// <list type="bullet">
/// <item>request bodies: only members the service refuses to go without are <c>required</c> (a C# <c>required</c> or
/// <c>[JsonRequired]</c> member, or one marked <c>[Required]</c>); the generator marks every constructor parameter
/// required, though a nullable one may be left out. Responses keep the generator's list: every member is always written.</item>
/// <item>security: <c>Bearer</c> on every operation that needs a token, none on anonymous ones; 401 on the former, 403
/// where a policy or roles can refuse a signed-in caller. A partner's signed webhook (<see cref="SignedRequest"/>) names
/// its signature header as its own scheme, with 401.</item>
/// <item>headers: <c>Idempotency-Key</c> and <c>If-Match</c> (any <see cref="DocumentedHeader"/> on the endpoint) with
/// the answers they bring (409/422, 412).</item>
/// <item>problem answers that can always occur: 400 when there is anything to bind, 404 when the path names a
/// resource, 429 when rate limited; others an endpoint declares with <c>.ProducesProblem(status)</c>.</item>
/// <item><c>servers</c> is the gateway (<c>/</c>), the only public entry; operator endpoints under <c>/admin</c>, which
/// the gateway does not route, are left out.</item>
/// </list>
/// </summary>
internal sealed class BrigadeOpenApiTransformer(ServiceIdentity service) : IOpenApiDocumentTransformer, IOpenApiOperationTransformer, IOpenApiSchemaTransformer
{
    public const string BearerScheme = "Bearer";
    private const string ProblemSchema = "ProblemDetails";
    private const string OptionalMembers = "brigade-optional-members";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info.Title = $"Brigade {service.Name} API";
        document.Info.Version = "v1";
        document.Servers = [new OpenApiServer { Url = "/", Description = "The gateway" }];
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "ES256 access token from POST /api/auth/login.",
        };
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        document.Components.Schemas.TryAdd(ProblemSchema, Problem());

        foreach (var path in document.Paths.Keys.Where(p => p.StartsWith("/admin/", StringComparison.Ordinal)).ToList())
        {
            document.Paths.Remove(path);
        }

        RelaxRequestBodies(document);
        return Task.CompletedTask;
    }

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var document = context.Document;
        operation.Responses ??= new OpenApiResponses();

        var anonymous = metadata.OfType<IAllowAnonymous>().Any();
        var authorize = metadata.OfType<IAuthorizeData>().ToList();
        var policies = metadata.OfType<AuthorizationPolicy>().ToList();
        if (metadata.OfType<SignedRequest>().FirstOrDefault() is { } signed)
        {
            if (document is not null)
            {
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes.TryAdd(signed.Scheme, new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.ApiKey,
                    In = ParameterLocation.Header,
                    Name = signed.Header,
                    Description = signed.Description,
                });
            }

            operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(signed.Scheme, document)] = [] }];
            AddProblem(operation, document, 401, "The request's signature is missing, wrong or too old.");
        }
        else if (anonymous || (authorize.Count == 0 && policies.Count == 0))
        {
            operation.Security = [];
        }
        else
        {
            operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, document)] = [] }];
            AddProblem(operation, document, 401, "No valid access token (missing, expired, revoked or malformed).");
            var refusesSome = authorize.Any(a => a.Policy is not null || a.Roles is not null)
                || policies.SelectMany(p => p.Requirements).Any(r => r is not DenyAnonymousAuthorizationRequirement);
            if (refusesSome)
            {
                AddProblem(operation, document, 403, "The caller's roles or memberships do not allow this.");
            }
        }

        foreach (var header in metadata.OfType<DocumentedHeader>())
        {
            operation.Parameters ??= [];
            if (!operation.Parameters.Any(p => p.In == ParameterLocation.Header && string.Equals(p.Name, header.Name, StringComparison.OrdinalIgnoreCase)))
            {
                operation.Parameters.Add(new OpenApiParameter
                {
                    Name = header.Name,
                    In = ParameterLocation.Header,
                    Required = header.Required,
                    Description = header.Description,
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                });
            }

            foreach (var (status, meaning) in header.Answers)
            {
                AddProblem(operation, document, status, meaning);
            }
        }

        var parameters = context.Description.ParameterDescriptions;
        if (operation.RequestBody is not null || parameters.Count > 0)
        {
            AddProblem(operation, document, 400, "The request is malformed or a field is invalid (errors names each field).");
        }

        if (parameters.Any(p => p.Source.Id == "Path"))
        {
            AddProblem(operation, document, 404, "No such resource, or it belongs to someone the caller may not see.");
        }

        if (metadata.OfType<EnableRateLimitingAttribute>().Any())
        {
            AddProblem(operation, document, 429, "Too many requests; Retry-After says when to try again.");
        }

        return Task.CompletedTask;
    }

    /// <summary>Notes which members of an object a request may leave out (all but the truly required); applied to request bodies only.</summary>
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.JsonTypeInfo.Kind == JsonTypeInfoKind.Object && schema.Required is { Count: > 0 })
        {
            var optional = context.JsonTypeInfo.Properties.Where(p => !TrulyRequired(p)).Select(p => p.Name).ToArray();
            if (optional.Length > 0)
            {
                schema.Metadata ??= new Dictionary<string, object>();
                schema.Metadata[OptionalMembers] = optional;
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>Binding refuses a body without it (C# <c>required</c>, <c>[JsonRequired]</c>) or validation does (<c>[Required]</c>).</summary>
    private static bool TrulyRequired(JsonPropertyInfo property) =>
        property.IsRequired
        || HasRequiredAttribute(property.AttributeProvider)
        || HasRequiredAttribute(property.AssociatedParameter?.AttributeProvider);

    private static bool HasRequiredAttribute(System.Reflection.ICustomAttributeProvider? provider) =>
        provider?.GetCustomAttributes(inherit: true).Any(a => a is System.ComponentModel.DataAnnotations.RequiredAttribute) == true;

    /// <summary>Every schema a request body reaches (through references, properties, items) keeps only its truly required members.</summary>
    private static void RelaxRequestBodies(OpenApiDocument document)
    {
        var schemas = document.Components?.Schemas ?? new Dictionary<string, IOpenApiSchema>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<IOpenApiSchema>();
        foreach (var operation in document.Paths.Values.SelectMany(p => p.Operations?.Values.AsEnumerable() ?? []))
        {
            foreach (var media in operation.RequestBody?.Content?.Values ?? [])
            {
                if (media.Schema is not null)
                {
                    pending.Push(media.Schema);
                }
            }
        }

        while (pending.TryPop(out var next))
        {
            var schema = next;
            if (next is OpenApiSchemaReference reference)
            {
                var id = reference.Reference.Id;
                if (id is null || !seen.Add(id) || !schemas.TryGetValue(id, out var target))
                {
                    continue;
                }

                schema = target;
            }

            if (schema is OpenApiSchema concrete && concrete.Metadata?.TryGetValue(OptionalMembers, out var optional) == true && concrete.Required is not null)
            {
                foreach (var member in (string[])optional)
                {
                    concrete.Required.Remove(member);
                }
            }

            foreach (var child in (schema.Properties?.Values ?? []).Concat(schema.AllOf ?? []).Concat(schema.AnyOf ?? []).Concat(schema.OneOf ?? []))
            {
                pending.Push(child);
            }

            if (schema.Items is { } items)
            {
                pending.Push(items);
            }

            if (schema.AdditionalProperties is { } additional)
            {
                pending.Push(additional);
            }
        }
    }

    private static void AddProblem(OpenApiOperation operation, OpenApiDocument? document, int status, string meaning)
    {
        var key = status.ToString(CultureInfo.InvariantCulture);
        if (operation.Responses!.ContainsKey(key))
        {
            return;
        }

        operation.Responses[key] = new OpenApiResponse
        {
            Description = meaning,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference(ProblemSchema, document) },
            },
        };
    }

    /// <summary>RFC 9457 problem details as every Brigade service writes them.</summary>
    private static OpenApiSchema Problem() => new()
    {
        Type = JsonSchemaType.Object,
        Description = "RFC 9457 problem details; detail is in the caller's language (Accept-Language: ko or en).",
        Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["type"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
            ["title"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
            ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer | JsonSchemaType.Null, Format = "int32" },
            ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
            ["instance"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
            ["traceId"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
            ["code"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null, Description = "A stable machine-readable reason, when there is one." },
            ["errors"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Object | JsonSchemaType.Null,
                AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
            },
        },
    };
}

using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Brigade.ServiceDefaults;

/// <summary>Names the service in its OpenAPI document and declares the bearer scheme every protected endpoint uses.</summary>
internal sealed class BrigadeOpenApiTransformer(ServiceIdentity service) : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info.Title = $"Brigade {service.Name} API";
        document.Info.Version = "v1";
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes["Bearer"] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "ES256 access token from POST /api/auth/login.",
        };
        return Task.CompletedTask;
    }
}

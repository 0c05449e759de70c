using Microsoft.AspNetCore.Cors.Infrastructure;

namespace Brigade.Gateway.Edge;

/// <summary>
/// CORS for the web app's origins (<c>Gateway:Cors:Origins</c>), rebuilt when the configuration reloads.
/// Credentials are allowed because the SignalR browser client sends them by default; that is why the
/// origins are an explicit list and never <c>*</c>.
/// </summary>
public sealed class GatewayCors(Topology topology) : ICorsPolicyProvider
{
    private static readonly string[] Exposed = ["X-Request-Id", "Retry-After", "Location", "ETag", "WWW-Authenticate"];

    private volatile Built? _built;

    public Task<CorsPolicy?> GetPolicyAsync(HttpContext context, string? policyName)
    {
        var options = topology.Options;
        var built = _built;
        if (built is null || !ReferenceEquals(built.Options, options))
        {
            built = new Built(options, Task.FromResult(Create(options.Cors)));
            _built = built;
        }

        return built.Policy;
    }

    private static CorsPolicy? Create(CorsOptions cors)
    {
        var origins = cors.Origins.Where(o => !string.IsNullOrWhiteSpace(o) && o != "*").Select(o => o.Trim().TrimEnd('/')).ToArray();
        if (origins.Length == 0)
        {
            return null;
        }

        return new CorsPolicyBuilder()
            .WithOrigins(origins)
            .AllowAnyHeader()
            .AllowAnyMethod()
            .AllowCredentials()
            .WithExposedHeaders(Exposed)
            .SetPreflightMaxAge(cors.PreflightMaxAge)
            .Build();
    }

    private sealed record Built(GatewayOptions Options, Task<CorsPolicy?> Policy);
}

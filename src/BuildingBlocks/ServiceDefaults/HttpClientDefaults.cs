using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.ServiceDiscovery;
using Polly;

namespace Brigade.ServiceDefaults;

/// <summary>
/// Every <see cref="HttpClient"/> from the factory gets service discovery (<c>http://identity</c> means the
/// replicas listed under <c>Services:identity</c>, taken in turn) and the standard resilience handler
/// (total and attempt timeouts of 30 and 10 s, two retries with exponential backoff from 200 ms and jitter,
/// a circuit breaker), retrying only what is safe to send twice.
/// </summary>
public static class HttpClientDefaults
{
    /// <summary>The header that makes a non-idempotent request safe to repeat (the receiver answers a repeat with the stored response).</summary>
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    internal static void Add(WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddServiceDiscoveryCore();
        services.AddSingleton<IServiceEndpointProviderFactory, ServiceListEndpointProviderFactory>();
        services.AddConfigurationServiceEndpointProvider();
        services.AddPassThroughServiceEndpointProvider(); // any other host name (an external API, an address) is used as it is
        services.ConfigureHttpClientDefaults(http =>
        {
            http.AddStandardResilienceHandler(o =>
            {
                // A caller is usually waiting on the answer: two quick retries rather than the standard three
                // spread over 2, 4 and 8 s.
                o.Retry.MaxRetryAttempts = 2;
                o.Retry.Delay = TimeSpan.FromMilliseconds(200);
                var transient = o.Retry.ShouldHandle;
                o.Retry.ShouldHandle = async args => IsSafeToRepeat(args.Context.GetRequestMessage()) && await transient(args);
            });
            http.AddServiceDiscovery();
        });
    }

    /// <summary>
    /// Idempotent methods (RFC 9110: GET, HEAD, OPTIONS, TRACE, PUT, DELETE) and any request carrying an
    /// <c>Idempotency-Key</c>. A POST or PATCH without one might have been carried out before its answer
    /// was lost, so it is not sent again.
    /// </summary>
    public static bool IsSafeToRepeat(HttpRequestMessage? request) =>
        request is not null
        && (request.Method == HttpMethod.Get || request.Method == HttpMethod.Head || request.Method == HttpMethod.Options
            || request.Method == HttpMethod.Trace || request.Method == HttpMethod.Put || request.Method == HttpMethod.Delete
            || request.Headers.Contains(IdempotencyKeyHeader));
}

/// <summary>
/// Resolves a service name from the launcher's list, <c>Services:&lt;name&gt;</c> = an array of base URLs
/// (<c>.brigade/services.json</c>, reloaded on change; the shape the gateway and the JWKS client read too).
/// The library's own configuration provider wants <c>Services:&lt;name&gt;:http</c>, which it still reads.
/// </summary>
internal sealed class ServiceListEndpointProviderFactory(IConfiguration configuration) : IServiceEndpointProviderFactory
{
    public bool TryCreateProvider(ServiceEndpointQuery query, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out IServiceEndpointProvider? provider)
    {
        provider = new Provider(configuration, query.ServiceName);
        return true;
    }

    private sealed class Provider(IConfiguration configuration, string serviceName) : IServiceEndpointProvider
    {
        public ValueTask PopulateAsync(IServiceEndpointBuilder endpoints, CancellationToken cancellationToken)
        {
            endpoints.AddChangeToken(configuration.GetReloadToken());
            if (endpoints.Endpoints.Count > 0)
            {
                return default;
            }

            foreach (var child in configuration.GetSection($"Services:{serviceName}").GetChildren())
            {
                if (int.TryParse(child.Key, out _) && Uri.TryCreate(child.Value, UriKind.Absolute, out var uri))
                {
                    endpoints.Endpoints.Add(ServiceEndpoint.Create(new UriEndPoint(uri)));
                }
            }

            return default;
        }

        public ValueTask DisposeAsync() => default;
    }
}

using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using Brigade.Contracts.Search;
using Microsoft.Extensions.Options;

namespace Brigade.Search.Clients;

/// <summary>A source service could not give its feed (not configured, down, refusing our token).</summary>
public sealed class SourceUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Reads the feeds the index is rebuilt from — restaurants' and jobs' <c>index-feed</c> — page by page, with a service
/// token from identity (client credentials, as <c>Restaurants/Clients/IdentityClient</c> obtains one). Timeouts, retries
/// and the circuit breaker are every client's (ServiceDefaults).
/// </summary>
public sealed class FeedClient(IHttpClientFactory clients, IConfiguration configuration, IOptions<SearchOptions> options, TimeProvider clock)
{
    public const string ClientId = "search";
    public const string Identity = "identity";
    public const string Restaurants = "restaurants";
    public const string Jobs = "jobs";

    private readonly SemaphoreSlim _tokenLock = new(1, 1);
    private (string Token, DateTimeOffset RenewAt)? _token;

    private sealed record TokenResponse(string AccessToken, int ExpiresIn);

    /// <summary>Whether a jobs service is known (configured or discovered); without one, jobs come from events only.</summary>
    public bool HasJobs => BaseAddress(configuration, options.Value, Jobs) is not null;

    public IAsyncEnumerable<RestaurantFeedPage> RestaurantPagesAsync(CancellationToken ct) =>
        PagesAsync<RestaurantFeedPage>(Restaurants, "api/restaurants/index-feed", p => p.NextAfter, ct);

    public IAsyncEnumerable<JobFeedPage> JobPagesAsync(CancellationToken ct) =>
        PagesAsync<JobFeedPage>(Jobs, "api/jobs/index-feed", p => p.NextAfter, ct);

    /// <summary>The base address of <paramref name="service"/>: its setting, else <c>http://service/</c> when discovery lists it.</summary>
    public static Uri? BaseAddress(IConfiguration configuration, SearchOptions options, string service)
    {
        var url = service switch
        {
            Restaurants => options.RestaurantsUrl,
            Jobs => options.JobsUrl,
            _ => options.IdentityUrl,
        } ?? (configuration.GetSection($"Services:{service}").Exists() ? $"http://{service}" : null);
        return Uri.TryCreate(url, UriKind.Absolute, out var uri) ? new Uri(uri.ToString().TrimEnd('/') + "/") : null;
    }

    private async IAsyncEnumerable<TPage> PagesAsync<TPage>(string service, string path, Func<TPage, Guid?> next, [EnumeratorCancellation] CancellationToken ct)
    {
        var http = clients.CreateClient(service);
        if (http.BaseAddress is null)
        {
            throw new SourceUnavailableException($"The {service} service's address is not configured (Services:{service} or Search:{char.ToUpperInvariant(service[0])}{service[1..]}Url).");
        }

        Guid? after = null;
        do
        {
            var query = $"{path}?limit={options.Value.FeedPageSize}" + (after is { } a ? $"&after={a}" : "");
            using var request = new HttpRequestMessage(HttpMethod.Get, query);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(ct));
            using var response = await SendAsync(http, request, service, ct);
            if (response.StatusCode == HttpStatusCode.Unauthorized)
            {
                _token = null; // refused (a rotated key, a revoked token): the next attempt asks for a new one
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new SourceUnavailableException($"The {service} service answered {(int)response.StatusCode} to {path}.");
            }

            var page = await response.Content.ReadFromJsonAsync<TPage>(ct)
                ?? throw new SourceUnavailableException($"The {service} service sent an empty page.");
            yield return page;
            after = next(page);
        }
        while (after is not null);
    }

    private async Task<string> TokenAsync(CancellationToken ct)
    {
        if (_token is { } cached && cached.RenewAt > clock.GetUtcNow())
        {
            return cached.Token;
        }

        await _tokenLock.WaitAsync(ct);
        try
        {
            if (_token is { } again && again.RenewAt > clock.GetUtcNow())
            {
                return again.Token;
            }

            var secret = configuration["ServiceAuth:ClientSecret"];
            if (string.IsNullOrEmpty(secret))
            {
                throw new SourceUnavailableException("ServiceAuth:ClientSecret is not set, so search cannot obtain a service token.");
            }

            var http = clients.CreateClient(Identity);
            if (http.BaseAddress is null)
            {
                throw new SourceUnavailableException("Identity's address is not configured (Services:identity or Search:IdentityUrl).");
            }

            using var request = new HttpRequestMessage(HttpMethod.Post, "api/auth/token")
            {
                Content = JsonContent.Create(new { clientId = ClientId, clientSecret = secret, grantType = "client_credentials" }),
                // Repeating the request only mints another short-lived token: safe to retry.
                Headers = { { Brigade.ServiceDefaults.HttpClientDefaults.IdempotencyKeyHeader, Guid.CreateVersion7().ToString() } },
            };
            using var response = await SendAsync(http, request, Identity, ct);
            if (!response.IsSuccessStatusCode)
            {
                throw new SourceUnavailableException($"Identity refused the service token request ({(int)response.StatusCode}).");
            }

            var token = await response.Content.ReadFromJsonAsync<TokenResponse>(ct)
                ?? throw new SourceUnavailableException("Identity sent an empty token response.");
            _token = (token.AccessToken, clock.GetUtcNow() + TimeSpan.FromSeconds(Math.Max(0, token.ExpiresIn - 60)));
            return token.AccessToken;
        }
        finally
        {
            _tokenLock.Release();
        }
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient http, HttpRequestMessage request, string service, CancellationToken ct)
    {
        try
        {
            return await http.SendAsync(request, ct);
        }
        catch (Exception e) when (e is HttpRequestException or Polly.ExecutionRejectedException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            throw new SourceUnavailableException($"The {service} service could not be reached.", e);
        }
    }
}

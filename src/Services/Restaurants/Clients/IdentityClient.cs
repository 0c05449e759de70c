using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.Extensions.Options;

namespace Brigade.Restaurants.Clients;

/// <summary>Identity could not answer (not configured, down, refusing our service token).</summary>
public sealed class IdentityUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Identity's HTTP API, called for the system with a service token (client credentials): resolves an
/// email to the person's id when an owner adds a member by email. Membership changes themselves go to
/// identity as events, not through here. Timeouts, retries and the circuit breaker are every client's
/// (ServiceDefaults): both requests are safe to repeat, a lookup and a token request whose duplicate only
/// mints another short-lived token, so the token POST carries an <c>Idempotency-Key</c> to say so.
/// </summary>
public sealed class IdentityClient(HttpClient http, IOptions<ServiceAuthOptions> serviceAuth, TimeProvider clock, ServiceTokenCache tokens)
{
    public const string ClientId = "restaurants";

    private sealed record TokenResponse(string AccessToken, int ExpiresIn);

    private sealed record UserSummary(Guid Id, string? Email);

    private sealed record UserPage(List<UserSummary> Items);

    /// <summary>The id of the account with this email (letter case ignored), or null when there is none.</summary>
    public async Task<Guid?> FindUserIdByEmailAsync(string email, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"api/users?email={Uri.EscapeDataString(email)}&limit=2");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await ServiceTokenAsync(ct));
        using var response = await SendAsync(request, ct);
        if (!response.IsSuccessStatusCode)
        {
            throw new IdentityUnavailableException($"Identity answered {(int)response.StatusCode} to the user lookup.");
        }

        var page = await response.Content.ReadFromJsonAsync<UserPage>(ct);
        return page?.Items.FirstOrDefault(u => string.Equals(u.Email, email, StringComparison.OrdinalIgnoreCase))?.Id;
    }

    private async Task<string> ServiceTokenAsync(CancellationToken ct)
    {
        if (tokens.Current(clock.GetUtcNow()) is { } cached)
        {
            return cached;
        }

        await tokens.Lock.WaitAsync(ct);
        try
        {
            if (tokens.Current(clock.GetUtcNow()) is { } again)
            {
                return again;
            }

            var secret = serviceAuth.Value.ClientSecret;
            if (string.IsNullOrEmpty(secret))
            {
                throw new IdentityUnavailableException("ServiceAuth:ClientSecret is not set, so this service cannot ask identity.");
            }

            using var request = new HttpRequestMessage(HttpMethod.Post, "api/auth/token")
            {
                Content = JsonContent.Create(new { clientId = ClientId, clientSecret = secret, grantType = "client_credentials" }),
                Headers = { { Brigade.ServiceDefaults.HttpClientDefaults.IdempotencyKeyHeader, Guid.CreateVersion7().ToString() } },
            };
            using var response = await SendAsync(request, ct);
            if (!response.IsSuccessStatusCode)
            {
                throw new IdentityUnavailableException($"Identity refused the service token request ({(int)response.StatusCode}).");
            }

            var token = await response.Content.ReadFromJsonAsync<TokenResponse>(ct)
                ?? throw new IdentityUnavailableException("Identity sent an empty token response.");
            tokens.Store(token.AccessToken, clock.GetUtcNow() + TimeSpan.FromSeconds(Math.Max(0, token.ExpiresIn - 60)));
            return token.AccessToken;
        }
        finally
        {
            tokens.Lock.Release();
        }
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        if (http.BaseAddress is null)
        {
            throw new IdentityUnavailableException("Identity's address is not configured (Services:identity or Restaurants:IdentityUrl).");
        }

        try
        {
            return await http.SendAsync(request, ct);
        }
        catch (Exception e) when (e is HttpRequestException or Polly.ExecutionRejectedException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            throw new IdentityUnavailableException("Identity could not be reached.", e);
        }
    }
}

/// <summary>The service token for identity, shared by the (transient) typed clients until a minute before it expires.</summary>
public sealed class ServiceTokenCache
{
    private (string Token, DateTimeOffset RenewAt)? _token;

    internal SemaphoreSlim Lock { get; } = new(1, 1);

    internal string? Current(DateTimeOffset now) => _token is { } t && t.RenewAt > now ? t.Token : null;

    internal void Store(string token, DateTimeOffset renewAt) => _token = (token, renewAt);
}

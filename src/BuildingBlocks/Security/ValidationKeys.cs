using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Brigade.Security;

/// <summary>The public keys access tokens are verified with, by <c>kid</c>.</summary>
public interface IValidationKeys
{
    /// <summary>The key named <paramref name="keyId"/> if it is known now.</summary>
    ECDsa? Find(string keyId);

    /// <summary>Looks for new keys (an unknown <c>kid</c> arrived); implementations rate limit this.</summary>
    Task RefreshAsync(CancellationToken cancellationToken);
}

/// <summary>A fixed key set, from <c>Security:Jwks</c>.</summary>
public sealed class StaticValidationKeys(IReadOnlyDictionary<string, ECDsa> keys) : IValidationKeys
{
    public static StaticValidationKeys Parse(string jwks) => new(JsonWebKeySet.ParseKeys(jwks));

    public ECDsa? Find(string keyId) => keys.GetValueOrDefault(keyId);

    public Task RefreshAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>
/// Fetches identity's JWK Set and caches it. The set is fetched again in the background when it is
/// older than <see cref="SecurityOptions.JwksRefreshMinutes"/>, and on an unknown <c>kid</c> — at most
/// once per <see cref="SecurityOptions.JwksMinRefreshSeconds"/>, so forged kids cannot flood identity.
/// A failed fetch keeps the keys already known.
/// </summary>
public sealed class JwksClient(
    IHttpClientFactory httpClients,
    IConfiguration configuration,
    IOptions<SecurityOptions> options,
    TimeProvider clock,
    ILogger<JwksClient> logger) : IValidationKeys
{
    public const string HttpClientName = "brigade-jwks";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile IReadOnlyDictionary<string, ECDsa> _keys = new Dictionary<string, ECDsa>();
    private DateTimeOffset _fetchedAt = DateTimeOffset.MinValue;
    private DateTimeOffset _attemptedAt = DateTimeOffset.MinValue;

    /// <summary>The JWKS address: <c>Security:JwksUrl</c>, else the first <c>Services:identity</c> URL + <c>/api/auth/jwks</c>.</summary>
    public string? JwksUrl
    {
        get
        {
            if (!string.IsNullOrWhiteSpace(options.Value.JwksUrl))
            {
                return options.Value.JwksUrl;
            }

            var identity = configuration["Services:identity:0"] ?? configuration["Services:identity"];
            return string.IsNullOrWhiteSpace(identity) ? null : identity.TrimEnd('/') + "/api/auth/jwks";
        }
    }

    public ECDsa? Find(string keyId)
    {
        if (clock.GetUtcNow() - _fetchedAt > TimeSpan.FromMinutes(options.Value.JwksRefreshMinutes) && _fetchedAt != DateTimeOffset.MinValue)
        {
            _ = RefreshAsync(CancellationToken.None); // serve the cached keys meanwhile
        }

        return _keys.GetValueOrDefault(keyId);
    }

    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var minInterval = TimeSpan.FromSeconds(options.Value.JwksMinRefreshSeconds);
        if (clock.GetUtcNow() - _attemptedAt < minInterval)
        {
            return;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (clock.GetUtcNow() - _attemptedAt < minInterval)
            {
                return; // another caller fetched while this one waited
            }

            _attemptedAt = clock.GetUtcNow();
            var url = JwksUrl;
            if (url is null)
            {
                logger.LogError("Cannot validate access tokens: set Security:JwksUrl, Security:Jwks or Services:identity");
                return;
            }

            using var http = httpClients.CreateClient(HttpClientName);
            using var response = await http.GetAsync(url, HttpCompletionOption.ResponseContentRead, cancellationToken);
            response.EnsureSuccessStatusCode();
            var json = await response.Content.ReadAsStringAsync(cancellationToken);
            var keys = JsonWebKeySet.ParseKeys(json);
            _keys = keys;
            _fetchedAt = clock.GetUtcNow();
            logger.LogInformation("Fetched {Count} signing keys from {Url}", keys.Count, url);
        }
        catch (Exception e) when (e is HttpRequestException or JsonException or TaskCanceledException or InvalidOperationException && !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(e, "Could not fetch the signing keys; keeping the {Count} known", _keys.Count);
        }
        finally
        {
            _gate.Release();
        }
    }
}

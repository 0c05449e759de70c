using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Brigade.Security;

/// <summary>The public keys access tokens are verified with, by <c>kid</c>.</summary>
public interface IValidationKeys
{
    /// <summary>The key named <paramref name="keyId"/> if it is known now.</summary>
    SecurityKey? Find(string keyId);

    /// <summary>Looks for new keys (an unknown <c>kid</c> arrived); implementations rate limit this.</summary>
    Task RefreshAsync(CancellationToken cancellationToken);
}

/// <summary>Reading and writing ES256 keys as JWKs (RFC 7517) with IdentityModel's <see cref="JsonWebKeySet"/>.</summary>
public static class SigningKeys
{
    /// <summary>
    /// The usable ES256 verification keys of a JWK Set, by <c>kid</c>: EC P-256 points on the curve, in
    /// canonical base64url, for signing (or no <c>use</c>), ES256 (or no <c>alg</c>). Anything else is skipped.
    /// </summary>
    public static IReadOnlyDictionary<string, SecurityKey> Parse(string json)
    {
        var keys = new Dictionary<string, SecurityKey>(StringComparer.Ordinal);
        foreach (var jwk in new JsonWebKeySet(json).Keys)
        {
            if (ToPublicKey(jwk) is { } key)
            {
                keys[jwk.Kid] = key;
            }
        }

        return keys;
    }

    /// <summary>The public half of <paramref name="key"/> as a JWK with <c>kid</c>, <c>use: sig</c> and <c>alg: ES256</c>.</summary>
    public static JsonWebKey ToJwk(string keyId, ECDsa key)
    {
        var jwk = JsonWebKeyConverter.ConvertFromECDsaSecurityKey(new ECDsaSecurityKey(PublicOnly(key)) { KeyId = keyId });
        jwk.Use = JsonWebKeyUseNames.Sig;
        jwk.Alg = SecurityAlgorithms.EcdsaSha256;
        return jwk;
    }

    /// <summary>A verification key for a public EC P-256 point, or null when it is not one.</summary>
    public static ECDsaSecurityKey? ToPublicKey(JsonWebKey jwk)
    {
        if (jwk.Kty != JsonWebAlgorithmsKeyTypes.EllipticCurve || jwk.Crv != JsonWebKeyECTypes.P256
            || (jwk.Use is not null && jwk.Use != JsonWebKeyUseNames.Sig) || (jwk.Alg is not null && jwk.Alg != SecurityAlgorithms.EcdsaSha256)
            || string.IsNullOrEmpty(jwk.Kid) || Coordinate(jwk.X) is not { } x || Coordinate(jwk.Y) is not { } y)
        {
            return null;
        }

        try
        {
            // Importing checks that the point lies on the curve.
            return new ECDsaSecurityKey(ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, Q = new ECPoint { X = x, Y = y } })) { KeyId = jwk.Kid };
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    private static ECDsa PublicOnly(ECDsa key) => ECDsa.Create(key.ExportParameters(includePrivateParameters: false));

    private static byte[]? Coordinate(string? text)
    {
        if (string.IsNullOrEmpty(text) || text.Length != 43 || !text.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            return null;
        }

        var bytes = Base64UrlEncoder.DecodeBytes(text);
        return bytes.Length == 32 && Base64UrlEncoder.Encode(bytes) == text ? bytes : null;
    }
}

/// <summary>A JWK Set as identity publishes it at <c>/api/auth/jwks</c> (IdentityModel reads JWKs but has no public writer).</summary>
public sealed record JwksDocument(IReadOnlyList<PublicJwk> Keys)
{
    public string ToJson() => JsonSerializer.Serialize(this, JsonSerializerOptions.Web);
}

/// <summary>One public ES256 key of a <see cref="JwksDocument"/>.</summary>
public sealed record PublicJwk(string Kty, string Crv, string X, string Y, string Kid, string Use, string Alg)
{
    public static PublicJwk Of(string keyId, ECDsa key)
    {
        var jwk = SigningKeys.ToJwk(keyId, key);
        return new PublicJwk(jwk.Kty, jwk.Crv, jwk.X, jwk.Y, jwk.Kid, jwk.Use, jwk.Alg);
    }
}

/// <summary>A fixed key set, from <c>Security:Jwks</c>.</summary>
public sealed class StaticValidationKeys(IReadOnlyDictionary<string, SecurityKey> keys) : IValidationKeys
{
    public static StaticValidationKeys Parse(string jwks) => new(SigningKeys.Parse(jwks));

    public SecurityKey? Find(string keyId) => keys.GetValueOrDefault(keyId);

    public Task RefreshAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>
/// Identity's JWK Set, a bare document (no OpenID discovery), fetched and cached. It is fetched again in
/// the background when older than <see cref="SecurityOptions.JwksRefreshMinutes"/>, and on an unknown
/// <c>kid</c>. Fetches are single-flight: callers that need the key set while a fetch runs wait for that fetch
/// instead of being refused. After a successful fetch, unknown kids fetch again at most once per
/// <see cref="SecurityOptions.JwksMinRefreshSeconds"/>, so forged kids cannot flood identity; a failed fetch (identity
/// still starting) keeps the keys already known and does not start that window, so the next unknown kid tries again.
/// Rotation: identity publishes a new key before it signs with it and keeps the old one until its tokens have
/// expired, so two keys are live at once.
/// </summary>
public sealed class JwksClient(
    IHttpClientFactory httpClients,
    IConfiguration configuration,
    IOptions<SecurityOptions> options,
    TimeProvider clock,
    ILogger<JwksClient> logger) : IValidationKeys
{
    public const string HttpClientName = "brigade-jwks";

    private readonly Lock _lock = new();
    private volatile IReadOnlyDictionary<string, SecurityKey> _keys = new Dictionary<string, SecurityKey>();
    private DateTimeOffset _fetchedAt = DateTimeOffset.MinValue;
    private DateTimeOffset _attemptedAt = DateTimeOffset.MinValue;
    private Task? _fetch;

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

    private TimeSpan MinInterval => TimeSpan.FromSeconds(options.Value.JwksMinRefreshSeconds);

    public SecurityKey? Find(string keyId)
    {
        var now = clock.GetUtcNow();
        if (_fetchedAt != DateTimeOffset.MinValue && now - _fetchedAt > TimeSpan.FromMinutes(options.Value.JwksRefreshMinutes)
            && now - _attemptedAt >= MinInterval)
        {
            _ = RefreshAsync(CancellationToken.None); // serve the cached keys meanwhile
        }

        return _keys.GetValueOrDefault(keyId);
    }

    /// <summary>
    /// Fetches the key set, or joins the fetch already running. Returns at once, without fetching, only when a
    /// fetch succeeded less than <see cref="SecurityOptions.JwksMinRefreshSeconds"/> ago.
    /// </summary>
    public Task RefreshAsync(CancellationToken cancellationToken)
    {
        Task fetch;
        lock (_lock)
        {
            if (_fetch is null)
            {
                if (_fetchedAt != DateTimeOffset.MinValue && clock.GetUtcNow() - _fetchedAt < MinInterval)
                {
                    return Task.CompletedTask;
                }

                _attemptedAt = clock.GetUtcNow();
                // On the thread pool, so the fetch's own clean-up (which takes the lock) runs after this assignment.
                _fetch = Task.Run(FetchAsync, CancellationToken.None);
            }

            fetch = _fetch;
        }

        // One caller giving up does not cancel the fetch the others wait for.
        return fetch.WaitAsync(cancellationToken);
    }

    private async Task FetchAsync()
    {
        try
        {
            var url = JwksUrl;
            if (url is null)
            {
                logger.LogError("Cannot validate access tokens: set Security:JwksUrl, Security:Jwks or Services:identity");
                return;
            }

            using var http = httpClients.CreateClient(HttpClientName);
            using var response = await http.GetAsync(url, HttpCompletionOption.ResponseContentRead);
            response.EnsureSuccessStatusCode();
            var keys = SigningKeys.Parse(await response.Content.ReadAsStringAsync());
            _keys = keys;
            _fetchedAt = clock.GetUtcNow();
            logger.LogInformation("Fetched {Count} signing keys from {Url}", keys.Count, url);
        }
        catch (Exception e)
        {
            // Whatever went wrong (refused, timed out, an open circuit, a malformed document), callers waiting for
            // this fetch get the keys already known, never an exception in the middle of authentication.
            logger.LogWarning(e, "Could not fetch the signing keys; keeping the {Count} known", _keys.Count);
        }
        finally
        {
            lock (_lock)
            {
                _fetch = null;
            }
        }
    }
}

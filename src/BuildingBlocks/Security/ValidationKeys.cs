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
/// <c>kid</c> — at most once per <see cref="SecurityOptions.JwksMinRefreshSeconds"/>, so forged kids cannot
/// flood identity. A failed fetch keeps the keys already known. Rotation: identity publishes a new key
/// before it signs with it and keeps the old one until its tokens have expired, so two keys are live at once.
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
    private volatile IReadOnlyDictionary<string, SecurityKey> _keys = new Dictionary<string, SecurityKey>();
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

    public SecurityKey? Find(string keyId)
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
            var keys = SigningKeys.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            _keys = keys;
            _fetchedAt = clock.GetUtcNow();
            logger.LogInformation("Fetched {Count} signing keys from {Url}", keys.Count, url);
        }
        catch (Exception e) when (e is HttpRequestException or ArgumentException or TaskCanceledException or InvalidOperationException && !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(e, "Could not fetch the signing keys; keeping the {Count} known", _keys.Count);
        }
        finally
        {
            _gate.Release();
        }
    }
}

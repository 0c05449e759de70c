using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Brigade.Security;

/// <summary>A public EC P-256 signing key in JWK form (RFC 7517), as <c>GET /api/auth/jwks</c> lists it.</summary>
public sealed record JsonWebKey(
    [property: JsonPropertyName("kty")] string Kty,
    [property: JsonPropertyName("crv")] string Crv,
    [property: JsonPropertyName("x")] string X,
    [property: JsonPropertyName("y")] string Y,
    [property: JsonPropertyName("kid")] string Kid,
    [property: JsonPropertyName("use")] string Use = "sig",
    [property: JsonPropertyName("alg")] string Alg = Jws.Algorithm)
{
    public static JsonWebKey FromPublicKey(string kid, ECDsa key)
    {
        var p = key.ExportParameters(includePrivateParameters: false);
        if (p.Curve.Oid.Value != ECCurve.NamedCurves.nistP256.Oid.Value)
        {
            throw new ArgumentException("Only P-256 keys are supported.", nameof(key));
        }

        return new JsonWebKey("EC", "P-256", Base64UrlStrict.Encode(p.Q.X), Base64UrlStrict.Encode(p.Q.Y), kid);
    }

    /// <summary>The public key, or null when this JWK is not a usable ES256 verification key.</summary>
    public ECDsa? ToPublicKey()
    {
        if (Kty != "EC" || Crv != "P-256" || (Use is not null && Use != "sig") || (Alg is not null && Alg != Jws.Algorithm)
            || string.IsNullOrEmpty(Kid)
            || !Base64UrlStrict.TryDecode(X ?? "", out var x) || x.Length != 32
            || !Base64UrlStrict.TryDecode(Y ?? "", out var y) || y.Length != 32)
        {
            return null;
        }

        try
        {
            // Importing validates that the point lies on the curve.
            return ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, Q = new ECPoint { X = x, Y = y } });
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}

/// <summary>A JWK Set: <c>{ "keys": [ ... ] }</c>.</summary>
public sealed record JsonWebKeySet([property: JsonPropertyName("keys")] IReadOnlyList<JsonWebKey> Keys)
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { AllowDuplicateProperties = false };

    /// <summary>Parses a JWK Set and returns its usable ES256 keys by <c>kid</c>; unusable entries are skipped.</summary>
    public static IReadOnlyDictionary<string, ECDsa> ParseKeys(string json)
    {
        var set = JsonSerializer.Deserialize<JsonWebKeySet>(json, Options) ?? throw new JsonException("A JWK Set must be a JSON object.");
        var keys = new Dictionary<string, ECDsa>(StringComparer.Ordinal);
        foreach (var jwk in set.Keys ?? [])
        {
            if (jwk?.ToPublicKey() is { } key)
            {
                keys[jwk.Kid] = key;
            }
        }

        return keys;
    }

    public string ToJson() => JsonSerializer.Serialize(this, Options);
}

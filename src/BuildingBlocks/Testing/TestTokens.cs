using System.Buffers;
using System.Buffers.Text;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Brigade.Testing;

/// <summary>
/// Access tokens for tests of services other than identity: an ES256 key made for this test run, whose
/// public half <see cref="Settings"/> tells a service to trust (<c>Security:Jwks</c>). Tokens have the same
/// shape identity issues, so they pass the service's real validation — nothing is switched off.
/// <code>
/// protected override void ConfigureSettings(IDictionary&lt;string, string?&gt; settings) { base.ConfigureSettings(settings); TestTokens.AddTo(settings); }
/// client.WithToken(TestTokens.For(userId, ["owner"], (restaurantId, "owner")));
/// </code>
/// </summary>
public static class TestTokens
{
    public const string Issuer = "brigade";
    public const string Audience = "brigade";
    public const string KeyId = "brigade-test-key";

    private static readonly ECDsa Key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private static readonly Lock SigningLock = new();

    /// <summary>The JWK Set with this run's public key.</summary>
    public static string Jwks { get; } = BuildJwks();

    /// <summary>Settings that make a service trust these tokens; merge them into a factory's settings.</summary>
    public static IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["Security:Jwks"] = Jwks,
        ["Security:Issuer"] = Issuer,
        ["Security:Audience"] = Audience,
    };

    /// <summary>Adds <see cref="Settings"/> to a <c>ServiceFactory.ConfigureSettings</c> dictionary.</summary>
    public static void AddTo(IDictionary<string, string?> settings)
    {
        foreach (var (key, value) in Settings)
        {
            settings[key] = value;
        }
    }

    /// <summary>A 15-minute token for a user with platform <paramref name="roles"/> and restaurant memberships.</summary>
    public static string For(Guid userId, string[] roles, params (Guid RestaurantId, string Role)[] memberships) =>
        Create(userId.ToString(), roles, memberships);

    /// <summary>A token for a platform administrator.</summary>
    public static string Admin(Guid? userId = null) => For(userId ?? Guid.CreateVersion7(), ["admin"]);

    /// <summary>A service token, as identity issues for client credentials (<c>sub</c> = <c>service:&lt;clientId&gt;</c>, role <c>service</c>).</summary>
    public static string Service(string clientId = "tests") => Create("service:" + clientId, ["service"], [], name: clientId);

    /// <summary>Any token: choose the lifetime or issue time (e.g. in the past for an expired token), names and <c>jti</c>.</summary>
    public static string Create(
        string subject,
        IEnumerable<string> roles,
        IEnumerable<(Guid RestaurantId, string Role)> memberships,
        TimeSpan? lifetime = null,
        DateTimeOffset? issuedAt = null,
        string? name = null,
        string? email = null,
        string? tokenId = null)
    {
        var iat = issuedAt ?? DateTimeOffset.UtcNow;
        var header = Json(w =>
        {
            w.WriteString("alg", "ES256");
            w.WriteString("kid", KeyId);
            w.WriteString("typ", "JWT");
        });
        var payload = Json(w =>
        {
            w.WriteString("sub", subject);
            w.WriteString("name", name ?? "Test User");
            w.WriteString("email", email ?? $"{subject.Replace(':', '-')}@test.brigade");
            w.WriteStartArray("roles");
            foreach (var role in roles)
            {
                w.WriteStringValue(role);
            }

            w.WriteEndArray();
            w.WriteStartArray("memberships");
            foreach (var (restaurantId, role) in memberships)
            {
                w.WriteStartObject();
                w.WriteString("restaurantId", restaurantId);
                w.WriteString("role", role);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteString("jti", tokenId ?? Guid.NewGuid().ToString("N"));
            w.WriteString("iss", Issuer);
            w.WriteString("aud", Audience);
            w.WriteNumber("iat", iat.ToUnixTimeSeconds());
            w.WriteNumber("nbf", iat.ToUnixTimeSeconds());
            w.WriteNumber("exp", (iat + (lifetime ?? TimeSpan.FromMinutes(15))).ToUnixTimeSeconds());
        });

        var signingInput = Base64Url.EncodeToString(header) + "." + Base64Url.EncodeToString(payload);
        byte[] signature;
        lock (SigningLock)
        {
            signature = Key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        }

        return signingInput + "." + Base64Url.EncodeToString(signature);
    }

    /// <summary>Sends <paramref name="token"/> as the bearer token on every request of this client.</summary>
    public static HttpClient WithToken(this HttpClient client, string token)
    {
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Sends <paramref name="token"/> as the bearer token on this request.</summary>
    public static HttpRequestMessage WithToken(this HttpRequestMessage request, string token)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }

    private static string BuildJwks()
    {
        var p = Key.ExportParameters(false);
        return Encoding.UTF8.GetString(Json(w =>
        {
            w.WriteStartArray("keys");
            w.WriteStartObject();
            w.WriteString("kty", "EC");
            w.WriteString("crv", "P-256");
            w.WriteString("x", Base64Url.EncodeToString(p.Q.X));
            w.WriteString("y", Base64Url.EncodeToString(p.Q.Y));
            w.WriteString("kid", KeyId);
            w.WriteString("use", "sig");
            w.WriteString("alg", "ES256");
            w.WriteEndObject();
            w.WriteEndArray();
        }));
    }

    private static byte[] Json(Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            body(w);
            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}

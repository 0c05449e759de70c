using System.Net.Http.Headers;
using System.Security.Cryptography;
using Brigade.Security;
using Microsoft.IdentityModel.Tokens;

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
    private static readonly SigningCredentials Credentials = AccessTokens.Credentials(KeyId, Key);

    /// <summary>The JWK Set with this run's public key.</summary>
    public static string Jwks { get; } = new JwksDocument([PublicJwk.Of(KeyId, Key)]).ToJson();

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
        return AccessTokens.Issue(new AccessTokenDescriptor
        {
            Subject = subject,
            Name = name ?? "Test User",
            Email = email ?? $"{subject.Replace(':', '-')}@test.brigade",
            Roles = [.. roles],
            Memberships = [.. memberships.Select(m => new Membership(m.RestaurantId, m.Role))],
            Id = tokenId ?? Guid.NewGuid().ToString("N"),
            Issuer = Issuer,
            Audience = Audience,
            IssuedAt = iat,
            ExpiresAt = iat + (lifetime ?? TimeSpan.FromMinutes(15)),
        }, Credentials);
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
}

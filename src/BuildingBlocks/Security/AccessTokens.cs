using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Brigade.Security;

/// <summary>What goes into an access token.</summary>
public sealed record AccessTokenDescriptor
{
    /// <summary>The user's id, or <c>service:&lt;client id&gt;</c> for a service token.</summary>
    public required string Subject { get; init; }
    public string? Name { get; init; }
    public string? Email { get; init; }
    public IReadOnlyList<string> Roles { get; init; } = [];
    public IReadOnlyList<Membership> Memberships { get; init; } = [];

    /// <summary>The refresh-token family (sign-in session) the token belongs to; logout ends it.</summary>
    public string? SessionId { get; init; }
    public required string Issuer { get; init; }
    public required string Audience { get; init; }
    public required DateTimeOffset IssuedAt { get; init; }
    public required DateTimeOffset ExpiresAt { get; init; }
    public string Id { get; init; } = Guid.CreateVersion7().ToString("N");
}

/// <summary>
/// Writes ES256 access tokens with IdentityModel's <see cref="JsonWebTokenHandler"/>: header
/// <c>{ alg, kid, typ }</c> and the claims of <see cref="AccessTokenDescriptor"/>.
/// </summary>
public static class AccessTokens
{
    public const string ServiceSubjectPrefix = "service:";

    private static readonly JsonWebTokenHandler Writer = new() { SetDefaultTimesOnTokenCreation = false };

    /// <summary>Signing credentials for an ES256 key named <paramref name="keyId"/> (the token's <c>kid</c>).</summary>
    public static SigningCredentials Credentials(string keyId, ECDsa signingKey) =>
        new(new ECDsaSecurityKey(signingKey) { KeyId = keyId }, SecurityAlgorithms.EcdsaSha256);

    public static string Issue(AccessTokenDescriptor token, string keyId, ECDsa signingKey) => Issue(token, Credentials(keyId, signingKey));

    public static string Issue(AccessTokenDescriptor token, SigningCredentials credentials)
    {
        var claims = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            [ClaimNames.Subject] = token.Subject,
            [ClaimNames.Roles] = token.Roles.ToArray(),
            [ClaimNames.Memberships] = token.Memberships
                .Select(m => new Dictionary<string, object> { ["restaurantId"] = m.RestaurantId.ToString(), ["role"] = m.Role })
                .ToArray(),
            [ClaimNames.TokenId] = token.Id,
        };
        if (token.Name is not null)
        {
            claims[ClaimNames.Name] = token.Name;
        }

        if (token.Email is not null)
        {
            claims[ClaimNames.Email] = token.Email;
        }

        if (token.SessionId is not null)
        {
            claims[ClaimNames.SessionId] = token.SessionId;
        }

        return Writer.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = token.Issuer,
            Audience = token.Audience,
            IssuedAt = token.IssuedAt.UtcDateTime,
            NotBefore = token.IssuedAt.UtcDateTime,
            Expires = token.ExpiresAt.UtcDateTime,
            Claims = claims,
            SigningCredentials = credentials,
            TokenType = "JWT",
        });
    }
}

/// <summary>Claim names in the token and on the <see cref="System.Security.Claims.ClaimsPrincipal"/> built from it.</summary>
public static class ClaimNames
{
    public const string Subject = "sub";
    public const string Name = "name";
    public const string Email = "email";
    public const string Roles = "roles";

    /// <summary>On the principal each role is one claim of this type (the identity's role claim type).</summary>
    public const string Role = "role";
    public const string Memberships = "memberships";
    public const string SessionId = "sid";
    public const string TokenId = "jti";
    public const string Issuer = "iss";
    public const string Audience = "aud";
    public const string IssuedAt = "iat";
    public const string NotBefore = "nbf";
    public const string Expires = "exp";
}

using System.Buffers;
using System.Security.Cryptography;
using System.Text.Json;

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

/// <summary>Writes ES256 access tokens: header <c>{ alg, kid, typ }</c> and the claims of <see cref="AccessTokenDescriptor"/>.</summary>
public static class AccessTokens
{
    public const string ServiceSubjectPrefix = "service:";

    public static string Issue(AccessTokenDescriptor token, string keyId, ECDsa signingKey)
    {
        var header = Write(json =>
        {
            json.WriteString("alg", Jws.Algorithm);
            json.WriteString("kid", keyId);
            json.WriteString("typ", "JWT");
        });
        var payload = Write(json =>
        {
            json.WriteString(ClaimNames.Subject, token.Subject);
            if (token.Name is not null)
            {
                json.WriteString(ClaimNames.Name, token.Name);
            }

            if (token.Email is not null)
            {
                json.WriteString(ClaimNames.Email, token.Email);
            }

            json.WriteStartArray(ClaimNames.Roles);
            foreach (var role in token.Roles)
            {
                json.WriteStringValue(role);
            }

            json.WriteEndArray();
            json.WriteStartArray(ClaimNames.Memberships);
            foreach (var m in token.Memberships)
            {
                json.WriteStartObject();
                json.WriteString("restaurantId", m.RestaurantId);
                json.WriteString("role", m.Role);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            if (token.SessionId is not null)
            {
                json.WriteString(ClaimNames.SessionId, token.SessionId);
            }

            json.WriteString(ClaimNames.TokenId, token.Id);
            json.WriteString(ClaimNames.Issuer, token.Issuer);
            json.WriteString(ClaimNames.Audience, token.Audience);
            json.WriteNumber(ClaimNames.IssuedAt, token.IssuedAt.ToUnixTimeSeconds());
            json.WriteNumber(ClaimNames.NotBefore, token.IssuedAt.ToUnixTimeSeconds());
            json.WriteNumber(ClaimNames.Expires, token.ExpiresAt.ToUnixTimeSeconds());
        });
        return Jws.SignEs256(header, payload, signingKey);
    }

    private static byte[] Write(Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            body(json);
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
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

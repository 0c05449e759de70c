using System.Buffers.Text;
using System.Globalization;
using System.Security.Claims;
using System.Text.Json;

namespace Brigade.Security;

/// <summary>
/// What IdentityModel does not check, checked before it sees the token: exactly three parts of canonical
/// unpadded base64url (one token, one spelling), header and payload strict JSON objects (no duplicate
/// members, comments, trailing text or deep nesting — a duplicate <c>alg</c> or <c>exp</c> must not be
/// read one way here and another way elsewhere), <c>alg</c> exactly ES256 with a <c>kid</c>, no <c>crit</c>,
/// and every claim of the expected type. The library then verifies the signature, issuer, audience and
/// lifetime; the claims read here become the principal, so the principal has the shape it always had.
/// </summary>
internal static class TokenShape
{
    public const string Algorithm = "ES256";

    private static readonly JsonDocumentOptions StrictJson = new() { MaxDepth = 8, AllowDuplicateProperties = false };

    /// <summary>The token's <c>kid</c> and claims, or why its shape is refused.</summary>
    public static ParsedToken Parse(string token)
    {
        var first = token.IndexOf('.');
        var second = first < 0 ? -1 : token.IndexOf('.', first + 1);
        if (first <= 0 || second < 0 || token.IndexOf('.', second + 1) >= 0)
        {
            return ParsedToken.Refused(TokenFailure.Malformed, "not a compact JWS (three dot-separated parts)");
        }

        var span = token.AsSpan();
        if (!IsCanonicalBase64Url(span[..first], out var header)
            || !IsCanonicalBase64Url(span[(first + 1)..second], out var payload)
            || !IsCanonicalBase64Url(span[(second + 1)..], out _))
        {
            return ParsedToken.Refused(TokenFailure.Malformed, "a part is not canonical unpadded base64url");
        }

        if (payload.Length == 0)
        {
            return ParsedToken.Refused(TokenFailure.Malformed, "empty payload");
        }

        string keyId;
        try
        {
            using var document = JsonDocument.Parse(header, StrictJson);
            var refusal = ReadHeader(document.RootElement, out keyId);
            if (refusal is not null)
            {
                return refusal;
            }
        }
        catch (JsonException)
        {
            return ParsedToken.Refused(TokenFailure.Malformed, "header is not valid JSON");
        }

        try
        {
            using var document = JsonDocument.Parse(payload, StrictJson);
            return ReadClaims(document.RootElement, keyId);
        }
        catch (JsonException)
        {
            return ParsedToken.Refused(TokenFailure.Malformed, "payload is not valid JSON");
        }
    }

    private static ParsedToken? ReadHeader(JsonElement h, out string keyId)
    {
        keyId = "";
        if (h.ValueKind != JsonValueKind.Object)
        {
            return ParsedToken.Refused(TokenFailure.Malformed, "header is not a JSON object");
        }

        if (!h.TryGetProperty("alg", out var alg) || alg.ValueKind != JsonValueKind.String || alg.GetString() != Algorithm)
        {
            return ParsedToken.Refused(TokenFailure.UnsupportedAlgorithm, "alg must be ES256");
        }

        if (h.TryGetProperty("crit", out _))
        {
            return ParsedToken.Refused(TokenFailure.Malformed, "crit header parameters are not supported");
        }

        if (h.TryGetProperty("typ", out var typ) && (typ.ValueKind != JsonValueKind.String || !string.Equals(typ.GetString(), "JWT", StringComparison.OrdinalIgnoreCase)))
        {
            return ParsedToken.Refused(TokenFailure.Malformed, "typ must be JWT");
        }

        if (!h.TryGetProperty("kid", out var kid) || kid.ValueKind != JsonValueKind.String || kid.GetString() is not { Length: > 0 and <= 128 } k)
        {
            return ParsedToken.Refused(TokenFailure.Malformed, "kid missing");
        }

        keyId = k;
        return null;
    }

    private static ParsedToken ReadClaims(JsonElement p, string keyId)
    {
        if (p.ValueKind != JsonValueKind.Object)
        {
            return ParsedToken.Refused(TokenFailure.Malformed, "payload is not a JSON object");
        }

        var claims = new List<Claim>();
        try
        {
            Text(p, ClaimNames.Issuer, required: true, claims);
            Audiences(p, claims);
            var expires = Time(p, ClaimNames.Expires, required: true, claims)!.Value;
            var notBefore = Time(p, ClaimNames.NotBefore, required: false, claims);
            var issuedAt = Time(p, ClaimNames.IssuedAt, required: false, claims);
            Text(p, ClaimNames.Subject, required: true, claims);
            var tokenId = Text(p, ClaimNames.TokenId, required: true, claims)!;
            Text(p, ClaimNames.Name, required: false, claims);
            Text(p, ClaimNames.Email, required: false, claims);
            Text(p, ClaimNames.SessionId, required: false, claims);
            Roles(p, claims);
            Memberships(p, claims);
            return new ParsedToken(TokenFailure.None, "", keyId, tokenId, expires, Math.Max(notBefore ?? long.MinValue, issuedAt ?? long.MinValue), [.. claims]);
        }
        catch (InvalidClaim e)
        {
            return ParsedToken.Refused(TokenFailure.InvalidClaims, e.Message);
        }
    }

    private static string? Text(JsonElement p, string name, bool required, List<Claim> claims)
    {
        if (!p.TryGetProperty(name, out var value))
        {
            return required ? throw new InvalidClaim($"{name} missing") : null;
        }

        if (value.ValueKind != JsonValueKind.String || value.GetString() is not { Length: > 0 } text)
        {
            throw new InvalidClaim($"{name} must be a non-empty string");
        }

        claims.Add(new Claim(name, text));
        return text;
    }

    private static long? Time(JsonElement p, string name, bool required, List<Claim> claims)
    {
        if (!p.TryGetProperty(name, out var value))
        {
            return required ? throw new InvalidClaim($"{name} missing") : null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var seconds) || !double.IsFinite(seconds) || seconds < 0 || seconds > 253402300799)
        {
            throw new InvalidClaim($"{name} must be a NumericDate");
        }

        var whole = (long)Math.Floor(seconds);
        claims.Add(new Claim(name, whole.ToString(CultureInfo.InvariantCulture), ClaimValueTypes.Integer64));
        return whole;
    }

    private static void Audiences(JsonElement p, List<Claim> claims)
    {
        if (!p.TryGetProperty(ClaimNames.Audience, out var aud))
        {
            throw new InvalidClaim("aud missing");
        }

        if (aud.ValueKind == JsonValueKind.String)
        {
            claims.Add(new Claim(ClaimNames.Audience, aud.GetString()!));
        }
        else if (aud.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in aud.EnumerateArray())
            {
                claims.Add(new Claim(ClaimNames.Audience, item.ValueKind == JsonValueKind.String ? item.GetString()! : throw new InvalidClaim("aud must hold strings")));
            }
        }
        else
        {
            throw new InvalidClaim("aud must be a string or an array of strings");
        }
    }

    private static void Roles(JsonElement p, List<Claim> claims)
    {
        if (!p.TryGetProperty(ClaimNames.Roles, out var roles))
        {
            return;
        }

        if (roles.ValueKind != JsonValueKind.Array)
        {
            throw new InvalidClaim("roles must be an array");
        }

        foreach (var role in roles.EnumerateArray())
        {
            if (role.ValueKind != JsonValueKind.String || role.GetString() is not { Length: > 0 } name)
            {
                throw new InvalidClaim("roles must hold non-empty strings");
            }

            claims.Add(new Claim(ClaimNames.Role, name));
        }
    }

    private static void Memberships(JsonElement p, List<Claim> claims)
    {
        if (!p.TryGetProperty(ClaimNames.Memberships, out var memberships))
        {
            return;
        }

        if (memberships.ValueKind != JsonValueKind.Array)
        {
            throw new InvalidClaim("memberships must be an array");
        }

        foreach (var m in memberships.EnumerateArray())
        {
            if (m.ValueKind != JsonValueKind.Object
                || !m.TryGetProperty("restaurantId", out var id) || id.ValueKind != JsonValueKind.String || !Guid.TryParse(id.GetString(), out _)
                || !m.TryGetProperty("role", out var role) || role.ValueKind != JsonValueKind.String || string.IsNullOrEmpty(role.GetString()))
            {
                throw new InvalidClaim("memberships must hold { restaurantId, role } objects");
            }
        }

        claims.Add(new Claim(ClaimNames.Memberships, memberships.GetRawText(), "JSON_ARRAY"));
    }

    /// <summary>
    /// Only the URL-safe alphabet, no padding or whitespace, and no non-zero unused trailing bits (which
    /// decode to the same bytes as the canonical spelling).
    /// </summary>
    private static bool IsCanonicalBase64Url(ReadOnlySpan<char> text, out byte[] bytes)
    {
        bytes = [];
        if (text.Length % 4 == 1)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '-' || c == '_'))
            {
                return false;
            }
        }

        try
        {
            bytes = Base64Url.DecodeFromChars(text);
        }
        catch (FormatException)
        {
            return false;
        }

        return text.SequenceEqual(Base64Url.EncodeToString(bytes));
    }

    private sealed class InvalidClaim(string message) : Exception(message);
}

/// <summary>A token's shape as <see cref="TokenShape"/> read it: the claims for the principal, or why it was refused.</summary>
internal sealed record ParsedToken(TokenFailure Failure, string Detail, string KeyId, string TokenId, long ExpiresAt, long ValidFrom, Claim[] Claims)
{
    public static ParsedToken Refused(TokenFailure failure, string detail) => new(failure, detail, "", "", 0, 0, []);
}

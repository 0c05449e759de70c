using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Brigade.Security;

public enum TokenFailure
{
    None,
    Missing,
    TooLarge,
    Malformed,
    UnsupportedAlgorithm,
    UnknownKey,
    InvalidSignature,
    InvalidClaims,
    InvalidIssuer,
    InvalidAudience,
    Expired,
    NotYetValid,
    Revoked,
}

/// <summary>The outcome of validating an access token: a principal, or the precise reason it was refused.</summary>
public sealed record TokenValidationResult(ClaimsPrincipal? Principal, TokenFailure Failure, string Detail)
{
    public bool Succeeded => Failure == TokenFailure.None;

    public static TokenValidationResult Fail(TokenFailure failure, string detail) => new(null, failure, detail);
}

/// <summary>
/// Validates ES256 access tokens strictly: size first, then strict base64url and JSON, <c>alg</c> exactly
/// ES256, a known <c>kid</c>, the signature, then <c>iss</c>, <c>aud</c>, <c>exp</c>, <c>nbf</c>, <c>iat</c>
/// within the clock skew, the claim types, and finally revocation of the <c>jti</c>.
/// A client sends the same token with every request until it expires, and an ES256 verification costs
/// more than forwarding the request: a token that passed is remembered (exactly, by its full text), and a
/// repeat is checked only for what can change — its key still being the one it was verified with, expiry
/// and revocation — with a fresh principal each time.
/// </summary>
public sealed class AccessTokenValidator(IValidationKeys keys, RevokedTokens revoked, IOptions<SecurityOptions> options, TimeProvider clock)
{
    public const string AuthenticationType = "Bearer";

    private static readonly JsonDocumentOptions StrictJson = new() { MaxDepth = 8, AllowDuplicateProperties = false };

    private readonly ConcurrentDictionary<string, Verified> _verified = new(StringComparer.Ordinal);
    private int _verifiedCount;

    /// <summary>Validates against the keys known now; an unknown <c>kid</c> fails with <see cref="TokenFailure.UnknownKey"/>.</summary>
    public TokenValidationResult Validate(string? token)
    {
        var settings = options.Value;
        if (string.IsNullOrEmpty(token))
        {
            return TokenValidationResult.Fail(TokenFailure.Missing, "no token");
        }

        if (token.Length > settings.MaxTokenBytes)
        {
            return TokenValidationResult.Fail(TokenFailure.TooLarge, $"token longer than {settings.MaxTokenBytes} bytes");
        }

        if (_verified.TryGetValue(token, out var verified))
        {
            if (ReferenceEquals(keys.Find(verified.KeyId), verified.Key))
            {
                return Revalidate(token, verified, settings);
            }

            Forget(token); // its key was rotated out or replaced: validate from scratch
        }

        if (!Jws.TryParseCompact(token, out var parts, out var error))
        {
            return TokenValidationResult.Fail(TokenFailure.Malformed, error);
        }

        string keyId;
        try
        {
            using var header = JsonDocument.Parse(parts.Header, StrictJson);
            var h = header.RootElement;
            if (h.ValueKind != JsonValueKind.Object)
            {
                return TokenValidationResult.Fail(TokenFailure.Malformed, "header is not a JSON object");
            }

            if (!h.TryGetProperty("alg", out var alg) || alg.ValueKind != JsonValueKind.String || alg.GetString() != Jws.Algorithm)
            {
                return TokenValidationResult.Fail(TokenFailure.UnsupportedAlgorithm, "alg must be ES256");
            }

            if (h.TryGetProperty("crit", out _))
            {
                return TokenValidationResult.Fail(TokenFailure.Malformed, "crit header parameters are not supported");
            }

            if (h.TryGetProperty("typ", out var typ) && (typ.ValueKind != JsonValueKind.String || !string.Equals(typ.GetString(), "JWT", StringComparison.OrdinalIgnoreCase)))
            {
                return TokenValidationResult.Fail(TokenFailure.Malformed, "typ must be JWT");
            }

            if (!h.TryGetProperty("kid", out var kid) || kid.ValueKind != JsonValueKind.String || kid.GetString() is not { Length: > 0 and <= 128 } k)
            {
                return TokenValidationResult.Fail(TokenFailure.Malformed, "kid missing");
            }

            keyId = k;
        }
        catch (JsonException)
        {
            return TokenValidationResult.Fail(TokenFailure.Malformed, "header is not valid JSON");
        }

        var key = keys.Find(keyId);
        if (key is null)
        {
            return TokenValidationResult.Fail(TokenFailure.UnknownKey, "unknown signing key");
        }

        bool valid;
        try
        {
            valid = Jws.VerifyEs256(parts, key);
        }
        catch (CryptographicException)
        {
            valid = false;
        }

        if (!valid)
        {
            return TokenValidationResult.Fail(TokenFailure.InvalidSignature, "invalid signature");
        }

        TokenValidationResult result;
        try
        {
            using var payload = JsonDocument.Parse(parts.Payload, StrictJson);
            result = ValidateClaims(payload.RootElement, settings);
        }
        catch (JsonException)
        {
            return TokenValidationResult.Fail(TokenFailure.Malformed, "payload is not valid JSON");
        }

        if (result.Succeeded)
        {
            Remember(token, keyId, key, result.Principal!, settings);
        }

        return result;
    }

    /// <summary>Validates, fetching the key set again (rate limited) when the <c>kid</c> is not known yet.</summary>
    public async ValueTask<TokenValidationResult> ValidateAsync(string? token, CancellationToken cancellationToken = default)
    {
        var result = Validate(token);
        if (result.Failure != TokenFailure.UnknownKey)
        {
            return result;
        }

        await keys.RefreshAsync(cancellationToken);
        return Validate(token);
    }

    private TokenValidationResult ValidateClaims(JsonElement p, SecurityOptions settings)
    {
        if (p.ValueKind != JsonValueKind.Object)
        {
            return TokenValidationResult.Fail(TokenFailure.Malformed, "payload is not a JSON object");
        }

        var claims = new List<Claim>();
        string? Text(string name, bool required)
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

        long? Time(string name, bool required)
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

        try
        {
            var issuer = Text(ClaimNames.Issuer, required: true);
            if (issuer != settings.Issuer)
            {
                return TokenValidationResult.Fail(TokenFailure.InvalidIssuer, "wrong issuer");
            }

            if (!AudienceMatches(p, settings.Audience, claims))
            {
                return TokenValidationResult.Fail(TokenFailure.InvalidAudience, "wrong audience");
            }

            var now = clock.GetUtcNow().ToUnixTimeSeconds();
            var skew = settings.ClockSkewSeconds;
            var expires = Time(ClaimNames.Expires, required: true)!.Value;
            var notBefore = Time(ClaimNames.NotBefore, required: false);
            var issuedAt = Time(ClaimNames.IssuedAt, required: false);
            if (now >= expires + skew)
            {
                return TokenValidationResult.Fail(TokenFailure.Expired, "token expired");
            }

            if (notBefore > now + skew || issuedAt > now + skew)
            {
                return TokenValidationResult.Fail(TokenFailure.NotYetValid, "token not valid yet");
            }

            Text(ClaimNames.Subject, required: true);
            var tokenId = Text(ClaimNames.TokenId, required: true)!;
            Text(ClaimNames.Name, required: false);
            Text(ClaimNames.Email, required: false);
            Text(ClaimNames.SessionId, required: false);
            ReadRoles(p, claims);
            ReadMemberships(p, claims);

            if (revoked.IsRevoked(tokenId))
            {
                return TokenValidationResult.Fail(TokenFailure.Revoked, "token revoked");
            }
        }
        catch (InvalidClaim e)
        {
            return TokenValidationResult.Fail(TokenFailure.InvalidClaims, e.Message);
        }

        var identity = new ClaimsIdentity(claims, AuthenticationType, ClaimNames.Name, ClaimNames.Role);
        return new TokenValidationResult(new ClaimsPrincipal(identity), TokenFailure.None, "");
    }

    private TokenValidationResult Revalidate(string token, Verified verified, SecurityOptions settings)
    {
        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        if (now >= verified.ExpiresAt + settings.ClockSkewSeconds)
        {
            Forget(token);
            return TokenValidationResult.Fail(TokenFailure.Expired, "token expired");
        }

        if (verified.ValidFrom > now + settings.ClockSkewSeconds)
        {
            return TokenValidationResult.Fail(TokenFailure.NotYetValid, "token not valid yet");
        }

        if (revoked.IsRevoked(verified.TokenId))
        {
            return TokenValidationResult.Fail(TokenFailure.Revoked, "token revoked");
        }

        // A new identity (the claims are copied into it): a caller changing its principal changes no one else's.
        var identity = new ClaimsIdentity(verified.Claims, AuthenticationType, ClaimNames.Name, ClaimNames.Role);
        return new TokenValidationResult(new ClaimsPrincipal(identity), TokenFailure.None, "");
    }

    private void Remember(string token, string keyId, ECDsa key, ClaimsPrincipal principal, SecurityOptions settings)
    {
        if (settings.VerifiedTokenCacheSize <= 0)
        {
            return;
        }

        if (Volatile.Read(ref _verifiedCount) >= settings.VerifiedTokenCacheSize)
        {
            // Full: drop what has expired; if that is not enough (a flood of distinct tokens), start over.
            var now = clock.GetUtcNow().ToUnixTimeSeconds();
            foreach (var (cached, entry) in _verified)
            {
                if (now >= entry.ExpiresAt + settings.ClockSkewSeconds)
                {
                    Forget(cached);
                }
            }

            if (Volatile.Read(ref _verifiedCount) >= settings.VerifiedTokenCacheSize)
            {
                _verified.Clear();
                Volatile.Write(ref _verifiedCount, 0);
            }
        }

        long Time(string name) => principal.FindFirst(name) is { } claim ? long.Parse(claim.Value, CultureInfo.InvariantCulture) : long.MinValue;
        var validFrom = Math.Max(Time(ClaimNames.NotBefore), Time(ClaimNames.IssuedAt));
        var verified = new Verified(keyId, key, Time(ClaimNames.Expires), validFrom, principal.FindFirst(ClaimNames.TokenId)!.Value, [.. principal.Claims]);
        if (_verified.TryAdd(token, verified))
        {
            Interlocked.Increment(ref _verifiedCount);
        }
    }

    private void Forget(string token)
    {
        if (_verified.TryRemove(token, out _))
        {
            Interlocked.Decrement(ref _verifiedCount);
        }
    }

    /// <summary>A token that passed: the key it was verified with and what must be checked again on each use.</summary>
    private sealed record Verified(string KeyId, ECDsa Key, long ExpiresAt, long ValidFrom, string TokenId, Claim[] Claims);

    private static bool AudienceMatches(JsonElement p, string expected, List<Claim> claims)
    {
        if (!p.TryGetProperty(ClaimNames.Audience, out var aud))
        {
            throw new InvalidClaim("aud missing");
        }

        var audiences = new List<string>();
        if (aud.ValueKind == JsonValueKind.String)
        {
            audiences.Add(aud.GetString()!);
        }
        else if (aud.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in aud.EnumerateArray())
            {
                audiences.Add(item.ValueKind == JsonValueKind.String ? item.GetString()! : throw new InvalidClaim("aud must hold strings"));
            }
        }
        else
        {
            throw new InvalidClaim("aud must be a string or an array of strings");
        }

        claims.AddRange(audiences.Select(a => new Claim(ClaimNames.Audience, a)));
        return audiences.Contains(expected, StringComparer.Ordinal);
    }

    private static void ReadRoles(JsonElement p, List<Claim> claims)
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

    private static void ReadMemberships(JsonElement p, List<Claim> claims)
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

    private sealed class InvalidClaim(string message) : Exception(message);
}

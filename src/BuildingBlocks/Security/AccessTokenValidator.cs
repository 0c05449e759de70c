using System.Security.Claims;
using Microsoft.IdentityModel.Tokens;

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
public sealed record AccessTokenResult(ClaimsPrincipal? Principal, TokenFailure Failure, string Detail)
{
    public bool Succeeded => Failure == TokenFailure.None;

    public static AccessTokenResult Fail(TokenFailure failure, string detail) => new(null, failure, detail);
}

/// <summary>Why a token was refused; the 401's <c>error_description</c> and problem detail say <see cref="Detail"/>.</summary>
public sealed class AccessTokenRefusedException(TokenFailure failure, string detail) : SecurityTokenException(detail)
{
    public TokenFailure Failure { get; } = failure;
    public string Detail { get; } = detail;

    /// <summary>Names what the library refused in Brigade's terms (the library's own messages stay in the log).</summary>
    public static AccessTokenRefusedException From(Exception? exception) => exception switch
    {
        AccessTokenRefusedException refused => refused,
        // The kid is known before the library runs, so "no key found" means no key verified the signature.
        SecurityTokenSignatureKeyNotFoundException => new(TokenFailure.InvalidSignature, "invalid signature"),
        SecurityTokenInvalidAlgorithmException => new(TokenFailure.UnsupportedAlgorithm, "alg must be ES256"),
        SecurityTokenInvalidSignatureException => new(TokenFailure.InvalidSignature, "invalid signature"),
        SecurityTokenInvalidIssuerException => new(TokenFailure.InvalidIssuer, "wrong issuer"),
        SecurityTokenInvalidAudienceException => new(TokenFailure.InvalidAudience, "wrong audience"),
        SecurityTokenExpiredException => new(TokenFailure.Expired, "token expired"),
        SecurityTokenNotYetValidException => new(TokenFailure.NotYetValid, "token not valid yet"),
        SecurityTokenNoExpirationException => new(TokenFailure.InvalidClaims, "exp missing"),
        SecurityTokenMalformedException or ArgumentException => new(TokenFailure.Malformed, "malformed token"),
        _ => new(TokenFailure.InvalidSignature, "token could not be verified"),
    };
}

/// <summary>
/// Validates an access token outside the HTTP pipeline, exactly as the <c>Bearer</c> scheme does inside it:
/// <see cref="AccessTokenHandler"/>, then <see cref="Revocation"/> (which JwtBearer runs in <c>OnTokenValidated</c>).
/// </summary>
public sealed class AccessTokenValidator(AccessTokenHandler handler, RevokedTokens revoked)
{
    public const string AuthenticationType = "Bearer";

    public async Task<AccessTokenResult> ValidateAsync(string? token)
    {
        var result = await handler.ValidateTokenAsync(token ?? "", handler.Parameters);
        if (!result.IsValid)
        {
            var refused = AccessTokenRefusedException.From(result.Exception);
            return AccessTokenResult.Fail(refused.Failure, refused.Detail);
        }

        var principal = new ClaimsPrincipal(result.ClaimsIdentity);
        return Revocation(principal) is { } revocation
            ? AccessTokenResult.Fail(revocation.Failure, revocation.Detail)
            : new AccessTokenResult(principal, TokenFailure.None, "");
    }

    /// <summary>The refusal for a token whose <c>jti</c> was revoked (logout, lock, password change), else null.</summary>
    public AccessTokenRefusedException? Revocation(ClaimsPrincipal principal) =>
        principal.TokenId() is { } tokenId && revoked.IsRevoked(tokenId) ? new AccessTokenRefusedException(TokenFailure.Revoked, "token revoked") : null;
}

using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Brigade.Security;

/// <summary>
/// IdentityModel's <see cref="JsonWebTokenHandler"/> with Brigade's rules around it; JwtBearer calls it for
/// every bearer token. In order: the size; the strict shape (<see cref="TokenShape"/>); then the library —
/// ES256 only, the key named by <c>kid</c> (an unknown <c>kid</c> fetches the key set again, rate limited,
/// before it is refused), the signature, issuer, audience and lifetime with <see cref="SecurityOptions.ClockSkew"/>
/// on our <see cref="TimeProvider"/>. Revocation is checked after this, in JwtBearer's
/// <c>OnTokenValidated</c> (<see cref="AccessTokenValidator.Revocation"/>).
/// A client sends the same token with every request until it expires, and an ES256 verification costs
/// more than forwarding the request: a token that passed is remembered (exactly, by its full text), and a
/// repeat is checked only for what can change — its key still being the one it was verified with and its
/// lifetime — with a fresh identity each time.
/// </summary>
public sealed class AccessTokenHandler : JsonWebTokenHandler
{
    private readonly IValidationKeys _keys;
    private readonly SecurityOptions _settings;
    private readonly TimeProvider _clock;
    private readonly ConcurrentDictionary<string, Verified> _verified = new(StringComparer.Ordinal);
    private int _verifiedCount;

    public AccessTokenHandler(IValidationKeys keys, IOptions<SecurityOptions> options, TimeProvider clock)
    {
        _keys = keys;
        _settings = options.Value;
        _clock = clock;
        MapInboundClaims = false;
        MaximumTokenSizeInBytes = _settings.MaxTokenBytes;
        Parameters = new TokenValidationParameters
        {
            ValidAlgorithms = [SecurityAlgorithms.EcdsaSha256],
            ValidIssuer = _settings.Issuer,
            ValidAudience = _settings.Audience,
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ValidateIssuerSigningKey = false, // it comes from identity's key set, the only one trusted
            TryAllIssuerSigningKeys = false,  // only the key the token names
            IssuerSigningKeyResolver = (_, _, kid, _) => kid is not null && _keys.Find(kid) is { } key ? [key] : [],
            LifetimeValidator = ValidateLifetime, // the library's own check reads the wall clock, not TimeProvider
            NameClaimType = ClaimNames.Name,
            RoleClaimType = ClaimNames.Role,
            AuthenticationType = AccessTokenValidator.AuthenticationType,
        };
    }

    /// <summary>The validation parameters JwtBearer is given (and clones per request).</summary>
    public TokenValidationParameters Parameters { get; }

    public override async Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
    {
        if (string.IsNullOrEmpty(token))
        {
            return Refused(TokenFailure.Missing, "no token");
        }

        if (token.Length > _settings.MaxTokenBytes)
        {
            return Refused(TokenFailure.TooLarge, $"token longer than {_settings.MaxTokenBytes} bytes");
        }

        if (Remembered(token) is { } verified)
        {
            return Revalidate(token, verified);
        }

        var parsed = TokenShape.Parse(token);
        if (parsed.Failure != TokenFailure.None)
        {
            return Refused(parsed.Failure, parsed.Detail);
        }

        var key = _keys.Find(parsed.KeyId);
        if (key is null)
        {
            await _keys.RefreshAsync(CancellationToken.None); // rate limited: forged kids cannot flood identity
            key = _keys.Find(parsed.KeyId);
            if (key is null)
            {
                return Refused(TokenFailure.UnknownKey, "unknown signing key");
            }
        }

        var result = await base.ValidateTokenAsync(token, validationParameters);
        if (!result.IsValid)
        {
            var refusal = AccessTokenRefusedException.From(result.Exception);
            return Refused(refusal.Failure, refusal.Detail, refusal);
        }

        var jwt = (JsonWebToken)result.SecurityToken;
        Remember(token, new Verified(parsed, key, jwt));
        return Valid(parsed, jwt);
    }

    /// <summary>
    /// The identity of a token verified before, if it is still within its lifetime and its key is still the
    /// one it was verified with; else null (validate it in full). JwtBearer's <c>OnMessageReceived</c> asks
    /// this first, so a repeat skips the handler's per-request set-up as well.
    /// </summary>
    public ClaimsIdentity? TryRemembered(string token) =>
        Remembered(token) is { } verified && Revalidate(token, verified) is { IsValid: true } result ? result.ClaimsIdentity : null;

    private Verified? Remembered(string token)
    {
        if (!_verified.TryGetValue(token, out var verified))
        {
            return null;
        }

        if (ReferenceEquals(_keys.Find(verified.Token.KeyId), verified.Key))
        {
            return verified;
        }

        Forget(token); // its key was rotated out or replaced: validate from scratch
        return null;
    }

    private bool ValidateLifetime(DateTime? notBefore, DateTime? expires, SecurityToken token, TokenValidationParameters parameters)
    {
        var jwt = (JsonWebToken)token;
        var issuedAt = jwt.TryGetPayloadValue<long>(ClaimNames.IssuedAt, out var iat) ? iat : long.MinValue;
        var validFrom = Math.Max(notBefore is { } nbf ? new DateTimeOffset(nbf, TimeSpan.Zero).ToUnixTimeSeconds() : long.MinValue, issuedAt);
        var expiresAt = expires is { } exp ? new DateTimeOffset(exp, TimeSpan.Zero).ToUnixTimeSeconds()
            : throw new AccessTokenRefusedException(TokenFailure.InvalidClaims, "exp missing");
        return CheckLifetime(expiresAt, validFrom) is not { } failure ? true : throw failure;
    }

    /// <summary>RFC 7519: refused from <c>exp</c> on (plus the skew), and before <c>nbf</c> or <c>iat</c> (less the skew).</summary>
    private AccessTokenRefusedException? CheckLifetime(long expiresAt, long validFrom)
    {
        var now = _clock.GetUtcNow().ToUnixTimeSeconds();
        var skew = _settings.ClockSkewSeconds;
        if (now >= expiresAt + skew)
        {
            return new AccessTokenRefusedException(TokenFailure.Expired, "token expired");
        }

        return validFrom > now + skew ? new AccessTokenRefusedException(TokenFailure.NotYetValid, "token not valid yet") : null;
    }

    private TokenValidationResult Revalidate(string token, Verified verified)
    {
        if (CheckLifetime(verified.Token.ExpiresAt, verified.Token.ValidFrom) is { } failure)
        {
            if (failure.Failure == TokenFailure.Expired)
            {
                Forget(token);
            }

            return Refused(failure.Failure, failure.Detail, failure);
        }

        return Valid(verified.Token, verified.Jwt);
    }

    /// <summary>A new identity each time (the claims are copied into it): a caller changing its principal changes no one else's.</summary>
    private static TokenValidationResult Valid(ParsedToken token, JsonWebToken jwt) => new()
    {
        IsValid = true,
        SecurityToken = jwt,
        ClaimsIdentity = new ClaimsIdentity(token.Claims, AccessTokenValidator.AuthenticationType, ClaimNames.Name, ClaimNames.Role),
    };

    private static TokenValidationResult Refused(TokenFailure failure, string detail, AccessTokenRefusedException? exception = null) => new()
    {
        IsValid = false,
        Exception = exception ?? new AccessTokenRefusedException(failure, detail),
    };

    private void Remember(string token, Verified verified)
    {
        var limit = _settings.VerifiedTokenCacheSize;
        if (limit <= 0)
        {
            return;
        }

        if (Volatile.Read(ref _verifiedCount) >= limit)
        {
            // Full: drop what has expired; if that is not enough (a flood of distinct tokens), start over.
            var now = _clock.GetUtcNow().ToUnixTimeSeconds();
            foreach (var (cached, entry) in _verified)
            {
                if (now >= entry.Token.ExpiresAt + _settings.ClockSkewSeconds)
                {
                    Forget(cached);
                }
            }

            if (Volatile.Read(ref _verifiedCount) >= limit)
            {
                _verified.Clear();
                Volatile.Write(ref _verifiedCount, 0);
            }
        }

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

    /// <summary>A token that passed, with the key it was verified with.</summary>
    private sealed record Verified(ParsedToken Token, SecurityKey Key, JsonWebToken Jwt);
}

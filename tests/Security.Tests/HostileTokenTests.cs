using System.Security.Cryptography;
using System.Text;

namespace Brigade.Security.Tests;

/// <summary>Tokens an attacker would send. Each must be refused for the right reason.</summary>
public class HostileTokenTests
{
    private readonly TokenFactory _f = new();

    [Fact]
    public void A_genuine_token_passes()
    {
        _f.Validator.Validate(_f.Issue()).Failure.ShouldBe(TokenFailure.None);
    }

    [Fact]
    public void Alg_none_without_signature_is_refused()
    {
        var token = TokenFactory.B64("""{"alg":"none","kid":"k1","typ":"JWT"}""") + "." + TokenFactory.B64(_f.Payload()) + ".";

        _f.Validator.Validate(token).Failure.ShouldBe(TokenFailure.UnsupportedAlgorithm);
    }

    [Theory]
    [InlineData("none")]
    [InlineData("NONE")]
    [InlineData("es256")]
    [InlineData("ES384")]
    [InlineData("RS256")]
    [InlineData("PS256")]
    public void Any_algorithm_but_ES256_is_refused_even_with_a_real_ES256_signature(string alg)
    {
        var token = _f.Sign($$"""{"alg":"{{alg}}","kid":"k1"}""", _f.Payload());

        _f.Validator.Validate(token).Failure.ShouldBe(TokenFailure.UnsupportedAlgorithm);
    }

    [Fact]
    public void HS256_keyed_with_the_public_key_is_refused()
    {
        // The classic confusion attack: HMAC with the server's public key as the shared secret.
        var publicKey = _f.Key.ExportSubjectPublicKeyInfo();
        foreach (var secret in new[] { publicKey, Encoding.UTF8.GetBytes(_f.Key.ExportSubjectPublicKeyInfoPem()) })
        {
            var input = TokenFactory.B64("""{"alg":"HS256","kid":"k1","typ":"JWT"}""") + "." + TokenFactory.B64(_f.Payload());
            var mac = HMACSHA256.HashData(secret, Encoding.ASCII.GetBytes(input));
            var token = input + "." + TokenFactory.B64(mac);

            _f.Validator.Validate(token).Failure.ShouldBe(TokenFailure.UnsupportedAlgorithm);
        }
    }

    [Fact]
    public void A_stripped_signature_is_refused()
    {
        var token = _f.Issue();
        var stripped = token[..(token.LastIndexOf('.') + 1)];

        _f.Validator.Validate(stripped).Failure.ShouldBe(TokenFailure.InvalidSignature);
        _f.Validator.Validate(token[..token.LastIndexOf('.')]).Failure.ShouldBe(TokenFailure.Malformed);
    }

    [Fact]
    public void A_truncated_or_padded_signature_is_refused()
    {
        var token = _f.Issue();
        var dot = token.LastIndexOf('.');
        var signature = TokenFactory.Decode(token[(dot + 1)..]);

        var shorter = token[..(dot + 1)] + TokenFactory.B64(signature[..63]);
        var longer = token[..(dot + 1)] + TokenFactory.B64([.. signature, 0]);

        _f.Validator.Validate(shorter).Failure.ShouldBe(TokenFailure.InvalidSignature);
        _f.Validator.Validate(longer).Failure.ShouldBe(TokenFailure.InvalidSignature);
    }

    [Fact]
    public void A_DER_encoded_signature_is_refused()
    {
        var input = TokenFactory.B64(TokenFactory.Header()) + "." + TokenFactory.B64(_f.Payload());
        var der = _f.Key.SignData(Encoding.ASCII.GetBytes(input), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);

        _f.Validator.Validate(input + "." + TokenFactory.B64(der)).Failure.ShouldBe(TokenFailure.InvalidSignature);
    }

    [Fact]
    public void Tampered_claims_are_refused()
    {
        var token = _f.Issue();
        var parts = token.Split('.');
        var payload = TokenFactory.Decode(parts[1]);
        var promoted = Encoding.UTF8.GetString(payload).Replace("\"roles\":[\"owner\",\"diner\"]", "\"roles\":[\"admin\"]", StringComparison.Ordinal);
        promoted.ShouldContain("admin");

        var tampered = parts[0] + "." + TokenFactory.B64(promoted) + "." + parts[2];

        _f.Validator.Validate(tampered).Failure.ShouldBe(TokenFailure.InvalidSignature);
    }

    [Fact]
    public void A_tampered_header_is_refused()
    {
        var token = _f.Issue();
        var parts = token.Split('.');
        var header = TokenFactory.B64("""{"alg":"ES256","kid":"k1","typ":"JWT","x":1}""");

        _f.Validator.Validate(header + "." + parts[1] + "." + parts[2]).Failure.ShouldBe(TokenFailure.InvalidSignature);
    }

    [Fact]
    public void An_unknown_kid_is_refused()
    {
        _f.Validator.Validate(_f.Sign(TokenFactory.Header("k-unknown"), _f.Payload())).Failure.ShouldBe(TokenFailure.UnknownKey);
    }

    [Fact]
    public void A_token_signed_by_another_key_under_a_known_kid_is_refused()
    {
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var token = AccessTokens.Issue(_f.Descriptor(), TokenFactory.KeyId, other);

        _f.Validator.Validate(token).Failure.ShouldBe(TokenFailure.InvalidSignature);
    }

    [Fact]
    public void An_expired_token_is_refused_after_the_clock_skew()
    {
        var token = _f.Issue();

        _f.Clock.Advance(TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(29));
        _f.Validator.Validate(token).Failure.ShouldBe(TokenFailure.None);

        _f.Clock.Advance(TimeSpan.FromSeconds(1));
        _f.Validator.Validate(token).Failure.ShouldBe(TokenFailure.Expired);
    }

    [Fact]
    public void A_token_not_valid_yet_is_refused()
    {
        var future = _f.Clock.Now.AddMinutes(5).ToUnixTimeSeconds();
        var nbf = _f.Sign(TokenFactory.Header(), $$"""{"sub":"u","jti":"j","iss":"brigade","aud":"brigade","nbf":{{future}},"exp":{{future + 900}}}""");
        var iat = _f.Sign(TokenFactory.Header(), $$"""{"sub":"u","jti":"j","iss":"brigade","aud":"brigade","iat":{{future}},"exp":{{future + 900}}}""");
        var withinSkew = _f.Clock.Now.AddSeconds(20).ToUnixTimeSeconds();
        var slightlyAhead = _f.Sign(TokenFactory.Header(), $$"""{"sub":"u","jti":"j","iss":"brigade","aud":"brigade","nbf":{{withinSkew}},"exp":{{future + 900}}}""");

        _f.Validator.Validate(nbf).Failure.ShouldBe(TokenFailure.NotYetValid);
        _f.Validator.Validate(iat).Failure.ShouldBe(TokenFailure.NotYetValid);
        _f.Validator.Validate(slightlyAhead).Failure.ShouldBe(TokenFailure.None);
    }

    [Fact]
    public void A_wrong_audience_or_issuer_is_refused()
    {
        var exp = _f.Clock.Now.AddMinutes(5).ToUnixTimeSeconds();
        string Token(string iss, string aud) => _f.Sign(TokenFactory.Header(), $$"""{"sub":"u","jti":"j","iss":{{iss}},"aud":{{aud}},"exp":{{exp}}}""");

        _f.Validator.Validate(Token("\"brigade\"", "\"payments-partner\"")).Failure.ShouldBe(TokenFailure.InvalidAudience);
        _f.Validator.Validate(Token("\"brigade\"", "[\"a\",\"b\"]")).Failure.ShouldBe(TokenFailure.InvalidAudience);
        _f.Validator.Validate(Token("\"brigade\"", "[\"a\",\"brigade\"]")).Failure.ShouldBe(TokenFailure.None);
        _f.Validator.Validate(Token("\"evil\"", "\"brigade\"")).Failure.ShouldBe(TokenFailure.InvalidIssuer);
        _f.Validator.Validate(Token("\"Brigade\"", "\"brigade\"")).Failure.ShouldBe(TokenFailure.InvalidIssuer);
        _f.Validator.Validate(Token("\"brigade\"", "7")).Failure.ShouldBe(TokenFailure.InvalidClaims);
    }

    [Fact]
    public void An_oversized_token_is_refused_before_parsing()
    {
        var huge = _f.Sign(TokenFactory.Header(), _f.Payload($",\"pad\":\"{new string('x', 9000)}\""));

        _f.Validator.Validate(huge).Failure.ShouldBe(TokenFailure.TooLarge);
        _f.Validator.Validate(new string('a', 1_000_000)).Failure.ShouldBe(TokenFailure.TooLarge);
    }

    [Theory]
    [InlineData("=")]       // padding
    [InlineData("+")]       // standard alphabet
    [InlineData("/")]
    [InlineData(" ")]       // whitespace
    [InlineData("\n")]
    [InlineData("%3D")]     // URL-escaped
    [InlineData("é")]
    public void Broken_base64url_is_refused(string insert)
    {
        var token = _f.Issue();
        var dot = token.IndexOf('.');
        var broken = token[..(dot + 5)] + insert + token[(dot + 5)..];

        _f.Validator.Validate(broken).Failure.ShouldBe(TokenFailure.Malformed);
    }

    [Fact]
    public void Non_canonical_base64url_is_refused()
    {
        // A final character with non-zero unused bits decodes to the same bytes as the canonical one.
        var token = _f.Issue();
        var parts = token.Split('.');
        var signature = parts[2];
        signature.Length.ShouldBe(86); // 64 bytes: the last character carries 4 unused bits
        var last = signature[^1];
        var alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        var sibling = alphabet[alphabet.IndexOf(last) | 1];
        sibling.ShouldNotBe(last);

        var variant = parts[0] + "." + parts[1] + "." + signature[..^1] + sibling;

        _f.Validator.Validate(variant).Failure.ShouldBe(TokenFailure.Malformed);
    }

    [Theory]
    [InlineData("""{"alg":"ES256","kid":"k1","alg":"none"}""")]  // duplicate member
    [InlineData("""{"alg":"ES256","kid":"k1"} x""")]             // trailing text
    [InlineData("""{"alg":"ES256","kid":"k1",}""")]              // trailing comma
    [InlineData("""{"alg":"ES256",/*c*/"kid":"k1"}""")]         // comment
    [InlineData("""["ES256","k1"]""")]                           // not an object
    [InlineData("""{"alg":"ES256","kid":"k1""")]                 // truncated
    [InlineData("""{"alg":"ES256","kid":"k1","crit":["exp"]}""")]
    [InlineData("""{"alg":"ES256","kid":"k1","typ":"JWE"}""")]
    [InlineData("""{"alg":"ES256","kid":""}""")]
    [InlineData("""{"alg":"ES256","kid":7}""")]
    public void A_malformed_header_is_refused(string header)
    {
        var result = _f.Validator.Validate(_f.Sign(header, _f.Payload()));

        result.Failure.ShouldBeOneOf(TokenFailure.Malformed, TokenFailure.UnsupportedAlgorithm);
    }

    [Theory]
    [InlineData("""{"sub":"u","jti":"j","iss":"brigade","aud":"brigade","exp":9999999999,"exp":1}""")]
    [InlineData("""{"sub":"u","jti":"j","iss":"brigade","aud":"brigade","exp":9999999999} trailing""")]
    [InlineData("""{"sub":"u","jti":"j","iss":"brigade","aud":"brigade","exp":9999999999,"x":[[[[[[[[[[1]]]]]]]]]]}""")]
    [InlineData("""[1,2,3]""")]
    [InlineData("""not json""")]
    public void A_malformed_payload_is_refused_even_when_signed(string payload)
    {
        _f.Validator.Validate(_f.Sign(TokenFactory.Header(), payload)).Failure.ShouldBe(TokenFailure.Malformed);
    }

    [Theory]
    [InlineData("""{"jti":"j","iss":"brigade","aud":"brigade","exp":9999999999}""")]                 // no sub
    [InlineData("""{"sub":"u","iss":"brigade","aud":"brigade","exp":9999999999}""")]                 // no jti
    [InlineData("""{"sub":"u","jti":"j","iss":"brigade","aud":"brigade"}""")]                        // no exp
    [InlineData("""{"sub":"u","jti":"j","aud":"brigade","exp":9999999999}""")]                       // no iss
    [InlineData("""{"sub":"u","jti":"j","iss":"brigade","exp":9999999999}""")]                       // no aud
    [InlineData("""{"sub":"u","jti":"j","iss":"brigade","aud":"brigade","exp":"9999999999"}""")]     // exp as text
    [InlineData("""{"sub":7,"jti":"j","iss":"brigade","aud":"brigade","exp":9999999999}""")]
    [InlineData("""{"sub":"u","jti":"j","iss":"brigade","aud":"brigade","exp":9999999999,"roles":"admin"}""")]
    [InlineData("""{"sub":"u","jti":"j","iss":"brigade","aud":"brigade","exp":9999999999,"roles":[1]}""")]
    [InlineData("""{"sub":"u","jti":"j","iss":"brigade","aud":"brigade","exp":9999999999,"memberships":[{"restaurantId":"x","role":"owner"}]}""")]
    [InlineData("""{"sub":"u","jti":"j","iss":"brigade","aud":"brigade","exp":9999999999,"memberships":{}}""")]
    public void Missing_or_mistyped_claims_are_refused(string payload)
    {
        var result = _f.Validator.Validate(_f.Sign(TokenFactory.Header(), payload));

        result.Failure.ShouldBeOneOf(TokenFailure.InvalidClaims, TokenFailure.InvalidIssuer, TokenFailure.InvalidAudience);
        result.Principal.ShouldBeNull();
    }

    [Theory]
    [InlineData("")]
    [InlineData("a.b")]
    [InlineData("a.b.c.d")]
    [InlineData("..")]
    [InlineData(".eyJ9.")]
    public void Not_a_compact_JWS_is_refused(string token)
    {
        _f.Validator.Validate(token).Failure.ShouldBeOneOf(TokenFailure.Missing, TokenFailure.Malformed);
    }

    [Fact]
    public void A_revoked_token_is_refused_until_it_expires()
    {
        var descriptor = _f.Descriptor();
        var token = _f.Issue(descriptor);

        _f.Revoked.Revoke(descriptor.Id, descriptor.ExpiresAt);

        _f.Validator.Validate(token).Failure.ShouldBe(TokenFailure.Revoked);
        _f.Validator.Validate(_f.Issue()).Failure.ShouldBe(TokenFailure.None);
    }
}

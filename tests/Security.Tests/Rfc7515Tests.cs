using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Brigade.Security.Tests;

/// <summary>RFC 7515 Appendix A.3: the ES256 example JWS and its key, through IdentityModel and our JWK reading.</summary>
public class Rfc7515Tests
{
    private const string Jwk = """
        {"keys":[{"kty":"EC","crv":"P-256","kid":"a3",
         "x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU",
         "y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"}]}
        """;

    private const string Token =
        "eyJhbGciOiJFUzI1NiJ9" +
        ".eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ" +
        ".DtEhU3ljbEg8L38VWAfUAqOyKAM6-Xx-F4GawxaepmXFCgfTjDxw5djxLa8ISlSApmWQxfKTUJqPP3-Kg6NU1Q";

    private static SecurityKey Key() => SigningKeys.Parse(Jwk)["a3"];

    /// <summary>Only the signature is checked: the example's claims (issuer joe, expired in 2011) are not ours.</summary>
    private static async Task<bool> SignatureVerifies(string token, SecurityKey key)
    {
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            IssuerSigningKey = key,
            ValidAlgorithms = [SecurityAlgorithms.EcdsaSha256],
            ValidateIssuer = false,
            ValidateAudience = false,
            ValidateLifetime = false,
            RequireExpirationTime = false,
        });
        return result.IsValid;
    }

    [Fact]
    public async Task The_example_signature_verifies_with_the_example_key()
    {
        var jwt = new JsonWebToken(Token);

        jwt.Alg.ShouldBe("ES256");
        jwt.Issuer.ShouldBe("joe");
        TokenFactory.Decode(Token.Split('.')[2]).Length.ShouldBe(64);
        (await SignatureVerifies(Token, Key())).ShouldBeTrue();
    }

    [Fact]
    public async Task Changing_one_bit_of_the_example_signature_or_payload_breaks_it()
    {
        var parts = Token.Split('.');
        var signature = TokenFactory.Decode(parts[2]);
        signature[10] ^= 1;
        var payload = TokenFactory.Decode(parts[1]);
        payload[^1] ^= 1;

        (await SignatureVerifies($"{parts[0]}.{parts[1]}.{TokenFactory.B64(signature)}", Key())).ShouldBeFalse();
        (await SignatureVerifies($"{parts[0]}.{TokenFactory.B64(payload)}.{parts[2]}", Key())).ShouldBeFalse();
    }

    [Fact]
    public void The_example_is_still_refused_as_an_access_token()
    {
        // Right signature, but no kid: our tokens must name their key.
        var factory = new TokenFactory();
        factory.Keys["a3"] = Key();

        var result = factory.Validator.Validate(Token);

        result.Failure.ShouldBe(TokenFailure.Malformed);
        result.Detail.ShouldBe("kid missing");
    }

    [Fact]
    public async Task Our_signer_produces_signatures_the_example_key_format_verifies()
    {
        // Signing with the RFC's private key (d) and verifying with its public JWK closes the loop.
        var privateKey = ECDsa.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            D = TokenFactory.Decode("jpsQnnGQmL-YBIffH1136cspYG6-0iY7X1fCE9-E9LI"),
            Q = new ECPoint
            {
                X = TokenFactory.Decode("f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU"),
                Y = TokenFactory.Decode("x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"),
            },
        });
        var now = DateTimeOffset.UtcNow;

        var token = AccessTokens.Issue(new AccessTokenDescriptor
        {
            Subject = "joe", Issuer = "brigade", Audience = "brigade", IssuedAt = now, ExpiresAt = now.AddMinutes(1),
        }, "a3", privateKey);

        (await SignatureVerifies(token, Key())).ShouldBeTrue();
    }
}

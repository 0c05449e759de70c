using System.Text;
using System.Text.Json;

namespace Brigade.Security.Tests;

/// <summary>RFC 7515 Appendix A.3: the ES256 example JWS and its key.</summary>
public class Rfc7515Tests
{
    private const string Jwk = """
        {"kty":"EC","crv":"P-256","kid":"a3",
         "x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU",
         "y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"}
        """;

    private const string Token =
        "eyJhbGciOiJFUzI1NiJ9" +
        ".eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ" +
        ".DtEhU3ljbEg8L38VWAfUAqOyKAM6-Xx-F4GawxaepmXFCgfTjDxw5djxLa8ISlSApmWQxfKTUJqPP3-Kg6NU1Q";

    private static System.Security.Cryptography.ECDsa Key() =>
        JsonSerializer.Deserialize<JsonWebKey>(Jwk)!.ToPublicKey() ?? throw new InvalidOperationException("JWK not usable");

    [Fact]
    public void The_example_signature_verifies_with_the_example_key()
    {
        Jws.TryParseCompact(Token, out var parts, out var error).ShouldBeTrue(error);

        Encoding.UTF8.GetString(parts.Header).ShouldBe("""{"alg":"ES256"}""");
        Encoding.UTF8.GetString(parts.Payload).ShouldBe("{\"iss\":\"joe\",\r\n \"exp\":1300819380,\r\n \"http://example.com/is_root\":true}");
        parts.Signature.Length.ShouldBe(64);
        Jws.VerifyEs256(parts, Key()).ShouldBeTrue();
    }

    [Fact]
    public void Changing_one_bit_of_the_example_signature_or_payload_breaks_it()
    {
        Jws.TryParseCompact(Token, out var parts, out _).ShouldBeTrue();

        var signature = (byte[])parts.Signature.Clone();
        signature[10] ^= 1;
        Jws.VerifyEs256(parts with { Signature = signature }, Key()).ShouldBeFalse();

        var input = (byte[])parts.SigningInput.Clone();
        input[^1] ^= 1;
        Jws.VerifyEs256(parts with { SigningInput = input }, Key()).ShouldBeFalse();
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
    public void Our_signer_produces_signatures_the_example_key_format_verifies()
    {
        // Signing with the RFC's private key (d) and verifying with its public JWK closes the loop.
        var privateKey = System.Security.Cryptography.ECDsa.Create(new System.Security.Cryptography.ECParameters
        {
            Curve = System.Security.Cryptography.ECCurve.NamedCurves.nistP256,
            D = Base64UrlDecode("jpsQnnGQmL-YBIffH1136cspYG6-0iY7X1fCE9-E9LI"),
            Q = new System.Security.Cryptography.ECPoint
            {
                X = Base64UrlDecode("f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU"),
                Y = Base64UrlDecode("x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"),
            },
        });

        var token = Jws.SignEs256("""{"alg":"ES256"}"""u8, """{"iss":"joe"}"""u8, privateKey);

        Jws.TryParseCompact(token, out var parts, out _).ShouldBeTrue();
        Jws.VerifyEs256(parts, Key()).ShouldBeTrue();
    }

    private static byte[] Base64UrlDecode(string text) => Base64UrlStrict.TryDecode(text, out var bytes) ? bytes : throw new FormatException(text);
}

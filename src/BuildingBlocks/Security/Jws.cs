using System.Security.Cryptography;
using System.Text;

namespace Brigade.Security;

/// <summary>The three decoded parts of a compact JWS and the exact bytes its signature covers.</summary>
public sealed record JwsParts(byte[] Header, byte[] Payload, byte[] Signature, byte[] SigningInput);

/// <summary>
/// Compact JWS (RFC 7515) with ES256 only (RFC 7518 §3.4): ECDSA P-256 over SHA-256, the signature
/// being the 64-byte <c>R || S</c> concatenation, not DER.
/// </summary>
public static class Jws
{
    public const string Algorithm = "ES256";
    public const int SignatureLength = 64;

    public static string SignEs256(ReadOnlySpan<byte> headerJson, ReadOnlySpan<byte> payloadJson, ECDsa key)
    {
        var signingInput = Base64UrlStrict.Encode(headerJson) + "." + Base64UrlStrict.Encode(payloadJson);
        var signature = key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        return signingInput + "." + Base64UrlStrict.Encode(signature);
    }

    /// <summary>Splits and decodes a compact JWS; refuses anything but three strict base64url parts.</summary>
    public static bool TryParseCompact(string token, out JwsParts parts, out string error)
    {
        parts = null!;
        var first = token.IndexOf('.');
        var second = first < 0 ? -1 : token.IndexOf('.', first + 1);
        if (first <= 0 || second < 0 || token.IndexOf('.', second + 1) >= 0)
        {
            error = "not a compact JWS (three dot-separated parts)";
            return false;
        }

        var span = token.AsSpan();
        if (!Base64UrlStrict.TryDecode(span[..first], out var header)
            || !Base64UrlStrict.TryDecode(span[(first + 1)..second], out var payload)
            || !Base64UrlStrict.TryDecode(span[(second + 1)..], out var signature))
        {
            error = "a part is not canonical unpadded base64url";
            return false;
        }

        if (payload.Length == 0)
        {
            error = "empty payload";
            return false;
        }

        parts = new JwsParts(header, payload, signature, Encoding.ASCII.GetBytes(token[..second]));
        error = "";
        return true;
    }

    /// <summary>Checks an ES256 signature; a signature of any other length is simply wrong.</summary>
    public static bool VerifyEs256(JwsParts parts, ECDsa key) =>
        parts.Signature.Length == SignatureLength
        && key.KeySize == 256
        && key.VerifyData(parts.SigningInput, parts.Signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
}

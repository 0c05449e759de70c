using System.Security.Cryptography;
using System.Text;

namespace Brigade.Identity.Domain;

/// <summary>
/// Refresh, verification and reset tokens: 256 random bits, base64url. Only their SHA-256 is stored, so a
/// copy of the database cannot be replayed; a hash lookup needs no constant-time comparison.
/// </summary>
public static class OpaqueTokens
{
    public const int MaxLength = 128;

    public static string Create() => Base64Url(RandomNumberGenerator.GetBytes(32));

    public static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));

    private static string Base64Url(byte[] bytes) => System.Buffers.Text.Base64Url.EncodeToString(bytes);
}

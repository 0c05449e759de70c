using System.Security.Cryptography;
using System.Text;

namespace Brigade.Api;

/// <summary>
/// The ids of the demo data loaded for local runs: name-based (UUID version 8 from a SHA-256 of the kind and key), so a
/// second load finds what the first inserted and every service finds the same demo restaurant without asking for it.
/// </summary>
public static class DemoIds
{
    /// <summary>The id of the demo record <paramref name="key"/> of <paramref name="kind"/> ("restaurant", "user", …).</summary>
    public static Guid Of(string kind, string key)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes($"brigade-demo:{kind}:{key}"))[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }
}

using System.Security.Cryptography;

namespace Brigade.Security;

/// <summary>
/// The generated password of the first admin account, made by whichever comes first: the launcher
/// (<c>./brigade up</c>) or identity starting without one. The launcher has no project references, so
/// it compiles this file in as linked source: keep it free of other dependencies.
/// </summary>
public static class AdminPassword
{
    /// <summary>Four groups of five, e.g. <c>Kq7mz-…</c>, from upper, lower and digits with each kind present; easy to type.</summary>
    public static string Generate()
    {
        const string upper = "ABCDEFGHJKLMNPQRSTUVWXYZ", lower = "abcdefghijkmnopqrstuvwxyz", digits = "23456789";
        const string all = upper + lower + digits;
        var chars = new char[20];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = all[RandomNumberGenerator.GetInt32(all.Length)];
        }

        chars[0] = upper[RandomNumberGenerator.GetInt32(upper.Length)];
        chars[1] = lower[RandomNumberGenerator.GetInt32(lower.Length)];
        chars[2] = digits[RandomNumberGenerator.GetInt32(digits.Length)];
        return string.Join('-', chars.Chunk(5).Select(c => new string(c)));
    }
}

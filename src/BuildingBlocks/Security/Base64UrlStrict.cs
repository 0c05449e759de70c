using System.Buffers.Text;

namespace Brigade.Security;

/// <summary>
/// Base64url as JWS uses it (RFC 7515 §2): URL-safe alphabet, no padding, no whitespace, and the
/// canonical encoding only (unused trailing bits zero), so one token has exactly one spelling.
/// </summary>
public static class Base64UrlStrict
{
    public static bool TryDecode(ReadOnlySpan<char> text, out byte[] bytes)
    {
        bytes = [];
        if (text.Length % 4 == 1)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '-' || c == '_'))
            {
                return false;
            }
        }

        try
        {
            bytes = Base64Url.DecodeFromChars(text);
        }
        catch (FormatException)
        {
            return false;
        }

        // Non-zero unused bits decode to the same bytes as the canonical form; refuse them.
        return text.SequenceEqual(Base64Url.EncodeToString(bytes));
    }

    public static string Encode(ReadOnlySpan<byte> bytes) => Base64Url.EncodeToString(bytes);
}

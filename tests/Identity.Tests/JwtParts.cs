using System.Buffers.Text;

namespace Brigade.Identity.Tests;

/// <summary>The decoded header and payload of a compact JWS, to look at what identity issued.</summary>
internal sealed record JwtParts(byte[] Header, byte[] Payload)
{
    public static JwtParts Of(string token)
    {
        var parts = token.Split('.');
        parts.Length.ShouldBe(3);
        return new JwtParts(Base64Url.DecodeFromChars(parts[0]), Base64Url.DecodeFromChars(parts[1]));
    }
}

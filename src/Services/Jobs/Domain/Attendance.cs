using System.Buffers.Binary;
using System.Security.Cryptography;
using NodaTime;

namespace Brigade.Jobs.Domain;

public enum CodeCheck
{
    Valid,

    /// <summary>The code was shown on the screen a while ago but has rotated since.</summary>
    Expired,

    Wrong,
}

/// <summary>
/// The venue's rotating attendance code, shown on the restaurant's screen: six digits derived from the posting's secret
/// and the 30-second time step (RFC 6238 TOTP with HMAC-SHA256). A worker standing at the screen types or scans it, which
/// a worker elsewhere cannot; the code of the previous step is still accepted (a code read just before it turned).
/// </summary>
public static class AttendanceCode
{
    public const int StepSeconds = 30;

    /// <summary>Codes of this many earlier steps are recognised as expired (10 minutes), so the worker is told to look again.</summary>
    public const int RecognisedPastSteps = 20;

    public static long StepAt(Instant at) => at.ToUnixTimeSeconds() / StepSeconds;

    public static Instant StepEnds(long step) => Instant.FromUnixTimeSeconds((step + 1) * StepSeconds);

    public static string At(byte[] secret, long step)
    {
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, step);
        Span<byte> hash = stackalloc byte[32];
        HMACSHA256.HashData(secret, counter, hash);
        var offset = hash[^1] & 0x0F;
        var value = (BinaryPrimitives.ReadInt32BigEndian(hash.Slice(offset, 4)) & 0x7FFF_FFFF) % 1_000_000;
        return value.ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }

    public static CodeCheck Check(byte[] secret, string code, Instant now)
    {
        var step = StepAt(now);
        if (Matches(secret, code, step) || Matches(secret, code, step - 1))
        {
            return CodeCheck.Valid;
        }

        for (var back = 2; back <= RecognisedPastSteps; back++)
        {
            if (Matches(secret, code, step - back))
            {
                return CodeCheck.Expired;
            }
        }

        return CodeCheck.Wrong;
    }

    public static byte[] NewSecret() => RandomNumberGenerator.GetBytes(20);

    private static bool Matches(byte[] secret, string code, long step) =>
        CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(At(secret, step)), System.Text.Encoding.ASCII.GetBytes(code));
}

public static class Geo
{
    private const double EarthRadiusMeters = 6_371_008.8;

    /// <summary>Great-circle distance in metres (haversine), the same formula the feed's SQL uses.</summary>
    public static double DistanceMeters(double lat1, double lng1, double lat2, double lng2)
    {
        static double Radians(double degrees) => degrees * Math.PI / 180;
        var dLat = Radians(lat2 - lat1);
        var dLng = Radians(lng2 - lng1);
        var a = Math.Pow(Math.Sin(dLat / 2), 2) + Math.Cos(Radians(lat1)) * Math.Cos(Radians(lat2)) * Math.Pow(Math.Sin(dLng / 2), 2);
        return 2 * EarthRadiusMeters * Math.Asin(Math.Sqrt(a));
    }
}

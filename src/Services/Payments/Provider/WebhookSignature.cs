using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Brigade.Payments.Provider;

/// <summary>
/// Checks a provider notification: <c>tosspayments-webhook-signature</c> holds one or more <c>v1:base64</c> values, each
/// an HMAC-SHA256 of <c>body + ":" + transmissionTime</c> under the webhook secret; the transmission time (Unix seconds)
/// must be within the tolerance of now, so a captured notification cannot be replayed later.
/// </summary>
public static class WebhookSignature
{
    public const string SignatureHeader = "tosspayments-webhook-signature";
    public const string TimeHeader = "tosspayments-webhook-transmission-time";

    public static bool Verify(string secret, byte[] body, string? transmissionTime, string? signatures, DateTimeOffset now, TimeSpan tolerance)
    {
        if (string.IsNullOrEmpty(signatures) || !long.TryParse(transmissionTime, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return false;
        }

        if (Math.Abs(now.ToUnixTimeSeconds() - seconds) > tolerance.TotalSeconds)
        {
            return false;
        }

        var signed = new byte[body.Length + 1 + transmissionTime!.Length];
        body.CopyTo(signed, 0);
        signed[body.Length] = (byte)':';
        Encoding.ASCII.GetBytes(transmissionTime, 0, transmissionTime.Length, signed, body.Length + 1);
        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed);
        foreach (var candidate in signatures.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (candidate.StartsWith("v1:", StringComparison.Ordinal) && TryBase64(candidate[3..], out var given)
                && CryptographicOperations.FixedTimeEquals(expected, given))
            {
                return true;
            }
        }

        return false;
    }

    private static bool TryBase64(string text, out byte[] bytes)
    {
        bytes = new byte[(text.Length * 3 / 4) + 3];
        if (Convert.TryFromBase64String(text, bytes, out var written))
        {
            bytes = bytes[..written];
            return true;
        }

        return false;
    }
}

/// <summary>Verifies notifications with the configured secret and tolerance (<see cref="ProviderOptions"/>).</summary>
public sealed class WebhookVerifier(IOptions<PaymentsOptions> options)
{
    public bool Verify(byte[] body, string? transmissionTime, string? signatures, DateTimeOffset now) =>
        WebhookSignature.Verify(options.Value.Provider.WebhookSecret, body, transmissionTime, signatures, now, options.Value.Provider.WebhookTolerance);
}

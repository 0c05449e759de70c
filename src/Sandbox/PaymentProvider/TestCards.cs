namespace Brigade.Sandbox.PaymentProvider;

/// <summary>What the sandbox does with a card or bank account: chosen by the test number, as PGs' sandboxes do.</summary>
public enum Behaviour
{
    Approve,

    /// <summary>The card company refuses at authorisation (<c>REJECT_CARD_COMPANY</c>).</summary>
    Decline,

    /// <summary>Reported lost or stolen (<c>INVALID_CARD_LOST_OR_STOLEN</c>).</summary>
    LostOrStolen,

    /// <summary>Confirmation answers only after <see cref="SandboxOptions.SlowDelay"/>, and succeeds anyway (the caller has usually given up).</summary>
    SlowConfirm,

    /// <summary>Confirmation fails inside the PG (HTTP 500); nothing is captured.</summary>
    ProviderError,

    /// <summary>Every notification about this payment is delivered three times.</summary>
    DuplicateNotifications,
}

/// <summary>
/// The sandbox takes test cards only (a real card number typed into a local run goes nowhere):
/// <list type="table">
/// <item><c>4111 1111 1111 1111</c>, <c>4242 4242 4242 4242</c>, <c>5555 5555 5555 4444</c>, any other <c>4000 0000 0000 xxxx</c>: approved</item>
/// <item><c>4000 0000 0000 0002</c>: declined; <c>4000 0000 0000 9987</c>: lost or stolen</item>
/// <item><c>4000 0000 0000 0119</c>: confirmation times out, then succeeds (notified twice)</item>
/// <item><c>4000 0000 0000 0127</c>: confirmation fails with a PG error</item>
/// <item><c>4000 0000 0000 0259</c>: approved, every notification sent three times</item>
/// </list>
/// Bank accounts for payouts: ending in <c>0000</c> → refused (<c>INVALID_ACCOUNT_NUMBER</c>); ending in <c>1119</c> → slow, then paid.
/// </summary>
public static class TestCards
{
    private static readonly Dictionary<string, Behaviour> Special = new(StringComparer.Ordinal)
    {
        ["4000000000000002"] = Behaviour.Decline,
        ["4000000000009987"] = Behaviour.LostOrStolen,
        ["4000000000000119"] = Behaviour.SlowConfirm,
        ["4000000000000127"] = Behaviour.ProviderError,
        ["4000000000000259"] = Behaviour.DuplicateNotifications,
    };

    private static readonly HashSet<string> Plain = new(StringComparer.Ordinal) { "4111111111111111", "4242424242424242", "5555555555554444" };

    /// <summary>The behaviour of a test card; null for a number that is not a sandbox test card.</summary>
    public static Behaviour? Of(string digits) =>
        Special.TryGetValue(digits, out var special) ? special
        : Plain.Contains(digits) || (digits.Length == 16 && digits.StartsWith("400000000000", StringComparison.Ordinal)) ? Behaviour.Approve
        : null;

    public static bool Luhn(string digits)
    {
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var d = digits[digits.Length - 1 - i] - '0';
            if (i % 2 == 1)
            {
                d = d * 2 > 9 ? d * 2 - 9 : d * 2;
            }

            sum += d;
        }

        return sum % 10 == 0;
    }

    /// <summary>PG style: the first six and the last four digits, the middle starred.</summary>
    public static string Mask(string digits) => digits[..6] + new string('*', digits.Length - 10) + digits[^4..];
}

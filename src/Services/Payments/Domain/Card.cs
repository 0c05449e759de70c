using System.Globalization;
using NodaTime;

namespace Brigade.Payments.Domain;

/// <summary>
/// Card details as a payer typed them, held only long enough to hand them to the provider. The number and CVC are
/// never stored, logged or echoed: <see cref="ToString"/> shows the masked number, and only <see cref="Brand"/> and
/// <see cref="Last4"/> are kept with the payment.
/// </summary>
public sealed class Card
{
    private Card(string number, int expiryMonth, int expiryYear, string? cvc)
    {
        Number = number;
        ExpiryMonth = expiryMonth;
        ExpiryYear = expiryYear;
        Cvc = cvc;
    }

    /// <summary>Digits only.</summary>
    public string Number { get; }

    public int ExpiryMonth { get; }

    /// <summary>Four digits.</summary>
    public int ExpiryYear { get; }

    public string? Cvc { get; }

    public string Last4 => Number[^4..];

    public string Brand => BrandOf(Number);

    public override string ToString() => $"{Brand} ****{Last4}";

    /// <summary>Why card details are not acceptable, field by field (never repeating what was typed).</summary>
    public enum Problem { NumberMissing, NumberMalformed, NumberFailsCheck, ExpiryMissing, ExpiryMalformed, Expired, CvcMalformed }

    /// <summary>
    /// Checks a card: 12 to 19 digits (spaces and dashes allowed) passing the Luhn check, an expiry <c>MM/YY</c> or
    /// <c>MM/YYYY</c> whose month has not ended on <paramref name="today"/> (the payer's date; a card is valid through
    /// the last day of its expiry month), an optional CVC of 3 or 4 digits.
    /// </summary>
    public static (Card? Card, IReadOnlyList<(string Field, Problem Problem)> Problems) Parse(string? number, string? expiry, string? cvc, LocalDate today)
    {
        var problems = new List<(string, Problem)>();
        string? digits = null;
        if (string.IsNullOrWhiteSpace(number))
        {
            problems.Add(("number", Problem.NumberMissing));
        }
        else if (number.Any(c => !char.IsAsciiDigit(c) && c is not ' ' and not '-'))
        {
            problems.Add(("number", Problem.NumberMalformed));
        }
        else
        {
            digits = new string(number.Where(char.IsAsciiDigit).ToArray());
            if (digits.Length is < 12 or > 19)
            {
                problems.Add(("number", Problem.NumberMalformed));
            }
            else if (!Luhn(digits))
            {
                problems.Add(("number", Problem.NumberFailsCheck));
            }
        }

        var (month, year) = (0, 0);
        if (string.IsNullOrWhiteSpace(expiry))
        {
            problems.Add(("expiry", Problem.ExpiryMissing));
        }
        else if (!TryExpiry(expiry.Trim(), out month, out year))
        {
            problems.Add(("expiry", Problem.ExpiryMalformed));
        }
        else if (year < today.Year || (year == today.Year && month < today.Month))
        {
            problems.Add(("expiry", Problem.Expired));
        }

        var code = cvc?.Trim();
        if (!string.IsNullOrEmpty(code) && (code.Length is < 3 or > 4 || !code.All(char.IsAsciiDigit)))
        {
            problems.Add(("cvv", Problem.CvcMalformed));
        }

        return problems.Count > 0 ? (null, problems) : (new Card(digits!, month, year, string.IsNullOrEmpty(code) ? null : code), problems);
    }

    /// <summary>The Luhn (mod 10) check digit test every card number passes (ISO/IEC 7812-1).</summary>
    public static bool Luhn(string digits)
    {
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var d = digits[digits.Length - 1 - i] - '0';
            if (i % 2 == 1)
            {
                d *= 2;
                if (d > 9)
                {
                    d -= 9;
                }
            }

            sum += d;
        }

        return sum % 10 == 0;
    }

    /// <summary>The scheme by the leading digits (IIN ranges): visa, mastercard, amex, jcb, unionpay, or card.</summary>
    public static string BrandOf(string digits) => digits switch
    {
        ['4', ..] => "visa",
        ['5', '1' or '2' or '3' or '4' or '5', ..] => "mastercard",
        ['2', '2' or '3' or '4' or '5' or '6' or '7', ..] => "mastercard",
        ['3', '4' or '7', ..] => "amex",
        ['3', '5', ..] => "jcb",
        ['6', '2', ..] => "unionpay",
        _ => "card",
    };

    private static bool TryExpiry(string text, out int month, out int year)
    {
        month = year = 0;
        var parts = text.Split('/');
        if (parts.Length != 2 || parts[0].Length is < 1 or > 2 || parts[1].Length is not (2 or 4)
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out month)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out year)
            || month is < 1 or > 12)
        {
            return false;
        }

        year = parts[1].Length == 2 ? 2000 + year : year;
        return true;
    }
}

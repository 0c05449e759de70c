using Brigade.Api;
namespace Brigade.Restaurants.Domain;

/// <summary>An amount in minor units (원 for KRW, cents for USD) of an ISO 4217 currency. Never floating point.</summary>
public sealed record Money(long Amount, string Currency);

/// <summary>The money fields of a request, before checking.</summary>
public sealed record MoneyDraft(long? Amount, string? Currency);

public static class Currencies
{
    public const string Default = "KRW";

    /// <summary>Largest accepted amount in minor units: 10¹² (₩1,000,000,000,000), far above any menu price, far below overflow.</summary>
    public const long MaxAmount = 1_000_000_000_000;

    // ISO 4217 active codes.
    private static readonly HashSet<string> Known = new(StringComparer.Ordinal)
    {
        "AED", "AFN", "ALL", "AMD", "ANG", "AOA", "ARS", "AUD", "AWG", "AZN", "BAM", "BBD", "BDT", "BGN", "BHD", "BIF",
        "BMD", "BND", "BOB", "BRL", "BSD", "BTN", "BWP", "BYN", "BZD", "CAD", "CDF", "CHF", "CLP", "CNY", "COP", "CRC",
        "CUP", "CVE", "CZK", "DJF", "DKK", "DOP", "DZD", "EGP", "ERN", "ETB", "EUR", "FJD", "FKP", "GBP", "GEL", "GHS",
        "GIP", "GMD", "GNF", "GTQ", "GYD", "HKD", "HNL", "HTG", "HUF", "IDR", "ILS", "INR", "IQD", "IRR", "ISK", "JMD",
        "JOD", "JPY", "KES", "KGS", "KHR", "KMF", "KPW", "KRW", "KWD", "KYD", "KZT", "LAK", "LBP", "LKR", "LRD", "LSL",
        "LYD", "MAD", "MDL", "MGA", "MKD", "MMK", "MNT", "MOP", "MRU", "MUR", "MVR", "MWK", "MXN", "MYR", "MZN", "NAD",
        "NGN", "NIO", "NOK", "NPR", "NZD", "OMR", "PAB", "PEN", "PGK", "PHP", "PKR", "PLN", "PYG", "QAR", "RON", "RSD",
        "RUB", "RWF", "SAR", "SBD", "SCR", "SDG", "SEK", "SGD", "SHP", "SLE", "SOS", "SRD", "SSP", "STN", "SVC", "SYP",
        "SZL", "THB", "TJS", "TMT", "TND", "TOP", "TRY", "TTD", "TWD", "TZS", "UAH", "UGX", "USD", "UYU", "UZS", "VES",
        "VND", "VUV", "WST", "XAF", "XCD", "XOF", "XPF", "YER", "ZAR", "ZMW", "ZWG",
    };

    public static bool IsKnown(string? code) => code is not null && Known.Contains(code);

    /// <summary>
    /// Checks a price of a restaurant whose currency is <paramref name="restaurantCurrency"/>: one menu, one
    /// currency, so orders can total it. A missing currency means the restaurant's.
    /// </summary>
    public static Money? Price(FieldErrors errors, string field, MoneyDraft? draft, string restaurantCurrency, bool allowNegative = false)
    {
        if (draft?.Amount is not { } amount)
        {
            errors.Add($"{field}.amount", $"{field}.amount is required (integer minor units, e.g. 15000 for ₩15,000).", $"{field}.amount은(는) 필수입니다(최소 화폐 단위의 정수, 예: ₩15,000이면 15000).");
            return null;
        }

        var currency = draft.Currency?.Trim() ?? restaurantCurrency;
        var valid = true;
        if (!IsKnown(currency))
        {
            errors.Add($"{field}.currency", $"{field}.currency must be an ISO 4217 code such as KRW.", $"{field}.currency는 KRW 같은 ISO 4217 코드여야 합니다.");
            valid = false;
        }
        else if (currency != restaurantCurrency)
        {
            errors.Add($"{field}.currency", $"{field}.currency must be the restaurant's currency, {restaurantCurrency}.", $"{field}.currency는 식당의 통화 {restaurantCurrency}여야 합니다.");
            valid = false;
        }

        if (amount < (allowNegative ? -MaxAmount : 0) || amount > MaxAmount)
        {
            if (allowNegative)
            {
                errors.Add($"{field}.amount", $"{field}.amount must be between {-MaxAmount} and {MaxAmount}.", $"{field}.amount은(는) {-MaxAmount}에서 {MaxAmount} 사이여야 합니다.");
            }
            else
            {
                errors.Add($"{field}.amount", $"{field}.amount must not be negative and at most {MaxAmount}.", $"{field}.amount은(는) 0 이상 {MaxAmount} 이하여야 합니다.");
            }
            valid = false;
        }

        return valid ? new Money(amount, currency) : null;
    }
}

using Brigade.Api;

namespace Brigade.Ordering.Domain;

/// <summary>One line as the client asks for it: which item, how many, which modifier options, and the price it showed (optional).</summary>
public sealed record LineRequest(Guid MenuItemId, int Quantity, decimal? ClientPrice, IReadOnlyList<Guid> OptionIds, string? Notes, int Course);

public sealed record ChosenModifier(Guid OptionId, string Name, long PriceDelta);

/// <summary>A line priced from menu facts: unit price = item price + chosen options' deltas; line total = unit × quantity.</summary>
public sealed record PricedLine(MenuItemFact Item, int Quantity, long UnitPrice, long LineTotal, IReadOnlyList<ChosenModifier> Modifiers, string? Notes, int Course);

/// <summary>A line whose client price disagrees with the menu (the menu wins; the client is told).</summary>
public sealed record PriceMismatch(int Index, Guid MenuItemId, decimal ClientPrice, long MenuUnitPrice, string Currency);

/// <summary>
/// Prices come from the restaurant's menu facts only. A client's <c>price</c> is a check of what the diner saw, never an
/// input: when it disagrees the order is refused (<see cref="PriceMismatch"/>), so a tampered price never reaches a total.
/// </summary>
public static class Pricing
{
    /// <summary>Quantity per line; a larger order is a catering request, not a cart.</summary>
    public const int MaxQuantity = 99;

    /// <summary>Largest order total in minor units (₩100,000,000): far above any check, far below overflow.</summary>
    public const long MaxTotal = 100_000_000;

    public const int MaxCourse = 5;

    // ISO 4217 minor-unit exponents that are not 2.
    private static readonly HashSet<string> NoMinorUnit = new(StringComparer.Ordinal)
    {
        "BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "VND", "VUV", "XAF", "XOF", "XPF",
    };

    private static readonly HashSet<string> ThreeDecimals = new(StringComparer.Ordinal) { "BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND" };

    public static int Exponent(string currency) => NoMinorUnit.Contains(currency) ? 0 : ThreeDecimals.Contains(currency) ? 3 : 2;

    /// <summary>
    /// A price as people write it (<c>29.99</c> dollars, <c>15000</c> won) in minor units; null when it has more decimals
    /// than the currency has (<c>0.5</c> won) or is out of range.
    /// </summary>
    public static long? ToMinor(decimal major, string currency)
    {
        var minor = major;
        for (var i = 0; i < Exponent(currency); i++)
        {
            minor *= 10;
        }

        return minor != decimal.Truncate(minor) || minor < 0 || minor > MaxTotal ? null : (long)minor;
    }

    /// <summary>The minor units as a decimal in major units (2999 → 29.99 USD), for messages.</summary>
    public static decimal ToMajor(long minor, string currency)
    {
        decimal major = minor;
        for (var i = 0; i < Exponent(currency); i++)
        {
            major /= 10;
        }

        return major;
    }

    /// <summary>
    /// Prices one line from its item's facts, checking its modifier choices against the item's groups (each option belongs
    /// to the item, none twice, every group within its min/max). Field errors go under <c>items[i]</c>.
    /// </summary>
    public static PricedLine? Price(int index, LineRequest request, MenuItemFact item, FieldErrors errors)
    {
        var field = $"items[{index}]";
        var chosen = new List<ChosenModifier>();
        var ok = true;
        if (request.OptionIds.Distinct().Count() != request.OptionIds.Count)
        {
            errors.Add($"{field}.modifiers", $"{field}.modifiers names an option twice.", $"{field}.modifiers에 같은 옵션이 두 번 있습니다.");
            ok = false;
        }

        foreach (var optionId in request.OptionIds)
        {
            var option = item.ModifierGroups.SelectMany(g => g.Options).FirstOrDefault(o => o.OptionId == optionId);
            if (option is null)
            {
                errors.Add($"{field}.modifiers", $"{field}.modifiers: option {optionId} is not offered with {item.Name}.",
                    $"{field}.modifiers: 옵션 {optionId}은(는) {item.Name}에 없습니다.");
                ok = false;
            }
            else
            {
                chosen.Add(new ChosenModifier(option.OptionId, option.Name, option.PriceDelta));
            }
        }

        foreach (var group in item.ModifierGroups)
        {
            var count = group.Options.Count(o => request.OptionIds.Contains(o.OptionId));
            var min = group.Required ? Math.Max(1, group.MinChoices) : group.MinChoices;
            if (count < min || count > group.MaxChoices)
            {
                errors.Add($"{field}.modifiers",
                    min == group.MaxChoices
                        ? $"{field}.modifiers: choose {min} of '{group.Name}'."
                        : $"{field}.modifiers: choose {min} to {group.MaxChoices} of '{group.Name}'.",
                    min == group.MaxChoices
                        ? $"{field}.modifiers: '{group.Name}'에서 {min}개를 골라 주세요."
                        : $"{field}.modifiers: '{group.Name}'에서 {min}~{group.MaxChoices}개를 골라 주세요.");
                ok = false;
            }
        }

        var unit = item.Price + chosen.Sum(c => c.PriceDelta);
        if (!ok)
        {
            return null;
        }

        if (unit < 0 || unit * (long)request.Quantity > MaxTotal)
        {
            errors.Add($"{field}.quantity", $"{field} would cost more than an order may total.", $"{field}의 금액이 주문 한도를 넘습니다.");
            return null;
        }

        return new PricedLine(item, request.Quantity, unit, unit * request.Quantity, chosen, request.Notes, request.Course);
    }

    /// <summary>Whether the client's price for one unit agrees with the menu's (exactly, in the restaurant's currency).</summary>
    public static bool Agrees(decimal clientPrice, long menuUnitPrice, string currency) => ToMinor(clientPrice, currency) == menuUnitPrice;

    /// <summary>The subtotal of lines; the total is the subtotal (Korean menu prices include VAT; no fees or tips yet).</summary>
    public static (long Subtotal, long Total) Totals(IEnumerable<long> lineTotals)
    {
        var subtotal = lineTotals.Sum();
        return (subtotal, subtotal);
    }

    /// <summary>Money as people read it: <c>15,000원</c> for won, <c>29.99 USD</c> otherwise.</summary>
    public static string Format(long minor, string currency) =>
        currency == "KRW"
            ? minor.ToString("#,0", System.Globalization.CultureInfo.InvariantCulture) + "원"
            : ToMajor(minor, currency).ToString("#,0.##", System.Globalization.CultureInfo.InvariantCulture) + " " + currency;
}

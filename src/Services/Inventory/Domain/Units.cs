using Brigade.Api;

namespace Brigade.Inventory.Domain;

/// <summary>
/// Stock is kept in one base unit per item — grams, millilitres or pieces — so recipes, counts and deliveries written in
/// kg, L or packs ("case" of 12) add up. A quantity in a unit of another kind (litres of flour) is refused, never guessed.
/// </summary>
public static class Units
{
    public static readonly string[] BaseUnits = ["g", "ml", "ea"];

    /// <summary>The largest quantity accepted anywhere (base units): well above any kitchen's stock, well inside numeric(14,3).</summary>
    public const decimal MaxQuantity = 1_000_000_000m;

    /// <summary>The largest pack (base units): a tonne in grams, a thousand litres in millilitres.</summary>
    public const decimal MaxPackSize = 1_000_000m;

    /// <summary>The highest price of one pack, minor units; with <see cref="MaxPackSize"/> it keeps every value inside a bigint.</summary>
    public const long MaxPackCost = 1_000_000_000L;

    private static readonly Dictionary<string, (string Base, decimal Factor)> Known = new(StringComparer.OrdinalIgnoreCase)
    {
        ["g"] = ("g", 1m),
        ["kg"] = ("g", 1000m),
        ["ml"] = ("ml", 1m),
        ["l"] = ("ml", 1000m),
        ["ea"] = ("ea", 1m),
    };

    /// <summary>
    /// <paramref name="quantity"/> of <paramref name="unit"/> in the item's base unit: <c>kg</c>/<c>g</c> for <c>g</c>,
    /// <c>L</c>/<c>ml</c> for <c>ml</c>, <c>ea</c>, or the item's pack (<c>pack</c> or its own pack name) of
    /// <paramref name="packSize"/> base units. Null when the unit does not fit the item.
    /// </summary>
    public static decimal? ToBase(decimal quantity, string unit, string baseUnit, string packUnit, decimal packSize)
    {
        // Measures first: an item bought in packs it calls "g" or "kg" still means grams by "g".
        var u = unit.Trim();
        if (Known.TryGetValue(u, out var known))
        {
            return known.Base == baseUnit ? quantity * known.Factor : null;
        }

        return u.Equals("pack", StringComparison.OrdinalIgnoreCase) || u.Equals(packUnit, StringComparison.OrdinalIgnoreCase) ? quantity * packSize : null;
    }

    /// <summary>A required quantity (≥ 0, or &gt; 0 when <paramref name="positive"/>) with at most three decimals.</summary>
    public static decimal? Quantity(this FieldErrors errors, string field, decimal? value, bool positive = true, decimal max = MaxQuantity)
    {
        if (value is null)
        {
            errors.Missing(field);
            return null;
        }

        if ((positive ? value <= 0 : value < 0) || value > max || decimal.Round(value.Value, 3) != value)
        {
            errors.Add(field,
                $"{field} must be {(positive ? "greater than 0" : "0 or more")}, at most {max}, with at most 3 decimals.",
                $"{field}은(는) {(positive ? "0보다 크고" : "0 이상이고")} {max} 이하이며 소수점 셋째 자리까지여야 합니다.");
            return null;
        }

        return value;
    }

    /// <summary>A quantity in a unit, converted to the item's base unit, or an error naming the units that fit.</summary>
    public static decimal? InBase(this FieldErrors errors, string quantityField, string unitField, decimal? quantity, string? unit, StockUnit item, bool positive = true)
    {
        var q = errors.Quantity(quantityField, quantity, positive);
        if (string.IsNullOrWhiteSpace(unit))
        {
            errors.Missing(unitField, string.Join(", ", item.Accepted));
            return null;
        }

        if (q is null)
        {
            return null;
        }

        var converted = ToBase(q.Value, unit, item.BaseUnit, item.PackUnit, item.PackSize);
        if (converted is null)
        {
            errors.Add(unitField, $"{unitField} must be one of {string.Join(", ", item.Accepted)} for this item.",
                $"{unitField}은(는) 이 품목에 대해 {string.Join(", ", item.Accepted)} 중 하나여야 합니다.");
            return null;
        }

        if (converted > MaxQuantity)
        {
            errors.Add(quantityField, $"{quantityField} is too large.", $"{quantityField}가 너무 큽니다.");
            return null;
        }

        return decimal.Round(converted.Value, 3);
    }

    /// <summary>The value of <paramref name="quantity"/> base units at <paramref name="packCost"/> per pack, minor units (half away from zero).</summary>
    public static long Cost(decimal quantity, decimal packSize, long packCost) =>
        (long)Math.Clamp(decimal.Round(quantity / packSize * packCost, 0, MidpointRounding.AwayFromZero), -1e15m, 1e15m);
}

/// <summary>What converting a quantity for one item needs.</summary>
public sealed record StockUnit(string BaseUnit, string PackUnit, decimal PackSize)
{
    public IReadOnlyList<string> Accepted => BaseUnit switch
    {
        "g" => ["g", "kg", PackUnit],
        "ml" => ["ml", "L", PackUnit],
        _ => ["ea", PackUnit],
    };
}

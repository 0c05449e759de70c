using NodaTime;

namespace Brigade.Ordering.Domain;

public sealed record ModifierOptionFact(Guid OptionId, string Name, long PriceDelta);

public sealed record ModifierGroupFact(Guid GroupId, string Name, bool Required, int MinChoices, int MaxChoices, IReadOnlyList<ModifierOptionFact> Options);

/// <summary>A named part of the restaurant's day; an end at or before the start runs past midnight, equal means all day.</summary>
public sealed record DaypartFact(string Name, LocalTime Start, LocalTime End)
{
    public bool Contains(LocalTime time) =>
        Start == End || (Start < End ? time >= Start && time < End : time >= Start || time < End);
}

/// <summary>
/// A menu item as ordering knows it from restaurants' and inventory's events: price and modifiers, the "86" switch,
/// dayparts, and the portions left (null when inventory does not count it).
/// </summary>
public sealed record MenuItemFact(
    Guid Id,
    Guid RestaurantId,
    string Name,
    string? Category,
    long Price,
    string Currency,
    bool SoldOut,
    IReadOnlyList<string> Dayparts,
    IReadOnlyList<ModifierGroupFact> ModifierGroups,
    bool Removed,
    bool StockAvailable,
    int? PortionsLeft);

/// <summary>Why an item cannot be ordered now.</summary>
public enum Unavailable
{
    None,

    /// <summary>Taken off the menu.</summary>
    Removed,

    /// <summary>The restaurant's "86" switch, or inventory says it cannot be made.</summary>
    SoldOut,

    /// <summary>The last portions are gone (inventory's count, decremented by orders).</summary>
    NoPortionsLeft,

    /// <summary>Served only in dayparts that do not cover the restaurant's local time now.</summary>
    NotNow,
}

public static class MenuRules
{
    /// <summary>Whether <paramref name="item"/> can be ordered at local time <paramref name="at"/> given the restaurant's dayparts.</summary>
    public static Unavailable Availability(MenuItemFact item, IReadOnlyList<DaypartFact> dayparts, LocalTime at)
    {
        if (item.Removed)
        {
            return Unavailable.Removed;
        }

        if (item.SoldOut || !item.StockAvailable)
        {
            return Unavailable.SoldOut;
        }

        if (item.PortionsLeft is 0)
        {
            return Unavailable.NoPortionsLeft;
        }

        // An item limited to dayparts the restaurant no longer defines is not served at all.
        return item.Dayparts.Count == 0 || dayparts.Any(d => item.Dayparts.Contains(d.Name, StringComparer.Ordinal) && d.Contains(at))
            ? Unavailable.None
            : Unavailable.NotNow;
    }
}

using System.Text.RegularExpressions;
using Brigade.Api;
using NodaTime;

namespace Brigade.Restaurants.Domain;

/// <summary>The body of a create or PATCH of a menu item, before checking. Null means "not given".</summary>
public sealed record MenuItemDraft(
    string? Name,
    MoneyDraft? Price,
    string? Category,
    string? Description,
    IReadOnlyList<string?>? Allergens,
    IReadOnlyList<string?>? DietaryTags,
    string? PhotoUrl,
    IReadOnlyList<string?>? Dayparts,
    bool? SoldOut,
    int? SortOrder,
    IReadOnlyList<ModifierGroupDraft?>? ModifierGroups,
    int? Version = null);

/// <summary>A choice offered with an item ("맵기", "Size"). Give <paramref name="Id"/> back to keep an existing group's id.</summary>
public sealed record ModifierGroupDraft(Guid? Id, string? Name, bool? Required, int? MinChoices, int? MaxChoices, IReadOnlyList<ModifierOptionDraft?>? Options);

public sealed record ModifierOptionDraft(Guid? Id, string? Name, MoneyDraft? PriceDelta);

public sealed record ModifierOption(Guid Id, string Name, Money PriceDelta);

/// <summary>Required groups need at least one choice; optional groups none. Between <see cref="MinChoices"/> and <see cref="MaxChoices"/> options are chosen.</summary>
public sealed record ModifierGroup(Guid Id, string Name, bool Required, int MinChoices, int MaxChoices, IReadOnlyList<ModifierOption> Options);

/// <summary>A checked menu item. <see cref="Dayparts"/> empty means available all day.</summary>
public sealed record MenuItemSpec(
    string Name,
    Money Price,
    string? Category,
    string? Description,
    IReadOnlyList<string> Allergens,
    IReadOnlyList<string> DietaryTags,
    string? PhotoUrl,
    IReadOnlyList<string> Dayparts,
    bool SoldOut,
    int? SortOrder,
    IReadOnlyList<ModifierGroup> ModifierGroups);

public sealed record DaypartDraft(string? Name, string? Start, string? End);

/// <summary>A named part of the restaurant's day (breakfast, lunch, dinner, late night). An end at or before the start runs past midnight.</summary>
public sealed record Daypart(string Name, LocalTime Start, LocalTime End)
{
    public bool Contains(LocalTime time) =>
        Start == End || (Start < End ? time >= Start && time < End : time >= Start || time < End);
}

public static partial class MenuRules
{
    public const int MaxModifierGroups = 20;
    public const int MaxOptionsPerGroup = 30;
    public const int MaxDayparts = 12;

    public static MenuItemSpec? ForCreate(MenuItemDraft draft, string currency, IReadOnlyCollection<string> dayparts, FieldErrors errors)
    {
        var name = errors.RequiredText("name", draft.Name, 200);
        var price = Currencies.Price(errors, "price", draft.Price, currency);
        var spec = new MenuItemSpec(
            name ?? "",
            price ?? new Money(0, currency),
            Category(errors, draft.Category),
            errors.OptionalText("description", draft.Description, 2000),
            errors.Tags("allergens", draft.Allergens),
            errors.Tags("dietaryTags", draft.DietaryTags),
            draft.PhotoUrl is null or "" ? null : errors.Url("photoUrl", draft.PhotoUrl),
            ItemDayparts(errors, draft.Dayparts, dayparts),
            draft.SoldOut ?? false,
            SortOrder(errors, draft.SortOrder),
            price is null ? [] : ModifierGroups(errors, draft.ModifierGroups, price, currency));
        return errors.IsEmpty ? spec : null;
    }

    /// <summary>A PATCH: given fields replace the current ones; an empty text clears an optional one; a given list replaces the list.</summary>
    public static MenuItemSpec? Apply(MenuItemSpec current, MenuItemDraft patch, string currency, IReadOnlyCollection<string> dayparts, FieldErrors errors)
    {
        var price = patch.Price is null ? current.Price : Currencies.Price(errors, "price", patch.Price, currency);
        var spec = current with
        {
            Name = patch.Name is null ? current.Name : errors.RequiredText("name", patch.Name, 200) ?? current.Name,
            Price = price ?? current.Price,
            Category = patch.Category is null ? current.Category : Category(errors, patch.Category),
            Description = patch.Description is null ? current.Description : errors.OptionalText("description", patch.Description, 2000),
            Allergens = patch.Allergens is null ? current.Allergens : errors.Tags("allergens", patch.Allergens),
            DietaryTags = patch.DietaryTags is null ? current.DietaryTags : errors.Tags("dietaryTags", patch.DietaryTags),
            PhotoUrl = patch.PhotoUrl is null ? current.PhotoUrl : patch.PhotoUrl.Trim().Length == 0 ? null : errors.Url("photoUrl", patch.PhotoUrl),
            Dayparts = patch.Dayparts is null ? current.Dayparts : ItemDayparts(errors, patch.Dayparts, dayparts),
            SoldOut = patch.SoldOut ?? current.SoldOut,
            SortOrder = patch.SortOrder is null ? current.SortOrder : SortOrder(errors, patch.SortOrder),
        };

        if (price is not null)
        {
            if (patch.ModifierGroups is not null)
            {
                spec = spec with { ModifierGroups = ModifierGroups(errors, patch.ModifierGroups, price, currency) };
            }
            else
            {
                CheckDeltasAgainstPrice(errors, current.ModifierGroups, price);
            }
        }

        return errors.IsEmpty ? spec : null;
    }

    /// <summary>The restaurant's dayparts: unique lowercase names, valid times.</summary>
    public static IReadOnlyList<Daypart>? Dayparts(IReadOnlyList<DaypartDraft?>? drafts, FieldErrors errors)
    {
        var list = drafts ?? [];
        if (list.Count > MaxDayparts)
        {
            errors.Add("dayparts", $"dayparts may hold at most {MaxDayparts} entries.", $"dayparts에는 최대 {MaxDayparts}개까지 넣을 수 있습니다.");
            return null;
        }

        var result = new List<Daypart>();
        for (var i = 0; i < list.Count; i++)
        {
            var field = $"dayparts[{i}]";
            if (list[i] is not { } draft)
            {
                errors.Add(field, $"{field} must be an object {{ name, start, end }}.", $"{field}은(는) {{ name, start, end }} 객체여야 합니다.");
                continue;
            }

            var name = DaypartName(errors, $"{field}.name", draft.Name);
            var start = OpeningHoursRules.ParseTime(draft.Start);
            var end = OpeningHoursRules.ParseTime(draft.End);
            if (start is null)
            {
                errors.Add($"{field}.start", $"{field}.start must be a local time HH:mm.", $"{field}.start는 HH:mm 형식의 현지 시각이어야 합니다.");
            }

            if (end is null)
            {
                errors.Add($"{field}.end", $"{field}.end must be a local time HH:mm.", $"{field}.end는 HH:mm 형식의 현지 시각이어야 합니다.");
            }

            if (name is not null && result.Any(d => d.Name == name))
            {
                errors.Add($"{field}.name", $"{field}.name '{name}' is given twice.", $"{field}.name '{name}'이(가) 두 번 나옵니다.");
            }
            else if (name is not null && start is { } s && end is { } e)
            {
                result.Add(new Daypart(name, s, e));
            }
        }

        return errors.IsEmpty ? result : null;
    }

    /// <summary>An item can be ordered when it is not sold out ("86") and one of its dayparts (or the whole day) covers the local time.</summary>
    public static bool IsAvailable(bool soldOut, IReadOnlyList<string> itemDayparts, IReadOnlyList<Daypart> dayparts, LocalTime at) =>
        !soldOut && (itemDayparts.Count == 0 || dayparts.Any(d => itemDayparts.Contains(d.Name) && d.Contains(at)));

    private static string? Category(FieldErrors errors, string? value) => errors.OptionalText("category", value, 100);

    private static int? SortOrder(FieldErrors errors, int? value)
    {
        if (value is { } order && (order < 0 || order > 1_000_000))
        {
            errors.Add("sortOrder", "sortOrder must be between 0 and 1000000.", "sortOrder는 0에서 1000000 사이여야 합니다.");
            return null;
        }

        return value;
    }

    private static IReadOnlyList<string> ItemDayparts(FieldErrors errors, IReadOnlyList<string?>? values, IReadOnlyCollection<string> known)
    {
        var names = errors.Tags("dayparts", values, MaxDayparts, 30);
        foreach (var name in names.Where(n => !known.Contains(n)))
        {
            if (known.Count == 0)
            {
                errors.Add("dayparts", $"daypart '{name}' is not defined; define the restaurant's dayparts first (PUT …/menu/dayparts).",
                    $"daypart '{name}'이(가) 정의되어 있지 않습니다. 먼저 식당의 시간대를 정해 주세요(PUT …/menu/dayparts).");
            }
            else
            {
                errors.Add("dayparts", $"daypart '{name}' is not one of the restaurant's dayparts: {string.Join(", ", known)}.",
                    $"daypart '{name}'은(는) 식당의 시간대({string.Join(", ", known)})가 아닙니다.");
            }
        }

        return names;
    }

    /// <summary>
    /// The restaurant's wall-clock time at <paramref name="text"/>: an ISO 8601 instant with its offset is converted to the
    /// restaurant's zone; a local date-time without an offset is already on the restaurant's clock. Null when absent.
    /// </summary>
    public static LocalTime? LocalTimeAt(FieldErrors errors, string field, string? text, DateTimeZone zone)
    {
        var value = text?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        if (OffsetSuffix().IsMatch(value)
            && DateTimeOffset.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var instant))
        {
            return Instant.FromDateTimeOffset(instant).InZone(zone).TimeOfDay;
        }

        if (DateTime.TryParseExact(value, LocalFormats, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var local))
        {
            return LocalDateTime.FromDateTime(local).TimeOfDay;
        }

        errors.Add(field, $"{field} must be an ISO 8601 date-time, e.g. 2026-12-24T19:00:00+09:00 (without an offset it is read on the restaurant's clock).",
            $"{field}은(는) ISO 8601 일시여야 합니다(예: 2026-12-24T19:00:00+09:00, 오프셋이 없으면 식당 현지 시각으로 읽습니다).");
        return null;
    }

    private static readonly string[] LocalFormats = ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF"];

    [GeneratedRegex(@"T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})$", RegexOptions.IgnoreCase)]
    private static partial Regex OffsetSuffix();

    private static string? DaypartName(FieldErrors errors, string field, string? value)
    {
        var name = value?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(name) || !DaypartPattern().IsMatch(name))
        {
            errors.Add(field, $"{field} must be 1 to 30 lowercase letters, digits, '-' or '_' (e.g. lunch, late-night).", $"{field}은(는) 소문자, 숫자, '-', '_'로 된 1~30자여야 합니다(예: lunch, late-night).");
            return null;
        }

        return name;
    }

    private static IReadOnlyList<ModifierGroup> ModifierGroups(FieldErrors errors, IReadOnlyList<ModifierGroupDraft?>? drafts, Money price, string currency)
    {
        var list = drafts ?? [];
        if (list.Count > MaxModifierGroups)
        {
            errors.Add("modifierGroups", $"modifierGroups may hold at most {MaxModifierGroups} groups.", $"modifierGroups에는 최대 {MaxModifierGroups}개 그룹을 넣을 수 있습니다.");
            return [];
        }

        var groups = new List<ModifierGroup>();
        for (var g = 0; g < list.Count; g++)
        {
            var field = $"modifierGroups[{g}]";
            if (list[g] is not { } draft)
            {
                errors.Add(field, $"{field} must be an object {{ name, required, minChoices, maxChoices, options }}.", $"{field}은(는) {{ name, required, minChoices, maxChoices, options }} 객체여야 합니다.");
                continue;
            }

            var name = errors.RequiredText($"{field}.name", draft.Name, 100);
            var optionDrafts = draft.Options ?? [];
            if (optionDrafts.Count is 0 or > MaxOptionsPerGroup)
            {
                errors.Add($"{field}.options", $"{field}.options must hold 1 to {MaxOptionsPerGroup} options.", $"{field}.options에는 옵션이 1~{MaxOptionsPerGroup}개 있어야 합니다.");
                continue;
            }

            var options = new List<ModifierOption>();
            for (var o = 0; o < optionDrafts.Count; o++)
            {
                var optionField = $"{field}.options[{o}]";
                if (optionDrafts[o] is not { } od)
                {
                    errors.Add(optionField, $"{optionField} must be an object {{ name, priceDelta? }}.", $"{optionField}은(는) {{ name, priceDelta? }} 객체여야 합니다.");
                    continue;
                }

                var optionName = errors.RequiredText($"{optionField}.name", od.Name, 100);
                var delta = od.PriceDelta is null
                    ? new Money(0, currency)
                    : Currencies.Price(errors, $"{optionField}.priceDelta", od.PriceDelta, currency, allowNegative: true);
                if (delta is not null && price.Amount + delta.Amount < 0)
                {
                    errors.Add($"{optionField}.priceDelta", $"{optionField}.priceDelta would make the item cost less than nothing.", $"{optionField}.priceDelta 때문에 가격이 0보다 작아집니다.");
                }

                if (optionName is not null && options.Any(x => string.Equals(x.Name, optionName, StringComparison.OrdinalIgnoreCase)))
                {
                    errors.Add($"{optionField}.name", $"{optionField}.name '{optionName}' is given twice in {field}.", $"{optionField}.name '{optionName}'이(가) {field}에 두 번 나옵니다.");
                }
                else if (optionName is not null && delta is not null)
                {
                    options.Add(new ModifierOption(NewIdUnlessGiven(od.Id), optionName, delta));
                }
            }

            var required = draft.Required ?? false;
            var min = draft.MinChoices ?? (required ? 1 : 0);
            var max = draft.MaxChoices ?? (required ? 1 : optionDrafts.Count);
            if (required && min < 1)
            {
                errors.Add($"{field}.minChoices", $"{field} is required, so minChoices must be at least 1.", $"{field}은(는) 필수 선택이므로 minChoices는 1 이상이어야 합니다.");
            }
            else if (!required && min != 0)
            {
                errors.Add($"{field}.minChoices", $"{field} is optional, so minChoices must be 0 (set required: true to demand a choice).", $"{field}은(는) 선택 사항이므로 minChoices는 0이어야 합니다(필수로 하려면 required: true).");
            }

            if (max < 1 || max > optionDrafts.Count)
            {
                errors.Add($"{field}.maxChoices", $"{field}.maxChoices must be between 1 and the number of options ({optionDrafts.Count}).", $"{field}.maxChoices는 1에서 옵션 수({optionDrafts.Count}) 사이여야 합니다.");
            }
            else if (min > max)
            {
                errors.Add($"{field}.minChoices", $"{field}.minChoices must not exceed maxChoices.", $"{field}.minChoices는 maxChoices보다 클 수 없습니다.");
            }

            if (name is not null)
            {
                groups.Add(new ModifierGroup(NewIdUnlessGiven(draft.Id), name, required, min, max, options));
            }
        }

        var ids = groups.Select(g => g.Id).Concat(groups.SelectMany(g => g.Options).Select(o => o.Id)).ToList();
        if (ids.Count != ids.Distinct().Count())
        {
            errors.Add("modifierGroups", "modifierGroups repeat an id; each group and option id must be unique.", "modifierGroups에 같은 id가 있습니다. 그룹과 옵션의 id는 모두 달라야 합니다.");
        }

        return groups;
    }

    private static void CheckDeltasAgainstPrice(FieldErrors errors, IReadOnlyList<ModifierGroup> groups, Money price)
    {
        if (groups.SelectMany(g => g.Options).Any(o => price.Amount + o.PriceDelta.Amount < 0))
        {
            errors.Add("price", "price is lower than a modifier's discount; the item would cost less than nothing.", "price가 옵션 할인보다 낮아 가격이 0보다 작아집니다.");
        }
    }

    private static Guid NewIdUnlessGiven(Guid? id) => id is { } given && given != Guid.Empty ? given : Guid.CreateVersion7();

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]{0,29}$")]
    private static partial Regex DaypartPattern();
}

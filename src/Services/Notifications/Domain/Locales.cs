namespace Brigade.Notifications.Domain;

/// <summary>The languages templates exist in; Korean unless the person chose English.</summary>
public static class Locales
{
    public const string Korean = "ko";
    public const string English = "en";

    public static string Normalize(string? locale) =>
        locale is not null && locale.Trim().StartsWith(English, StringComparison.OrdinalIgnoreCase) ? English : Korean;

    public static bool IsKnown(string? locale) => locale is Korean or English;
}

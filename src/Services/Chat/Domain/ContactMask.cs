using System.Text.RegularExpressions;

namespace Brigade.Chat.Domain;

/// <summary>
/// Hides phone numbers and e-mail addresses in what a worker and a restaurant write to each other before a shift is
/// booked: the platform is where they agree, not a way round its booking and pay.
/// </summary>
public static partial class ContactMask
{
    public const string Hidden = "***";

    // An e-mail address; a phone number of 9 or more digits with optional +, spaces, dots, dashes or brackets between
    // (010-1234-5678, +82 10 1234 5678, 02)123-4567, 01012345678). Short numbers (times, prices, 4-digit codes) stay.
    [GeneratedRegex(@"[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}", RegexOptions.CultureInvariant, 100)]
    private static partial Regex Email();

    [GeneratedRegex(@"\+?\d(?:[\s.\-()]{0,2}\d){8,}", RegexOptions.CultureInvariant, 100)]
    private static partial Regex Phone();

    public static string Apply(string text) => Phone().Replace(Email().Replace(text, Hidden), Hidden);
}

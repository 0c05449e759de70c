using System.Globalization;

namespace Brigade.Api;

/// <summary>
/// Messages people read, in the caller's language: Korean when the request asked for it
/// (<c>Accept-Language: ko</c>, set per request by <see cref="ApiDefaults"/>), English otherwise.
/// Only the UI culture changes; number and date formatting of the process stays invariant.
/// </summary>
public static class Localized
{
    public static bool IsKorean => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "ko";

    public static string Text(string en, string ko) => IsKorean ? ko : en;
}

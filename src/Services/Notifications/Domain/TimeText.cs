using System.Globalization;
using Brigade.Api;
using NodaTime;

namespace Brigade.Notifications.Domain;

/// <summary>
/// Times as people read them in messages: the instant on the restaurant's wall clock (its IANA zone, Asia/Seoul when
/// unknown — never the server's clock or UTC), with the date and weekday, so "19:00" is 19:00 in Seoul whatever offset
/// the event carried. A time after midnight and before 05:00 also names the evening it belongs to ("(24일 밤)"), the way
/// a service that runs past midnight is counted: a 00:15 table is on the 25th, during the night of the 24th.
/// </summary>
public static class TimeText
{
    private const int LastNightHour = 5;
    private static readonly string[] KoreanDays = ["", "월", "화", "수", "목", "금", "토", "일"];

    /// <summary>The local date and time, e.g. <c>2026년 12월 24일 (목) 19:00</c> / <c>Thu 24 Dec 2026 19:00</c>.</summary>
    public static string When(DateTimeOffset instant, string? zoneId, string locale, bool withZone = false)
    {
        var zoned = Instant.FromDateTimeOffset(instant).InZone(RestaurantTime.Zone(zoneId));
        var local = zoned.LocalDateTime;
        var english = Locales.Normalize(locale) == Locales.English;
        var text = english
            ? local.ToString("ddd d MMM yyyy HH:mm", CultureInfo.InvariantCulture)
            : $"{local.Year}년 {local.Month}월 {local.Day}일 ({KoreanDays[(int)local.DayOfWeek]}) {local.ToString("HH:mm", CultureInfo.InvariantCulture)}";
        if (local.Hour < LastNightHour)
        {
            var evening = local.Date.PlusDays(-1);
            text += english
                ? $" (the night of {evening.ToString("ddd d MMM", CultureInfo.InvariantCulture)})"
                : $" ({evening.Day}일 밤)";
        }

        return withZone ? $"{text} ({zoned.GetZoneInterval().Name})" : text;
    }

    /// <summary>The local calendar date <c>yyyy-MM-dd</c> (the web app's day sheet takes it).</summary>
    public static string Date(DateTimeOffset instant, string? zoneId) =>
        Instant.FromDateTimeOffset(instant).InZone(RestaurantTime.Zone(zoneId)).Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The local time of day <c>HH:mm</c>.</summary>
    public static string Clock(DateTimeOffset instant, string? zoneId) =>
        Instant.FromDateTimeOffset(instant).InZone(RestaurantTime.Zone(zoneId)).TimeOfDay.ToString("HH:mm", CultureInfo.InvariantCulture);

    /// <summary>Money in minor units: <c>30,000원</c> in Korean for won, else <c>30,000 KRW</c> / <c>12.50 USD</c>.</summary>
    public static string Money(long minor, string currency, string locale)
    {
        // KRW and JPY have no minor unit; others show two decimals.
        var amount = currency is "KRW" or "JPY"
            ? minor.ToString("N0", CultureInfo.InvariantCulture)
            : (minor / 100m).ToString("N2", CultureInfo.InvariantCulture);
        return currency == "KRW" && Locales.Normalize(locale) == Locales.Korean ? amount + "원" : $"{amount} {currency}";
    }
}

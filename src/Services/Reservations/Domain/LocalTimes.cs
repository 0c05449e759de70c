using System.Globalization;
using System.Text.RegularExpressions;
using Brigade.Api;
using NodaTime;
using NodaTime.Text;

namespace Brigade.Reservations.Domain;

/// <summary>
/// Times people read and write. What a person reads is the restaurant's wall clock with its zone's abbreviation
/// (<c>12월 24일 (목) 19:00 KST</c>), and says which service day it belongs to when that is not its calendar date (the
/// after-midnight tail of a late service, as availability counts it). What a client writes is an instant with its offset:
/// a <c>start</c> without one is refused, never read as UTC or as the server's clock.
/// </summary>
public static partial class LocalTimes
{
    private static readonly CultureInfo Korean = CultureInfo.GetCultureInfo("ko-KR");

    private static readonly LocalDatePattern Date = LocalDatePattern.Iso;

    public const string InstantExample = "2026-12-24T19:00:00+09:00";

    /// <summary>A required instant written with an offset or <c>Z</c> (ISO 8601); null after recording why it is not one.</summary>
    public static Instant? ParseInstant(FieldErrors errors, string field, string? text, bool required = true)
    {
        var value = text?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            if (required)
            {
                errors.Missing(field, InstantExample);
            }

            return null;
        }

        if (!IsoInstant().IsMatch(value) || !DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            var withoutOffset = LocalDateTimeLike().IsMatch(value);
            errors.Add(field,
                withoutOffset
                    ? $"{field} needs its UTC offset, e.g. {InstantExample}: a time without one is ambiguous and is not read as UTC."
                    : $"{field} must be an ISO 8601 date-time with offset, e.g. {InstantExample}.",
                withoutOffset
                    ? $"{field}에는 UTC 오프셋이 있어야 합니다(예: {InstantExample}). 오프셋 없는 시각은 모호해서 받지 않습니다."
                    : $"{field}은(는) 오프셋이 있는 ISO 8601 일시여야 합니다(예: {InstantExample}).");
            return null;
        }

        return Instant.FromDateTimeOffset(parsed);
    }

    /// <summary><c>2026-12-24</c>.</summary>
    public static string Format(LocalDate date) => Date.Format(date);

    /// <summary>
    /// The instant on the restaurant's clock, e.g. <c>12월 24일 (목) 19:00 KST</c> / <c>Thu 24 Dec 19:00 KST</c>; with
    /// <paramref name="serviceDate"/> differing from its calendar date, the service it belongs to is named too.
    /// </summary>
    public static string Describe(Instant instant, DateTimeZone zone, bool korean, LocalDate? serviceDate = null)
    {
        var local = instant.InZone(zone);
        var abbreviation = zone.GetZoneInterval(instant).Name;
        var text = korean
            ? local.ToString("M월 d일 (ddd) HH:mm", Korean) + " " + abbreviation
            : local.ToString("ddd d MMM HH:mm", CultureInfo.InvariantCulture) + " " + abbreviation;
        if (serviceDate is { } day && day != local.Date)
        {
            text += korean
                ? " (" + day.ToString("M월 d일", Korean) + " 영업)"
                : " (the " + day.ToString("ddd d MMM", CultureInfo.InvariantCulture) + " service)";
        }

        return text;
    }

    /// <summary><c>19:00</c> on the restaurant's clock.</summary>
    public static string Clock(Instant instant, DateTimeZone zone) => instant.InZone(zone).ToString("HH:mm", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})$", RegexOptions.IgnoreCase)]
    private static partial Regex IsoInstant();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?$", RegexOptions.IgnoreCase)]
    private static partial Regex LocalDateTimeLike();
}

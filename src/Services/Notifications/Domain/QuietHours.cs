using NodaTime;
using NodaTime.Text;

namespace Brigade.Notifications.Domain;

/// <summary>
/// A daily window, in the person's time zone, during which email, SMS and push wait until the window ends.
/// A window whose end is at or before its start runs past midnight (22:00–08:00).
/// </summary>
public sealed record QuietHours(LocalTime Start, LocalTime End, DateTimeZone Zone)
{
    public const string DefaultTimeZone = "Asia/Seoul";

    private static readonly LocalTimePattern Pattern = LocalTimePattern.CreateWithInvariantCulture("HH:mm");

    public static bool TryParseTime(string? text, out LocalTime time)
    {
        var result = text is null ? null : Pattern.Parse(text.Trim());
        time = result is { Success: true } ? result.Value : default;
        return result is { Success: true };
    }

    public static string Format(LocalTime time) => Pattern.Format(time);

    public static DateTimeZone? FindZone(string? id) =>
        DateTimeZoneProviders.Tzdb.GetZoneOrNull(string.IsNullOrWhiteSpace(id) ? DefaultTimeZone : id.Trim());

    /// <summary>
    /// When a message due at <paramref name="now"/> may go out: <paramref name="now"/> itself outside the window,
    /// else the window's end (the first instant at or after that local time, so DST gaps are crossed).
    /// </summary>
    public Instant ReleaseAt(Instant now)
    {
        if (Start == End)
        {
            return now;
        }

        var local = now.InZone(Zone);
        var time = local.TimeOfDay;
        var overnight = End < Start;
        var inside = overnight ? time >= Start || time < End : time >= Start && time < End;
        if (!inside)
        {
            return now;
        }

        var endDate = overnight && time >= Start ? local.Date.PlusDays(1) : local.Date;
        return Zone.AtLeniently(endDate.At(End)).ToInstant();
    }
}

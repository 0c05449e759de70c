using System.Globalization;
using System.Text;
using NodaTime;

namespace Brigade.Notifications.Domain;

/// <summary>
/// A calendar invitation for a booking, sent as an iCalendar (RFC 5545) file with an iTIP (RFC 5546) method:
/// <c>REQUEST</c> when a booking is confirmed or changed, <c>CANCEL</c> when it is cancelled. The UID is the same for
/// every message about one reservation and <see cref="Sequence"/> grows with each change, so a calendar updates (or
/// removes) the event it already has instead of adding another. Times are the restaurant's local wall times in its
/// IANA zone, described by a VTIMEZONE, so the event stays right whatever the reader's own zone.
/// </summary>
public sealed record Invitation(
    Guid ReservationId,
    string Method,
    long Sequence,
    DateTimeOffset Start,
    DateTimeOffset End,
    string TimeZone,
    string Summary,
    string? Location,
    string Description)
{
    public const string Request = "REQUEST";
    public const string Cancel = "CANCEL";

    // Sequence numbers count seconds from here: they grow with every change and stay well inside 32 bits.
    private static readonly DateTimeOffset SequenceEpoch = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public string Uid => $"reservation-{ReservationId:N}@brigade";

    /// <summary>An invitation for a reservation as of <paramref name="changedAt"/> (the confirmation, change or cancellation time).</summary>
    public static Invitation For(Guid reservationId, string method, DateTimeOffset changedAt, DateTimeOffset start, DateTimeOffset end,
        string timeZone, string summary, string? location, string description) =>
        new(reservationId, method, Math.Max(0, (long)(changedAt - SequenceEpoch).TotalSeconds), start, end, timeZone, summary, location, description);

    /// <summary>The <c>.ics</c> text (CRLF lines, folded at 75 octets) from <paramref name="organizer"/> to <paramref name="attendee"/>.</summary>
    public string ToICalendar(string organizer, string attendee, DateTimeOffset stamp)
    {
        var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(TimeZone) ?? DateTimeZoneProviders.Tzdb["Asia/Seoul"];
        var start = Instant.FromDateTimeOffset(Start);
        var end = Instant.FromDateTimeOffset(End);
        var lines = new List<string>
        {
            "BEGIN:VCALENDAR",
            "PRODID:-//Brigade//Reservations//EN",
            "VERSION:2.0",
            "CALSCALE:GREGORIAN",
            "METHOD:" + Method,
            "BEGIN:VTIMEZONE",
            "TZID:" + zone.Id,
        };
        foreach (var interval in zone.GetZoneIntervals(start, end + Duration.FromTicks(1)))
        {
            var before = interval.HasStart ? zone.GetZoneInterval(interval.Start - Duration.FromTicks(1)).WallOffset : interval.WallOffset;
            var kind = interval.Savings == Offset.Zero ? "STANDARD" : "DAYLIGHT";
            lines.Add("BEGIN:" + kind);
            // The onset in the local time that applied just before it (RFC 5545 3.6.5).
            lines.Add("DTSTART:" + (interval.HasStart ? Local(interval.Start.WithOffset(before).LocalDateTime) : "19700101T000000"));
            lines.Add("TZOFFSETFROM:" + OffsetText(before));
            lines.Add("TZOFFSETTO:" + OffsetText(interval.WallOffset));
            lines.Add("TZNAME:" + Escape(interval.Name));
            lines.Add("END:" + kind);
        }

        lines.AddRange(
        [
            "END:VTIMEZONE",
            "BEGIN:VEVENT",
            "UID:" + Uid,
            "SEQUENCE:" + Sequence.ToString(CultureInfo.InvariantCulture),
            "DTSTAMP:" + stamp.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture),
            $"DTSTART;TZID={zone.Id}:{Local(start.InZone(zone).LocalDateTime)}",
            $"DTEND;TZID={zone.Id}:{Local(end.InZone(zone).LocalDateTime)}",
            "SUMMARY:" + Escape(Summary),
        ]);
        if (!string.IsNullOrWhiteSpace(Location))
        {
            lines.Add("LOCATION:" + Escape(Location));
        }

        lines.AddRange(
        [
            "DESCRIPTION:" + Escape(Description),
            "ORGANIZER;CN=Brigade:mailto:" + organizer,
            "ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=" + (Method == Cancel ? "DECLINED" : "ACCEPTED") + ";RSVP=FALSE:mailto:" + attendee,
            "STATUS:" + (Method == Cancel ? "CANCELLED" : "CONFIRMED"),
            "TRANSP:OPAQUE",
            "END:VEVENT",
            "END:VCALENDAR",
        ]);

        var text = new StringBuilder();
        foreach (var line in lines)
        {
            Fold(text, line);
        }

        return text.ToString();
    }

    private static string Local(LocalDateTime t) => t.ToString("yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture);

    private static string OffsetText(Offset offset)
    {
        var seconds = offset.Seconds;
        var sign = seconds < 0 ? "-" : "+";
        seconds = Math.Abs(seconds);
        var text = $"{sign}{seconds / 3600:00}{seconds / 60 % 60:00}";
        return seconds % 60 == 0 ? text : text + $"{seconds % 60:00}";
    }

    /// <summary>TEXT values escape backslash, semicolon, comma and line breaks (RFC 5545 3.3.11).</summary>
    private static string Escape(string text) => text
        .Replace("\\", "\\\\", StringComparison.Ordinal)
        .Replace(";", "\\;", StringComparison.Ordinal)
        .Replace(",", "\\,", StringComparison.Ordinal)
        .Replace("\r\n", "\\n", StringComparison.Ordinal)
        .Replace("\n", "\\n", StringComparison.Ordinal)
        .Replace("\r", "", StringComparison.Ordinal);

    /// <summary>Lines longer than 75 octets continue on the next line after a space, never inside a UTF-8 sequence (RFC 5545 3.1).</summary>
    private static void Fold(StringBuilder text, string line)
    {
        var octets = 0;
        var limit = 75;
        foreach (var rune in line.EnumerateRunes())
        {
            var size = rune.Utf8SequenceLength;
            if (octets + size > limit)
            {
                text.Append("\r\n ");
                octets = 0;
                limit = 74; // the leading space counts
            }

            text.Append(rune.ToString());
            octets += size;
        }

        text.Append("\r\n");
    }
}

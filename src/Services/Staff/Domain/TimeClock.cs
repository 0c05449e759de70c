using NodaTime;

namespace Brigade.Staff.Domain;

public static class TimecardStatus
{
    public const string Open = "open";
    public const string Pending = "pending";
    public const string Approved = "approved";
}

/// <summary>A break on a timecard; <see cref="End"/> null while it runs.</summary>
public sealed record BreakSpan(Instant Start, Instant? End);

public enum ClockInVerdict
{
    Allowed,

    /// <summary>More than the early window before the scheduled start.</summary>
    TooEarly,
}

/// <summary>What a clock-in means: whether it is allowed, from when the time is paid, and whether it is late.</summary>
public sealed record ClockIn(ClockInVerdict Verdict, Instant PaidFrom, bool Late);

/// <summary>Clock rules: the early window, the grace period, breaks, and worked minutes.</summary>
public static class TimeClock
{
    /// <summary>A clock-in is for a shift starting within this long; further ahead it is unscheduled work.</summary>
    public static readonly Duration ShiftLookahead = Duration.FromHours(4);

    /// <summary>
    /// Clocking in more than <paramref name="earlyWindowMinutes"/> before the scheduled start is refused; inside the window
    /// the time is paid from the scheduled start (the employee was not asked to start earlier). After the start plus
    /// <paramref name="graceMinutes"/> the punch is late. Without a scheduled shift the time counts from the punch.
    /// </summary>
    public static ClockIn Decide(Instant now, Instant? shiftStart, int earlyWindowMinutes, int graceMinutes)
    {
        if (shiftStart is not { } start)
        {
            return new ClockIn(ClockInVerdict.Allowed, now, false);
        }

        if (now < start - Duration.FromMinutes(earlyWindowMinutes))
        {
            return new ClockIn(ClockInVerdict.TooEarly, now, false);
        }

        return new ClockIn(ClockInVerdict.Allowed, now < start ? start : now, now > start + Duration.FromMinutes(graceMinutes));
    }

    /// <summary>The worked spans of a timecard: from clock-in to clock-out with the breaks cut out, on the restaurant's clock.</summary>
    public static IReadOnlyList<WorkedSpan> Spans(Instant clockIn, Instant clockOut, IEnumerable<BreakSpan> breaks, DateTimeZone zone)
    {
        var spans = new List<WorkedSpan>();
        var from = clockIn;
        foreach (var b in breaks.Where(b => b.End is not null).OrderBy(b => b.Start))
        {
            var bStart = b.Start < clockIn ? clockIn : b.Start;
            var bEnd = b.End!.Value > clockOut ? clockOut : b.End.Value;
            if (bEnd <= bStart)
            {
                continue;
            }

            if (bStart > from)
            {
                spans.Add(new WorkedSpan(Local(from, zone), Local(bStart, zone)));
            }

            from = bEnd > from ? bEnd : from;
        }

        if (clockOut > from)
        {
            spans.Add(new WorkedSpan(Local(from, zone), Local(clockOut, zone)));
        }

        return spans;
    }

    public static int Minutes(IEnumerable<WorkedSpan> spans) => spans.Sum(s => (int)Period.Between(s.Start, s.End, PeriodUnits.Minutes).Minutes);

    public static int BreakMinutes(IEnumerable<BreakSpan> breaks) =>
        breaks.Where(b => b.End is not null).Sum(b => (int)(b.End!.Value - b.Start).TotalMinutes);

    /// <summary>
    /// The break the law requires during <paramref name="workMinutes"/> (근로기준법 제54조①: 30 minutes from 4 hours of work,
    /// an hour from 8).
    /// </summary>
    public static int RequiredBreakMinutes(int workMinutes) => workMinutes >= 8 * 60 ? 60 : workMinutes >= 4 * 60 ? 30 : 0;

    // Whole minutes: seconds are dropped so that punches a few seconds apart never pay a partial minute twice.
    private static LocalDateTime Local(Instant t, DateTimeZone zone)
    {
        var local = t.InZone(zone).LocalDateTime;
        return local.Date + new LocalTime(local.Hour, local.Minute);
    }
}

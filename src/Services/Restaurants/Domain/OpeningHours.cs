using System.Globalization;
using Brigade.Api;
using NodaTime;
using NodaTime.Text;
using NodaTime.TimeZones;

namespace Brigade.Restaurants.Domain;

/// <summary>The body of <c>PUT …/hours</c>, before checking.</summary>
public sealed record HoursDraft(IReadOnlyList<WeeklyPeriodDraft?>? Weekly, IReadOnlyList<ExceptionDraft?>? Exceptions);

public sealed record WeeklyPeriodDraft(string? Day, string? Open, string? Close, string? Name);

public sealed record PeriodDraft(string? Open, string? Close, string? Name);

/// <summary>A date that replaces the weekly hours: <c>closed: true</c>, or its own <c>periods</c>.</summary>
public sealed record ExceptionDraft(string? Date, bool? Closed, IReadOnlyList<PeriodDraft?>? Periods, string? Note);

/// <summary>
/// One service (lunch, dinner, late night) in restaurant-local time. A close at or before the open ends
/// on the next day (18:00–02:00); a close equal to the open is a full 24 hours.
/// </summary>
public sealed record ServicePeriod(LocalTime Open, LocalTime Close, string? Name)
{
    public bool EndsNextDay => Close <= Open;

    /// <summary>Minutes from the start of its own day to its end (up to 48 h for overnight services).</summary>
    internal (int Start, int End) Minutes()
    {
        var start = Open.Hour * 60 + Open.Minute;
        var end = Close.Hour * 60 + Close.Minute;
        return (start, EndsNextDay ? end + 24 * 60 : end);
    }
}

public sealed record WeeklyPeriod(IsoDayOfWeek Day, ServicePeriod Period);

public sealed record DateException(LocalDate Date, bool Closed, IReadOnlyList<ServicePeriod> Periods, string? Note);

/// <summary>A restaurant's weekly opening hours and its dated exceptions (holidays, closures, special hours).</summary>
public sealed record OpeningHours(IReadOnlyList<WeeklyPeriod> Weekly, IReadOnlyList<DateException> Exceptions)
{
    public static readonly OpeningHours None = new([], []);
}

/// <summary>One concrete opening: <paramref name="Date"/> is the local date the service belongs to (its start date).</summary>
public sealed record OpenPeriod(LocalDate Date, ZonedDateTime Start, ZonedDateTime End, string? Name);

public static class OpeningHoursRules
{
    public const int MaxWeeklyPeriods = 50;
    public const int MaxExceptions = 400;
    public const int MaxPeriodsPerDate = 6;

    /// <summary>The longest range <see cref="Expand"/> accepts, in days.</summary>
    public const int MaxExpansionDays = 366;

    private static readonly LocalTimePattern Time = LocalTimePattern.CreateWithInvariantCulture("HH:mm");
    private static readonly LocalTimePattern TimeWithSeconds = LocalTimePattern.CreateWithInvariantCulture("HH:mm:ss");
    private static readonly LocalDatePattern Date = LocalDatePattern.Iso;

    /// <summary>Checks a whole hours document: valid days, times and dates; no two services of the week or of one date overlap.</summary>
    public static OpeningHours? Parse(HoursDraft draft, FieldErrors errors)
    {
        var weeklyDrafts = draft.Weekly ?? [];
        var exceptionDrafts = draft.Exceptions ?? [];
        if (weeklyDrafts.Count > MaxWeeklyPeriods)
        {
            errors.Add("weekly", $"weekly may hold at most {MaxWeeklyPeriods} periods.", $"weekly에는 최대 {MaxWeeklyPeriods}개 구간을 넣을 수 있습니다.");
            return null;
        }

        if (exceptionDrafts.Count > MaxExceptions)
        {
            errors.Add("exceptions", $"exceptions may hold at most {MaxExceptions} dates.", $"exceptions에는 최대 {MaxExceptions}개 날짜를 넣을 수 있습니다.");
            return null;
        }

        var weekly = new List<(int Index, WeeklyPeriod Period)>();
        for (var i = 0; i < weeklyDrafts.Count; i++)
        {
            var field = $"weekly[{i}]";
            if (weeklyDrafts[i] is not { } entry)
            {
                errors.Add(field, $"{field} must be an object {{ day, open, close }}.", $"{field}은(는) {{ day, open, close }} 객체여야 합니다.");
                continue;
            }

            var day = ParseDay(entry.Day);
            if (day is null)
            {
                errors.Add($"{field}.day", $"{field}.day must be monday, tuesday, wednesday, thursday, friday, saturday or sunday.", $"{field}.day는 monday, tuesday, wednesday, thursday, friday, saturday, sunday 중 하나여야 합니다.");
            }

            var period = ParsePeriod(errors, field, entry.Open, entry.Close, entry.Name);
            if (day is { } d && period is not null)
            {
                weekly.Add((i, new WeeklyPeriod(d, period)));
            }
        }

        CheckWeeklyOverlaps(weekly, errors);

        var exceptions = new List<DateException>();
        var seen = new Dictionary<LocalDate, int>();
        for (var i = 0; i < exceptionDrafts.Count; i++)
        {
            var field = $"exceptions[{i}]";
            if (exceptionDrafts[i] is not { } entry)
            {
                errors.Add(field, $"{field} must be an object {{ date, closed }} or {{ date, periods }}.", $"{field}은(는) {{ date, closed }} 또는 {{ date, periods }} 객체여야 합니다.");
                continue;
            }

            var parsedDate = entry.Date is null ? null : Date.Parse(entry.Date.Trim());
            if (parsedDate is null || !parsedDate.Success)
            {
                errors.Add($"{field}.date", $"{field}.date must be a date yyyy-MM-dd.", $"{field}.date는 yyyy-MM-dd 형식의 날짜여야 합니다.");
                continue;
            }

            var date = parsedDate.Value;
            if (seen.TryGetValue(date, out var first))
            {
                errors.Add($"{field}.date", $"{field}.date repeats exceptions[{first}].date; give each date once.", $"{field}.date가 exceptions[{first}].date와 겹칩니다. 날짜는 한 번씩만 넣어 주세요.");
                continue;
            }

            seen[date] = i;
            var note = errors.OptionalText($"{field}.note", entry.Note, 200);
            var periodDrafts = entry.Periods ?? [];
            var closed = entry.Closed ?? periodDrafts.Count == 0;
            if (closed && periodDrafts.Count > 0)
            {
                errors.Add($"{field}.periods", $"{field} is closed, so it must not list periods.", $"{field}은(는) 휴무이므로 periods를 넣을 수 없습니다.");
                continue;
            }

            if (!closed && periodDrafts.Count == 0)
            {
                errors.Add($"{field}.periods", $"{field} is open, so it must list at least one period {{ open, close }}.", $"{field}은(는) 영업일이므로 {{ open, close }} 구간이 하나 이상 필요합니다.");
                continue;
            }

            if (periodDrafts.Count > MaxPeriodsPerDate)
            {
                errors.Add($"{field}.periods", $"{field}.periods may hold at most {MaxPeriodsPerDate} periods.", $"{field}.periods에는 최대 {MaxPeriodsPerDate}개 구간을 넣을 수 있습니다.");
                continue;
            }

            var periods = new List<(int Index, ServicePeriod Period)>();
            for (var p = 0; p < periodDrafts.Count; p++)
            {
                var periodField = $"{field}.periods[{p}]";
                if (periodDrafts[p] is not { } pd)
                {
                    errors.Add(periodField, $"{periodField} must be an object {{ open, close }}.", $"{periodField}은(는) {{ open, close }} 객체여야 합니다.");
                }
                else if (ParsePeriod(errors, periodField, pd.Open, pd.Close, pd.Name) is { } period)
                {
                    periods.Add((p, period));
                }
            }

            CheckDateOverlaps(field, periods, errors);
            exceptions.Add(new DateException(date, closed, periods.Select(p => p.Period).OrderBy(p => p.Open).ToList(), note));
        }

        if (!errors.IsEmpty)
        {
            return null;
        }

        return new OpeningHours(
            weekly.Select(w => w.Period).OrderBy(w => w.Day).ThenBy(w => w.Period.Open).ToList(),
            exceptions.OrderBy(e => e.Date).ToList());
    }

    /// <summary>
    /// Expands the hours into concrete periods that overlap the local dates <paramref name="from"/> to
    /// <paramref name="to"/> (inclusive) in <paramref name="zone"/>; an overnight service that began the day
    /// before <paramref name="from"/> is included. Local times are mapped to instants with the zone's rules:
    /// an opening inside a DST gap moves forward by the gap (02:30 → 03:30), an ambiguous opening takes the
    /// earlier instant and an ambiguous closing the later, so a service is never cut short by a clock change.
    /// </summary>
    public static IReadOnlyList<OpenPeriod> Expand(OpeningHours hours, DateTimeZone zone, LocalDate from, LocalDate to)
    {
        if (to < from)
        {
            throw new ArgumentException("to must not be before from.", nameof(to));
        }

        var rangeStart = zone.AtStartOfDay(from).ToInstant();
        var rangeEnd = zone.AtStartOfDay(to.PlusDays(1)).ToInstant();
        var exceptions = hours.Exceptions.ToDictionary(e => e.Date);
        var periods = new List<OpenPeriod>();
        for (var date = from.PlusDays(-1); date <= to; date = date.PlusDays(1))
        {
            var services = exceptions.TryGetValue(date, out var exception)
                ? exception.Periods
                : hours.Weekly.Where(w => w.Day == date.DayOfWeek).Select(w => w.Period);
            foreach (var service in services)
            {
                var start = zone.ResolveLocal(date + service.Open, StartResolver);
                var endDate = service.EndsNextDay ? date.PlusDays(1) : date;
                var end = zone.ResolveLocal(endDate + service.Close, EndResolver);
                if (end.ToInstant() > rangeStart && start.ToInstant() < rangeEnd && end.ToInstant() > start.ToInstant())
                {
                    periods.Add(new OpenPeriod(date, start, end, service.Name));
                }
            }
        }

        return periods.OrderBy(p => p.Start.ToInstant()).ToList();
    }

    private static readonly ZoneLocalMappingResolver StartResolver = Resolvers.LenientResolver;

    private static readonly ZoneLocalMappingResolver EndResolver =
        Resolvers.CreateMappingResolver(Resolvers.ReturnLater, Resolvers.ReturnForwardShifted);

    public static IsoDayOfWeek? ParseDay(string? day) => day?.Trim().ToLowerInvariant() switch
    {
        "monday" => IsoDayOfWeek.Monday,
        "tuesday" => IsoDayOfWeek.Tuesday,
        "wednesday" => IsoDayOfWeek.Wednesday,
        "thursday" => IsoDayOfWeek.Thursday,
        "friday" => IsoDayOfWeek.Friday,
        "saturday" => IsoDayOfWeek.Saturday,
        "sunday" => IsoDayOfWeek.Sunday,
        _ => null,
    };

    public static string DayName(IsoDayOfWeek day) => day.ToString().ToLowerInvariant();

    public static string FormatTime(LocalTime time) => Time.Format(time);

    public static string FormatDate(LocalDate date) => Date.Format(date);

    /// <summary>A local time <c>HH:mm</c> (seconds are accepted and must be zero).</summary>
    public static LocalTime? ParseTime(string? text)
    {
        var value = text?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        var result = Time.Parse(value);
        if (!result.Success)
        {
            result = TimeWithSeconds.Parse(value);
        }

        return result.Success && result.Value.Second == 0 ? result.Value : null;
    }

    private static ServicePeriod? ParsePeriod(FieldErrors errors, string field, string? open, string? close, string? name)
    {
        var openTime = ParseTime(open);
        var closeTime = ParseTime(close);
        if (openTime is null)
        {
            errors.Add($"{field}.open", $"{field}.open must be a local time HH:mm such as 11:30.", $"{field}.open은 11:30 같은 HH:mm 형식의 현지 시각이어야 합니다.");
        }

        if (closeTime is null)
        {
            errors.Add($"{field}.close", $"{field}.close must be a local time HH:mm such as 22:00 (at or before open means after midnight).", $"{field}.close는 22:00 같은 HH:mm 형식의 현지 시각이어야 합니다(open 이전이거나 같으면 자정 이후).");
        }

        var label = errors.OptionalText($"{field}.name", name, 40);
        return openTime is { } o && closeTime is { } c ? new ServicePeriod(o, c, label) : null;
    }

    private const int MinutesPerWeek = 7 * 24 * 60;

    /// <summary>Services are laid on the week as a circle (Sunday night runs into Monday morning); none may overlap another.</summary>
    private static void CheckWeeklyOverlaps(List<(int Index, WeeklyPeriod Period)> weekly, FieldErrors errors)
    {
        var spans = weekly.Select(w =>
        {
            var (start, end) = w.Period.Period.Minutes();
            var offset = ((int)w.Period.Day - 1) * 24 * 60;
            return (w.Index, w.Period, Start: offset + start, End: offset + end);
        }).ToList();

        for (var i = 0; i < spans.Count; i++)
        {
            for (var j = 0; j < i; j++)
            {
                var a = spans[i];
                var b = spans[j];
                var overlaps = new[] { 0, MinutesPerWeek, -MinutesPerWeek }
                    .Any(shift => a.Start < b.End + shift && b.Start + shift < a.End);
                if (overlaps)
                {
                    errors.Add($"weekly[{a.Index}]",
                        $"weekly[{a.Index}] ({Describe(a.Period)}) overlaps weekly[{b.Index}] ({Describe(b.Period)}).",
                        $"weekly[{a.Index}]({Describe(a.Period)})이(가) weekly[{b.Index}]({Describe(b.Period)})와 겹칩니다.");
                    break;
                }
            }
        }
    }

    private static void CheckDateOverlaps(string field, List<(int Index, ServicePeriod Period)> periods, FieldErrors errors)
    {
        for (var i = 0; i < periods.Count; i++)
        {
            for (var j = 0; j < i; j++)
            {
                var a = periods[i].Period.Minutes();
                var b = periods[j].Period.Minutes();
                if (a.Start < b.End && b.Start < a.End)
                {
                    errors.Add($"{field}.periods[{periods[i].Index}]",
                        $"{field}.periods[{periods[i].Index}] overlaps {field}.periods[{periods[j].Index}].",
                        $"{field}.periods[{periods[i].Index}]이(가) {field}.periods[{periods[j].Index}]와 겹칩니다.");
                    break;
                }
            }
        }
    }

    private static string Describe(WeeklyPeriod period) => string.Create(CultureInfo.InvariantCulture,
        $"{DayName(period.Day)} {FormatTime(period.Period.Open)}–{FormatTime(period.Period.Close)}");
}

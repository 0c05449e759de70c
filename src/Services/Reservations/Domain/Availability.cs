using NodaTime;
using NodaTime.Text;

namespace Brigade.Reservations.Domain;

/// <summary>One service period in restaurant-local time; a close at or before the open ends the next day.</summary>
public sealed record ServicePeriod(LocalTime Open, LocalTime Close);

/// <summary>A date whose hours replace the weekly ones: closed, or open only in <see cref="Periods"/>.</summary>
public sealed record DateHours(LocalDate Date, bool Closed, IReadOnlyList<ServicePeriod> Periods);

/// <summary>A restaurant's opening hours as the restaurants service announced them.</summary>
public sealed record OpeningHours(IReadOnlyList<(IsoDayOfWeek Day, ServicePeriod Period)> Weekly, IReadOnlyList<DateHours> Exceptions)
{
    public static OpeningHours None { get; } = new([], []);

    private static readonly LocalTimePattern Time = LocalTimePattern.CreateWithInvariantCulture("HH:mm");

    /// <summary>Reads the hours document of a <c>restaurants.hours.changed</c> event; unreadable entries are skipped.</summary>
    public static OpeningHours From(IEnumerable<Contracts.Restaurants.WeeklyHours> weekly, IEnumerable<Contracts.Restaurants.HoursException> exceptions)
    {
        var week = new List<(IsoDayOfWeek, ServicePeriod)>();
        foreach (var w in weekly)
        {
            if (Enum.TryParse<IsoDayOfWeek>(w.Day, ignoreCase: true, out var day) && day != IsoDayOfWeek.None && Period(w.Open, w.Close) is { } p)
            {
                week.Add((day, p));
            }
        }

        var dates = new List<DateHours>();
        foreach (var e in exceptions)
        {
            if (BookingSettingsRules.ParseDate(e.Date) is { } date)
            {
                dates.Add(new DateHours(date, e.Closed, e.Closed ? [] : e.Periods.Select(p => Period(p.Open, p.Close)).OfType<ServicePeriod>().ToList()));
            }
        }

        return new OpeningHours(week, dates);
    }

    private static ServicePeriod? Period(string open, string close) =>
        Time.Parse(open) is { Success: true } o && Time.Parse(close) is { Success: true } c ? new ServicePeriod(o.Value, c.Value) : null;

    /// <summary>
    /// Whether a service is running at <paramref name="instant"/>: one of its local date's periods, or the after-midnight
    /// tail of the day before's (a close at or before the open ends the next day).
    /// </summary>
    public bool IsOpenAt(Instant instant, DateTimeZone zone)
    {
        var date = instant.InZone(zone).Date;
        foreach (var day in new[] { date.PlusDays(-1), date })
        {
            foreach (var p in On(day))
            {
                var open = day.At(p.Open).InZoneLeniently(zone).ToInstant();
                var close = (p.Close <= p.Open ? day.PlusDays(1) : day).At(p.Close).InZoneLeniently(zone).ToInstant();
                if (open <= instant && instant < close)
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>The periods of one local date: its exception if it has one, else its weekday's.</summary>
    public IEnumerable<ServicePeriod> On(LocalDate date)
    {
        var exception = Exceptions.FirstOrDefault(e => e.Date == date);
        return exception is not null
            ? exception.Periods
            : Weekly.Where(w => w.Day == date.DayOfWeek).Select(w => w.Period);
    }
}

public sealed record TableFact(Guid Id, string Label, int MinCapacity, int MaxCapacity, bool OnlineBookable, int Priority, bool Active);

public sealed record TableGroupFact(Guid Id, string Name, IReadOnlyList<Guid> TableIds, int MinCapacity, int MaxCapacity, bool Active);

/// <summary>A table taken from <see cref="Start"/> (inclusive) to <see cref="End"/> (exclusive) by an active reservation.</summary>
public sealed record Hold(Guid TableId, Instant Start, Instant End);

/// <summary>Tables the party would sit at: one table, or a combinable group (ids sorted so writers lock them in one order).</summary>
public sealed record Allocation(IReadOnlyList<Guid> TableIds, int Capacity, Guid? GroupId, int Priority = 0);

/// <summary>A bookable start: the party holds its table from <see cref="Start"/> to <see cref="End"/>; <see cref="Allocations"/> best fit first.</summary>
public sealed record Slot(ZonedDateTime Start, ZonedDateTime End, int CoversLeft, IReadOnlyList<Allocation> Allocations);

/// <summary>Everything the availability engine needs about one restaurant, read in one go.</summary>
public sealed record BookingBook(
    DateTimeZone Zone,
    OpeningHours Hours,
    BookingSettings Settings,
    IReadOnlyList<TableFact> Tables,
    IReadOnlyList<TableGroupFact> Groups,
    IReadOnlyList<Hold> Holds,
    IReadOnlyDictionary<Instant, int> CoversUsed);

/// <summary>
/// The availability engine: which starts a party can book on a local date. Pure: the caller reads the book
/// and the clock. The database re-checks tables and pacing when a booking is written.
/// </summary>
public static class Availability
{
    /// <summary>
    /// Starts of one local date that the hours, blocks and advance window allow for the party, ignoring occupancy.
    /// Slots step in real time from each opening, so a DST change neither repeats nor skips an hour of slots;
    /// the party's turn (plus buffer) must end by closing.
    /// </summary>
    public static IEnumerable<(Instant Start, Instant End)> Candidates(BookingBook book, LocalDate date, int partySize, Instant now)
    {
        var s = book.Settings;
        if (partySize < 1 || partySize > s.MaxPartySize || s.BlockedDates.Contains(date))
        {
            yield break;
        }

        var today = now.InZone(book.Zone).Date;
        if (date < today || Period.DaysBetween(today, date) > s.MaxAdvanceDays)
        {
            yield break;
        }

        var earliest = now + Duration.FromMinutes(s.MinAdvanceMinutes);
        var turn = s.TurnFor(partySize);
        var step = Duration.FromMinutes(s.SlotMinutes);
        foreach (var period in book.Hours.On(date).OrderBy(p => p.Open))
        {
            var open = date.At(period.Open).InZoneLeniently(book.Zone).ToInstant();
            var closeDate = period.Close <= period.Open ? date.PlusDays(1) : date;
            var close = closeDate.At(period.Close).InZoneLeniently(book.Zone).ToInstant();
            for (var start = open; start + turn <= close; start += step)
            {
                if (start >= earliest)
                {
                    yield return (start, start + turn);
                }
            }
        }
    }

    /// <summary>The bookable slots of a local date for a party: candidates with covers left and a table or combination free for the whole turn.</summary>
    /// <remarks>
    /// <paramref name="firstFitOnly"/> stops at the first free allocation per slot: enough to list availability,
    /// while a booking wants them all to fall back on when it loses a race.
    /// </remarks>
    public static IReadOnlyList<Slot> ForDate(BookingBook book, LocalDate date, int partySize, Instant now, bool firstFitOnly = false)
    {
        var fits = Fitting(book, partySize);
        if (fits.Count == 0)
        {
            return [];
        }

        var candidates = Candidates(book, date, partySize, now).ToList();
        if (candidates.Count == 0)
        {
            return [];
        }

        var buffer = Duration.FromMinutes(book.Settings.BufferMinutes);
        // Only the holds that touch this date's turns matter; a month's book holds many more.
        var (from, to) = (candidates[0].Start, candidates[^1].End + buffer);
        var holds = book.Holds.Where(h => h.Start < to && from < h.End).ToLookup(h => h.TableId);
        var slots = new List<Slot>();
        foreach (var (start, end) in candidates)
        {
            var left = book.Settings.CoversPerSlot - book.CoversUsed.GetValueOrDefault(start);
            if (left < partySize)
            {
                continue;
            }

            var held = end + buffer;
            var isFree = (Allocation a) => a.TableIds.All(t => !holds[t].Any(h => h.Start < held && start < h.End));
            var free = firstFitOnly ? fits.Where(isFree).Take(1).ToList() : fits.Where(isFree).ToList();
            if (free.Count > 0)
            {
                slots.Add(new Slot(start.InZone(book.Zone), end.InZone(book.Zone), left, free));
            }
        }

        return slots;
    }

    /// <summary>The slot starting exactly at <paramref name="start"/>, when bookable.</summary>
    public static Slot? At(BookingBook book, Instant start, int partySize, Instant now) =>
        ForDate(book, ServiceDate(book, start), partySize, now).FirstOrDefault(s => s.Start.ToInstant() == start);

    /// <summary>
    /// The local date whose service a start belongs to: the calendar date, or the day before when the start
    /// falls in the after-midnight tail of the previous evening's service.
    /// </summary>
    public static LocalDate ServiceDate(BookingBook book, Instant start)
    {
        var local = start.InZone(book.Zone).Date;
        var previous = local.PlusDays(-1);
        var belongsToPrevious = book.Hours.On(previous).Any(p =>
        {
            if (p.Close > p.Open)
            {
                return false;
            }

            var close = local.At(p.Close).InZoneLeniently(book.Zone).ToInstant();
            return start < close;
        });
        return belongsToPrevious ? previous : local;
    }

    /// <summary>The <paramref name="count"/> bookable starts of the same service date nearest to <paramref name="wanted"/>.</summary>
    public static IReadOnlyList<Slot> Nearest(BookingBook book, Instant wanted, int partySize, Instant now, int count = 3) =>
        ForDate(book, ServiceDate(book, wanted), partySize, now)
            .OrderBy(s => Math.Abs((s.Start.ToInstant() - wanted).TotalTicks))
            .ThenBy(s => s.Start.ToInstant())
            .Take(count)
            .OrderBy(s => s.Start.ToInstant())
            .ToList();

    /// <summary>
    /// Tables and combinations that seat the party, best fit first: fewest spare seats, single tables before
    /// combinations, then the restaurant's priority (higher first).
    /// </summary>
    public static IReadOnlyList<Allocation> Fitting(BookingBook book, int partySize)
    {
        var tables = book.Tables.Where(t => t.Active && t.OnlineBookable).ToDictionary(t => t.Id);
        var singles = tables.Values
            .Where(t => t.MinCapacity <= partySize && partySize <= t.MaxCapacity)
            .Select(t => (Allocation: new Allocation([t.Id], t.MaxCapacity, null, t.Priority), Priority: t.Priority, Combined: 0));
        var groups = book.Groups
            .Where(g => g.Active && g.TableIds.Count > 0 && g.MinCapacity <= partySize && partySize <= g.MaxCapacity && g.TableIds.All(tables.ContainsKey))
            .Select(g =>
            {
                var priority = g.TableIds.Max(t => tables[t].Priority);
                return (Allocation: new Allocation(g.TableIds.Order().ToList(), g.MaxCapacity, g.Id, priority), Priority: priority, Combined: 1);
            });
        return singles.Concat(groups)
            .OrderBy(a => a.Allocation.Capacity)
            .ThenBy(a => a.Combined)
            .ThenByDescending(a => a.Priority)
            .ThenBy(a => a.Allocation.TableIds[0])
            .Select(a => a.Allocation)
            .ToList();
    }

    /// <summary>
    /// Shuffles allocations that fit equally well (same seats, kind and priority), keeping the best-fit order
    /// between tiers: diners racing for one slot then try different tables instead of queueing on the same one.
    /// </summary>
    public static IReadOnlyList<Allocation> SpreadForRace(IReadOnlyList<Allocation> allocations, Random random) =>
        allocations
            .GroupBy(a => (a.Capacity, Combined: a.GroupId is not null, a.Priority))
            .SelectMany(tier =>
            {
                var shuffled = tier.ToArray();
                random.Shuffle(shuffled);
                return shuffled;
            })
            .ToList();
}

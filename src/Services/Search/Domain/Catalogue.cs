using System.Collections.Concurrent;
using Brigade.Contracts.Jobs;
using Brigade.Contracts.Restaurants;
using NodaTime;

namespace Brigade.Search.Domain;

/// <summary>A menu item as search knows it; a removed one stays as a tombstone at its version, so an older event cannot revive it.</summary>
public sealed record MenuItemFacts(Guid Id, string Name, string? Category, string? Description, long Price, string Currency, bool SoldOut, bool Removed, int Version);

/// <summary>The opening hours document and when it was changed (events carry no version, so the newest change wins).</summary>
public sealed record HoursFacts(string TimeZone, IReadOnlyList<WeeklyHours> Weekly, IReadOnlyList<HoursException> Exceptions, DateTimeOffset ChangedAt)
{
    private OpeningHours? _compiled;

    /// <summary>The hours in a form that answers "open at" quickly; unreadable periods are left out.</summary>
    public OpeningHours Compiled => _compiled ??= Compile();

    private OpeningHours Compile()
    {
        var weekly = new List<(IsoDayOfWeek, ServicePeriod)>();
        foreach (var w in Weekly)
        {
            if (OpeningHours.Day(w.Day) is { } day && OpeningHours.Minutes(w.Open) is { } open && OpeningHours.Minutes(w.Close) is { } close)
            {
                weekly.Add((day, new ServicePeriod(open, close)));
            }
        }

        var exceptions = new Dictionary<LocalDate, ServicePeriod[]>();
        foreach (var e in Exceptions)
        {
            if (NodaTime.Text.LocalDatePattern.Iso.Parse(e.Date) is { Success: true } date)
            {
                exceptions[date.Value] = e.Closed
                    ? []
                    : e.Periods.Select(p => (OpeningHours.Minutes(p.Open), OpeningHours.Minutes(p.Close)))
                        .Where(p => p.Item1 is not null && p.Item2 is not null)
                        .Select(p => new ServicePeriod(p.Item1!.Value, p.Item2!.Value)).ToArray();
            }
        }

        return new OpeningHours(Brigade.Api.RestaurantTime.Zone(TimeZone), weekly, exceptions);
    }
}

/// <summary>
/// Everything search knows about one restaurant, merged from events that may arrive late, twice or out of order:
/// the profile by its version, status and hours by their timestamps, menu items each by its own version.
/// </summary>
public sealed class RestaurantFacts(Guid id, long ordinal)
{
    public Guid Id { get; } = id;

    /// <summary>A small number for this restaurant in its index generation (the index keeps it to find the hours).</summary>
    public long Ordinal { get; } = ordinal;

    public RestaurantSnapshot? Profile { get; private set; }

    public string Status { get; private set; } = "draft";

    public DateTimeOffset StatusAt { get; private set; } = DateTimeOffset.MinValue;

    public HoursFacts? Hours { get; private set; }

    public Dictionary<Guid, MenuItemFacts> Menu { get; } = [];

    public bool IsListed => Profile is not null && Status == "published";

    public IEnumerable<MenuItemFacts> CurrentMenu => Menu.Values.Where(m => !m.Removed);

    /// <summary>A newer profile replaces the older; its status counts unless a later status change (a closing) is known.</summary>
    public bool ApplyProfile(RestaurantSnapshot profile, DateTimeOffset at)
    {
        var changed = false;
        if (Profile is null || profile.Version > Profile.Version)
        {
            Profile = profile;
            changed = true;
        }

        if (at >= StatusAt && profile.Version >= Profile.Version)
        {
            changed |= Status != profile.Status;
            Status = profile.Status;
            StatusAt = at;
        }

        return changed;
    }

    public bool ApplyClosed(DateTimeOffset at)
    {
        if (at < StatusAt)
        {
            return false;
        }

        var changed = Status != "closed";
        Status = "closed";
        StatusAt = at;
        return changed;
    }

    public bool ApplyHours(HoursFacts hours)
    {
        if (Hours is not null && hours.ChangedAt < Hours.ChangedAt)
        {
            return false;
        }

        Hours = hours;
        return true;
    }

    public bool ApplyMenuItem(MenuItemFacts item)
    {
        if (Menu.TryGetValue(item.Id, out var known) && known.Version >= item.Version)
        {
            return false;
        }

        Menu[item.Id] = item;
        return true;
    }

    /// <summary>Open at <paramref name="now"/> by its hours in its own zone; a restaurant without hours is not "open now".</summary>
    public bool IsOpenAt(Instant now) => Hours?.Compiled.IsOpenAt(now) == true;
}

/// <summary>A job posting as search knows it, by version; shown while <c>open</c>.</summary>
public sealed record JobFacts(JobSnapshot Job)
{
    public bool IsListed => Job.Status == "open";
}

/// <summary>
/// The facts of one index generation. Each apply says whether the document changed, so the caller re-indexes only then.
/// Callers serialise work on one restaurant by locking its <see cref="RestaurantFacts"/>.
/// </summary>
public sealed class Catalogue
{
    private readonly ConcurrentDictionary<Guid, RestaurantFacts> _restaurants = new();
    private readonly ConcurrentDictionary<long, RestaurantFacts> _byOrdinal = new();
    private readonly ConcurrentDictionary<Guid, JobFacts> _jobs = new();
    private readonly ConcurrentDictionary<Guid, DateTimeOffset> _deletedJobs;
    private long _nextOrdinal;

    /// <param name="deletedJobs">Deletions already known (carried from the previous generation): a deletion is final.</param>
    public Catalogue(IEnumerable<KeyValuePair<Guid, DateTimeOffset>>? deletedJobs = null) =>
        _deletedJobs = new ConcurrentDictionary<Guid, DateTimeOffset>(deletedJobs ?? []);

    public IEnumerable<RestaurantFacts> Restaurants => _restaurants.Values;

    public IEnumerable<JobFacts> Jobs => _jobs.Values;

    public IReadOnlyDictionary<Guid, DateTimeOffset> DeletedJobs => _deletedJobs;

    public RestaurantFacts Restaurant(Guid id) => _restaurants.GetOrAdd(id, key =>
    {
        var facts = new RestaurantFacts(key, Interlocked.Increment(ref _nextOrdinal));
        _byOrdinal[facts.Ordinal] = facts;
        return facts;
    });

    public RestaurantFacts? FindRestaurant(Guid id) => _restaurants.GetValueOrDefault(id);

    public RestaurantFacts? RestaurantByOrdinal(long ordinal) => _byOrdinal.GetValueOrDefault(ordinal);

    public JobFacts? FindJob(Guid id) => _jobs.GetValueOrDefault(id);

    /// <summary>Keeps the newer version; a deleted posting stays deleted. Returns the facts to index, or null when nothing changed.</summary>
    public JobFacts? ApplyJob(JobSnapshot job)
    {
        if (_deletedJobs.ContainsKey(job.JobId))
        {
            return null;
        }

        var facts = new JobFacts(job);
        while (true)
        {
            if (!_jobs.TryGetValue(job.JobId, out var known))
            {
                if (_jobs.TryAdd(job.JobId, facts))
                {
                    return facts;
                }

                continue;
            }

            if (known.Job.Version >= job.Version)
            {
                return null;
            }

            if (_jobs.TryUpdate(job.JobId, facts, known))
            {
                return facts;
            }
        }
    }

    /// <summary>Forgets the posting for good; true when it was known.</summary>
    public bool DeleteJob(Guid jobId, DateTimeOffset at)
    {
        _deletedJobs[jobId] = at;
        return _jobs.TryRemove(jobId, out _);
    }

    /// <summary>Drops remembered deletions older than <paramref name="before"/> (their late events are long delivered).</summary>
    public void ForgetDeletionsBefore(DateTimeOffset before)
    {
        foreach (var (id, at) in _deletedJobs)
        {
            if (at < before)
            {
                _deletedJobs.TryRemove(id, out _);
            }
        }
    }
}

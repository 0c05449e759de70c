using Brigade.Search.Data;
using Brigade.Search.Domain;
using Brigade.Search.Index;
using Brigade.ServiceDefaults;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Brigade.Search.Jobs;

/// <summary>
/// Keeps the suggestion book (<see cref="SuggestionBook"/>) in step with the index and the popular queries: every
/// <c>SuggestionsRefresh</c>, when anything changed, a new book is built aside and swapped in; it also flushes the
/// search counts. Building from 100,000 documents takes about a second of one core, so it is never done per change.
/// </summary>
public sealed class Suggestions(SearchEngine engine, PopularQueries popular, IOptions<SearchOptions> options, ILogger<Suggestions> logger)
    : PeriodicJob(TimeProvider.System, logger)
{
    private long _builtAt = -1;
    private IReadOnlyList<(string Query, long Count)> _builtPopular = [];
    private DateTimeOffset _lastFlush = DateTimeOffset.MinValue;

    public SuggestionBook Current { get; private set; } = SuggestionBook.Empty;

    /// <summary>Whether the book was built from the index as it is now (every change of the index is in it).</summary>
    public bool IsCurrent => Volatile.Read(ref _builtAt) == engine.Changes;

    protected override TimeSpan Interval => TimeSpan.FromTicks(Math.Min(options.Value.SuggestionsRefresh.Ticks, options.Value.PopularFlushInterval.Ticks));

    protected override async Task RunRoundAsync(CancellationToken ct)
    {
        if (DateTimeOffset.UtcNow - _lastFlush >= options.Value.PopularFlushInterval)
        {
            try
            {
                await popular.FlushAsync(ct);
                _lastFlush = DateTimeOffset.UtcNow;
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException)
            {
                logger.LogWarning("Popular queries could not be saved ({Error}); they are kept for the next try", e.Message);
            }
        }

        var changes = engine.Changes;
        var top = popular.Top;
        if (changes != _builtAt || !ReferenceEquals(top, _builtPopular))
        {
            Current = Build(engine.Current.Catalogue, top);
            Volatile.Write(ref _builtAt, changes);
            _builtPopular = top;
        }
    }

    /// <summary>Names, dishes, cuisines, job titles and categories of what is listed, weighted by how many documents carry them.</summary>
    public static SuggestionBook Build(Catalogue catalogue, IReadOnlyList<(string Query, long Count)> popular)
    {
        var weights = new Dictionary<(string Text, string Kind), (int Weight, Guid? Id)>();
        void Add(string? text, string kind, Guid? id = null)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                return;
            }

            var key = (text.Trim(), kind);
            var known = weights.GetValueOrDefault(key);
            weights[key] = (known.Weight + 1, known.Weight == 0 ? id : null);
        }

        foreach (var r in catalogue.Restaurants)
        {
            lock (r)
            {
                if (!r.IsListed)
                {
                    continue;
                }

                Add(r.Profile!.Name, "restaurant", r.Id);
                Add(r.Profile.NameEn, "restaurant", r.Id);
                Add(r.Profile.Cuisine, "cuisine");
                foreach (var item in r.CurrentMenu)
                {
                    Add(item.Name, "menu");
                }
            }
        }

        foreach (var j in catalogue.Jobs)
        {
            if (j.IsListed)
            {
                Add(j.Job.Title, "job", j.Job.JobId);
                Add(j.Job.Category, "category");
            }
        }

        var entries = weights.Select(w => new SuggestionEntry(w.Key.Text, w.Key.Kind, w.Value.Weight, w.Value.Id))
            .Concat(popular.Select(p => new SuggestionEntry(p.Query, "query", (int)Math.Min(int.MaxValue / 2, p.Count * 10))));
        return new SuggestionBook(entries);
    }
}

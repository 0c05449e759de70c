using Term = Lucene.Net.Index.Term;
using Brigade.Search.Domain;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Microsoft.Extensions.Options;

namespace Brigade.Search.Index;

/// <summary>A matched document with what search knows about it and the marked-up texts that matched.</summary>
public sealed record FoundHit(
    RestaurantFacts? Restaurant,
    JobFacts? Job,
    float Score,
    double? DistanceKm,
    IReadOnlyDictionary<string, string> Highlights,
    IReadOnlyList<(MenuItemFacts Item, string Highlight)> MatchedMenu);

public sealed record SearchOutcome(IReadOnlyList<FoundHit> Hits, int Total, IReadOnlyDictionary<string, Dictionary<string, int>> Facets, bool Relaxed);

/// <summary>
/// This replica's index: the live generation that searches read and events change, and the protocol that replaces it
/// without downtime. A rebuild builds a new generation aside from a snapshot of the sources while every change that
/// arrives meanwhile is applied to the live one and also noted; the notes are replayed onto the new generation (facts
/// make replays harmless) and the new one takes over in one step. Searches in flight finish on the old one.
/// </summary>
public sealed class SearchEngine : IDisposable
{
    /// <summary>Fewer hits than this with every word required: look again allowing typos and a missing word.</summary>
    private const int RelaxBelow = 3;

    private readonly object _gate = new();
    private readonly SearchOptions _options;
    private readonly string _root;
    private SearchIndex _current;
    private List<IndexChange>? _pending;
    private int _generation;
    private long _changes;

    public SearchEngine(IOptions<SearchOptions> options, Brigade.ServiceDefaults.ServiceIdentity identity)
    {
        _options = options.Value;
        _root = Path.Combine(_options.IndexPath ?? Path.Combine(Path.GetTempPath(), "brigade-search"),
            $"{Data.ReplicaSchema.Of(identity.InstanceId)}-{Environment.ProcessId}-{Guid.NewGuid():N}");
        _current = NewGeneration(new Catalogue());
    }

    /// <summary>Increases with every change applied and every generation swapped in (suggestions rebuild when it moves).</summary>
    public long Changes => Interlocked.Read(ref _changes);

    public SearchIndex Current => Volatile.Read(ref _current);

    public void Apply(IndexChange change)
    {
        SearchIndex target;
        lock (_gate)
        {
            target = _current;
            _pending?.Add(change);
        }

        target.Apply(change);
        Interlocked.Increment(ref _changes);
    }

    /// <summary>Starts noting changes for a new generation and returns it, empty, for the builder to fill.</summary>
    public SearchIndex BeginRebuild()
    {
        lock (_gate)
        {
            if (_pending is not null)
            {
                throw new InvalidOperationException("A rebuild is already running.");
            }

            _pending = [];
            return NewGeneration(new Catalogue(_current.Catalogue.DeletedJobs));
        }
    }

    /// <summary>Replays the changes noted since the rebuild began onto <paramref name="next"/>, and makes it the live generation.</summary>
    public void CompleteRebuild(SearchIndex next)
    {
        SearchIndex old;
        lock (_gate)
        {
            foreach (var change in _pending!)
            {
                next.Apply(change);
            }

            next.RefreshNow();
            old = _current;
            Volatile.Write(ref _current, next);
            _pending = null;
        }

        Interlocked.Increment(ref _changes);
        old.Retire();
    }

    public void AbortRebuild(SearchIndex next)
    {
        lock (_gate)
        {
            _pending = null;
        }

        next.Dispose();
    }

    public SearchOutcome Search(SearchQuery query)
    {
        var index = Lease();
        try
        {
            var strict = Run(index, query, QueryPlanner.Plan(query.Text, relaxed: false));
            if (query.Text is not null && strict.Total < RelaxBelow)
            {
                var relaxed = Run(index, query, QueryPlanner.Plan(query.Text, relaxed: true));
                if (relaxed.Total > strict.Total)
                {
                    return relaxed;
                }
            }

            return strict;
        }
        finally
        {
            index.EndLease();
        }
    }

    private static SearchOutcome Run(SearchIndex index, SearchQuery query, QueryPlan? plan)
    {
        var searcher = index.Acquire();
        try
        {
            var collector = new HitCollector(query, index.Catalogue, query.Offset + query.Limit);
            searcher.Search(plan?.Query ?? new MatchAllDocsQuery(), Filters(query), collector);
            var hits = new List<FoundHit>();
            foreach (var hit in collector.Best().Skip(query.Offset))
            {
                var key = searcher.Doc(hit.Doc).Get(Fields.Id);
                var (kind, id) = (key[..key.IndexOf(':')], Guid.ParseExact(key[(key.IndexOf(':') + 1)..], "N"));
                if (kind == DocumentBuilder.RestaurantKind && index.Catalogue.FindRestaurant(id) is { Profile: not null } restaurant)
                {
                    hits.Add(RestaurantHit(restaurant, hit, plan?.Highlights));
                }
                else if (kind == DocumentBuilder.JobKind && index.Catalogue.FindJob(id) is { } job)
                {
                    hits.Add(JobHit(job, hit, plan?.Highlights));
                }
            }

            return new SearchOutcome(hits, collector.Total, collector.Facets, plan?.Relaxed == true);
        }
        finally
        {
            index.Release(searcher);
        }
    }

    private static FoundHit RestaurantHit(RestaurantFacts facts, Hit hit, HighlightTerms? terms)
    {
        var highlights = new Dictionary<string, string>();
        var matched = new List<(MenuItemFacts, string)>();
        if (terms is not null)
        {
            lock (facts)
            {
                var p = facts.Profile!;
                Mark(highlights, "name", p.Name, terms);
                Mark(highlights, "nameEn", p.NameEn, terms);
                Mark(highlights, "description", p.Description, terms);
                Mark(highlights, "address", p.Address, terms);
                foreach (var item in facts.CurrentMenu)
                {
                    if (Highlighter.Mark(item.Name, terms) is { } html)
                    {
                        matched.Add((item, html));
                    }
                }
            }
        }

        return new FoundHit(facts, null, hit.Score, hit.DistanceKm, highlights, matched.Take(5).ToList());
    }

    private static FoundHit JobHit(JobFacts facts, Hit hit, HighlightTerms? terms)
    {
        var highlights = new Dictionary<string, string>();
        if (terms is not null)
        {
            var j = facts.Job;
            Mark(highlights, "title", j.Title, terms);
            Mark(highlights, "restaurantName", j.RestaurantName, terms);
            Mark(highlights, "description", j.Description, terms);
            Mark(highlights, "address", j.Address, terms);
        }

        return new FoundHit(null, facts, hit.Score, hit.DistanceKm, highlights, []);
    }

    private static void Mark(Dictionary<string, string> highlights, string name, string? text, HighlightTerms terms)
    {
        if (text is not null && Highlighter.Mark(text, terms) is { } html)
        {
            highlights[name] = html;
        }
    }

    /// <summary>What the index can filter by itself: kind, cuisine, price, category, wage, date, jobs not over, the distance box.</summary>
    private static Filter? Filters(SearchQuery q)
    {
        var all = new BooleanQuery(disableCoord: true);
        var kinds = q.OpenNow ? [DocumentBuilder.RestaurantKind] : q.Kinds;
        if (kinds.Count > 0)
        {
            all.Add(AnyOf(Fields.Kind, kinds), Occur.MUST);
        }

        if (q.Cuisines.Count > 0)
        {
            all.Add(AnyOf(Fields.Cuisine, q.Cuisines), Occur.MUST);
        }

        if (q.PriceMin is not null || q.PriceMax is not null)
        {
            all.Add(NumericRangeQuery.NewInt32Range(Fields.Price, q.PriceMin, q.PriceMax, true, true), Occur.MUST);
        }

        if (q.Categories.Count > 0)
        {
            all.Add(AnyOf(Fields.Category, q.Categories), Occur.MUST);
        }

        if (q.MinWage is not null || q.MaxWage is not null)
        {
            all.Add(NumericRangeQuery.NewInt64Range(Fields.Wage, q.MinWage, q.MaxWage, true, true), Occur.MUST);
        }

        if (q.DateFrom is not null || q.DateTo is not null)
        {
            all.Add(NumericRangeQuery.NewInt32Range(Fields.Date,
                q.DateFrom is { } from ? DocumentBuilder.DateNumber(from) : null,
                q.DateTo is { } to ? DocumentBuilder.DateNumber(to) : null, true, true), Occur.MUST);
        }

        // A shift that is over is no longer offered; restaurants have no end.
        all.Add(new BooleanQuery(disableCoord: true)
        {
            { new TermQuery(new Term(Fields.Kind, DocumentBuilder.RestaurantKind)), Occur.SHOULD },
            { NumericRangeQuery.NewInt64Range(Fields.End, q.Now.ToUnixTimeSeconds() + 1, null, true, true), Occur.SHOULD },
        }, Occur.MUST);

        if (q.Near is { RadiusKm: { } radius } near)
        {
            var box = Geo.Box(near.Lat, near.Lng, radius);
            all.Add(NumericRangeQuery.NewDoubleRange(Fields.Lat, box.MinLat, box.MaxLat, true, true), Occur.MUST);
            if (box.MinLng is not null)
            {
                all.Add(NumericRangeQuery.NewDoubleRange(Fields.Lng, box.MinLng, box.MaxLng, true, true), Occur.MUST);
            }
        }

        return new QueryWrapperFilter(all);
    }

    private static Query AnyOf(string field, IEnumerable<string> values)
    {
        var any = new BooleanQuery(disableCoord: true);
        foreach (var value in values)
        {
            any.Add(new TermQuery(new Term(field, value)), Occur.SHOULD);
        }

        return any;
    }

    private SearchIndex Lease()
    {
        while (true)
        {
            var index = Current;
            if (index.TryLease())
            {
                return index;
            }
        }
    }

    private SearchIndex NewGeneration(Catalogue catalogue) =>
        new(Path.Combine(_root, $"g{Interlocked.Increment(ref _generation)}"), catalogue, _options.RefreshDelay);

    public void Dispose()
    {
        Current.Dispose();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

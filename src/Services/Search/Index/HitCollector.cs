using Brigade.Search.Domain;
using Lucene.Net.Index;
using Lucene.Net.Search;
using NodaTime;

namespace Brigade.Search.Index;

/// <summary>One collected hit: the index's document number, its score, and its distance when a point was given.</summary>
public readonly record struct Hit(int Doc, float Score, double? DistanceKm);

/// <summary>
/// Sees every document that matched the query and the index filters, in one pass: applies what the index cannot
/// (open now in the restaurant's zone, the exact distance), counts the facets, and keeps the best <c>k</c> in a heap
/// ordered by the requested sort. Facets are counted by doc-values ordinal in arrays per segment and named once per
/// segment (a match costs a few array reads, not a string decoded per label).
/// </summary>
public sealed class HitCollector(SearchQuery query, Catalogue catalogue, int keep) : ICollector
{
    private readonly PriorityQueue<Hit, (double Goodness, int NegDoc)> _best = new();
    private readonly Dictionary<string, Dictionary<string, int>> _facets = new()
    {
        ["type"] = [], ["cuisine"] = [], ["priceRange"] = [], ["category"] = [],
    };

    private readonly Dictionary<long, bool> _openNow = [];
    private readonly Dictionary<long, int> _prices = [];
    private Scorer? _scorer;
    private int _docBase;
    private NumericDocValues? _lat, _lng, _ord, _price, _wage, _start;
    private SortedDocValues? _kind, _cuisine, _category;
    private int[] _kindCounts = [], _cuisineCounts = [], _categoryCounts = [];
    private int _restaurantOrd = -1;

    public int Total { get; private set; }

    public IReadOnlyDictionary<string, Dictionary<string, int>> Facets
    {
        get
        {
            NameSegmentCounts();
            if (_prices.Count > 0)
            {
                var counts = _facets["priceRange"];
                foreach (var (price, n) in _prices.OrderBy(p => p.Key))
                {
                    var label = price.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    counts[label] = counts.GetValueOrDefault(label) + n;
                }

                _prices.Clear();
            }

            return _facets;
        }
    }

    public bool AcceptsDocsOutOfOrder => false;

    public void SetScorer(Scorer scorer) => _scorer = scorer;

    public void SetNextReader(AtomicReaderContext context)
    {
        NameSegmentCounts();
        var reader = context.AtomicReader;
        _docBase = context.DocBase;
        _lat = reader.GetNumericDocValues(Fields.Values(Fields.Lat));
        _lng = reader.GetNumericDocValues(Fields.Values(Fields.Lng));
        _ord = reader.GetNumericDocValues(Fields.Ordinal);
        _price = reader.GetNumericDocValues(Fields.Values(Fields.Price));
        _wage = reader.GetNumericDocValues(Fields.Values(Fields.Wage));
        _start = reader.GetNumericDocValues(Fields.Values(Fields.Start));
        _kind = reader.GetSortedDocValues(Fields.Values(Fields.Kind));
        _cuisine = reader.GetSortedDocValues(Fields.Values(Fields.Cuisine));
        _category = reader.GetSortedDocValues(Fields.Values(Fields.Category));
        _kindCounts = new int[_kind?.ValueCount ?? 0];
        _cuisineCounts = new int[_cuisine?.ValueCount ?? 0];
        _categoryCounts = new int[_category?.ValueCount ?? 0];
        _restaurantOrd = _kind?.LookupTerm(new Lucene.Net.Util.BytesRef(DocumentBuilder.RestaurantKind)) ?? -1;
        if (_restaurantOrd < 0)
        {
            _restaurantOrd = int.MinValue; // no restaurant in this segment: no document's ordinal (-1 for none) equals it
        }
    }

    public void Collect(int doc)
    {
        var kind = _kind?.GetOrd(doc) ?? -1;
        var isRestaurant = kind == _restaurantOrd;
        if (query.OpenNow && !(isRestaurant && IsOpen(_ord!.Get(doc))))
        {
            return;
        }

        double? distance = null;
        if (query.Near is { } near && _lat is not null && _lng is not null)
        {
            distance = Geo.DistanceKm(near.Lat, near.Lng, BitConverter.Int64BitsToDouble(_lat.Get(doc)), BitConverter.Int64BitsToDouble(_lng.Get(doc)));
            if (near.RadiusKm is { } radius && distance > radius)
            {
                return;
            }
        }

        Total++;
        Count(_kindCounts, kind);
        if (isRestaurant)
        {
            Count(_cuisineCounts, _cuisine?.GetOrd(doc) ?? -1);
            var price = _price?.Get(doc) ?? 0;
            if (price > 0)
            {
                _prices[price] = _prices.GetValueOrDefault(price) + 1;
            }
        }
        else
        {
            Count(_categoryCounts, _category?.GetOrd(doc) ?? -1);
        }

        var score = _scorer?.GetScore() ?? 0f;
        var goodness = query.Sort switch
        {
            SortOrder.Distance => -(distance ?? 0),
            SortOrder.Wage => (_wage?.Get(doc) ?? 0) + score / 1e6,
            SortOrder.Date => -(_start?.Get(doc) ?? long.MaxValue / 2),
            _ => score,
        };
        var hit = new Hit(_docBase + doc, score, distance);
        var priority = (goodness, -(_docBase + doc));
        if (_best.Count < keep)
        {
            _best.Enqueue(hit, priority);
        }
        else if (keep > 0 && Compare(priority, _best.UnorderedItems.Count == 0 ? priority : PeekPriority()) > 0)
        {
            _best.DequeueEnqueue(hit, priority);
        }
    }

    /// <summary>The kept hits, best first.</summary>
    public List<Hit> Best()
    {
        var hits = new List<(Hit Hit, (double, int) Priority)>();
        while (_best.TryDequeue(out var hit, out var priority))
        {
            hits.Add((hit, priority));
        }

        hits.Reverse();
        return hits.Select(h => h.Hit).ToList();
    }

    private (double, int) PeekPriority()
    {
        _best.TryPeek(out _, out var priority);
        return priority;
    }

    private static int Compare((double Goodness, int NegDoc) a, (double Goodness, int NegDoc) b) =>
        a.Goodness != b.Goodness ? a.Goodness.CompareTo(b.Goodness) : a.NegDoc.CompareTo(b.NegDoc);

    private bool IsOpen(long ordinal)
    {
        if (!_openNow.TryGetValue(ordinal, out var open))
        {
            _openNow[ordinal] = open = catalogue.RestaurantByOrdinal(ordinal)?.IsOpenAt(query.Now) == true;
        }

        return open;
    }

    private static void Count(int[] counts, int ord)
    {
        if (ord >= 0)
        {
            counts[ord]++;
        }
    }

    /// <summary>Adds the current segment's counts under their labels, decoding each label that was seen once.</summary>
    private void NameSegmentCounts()
    {
        Name("type", _kind, _kindCounts);
        Name("cuisine", _cuisine, _cuisineCounts);
        Name("category", _category, _categoryCounts);
        _kindCounts = _cuisineCounts = _categoryCounts = [];
    }

    private void Name(string facet, SortedDocValues? values, int[] counts)
    {
        var bytes = new Lucene.Net.Util.BytesRef();
        for (var ord = 0; ord < counts.Length; ord++)
        {
            if (counts[ord] > 0)
            {
                values!.LookupOrd(ord, bytes);
                var label = bytes.Utf8ToString();
                if (label.Length > 0)
                {
                    var named = _facets[facet];
                    named[label] = named.GetValueOrDefault(label) + counts[ord];
                }
            }
        }
    }
}

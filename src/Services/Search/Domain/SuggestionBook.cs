namespace Brigade.Search.Domain;

/// <summary>A thing the search box can propose: a restaurant, a dish, a cuisine, a job, a job category, or a popular query.</summary>
public sealed record SuggestionEntry(string Text, string Kind, int Weight, Guid? Id = null);

/// <summary>
/// Prefix autocomplete over everything listed, as a person types Korean: the typed keys so far (김ㅊ and 갋 are prefixes
/// of 김치찌개 and 갈비), initial consonants (ㄱㅊㅉ → 김치찌개) and romanisation (galb → 갈비). Every word start of an entry
/// is a way in (찌개 → 김치찌개 is not, 진진 김치찌개 → "김치" is). Immutable: built in the background, swapped whole.
/// </summary>
public sealed class SuggestionBook
{
    private const int MaxScan = 4000;

    private readonly SuggestionEntry[] _entries;
    private readonly (string Key, int Entry)[] _keys;
    private readonly (string Key, int Entry)[] _initials;
    private readonly (string Key, int Entry)[] _roman;

    public SuggestionBook(IEnumerable<SuggestionEntry> entries)
    {
        _entries = entries.ToArray();
        var keys = new List<(string, int)>();
        var initials = new List<(string, int)>();
        var roman = new List<(string, int)>();
        for (var i = 0; i < _entries.Length; i++)
        {
            var text = KoreanText.Normalize(_entries[i].Text);
            var words = KoreanText.Words(text);
            for (var w = 0; w < words.Count; w++)
            {
                var tail = string.Concat(words.Skip(w).Select(x => x.Text));
                keys.Add((Hangul.Keystrokes(tail), i));
                if (words[w].Script == Script.Hangul && Hangul.InitialConsonants(tail) is { Length: >= 2 } ini)
                {
                    initials.Add((ini, i));
                }

                if (Romanizer.Key(tail) is { Length: >= 2 } key)
                {
                    roman.Add((key, i));
                }
            }
        }

        _keys = Sorted(keys);
        _initials = Sorted(initials);
        _roman = Sorted(roman);
    }

    public static SuggestionBook Empty { get; } = new([]);

    public int Count => _entries.Length;

    /// <summary>Up to <paramref name="limit"/> entries whose text (or a word of it onward) starts with what was typed, heaviest first.</summary>
    public IReadOnlyList<SuggestionEntry> Suggest(string typed, int limit)
    {
        var text = KoreanText.Normalize(typed).Trim();
        if (text.Length == 0)
        {
            return _entries.Where(e => e.Kind == "query").OrderByDescending(e => e.Weight).ThenBy(e => e.Text, StringComparer.Ordinal).Take(limit).ToList();
        }

        var compact = string.Concat(KoreanText.Words(text).Select(w => w.Text));
        if (compact.Length == 0)
        {
            return [];
        }

        var found = new Dictionary<int, int>(); // entry → how well it matched (0 best)
        Scan(_keys, Hangul.Keystrokes(compact), 0, found);
        if (Hangul.IsInitialsOnly(compact))
        {
            Scan(_initials, compact, 1, found);
        }

        if (compact.All(c => char.IsAsciiLetterOrDigit(c)) && Romanizer.Key(compact) is { Length: >= 2 } roman)
        {
            Scan(_roman, roman, 2, found);
        }

        return found
            .Select(f => (Entry: _entries[f.Key], Rank: f.Value))
            .OrderBy(f => f.Rank)
            .ThenByDescending(f => f.Entry.Weight)
            .ThenBy(f => f.Entry.Text.Length)
            .ThenBy(f => f.Entry.Text, StringComparer.Ordinal)
            .Select(f => f.Entry)
            .DistinctBy(e => (KoreanText.Normalize(e.Text), e.Kind))
            .Take(limit)
            .ToList();
    }

    private static void Scan((string Key, int Entry)[] keys, string prefix, int rank, Dictionary<int, int> found)
    {
        var lo = 0;
        var hi = keys.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (string.CompareOrdinal(keys[mid].Key, prefix) < 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        for (var i = lo; i < keys.Length && i - lo < MaxScan && keys[i].Key.StartsWith(prefix, StringComparison.Ordinal); i++)
        {
            var entry = keys[i].Entry;
            found[entry] = Math.Min(found.GetValueOrDefault(entry, int.MaxValue), rank);
        }
    }

    private static (string, int)[] Sorted(List<(string Key, int Entry)> keys)
    {
        var array = keys.ToArray();
        Array.Sort(array, (a, b) => string.CompareOrdinal(a.Key, b.Key));
        return array;
    }
}

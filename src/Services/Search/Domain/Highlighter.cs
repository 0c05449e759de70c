using System.Net;
using System.Text;

namespace Brigade.Search.Domain;

/// <summary>What a query looks for in each view, so the words that made a document match can be marked in its text.</summary>
public sealed class HighlightTerms
{
    private readonly Dictionary<TermKind, HashSet<string>> _exact = [];
    private readonly Dictionary<TermKind, List<string>> _prefixes = [];
    private readonly Dictionary<TermKind, List<(string Term, int MaxEdits, int PrefixLength)>> _fuzzy = [];

    public bool IsEmpty => _exact.Count == 0 && _prefixes.Count == 0 && _fuzzy.Count == 0;

    public void Exact(TermKind kind, string term) => Get(_exact, kind).Add(term);

    public void Prefix(TermKind kind, string prefix) => Get(_prefixes, kind).Add(prefix);

    public void Fuzzy(TermKind kind, string term, int maxEdits, int prefixLength) => Get(_fuzzy, kind).Add((term, maxEdits, prefixLength));

    public IEnumerable<TermKind> Kinds => _exact.Keys.Concat(_prefixes.Keys).Concat(_fuzzy.Keys).Distinct();

    public bool Matches(TermKind kind, string term)
    {
        if (_exact.TryGetValue(kind, out var exact) && exact.Contains(term))
        {
            return true;
        }

        if (_prefixes.TryGetValue(kind, out var prefixes) && prefixes.Any(p => term.StartsWith(p, StringComparison.Ordinal)))
        {
            return true;
        }

        return _fuzzy.TryGetValue(kind, out var fuzzy) && fuzzy.Any(f =>
            term.Length >= f.PrefixLength && string.CompareOrdinal(term, 0, f.Term, 0, f.PrefixLength) == 0
            && Edits.Within(f.Term, term, f.MaxEdits));
    }

    private static TValue Get<TValue>(Dictionary<TermKind, TValue> map, TermKind kind) where TValue : new()
    {
        if (!map.TryGetValue(kind, out var value))
        {
            map[kind] = value = new TValue();
        }

        return value;
    }
}

/// <summary>Marks the parts of a text that matched, as HTML: the text escaped, each match in <c>&lt;em&gt;…&lt;/em&gt;</c>.</summary>
public static class Highlighter
{
    /// <summary>The marked text, or null when nothing in it matched.</summary>
    public static string? Mark(string text, HighlightTerms terms)
    {
        if (terms.IsEmpty || string.IsNullOrEmpty(text))
        {
            return null;
        }

        // Offsets are into the normalised text, which has the original's length once the original is composed (NFC).
        var shown = text.IsNormalized(NormalizationForm.FormC) ? text : text.Normalize(NormalizationForm.FormC);
        var normalized = KoreanText.Normalize(shown);
        var marked = new bool[normalized.Length];
        var any = false;
        foreach (var kind in terms.Kinds)
        {
            foreach (var term in KoreanText.Terms(normalized, kind))
            {
                if (terms.Matches(kind, term.Text))
                {
                    any = true;
                    Array.Fill(marked, true, term.Start, term.End - term.Start);
                }
            }
        }

        if (!any)
        {
            return null;
        }

        var html = new StringBuilder(shown.Length + 16);
        var i = 0;
        while (i < shown.Length)
        {
            var j = i;
            while (j < shown.Length && marked[j] == marked[i])
            {
                j++;
            }

            var part = WebUtility.HtmlEncode(shown[i..j]);
            html.Append(marked[i] ? $"<em>{part}</em>" : part);
            i = j;
        }

        return html.ToString();
    }
}

/// <summary>Edit distance with adjacent transpositions (as Lucene's fuzzy queries count it), bounded for speed.</summary>
public static class Edits
{
    public static bool Within(string a, string b, int max)
    {
        if (Math.Abs(a.Length - b.Length) > max)
        {
            return false;
        }

        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            var rowMin = int.MaxValue;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var value = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    value = Math.Min(value, d[i - 2, j - 2] + 1);
                }

                d[i, j] = value;
                rowMin = Math.Min(rowMin, value);
            }

            if (rowMin > max)
            {
                return false;
            }
        }

        return d[a.Length, b.Length] <= max;
    }
}

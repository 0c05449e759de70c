using Term = Lucene.Net.Index.Term;
using Brigade.Search.Domain;
using Lucene.Net.Index;
using Lucene.Net.Search;

namespace Brigade.Search.Index;

/// <summary>A text query as Lucene runs it, and what to mark in the results.</summary>
public sealed record QueryPlan(Query Query, HighlightTerms Highlights, bool Relaxed);

/// <summary>
/// Builds the Lucene query for what a person typed. Every word (or synonym phrase) must match in some field: the name
/// weighs most, then tags, menu, body (BM25 within a field, the best field counting most). A word matches as a whole
/// word or through all its two-syllable pieces; a Latin word also through romanisation; a long Korean word also with a
/// typo (one key off per ~3 syllables). Only consonants (ㄱㅂ) are an initial-consonant query. The relaxed plan, used
/// when the strict one finds too little, needs most rather than all words and allows typos in shorter words too.
/// </summary>
public static class QueryPlanner
{
    public const int MaxWords = 12;
    private const float AlternativeWeight = 0.9f;

    public static QueryPlan? Plan(string? text, bool relaxed)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var words = KoreanText.Words(KoreanText.Normalize(text)).Take(MaxWords).ToList();
        if (words.Count == 0)
        {
            return null;
        }

        var highlights = new HighlightTerms();
        if (words.All(w => Hangul.IsInitialsOnly(w.Text)))
        {
            return new QueryPlan(Initials(words, highlights), highlights, relaxed);
        }

        var units = Units(words);
        var query = new BooleanQuery(disableCoord: true);
        foreach (var unit in units)
        {
            query.Add(unit(relaxed, highlights), relaxed ? Occur.SHOULD : Occur.MUST);
        }

        if (relaxed)
        {
            query.MinimumNumberShouldMatch = Math.Max(1, (int)Math.Ceiling(units.Count * 0.6));
        }

        return new QueryPlan(query, highlights, relaxed);
    }

    /// <summary>The query's units: a synonym phrase, a run of Latin words (also tried joined: kimchi jjigae → 김치찌개), or a word.</summary>
    private static List<Func<bool, HighlightTerms, Query>> Units(List<Word> words)
    {
        var analysed = words.Select(w => w.Script == Script.Latin ? KoreanText.Stem(w.Text) : w.Text).ToList();
        var synonyms = Synonyms.Default.Find(analysed).ToDictionary(m => m.FirstWord);
        var units = new List<Func<bool, HighlightTerms, Query>>();
        var i = 0;
        while (i < words.Count)
        {
            if (synonyms.TryGetValue(i, out var match))
            {
                var phrase = words.Skip(i).Take(match.WordCount).ToList();
                units.Add((relaxed, h) =>
                {
                    var any = new BooleanQuery(disableCoord: true) { { AllOf(phrase, relaxed, h), Occur.SHOULD } };
                    foreach (var alternative in match.Alternatives)
                    {
                        var alt = AllOf(alternative.Select(a => KoreanText.Words(a)[0]).ToList(), relaxed, h);
                        alt.Boost = AlternativeWeight;
                        any.Add(alt, Occur.SHOULD);
                    }

                    return any;
                });
                i += match.WordCount;
                continue;
            }

            var run = 0;
            while (i + run < words.Count && run < 4 && words[i + run].Script == Script.Latin && !synonyms.ContainsKey(i + run))
            {
                run++;
            }

            if (run >= 2)
            {
                var latin = words.Skip(i).Take(run).ToList();
                units.Add((relaxed, h) =>
                {
                    var joined = Romanizer.Key(string.Concat(latin.Select(w => w.Text)));
                    var any = new BooleanQuery(disableCoord: true) { { AllOf(latin, relaxed, h), Occur.SHOULD } };
                    any.Add(Romanised(joined, relaxed, h, boost: 1.2f), Occur.SHOULD);
                    return any;
                });
                i += run;
                continue;
            }

            var word = words[i];
            units.Add((relaxed, h) => Word(word, relaxed, h));
            i++;
        }

        return units;
    }

    private static Query AllOf(List<Word> words, bool relaxed, HighlightTerms h)
    {
        if (words.Count == 1)
        {
            return Word(words[0], relaxed, h);
        }

        var all = new BooleanQuery(disableCoord: true);
        foreach (var word in words)
        {
            all.Add(Word(word, relaxed, h), Occur.MUST);
        }

        return all;
    }

    /// <summary>One word in whichever field it fits best.</summary>
    private static Query Word(Word word, bool relaxed, HighlightTerms h)
    {
        var best = new DisjunctionMaxQuery(0.1f);
        foreach (var (field, boost) in Fields.Weighted)
        {
            var views = new BooleanQuery(disableCoord: true);
            views.Add(TextView(field, word, h), Occur.SHOULD);
            if (Fields.AllViews.Contains(field))
            {
                if (word.Script == Script.Hangul && Typo(field, word.Text, relaxed, h) is { } typo)
                {
                    views.Add(typo, Occur.SHOULD);
                }

                if (word.Script == Script.Latin && Romanizer.Key(word.Text) is { Length: >= 2 } key)
                {
                    views.Add(Romanised(key, relaxed, h, field: field), Occur.SHOULD);
                }
            }

            views.Boost = boost;
            best.Add(views);
        }

        return best;
    }

    private static Query TextView(string field, Word word, HighlightTerms h)
    {
        var w = word.Text;
        if (word.Script == Script.Latin)
        {
            var stem = KoreanText.Stem(w);
            h.Exact(TermKind.Text, stem);
            return new TermQuery(new Term(field, stem));
        }

        if (w.Length == 1)
        {
            // One syllable: the word itself, or the start of a longer one (국 → 국밥, 국수).
            h.Prefix(TermKind.Text, w);
            var either = new BooleanQuery(disableCoord: true)
            {
                { new TermQuery(new Term(field, w)), Occur.SHOULD },
                { new PrefixQuery(new Term(field, w)) { Boost = 0.5f }, Occur.SHOULD },
            };
            return either;
        }

        h.Exact(TermKind.Text, w);
        var whole = new TermQuery(new Term(field, w)) { Boost = 1.5f };
        if (w.Length == 2)
        {
            return whole;
        }

        var pieces = new BooleanQuery(disableCoord: true);
        for (var i = 0; i + 2 <= w.Length; i++)
        {
            var piece = w.Substring(i, 2);
            h.Exact(TermKind.Text, piece);
            pieces.Add(new TermQuery(new Term(field, piece)), Occur.MUST);
        }

        return new BooleanQuery(disableCoord: true) { { whole, Occur.SHOULD }, { pieces, Occur.SHOULD } };
    }

    /// <summary>A near miss in keystrokes: 김치찌게 finds 김치찌개 (ㅔ for ㅐ), 떡볶기 finds 떡볶이.</summary>
    private static Query? Typo(string field, string word, bool relaxed, HighlightTerms h)
    {
        var keys = Hangul.Keystrokes(word);
        if (keys.Length < (relaxed ? 4 : 7))
        {
            return null;
        }

        var edits = keys.Length >= 10 ? 2 : 1;
        h.Fuzzy(TermKind.Keystrokes, keys, edits, 1);
        return new FuzzyQuery(new Term(Fields.View(field, TermKind.Keystrokes), keys), edits, 1) { Boost = 0.6f };
    }

    /// <summary>A romanised word (galbi, kalbi, jjigae) against the romanisation of every field's Hangul and Latin words.</summary>
    private static Query Romanised(string key, bool relaxed, HighlightTerms h, float boost = 0.8f, string? field = null)
    {
        var fields = field is null ? Fields.AllViews : [field];
        var any = new DisjunctionMaxQuery(0.1f);
        h.Exact(TermKind.Roman, key);
        var edits = key.Length >= (relaxed ? 4 : 5) ? (key.Length >= 9 ? 2 : 1) : 0;
        if (edits > 0)
        {
            h.Fuzzy(TermKind.Roman, key, edits, 1);
        }

        foreach (var f in fields)
        {
            var view = Fields.View(f, TermKind.Roman);
            var q = new BooleanQuery(disableCoord: true) { { new TermQuery(new Term(view, key)), Occur.SHOULD } };
            if (edits > 0)
            {
                q.Add(new FuzzyQuery(new Term(view, key), edits, 1) { Boost = 0.6f }, Occur.SHOULD);
            }

            q.Boost = boost * (field is null ? Fields.Weighted.First(w => w.Field == f).Boost : 1f);
            any.Add(q);
        }

        return any;
    }

    /// <summary>ㄱㅂ finds 갈비 (and every other word whose syllables start so), ㄱㅊㅉㄱ finds 김치찌개; a whole word beats a start.</summary>
    private static Query Initials(List<Word> words, HighlightTerms h)
    {
        var all = new BooleanQuery(disableCoord: true);
        foreach (var word in words)
        {
            h.Prefix(TermKind.Initials, word.Text);
            var best = new DisjunctionMaxQuery(0.1f);
            foreach (var (field, boost) in Fields.Weighted.Where(w => Fields.AllViews.Contains(w.Field)))
            {
                var view = Fields.View(field, TermKind.Initials);
                var either = new BooleanQuery(disableCoord: true)
                {
                    { new TermQuery(new Term(view, word.Text)) { Boost = 2f }, Occur.SHOULD },
                    { new PrefixQuery(new Term(view, word.Text)), Occur.SHOULD },
                };
                either.Boost = boost;
                best.Add(either);
            }

            all.Add(best, Occur.MUST);
        }

        return all;
    }
}

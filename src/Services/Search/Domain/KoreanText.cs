using System.Text;

namespace Brigade.Search.Domain;

/// <summary>What a text is broken into for one kind of matching.</summary>
public enum TermKind
{
    /// <summary>Whole words and, for Hangul and other CJK words, their two-syllable pieces (강남역에서 → 강남역에서, 강남, 남역, 역에, 에서).</summary>
    Text,

    /// <summary>Keystrokes (<see cref="Hangul.Keystrokes"/>) of two- to six-syllable pieces, for typo-tolerant matching.</summary>
    Keystrokes,

    /// <summary>Romanisation keys (<see cref="Romanizer.Key"/>) of Hangul pieces and of Latin words.</summary>
    Roman,

    /// <summary>Initial consonants (초성) of every tail of a Hangul word of two syllables or more (김치찌개 → ㄱㅊㅉㄱ, ㅊㅉㄱ, ㅉㄱ).</summary>
    Initials,
}

public enum Script { Hangul, Latin, Other }

/// <summary>A run of one script in a text, with its place (UTF-16 offsets, end exclusive).</summary>
public readonly record struct Word(string Text, int Start, int End, Script Script);

/// <summary>A term to index or look up, with the place in the text it came from (for highlighting).</summary>
public readonly record struct Term(string Text, int Start, int End);

/// <summary>
/// Korean-first analysis without a morphological dictionary: whole words plus two-syllable pieces find a word inside
/// a longer one or before a particle (강남 in 강남역에서), and three more views of the same words serve typos, romanised
/// queries and initial-consonant queries. Pure functions; the index and the queries both use them, so they agree.
/// </summary>
public static class KoreanText
{
    private const int MaxWordLength = 40;

    /// <summary>
    /// The form every text is indexed and queried in: composed Hangul (NFC — not NFKC, which would turn the jamo of
    /// ㄱㅂ into conjoining jamo), full-width Latin as ASCII, lower case. Keeps the length of already composed text.
    /// </summary>
    public static string Normalize(string text)
    {
        var composed = text.IsNormalized(NormalizationForm.FormC) ? text : text.Normalize(NormalizationForm.FormC);
        var builder = new StringBuilder(composed.Length);
        foreach (var c in composed)
        {
            var ch = c is >= '\uFF01' and <= '\uFF5E' ? (char)(c - 0xFEE0) : c == '\u3000' ? ' ' : c;
            builder.Append(char.ToLowerInvariant(ch));
        }

        return builder.ToString();
    }

    /// <summary>The runs of letters and digits of one script; everything else separates words.</summary>
    public static List<Word> Words(string text)
    {
        var words = new List<Word>();
        var i = 0;
        while (i < text.Length)
        {
            var script = ScriptOf(text[i]);
            if (script is null)
            {
                i++;
                continue;
            }

            var start = i;
            while (i < text.Length && ScriptOf(text[i]) == script)
            {
                i++;
            }

            var length = Math.Min(i - start, MaxWordLength);
            words.Add(new Word(text.Substring(start, length).ToLowerInvariant(), start, start + length, script.Value));
        }

        return words;
    }

    /// <summary>The terms of <paramref name="text"/> for <paramref name="kind"/>, in text order (duplicates possible).</summary>
    public static List<Term> Terms(string text, TermKind kind)
    {
        var terms = new List<Term>();
        foreach (var word in Words(text))
        {
            AddTerms(word, kind, terms);
        }

        return terms;
    }

    public static void AddTerms(Word word, TermKind kind, List<Term> terms)
    {
        var w = word.Text;
        switch (kind)
        {
            case TermKind.Text when word.Script == Script.Latin:
                terms.Add(new Term(Stem(w), word.Start, word.End));
                break;
            case TermKind.Text:
                terms.Add(new Term(w, word.Start, word.End));
                if (w.Length >= 3)
                {
                    for (var i = 0; i + 2 <= w.Length; i++)
                    {
                        terms.Add(new Term(w.Substring(i, 2), word.Start + i, word.Start + i + 2));
                    }
                }

                break;
            case TermKind.Keystrokes when word.Script == Script.Hangul:
                Pieces(word, 2, 6, Hangul.Keystrokes, terms);
                break;
            case TermKind.Roman when word.Script == Script.Hangul:
                Pieces(word, 2, 5, Romanizer.Key, terms);
                if (w.Length == 1 && Romanizer.Key(w) is { Length: > 0 } single)
                {
                    terms.Add(new Term(single, word.Start, word.End));
                }

                break;
            case TermKind.Roman when word.Script == Script.Latin:
                if (Romanizer.Key(w) is { Length: >= 2 } key)
                {
                    terms.Add(new Term(key, word.Start, word.End));
                }

                break;
            case TermKind.Initials when word.Script == Script.Hangul && w.Length >= 2:
                for (var i = 0; i + 2 <= w.Length; i++)
                {
                    var initials = Hangul.InitialConsonants(w[i..]);
                    if (initials.Length >= 2)
                    {
                        terms.Add(new Term(initials, word.Start + i, word.End));
                    }
                }

                break;
        }
    }

    /// <summary>English plurals folded (noodles → noodle, ribs → rib), nothing else: names must stay recognisable.</summary>
    public static string Stem(string latin) =>
        latin.Length > 3 && latin[^1] == 's' && latin[^2] is not ('s' or 'u' or 'i') ? latin[..^1] : latin;

    /// <summary>Every piece of <paramref name="min"/>..<paramref name="max"/> syllables, and the whole word when it is longer.</summary>
    private static void Pieces(Word word, int min, int max, Func<string, string> map, List<Term> terms)
    {
        var w = word.Text;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var length = min; length <= Math.Min(max, w.Length); length++)
        {
            for (var i = 0; i + length <= w.Length; i++)
            {
                var key = map(w.Substring(i, length));
                if (key.Length > 0 && seen.Add(key))
                {
                    terms.Add(new Term(key, word.Start + i, word.Start + i + length));
                }
            }
        }

        if (w.Length > max && map(w) is { Length: > 0 } whole && seen.Add(whole))
        {
            terms.Add(new Term(whole, word.Start, word.End));
        }
    }

    private static Script? ScriptOf(char c)
    {
        if (Hangul.IsHangul(c))
        {
            return Script.Hangul;
        }

        if (char.IsAsciiLetterOrDigit(c) || (char.IsLetter(c) && c < '\u0250'))
        {
            return Script.Latin;
        }

        return char.IsLetterOrDigit(c) ? Script.Other : null;
    }
}

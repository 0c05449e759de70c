using System.Text;

namespace Brigade.Search.Domain;

/// <summary>
/// Hangul in Latin letters, so <c>galbi</c> finds 갈비 and <c>kimchi jjigae</c> finds 김치찌개. Words are written syllable by
/// syllable in the Revised Romanization (갈비 → galbi, 떡볶이 → tteokboki), then both that and what a person typed are
/// reduced to one <see cref="Key"/> that forgets the differences between the spellings people use for the same word:
/// k/g, t/d, p/b, ch/j, r/l, eo/o, ae/e, doubled letters (kalbi = galbi, chigae = jjigae, samgyupsal ≈ samgyeopsal).
/// The sound changes across syllables (국물 → gungmul) are not modelled; fuzzy matching on the key absorbs most of them.
/// </summary>
public static class Romanizer
{
    private static readonly string[] Initials = ["g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj", "ch", "k", "t", "p", "h"];

    private static readonly string[] Vowels =
        ["a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo", "we", "wi", "yu", "eu", "ui", "i"];

    // A final consonant as it sounds at the end of a syllable.
    private static readonly string[] Finals =
        ["", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m", "p", "p", "t", "t", "ng", "t", "t", "k", "t", "p", "t"];

    /// <summary>The Revised Romanization of each syllable, other characters kept (lower-cased).</summary>
    public static string Romanize(string text)
    {
        var builder = new StringBuilder(text.Length * 3);
        foreach (var c in text)
        {
            if (Hangul.IsSyllable(c))
            {
                var (initial, vowel, final) = Hangul.Split(c);
                builder.Append(Initials[initial]).Append(Vowels[vowel]).Append(Finals[final]);
            }
            else
            {
                builder.Append(char.ToLowerInvariant(c));
            }
        }

        return builder.ToString();
    }

    /// <summary>
    /// The spelling-insensitive key of a romanised word (Hangul is romanised first): only letters and digits, the
    /// spellings of one sound folded together, doubled letters single. Empty when nothing is left.
    /// </summary>
    public static string Key(string word)
    {
        var text = Romanize(word);
        var letters = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c))
            {
                letters.Append(c);
            }
        }

        // Order matters: digraphs first, then vowels, then the consonant pairs people swap.
        letters.Replace("sh", "s").Replace("ch", "j").Replace("oo", "u").Replace("ee", "i")
            .Replace("eo", "o").Replace("eu", "u").Replace("ae", "e").Replace("we", "e").Replace("oe", "e").Replace("wo", "o")
            .Replace('k', 'g').Replace('t', 'd').Replace('p', 'b').Replace('f', 'b').Replace('r', 'l');

        var key = new StringBuilder(letters.Length);
        for (var i = 0; i < letters.Length; i++)
        {
            if (i == 0 || letters[i] != letters[i - 1])
            {
                key.Append(letters[i]);
            }
        }

        return key.ToString();
    }
}

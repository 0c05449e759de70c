using System.Text;

namespace Brigade.Search.Domain;

/// <summary>
/// Hangul as keys for matching: a syllable is an initial consonant (초성), a vowel and an optional final consonant, all
/// computed from the code point (U+AC00 + (initial × 21 + vowel) × 28 + final). "Keystrokes" spell a text the way a
/// two-set (두벌식) keyboard types it — compound vowels and finals split into their keys — so a syllable still being
/// composed (갋 on the way to 갈비) is a prefix of the finished word, and one wrong vowel (찌게 for 찌개) is one edit.
/// </summary>
public static class Hangul
{
    private const int SyllableBase = 0xAC00;
    private const int SyllableLast = 0xD7A3;

    private static readonly string[] Initials = ["ㄱ", "ㄲ", "ㄴ", "ㄷ", "ㄸ", "ㄹ", "ㅁ", "ㅂ", "ㅃ", "ㅅ", "ㅆ", "ㅇ", "ㅈ", "ㅉ", "ㅊ", "ㅋ", "ㅌ", "ㅍ", "ㅎ"];

    // Vowels and finals as keys: compound ones are the keys typed for them.
    private static readonly string[] VowelKeys = ["ㅏ", "ㅐ", "ㅑ", "ㅒ", "ㅓ", "ㅔ", "ㅕ", "ㅖ", "ㅗ", "ㅗㅏ", "ㅗㅐ", "ㅗㅣ", "ㅛ", "ㅜ", "ㅜㅓ", "ㅜㅔ", "ㅜㅣ", "ㅠ", "ㅡ", "ㅡㅣ", "ㅣ"];

    private static readonly string[] FinalKeys =
        ["", "ㄱ", "ㄲ", "ㄱㅅ", "ㄴ", "ㄴㅈ", "ㄴㅎ", "ㄷ", "ㄹ", "ㄹㄱ", "ㄹㅁ", "ㄹㅂ", "ㄹㅅ", "ㄹㅌ", "ㄹㅍ", "ㄹㅎ", "ㅁ", "ㅂ", "ㅂㅅ", "ㅅ", "ㅆ", "ㅇ", "ㅈ", "ㅊ", "ㅋ", "ㅌ", "ㅍ", "ㅎ"];

    /// <summary>Compatibility jamo typed on their own (ㄼ, ㅘ) as their keys; the simple ones map to themselves.</summary>
    private static readonly Dictionary<char, string> CompoundJamo = new()
    {
        ['ㄳ'] = "ㄱㅅ", ['ㄵ'] = "ㄴㅈ", ['ㄶ'] = "ㄴㅎ", ['ㄺ'] = "ㄹㄱ", ['ㄻ'] = "ㄹㅁ", ['ㄼ'] = "ㄹㅂ", ['ㄽ'] = "ㄹㅅ",
        ['ㄾ'] = "ㄹㅌ", ['ㄿ'] = "ㄹㅍ", ['ㅀ'] = "ㄹㅎ", ['ㅄ'] = "ㅂㅅ",
        ['ㅘ'] = "ㅗㅏ", ['ㅙ'] = "ㅗㅐ", ['ㅚ'] = "ㅗㅣ", ['ㅝ'] = "ㅜㅓ", ['ㅞ'] = "ㅜㅔ", ['ㅟ'] = "ㅜㅣ", ['ㅢ'] = "ㅡㅣ",
    };

    public static bool IsSyllable(char c) => c is >= (char)SyllableBase and <= (char)SyllableLast;

    /// <summary>A Hangul compatibility jamo (ㄱ…ㅣ), as a person types an initial-consonant query or an unfinished syllable.</summary>
    public static bool IsJamo(char c) => c is >= '\u3131' and <= '\u3163';

    /// <summary>A compatibility consonant (ㄱ…ㅎ).</summary>
    public static bool IsConsonant(char c) => c is >= '\u3131' and <= '\u314E';

    public static bool IsHangul(char c) => IsSyllable(c) || IsJamo(c);

    /// <summary>The syllable's parts: initial 0–18, vowel 0–20, final 0–27 (0 = none).</summary>
    public static (int Initial, int Vowel, int Final) Split(char syllable)
    {
        var index = syllable - SyllableBase;
        return (index / 588, index % 588 / 28, index % 28);
    }

    /// <summary>The initial consonant of each syllable (김치찌개 → ㄱㅊㅉㄱ); consonant jamo stay, other characters are dropped.</summary>
    public static string InitialConsonants(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (IsSyllable(c))
            {
                builder.Append(Initials[Split(c).Initial]);
            }
            else if (IsConsonant(c))
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    /// <summary>True when the text is only consonant jamo (ㄱㅂ, ㄱㅊㅉㄱ): an initial-consonant (초성) query.</summary>
    public static bool IsInitialsOnly(string word) => word.Length > 0 && word.All(IsConsonant);

    /// <summary>The keys typed for <paramref name="text"/> (갈비 → ㄱㅏㄹㅂㅣ, 갋 → ㄱㅏㄹㅂ); non-Hangul characters are kept as they are.</summary>
    public static string Keystrokes(string text)
    {
        var builder = new StringBuilder(text.Length * 3);
        foreach (var c in text)
        {
            if (IsSyllable(c))
            {
                var (initial, vowel, final) = Split(c);
                builder.Append(Initials[initial]).Append(VowelKeys[vowel]).Append(FinalKeys[final]);
            }
            else if (CompoundJamo.TryGetValue(c, out var keys))
            {
                builder.Append(keys);
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
